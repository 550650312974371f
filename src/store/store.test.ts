import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Store } from './store.js';
import { IpTable } from './ip-table.js';
import { Counter } from './counters.js';

test('a flood of unique addresses stays under the memory budget and evicts the oldest first', () => {
  const budget = 24 * 2 ** 20;
  const store = new Store({ memoryBudgetBytes: budget });
  const ips = store.addTable(new IpTable({ initialCapacity: 1024 }));
  const w = new Uint32Array(4);
  const t0 = 1_500_000_000;
  const total = 2_000_000;
  const perSecond = 10_000;
  let peak = 0;
  for (let i = 0; i < total; i++) {
    const sec = t0 + Math.floor(i / perSecond);
    store.advance(sec);
    w[3] = 0x0a000000 + i;
    const e = ips.upsert(4, w, 0, sec * 1e6);
    if (e >= 0) ips.addTraffic(e, Counter.TxPackets, 1, 60);
    if ((i & 0xffff) === 0) peak = Math.max(peak, store.memoryBytes());
  }
  store.finish();
  peak = Math.max(peak, store.memoryBytes());
  assert.ok(peak <= budget, `peak ${peak} over budget ${budget}`);
  assert.ok(ips.evicted > 0);
  // The newest addresses are there, the oldest went.
  w[3] = 0x0a000000 + total - 1;
  assert.ok(ips.find(4, w, 0) >= 0);
  w[3] = 0x0a000000;
  assert.equal(ips.find(4, w, 0), -1);
  const status = store.status();
  assert.ok(status.minimumStorageTimeSec > 0 && status.minimumStorageTimeSec < total / perSecond);
  assert.equal(status.tables.ip?.live, ips.live);
});

test('evicted ids are reused cleanly: a new entity starts from zero', () => {
  const store = new Store({ memoryBudgetBytes: 1e9 });
  const ips = store.addTable(new IpTable({ initialCapacity: 16 }));
  const w = new Uint32Array(4);
  store.advance(10);
  w[3] = 1;
  const a = ips.upsert(4, w, 0, 10e6);
  ips.addTraffic(a, Counter.RxPackets, 5, 500);
  store.advance(20);
  assert.equal(ips.evictIdle(1, 20e6), 1);
  w[3] = 2;
  const b = ips.upsert(4, w, 0, 20e6);
  assert.equal(b, a);
  assert.deepEqual(ips.countersOf(b), [0, 0, 0, 0]);
  const out = new Float64Array(4);
  ips.history.sumRange(b, 0, 100, out);
  assert.deepEqual(Array.from(out), [0, 0, 0, 0]);
  w[3] = 1;
  assert.equal(ips.find(4, w, 0), -1);
});

test('backward-shift deletion keeps every other key findable', () => {
  const store = new Store({ memoryBudgetBytes: 1e9 });
  const ips = store.addTable(new IpTable({ initialCapacity: 64 }));
  const w = new Uint32Array(4);
  store.advance(1);
  for (let i = 0; i < 60; i++) {
    w[3] = i * 7;
    ips.upsert(4, w, 0, i);
  }
  store.advance(100);
  assert.equal(ips.evictIdle(30, 100e6), 30);
  let found = 0;
  for (let i = 0; i < 60; i++) {
    w[3] = i * 7;
    if (ips.find(4, w, 0) >= 0) found++;
  }
  assert.equal(found, 30);
  assert.equal(ips.live, 30);
});
