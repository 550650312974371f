import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { History } from './history.js';

const RES = [
  { seconds: 1, keep: 120, minKeep: 60 },
  { seconds: 60, keep: 60, minKeep: 60 },
  { seconds: 3600, keep: 48, minKeep: 2 },
];

function feed(h: History, e: number, sec: number, packets: number, bytes: number): void {
  h.advance(sec);
  const i = h.touch(e);
  h.open[i] = (h.open[i] as number) + packets;
  h.open[i + 1] = (h.open[i + 1] as number) + bytes;
}

test('seconds roll up into minutes and hours, and intervals sum across resolutions', () => {
  const h = new History(2, 16, RES);
  const t0 = 1_600_000_000 - (1_600_000_000 % 3600);
  // Entity 3: one packet of 100 bytes every second for 3 hours.
  for (let s = 0; s < 3 * 3600; s++) feed(h, 3, t0 + s, 1, 100);
  h.flush();
  const out = new Float64Array(2);
  h.sumRange(3, t0, t0 + 3 * 3600, out);
  assert.deepEqual(Array.from(out), [3 * 3600, 3 * 3600 * 100]);
  // Only 120 one-second buckets remain; the last 2 minutes are answered at 1 s.
  assert.equal(h.closedCount(0), 120);
  const last = new Float64Array(2);
  h.sumRange(3, t0 + 3 * 3600 - 1, t0 + 3 * 3600, last);
  assert.deepEqual(Array.from(last), [1, 100]);
  // The first hour comes from the 1-hour level (minutes kept: 60).
  const firstHour = new Float64Array(2);
  h.sumRange(3, t0, t0 + 3600, firstHour);
  assert.deepEqual(Array.from(firstHour), [3600, 360000]);
  // An entity never touched has nothing.
  const none = new Float64Array(2);
  h.sumRange(4, t0, t0 + 3 * 3600, none);
  assert.deepEqual(Array.from(none), [0, 0]);
});

test('gaps cost nothing and late packets count in the open second', () => {
  const h = new History(1, 4, RES);
  feed(h, 0, 1000, 1, 0);
  feed(h, 0, 5000, 1, 0);
  feed(h, 0, 4000, 1, 0); // late: counted in second 5000
  h.flush();
  const all = new Float64Array(1);
  h.sumRange(0, 0, 10_000, all);
  assert.equal(all[0], 3);
  const at5000 = new Float64Array(1);
  h.sumRange(0, 5000, 5001, at5000);
  assert.equal(at5000[0], 2);
});

test('series aggregates to the requested timespan and point count', () => {
  const h = new History(1, 4, RES);
  const t0 = 1_700_000_000 - (1_700_000_000 % 60);
  for (let s = 0; s < 100; s++) feed(h, 1, t0 + s, 1, 0);
  h.flush();
  const s10 = h.series(1, t0, t0 + 100, 10, 1000);
  assert.equal(s10.timespan, 10);
  assert.equal(s10.times.length, 10);
  assert.deepEqual(s10.values.map((v) => v[0]), new Array(10).fill(10));
  const s5points = h.series(1, t0, t0 + 100, undefined, 5);
  assert.ok(s5points.times.length <= 5);
  assert.equal(s5points.values.reduce((a, v) => a + (v[0] ?? 0), 0), 100);
});

test('scrub removes evicted ids from every bucket; sumRangeAll adds every entity', () => {
  const h = new History(1, 8, RES);
  for (let s = 0; s < 5; s++) {
    feed(h, 1, 100 + s, 1, 0);
    feed(h, 2, 100 + s, 2, 0);
  }
  const mark = new Uint8Array(8);
  mark[1] = 1;
  h.scrub(mark);
  h.flush();
  const dense = new Float64Array(8);
  h.sumRangeAll(0, 1000, dense);
  assert.equal(dense[1], 0);
  assert.equal(dense[2], 10);
});

test('absorb: a shard on another clock is refused; same-clock buckets are summed per id', () => {
  const a = new History(4, 16), b = new History(4, 16);
  a.advance(100);
  b.advance(100);
  let i = a.touch(1);
  a.open[i] = 1;
  i = b.touch(0);
  b.open[i] = 2;
  i = b.touch(1);
  b.open[i + 1] = 5;
  a.advance(101);
  b.advance(101);
  a.absorb(b, Int32Array.of(3, 1));
  a.flush();
  const sum = new Float64Array(4);
  a.sumRange(1, 100, 101, sum);
  assert.deepEqual(Array.from(sum), [1, 5, 0, 0]);
  sum.fill(0);
  a.sumRange(3, 100, 101, sum);
  assert.deepEqual(Array.from(sum), [2, 0, 0, 0]);
  const c = new History(4, 16);
  c.advance(200);
  assert.throws(() => { c.absorb(b, Int32Array.of(0, 1)); }, /different clocks/);
});
