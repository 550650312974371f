/**
 * Tests of the capture bookkeeping: CaptureManager (ids, the concurrency limit, stop, the finished
 * record with counters and throughput), CaptureDb (last 100 finished, recent filters per user,
 * favorites; kept across a reopen of the data directory), strftime file names and TapStream.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PacketDecoder, PacketInfo } from '../decode/index.js';
import { fixtureFrames } from '../decode/test-frames.js';
import { FilterContext } from '../filter/index.js';
import { CaptureDb, FINISHED_KEPT } from './capture-db.js';
import { CaptureManager, type CaptureStart } from './capture-manager.js';
import { CaptureTap } from './capture-tap.js';
import { isPlainFileName, strftime } from './strftime.js';
import { TapStream } from './tap-stream.js';

function start(tap: CaptureTap, expression = 'port == 53', user = 'alice'): CaptureStart {
  return {
    user, clientAddress: '127.0.0.1', clientPort: 40000, slot: 0, mode: 'http', source: 'live', format: 'pcap',
    expression, snapLength: 0, startTimeUs: null, endTimeUs: null, tap,
  };
}

test('manager: ids, limit, stop, finished record; the database keeps it across a reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-capdb-'));
  try {
    let clock = 1000;
    const db = new CaptureDb(dir);
    const m = new CaptureManager(db, 2, () => clock);
    const a = m.begin(start(new CaptureTap({ expression: 'port == 53', format: 'pcap' })));
    const b = m.begin(start(new CaptureTap({ expression: '', format: 'pcap' }), ''));
    assert.ok(a && b);
    assert.equal(b.id, a.id + 1);
    assert.equal(m.begin(start(new CaptureTap({ expression: '', format: 'pcap' }))), undefined, 'limit of 2');
    assert.deepEqual(m.current().map((c) => [c.id, c.clientAddress, c.clientPort]), [[a.id, '127.0.0.1', 40000], [b.id, '127.0.0.1', 40000]]);
    assert.equal(m.stop(a.id, 'bob'), true);
    assert.equal(a.tap.finished, true);
    assert.equal(m.stop(999, 'bob'), false);
    a.tap.counters.bytes = 5000;
    clock = 1010;
    const rec = m.end(a, 'completed');
    assert.ok(rec);
    assert.equal(rec.reason, 'stopped by bob');
    assert.equal(rec.throughput, 500);
    assert.equal(m.end(a, 'again'), undefined, 'ended once');
    assert.deepEqual(db.recent('alice').map((r) => r.expression), ['port == 53'], 'empty filters are not recent');
    db.close();
    const reopened = new CaptureDb(dir);
    assert.deepEqual(reopened.finished().map((f) => [f.id, f.bytes, f.reason]), [[a.id, 5000, 'stopped by bob']]);
    assert.equal(new CaptureManager(reopened).begin(start(new CaptureTap({ expression: '', format: 'pcap' })))?.id, a.id + 1, 'ids continue');
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('db: the last 100 finished, recent filters newest first per user, favorites', () => {
  const db = new CaptureDb(undefined);
  for (let i = 1; i <= FINISHED_KEPT + 5; i++) {
    db.addFinished({ id: i, user: 'u', mode: 'http', source: 'file', format: 'pcap', expression: '', started: i, ended: i, captured: 0, dropped: 0, ignored: 0, bytes: 0, throughput: 0, reason: 'completed' });
  }
  const f = db.finished();
  assert.equal(f.length, FINISHED_KEPT);
  assert.equal(f[0]?.id, FINISHED_KEPT + 5);
  assert.equal(f.at(-1)?.id, 6);
  db.addRecent('u', 'a', 1);
  db.addRecent('u', 'b', 2);
  db.addRecent('u', 'a', 3);
  db.addRecent('v', 'c', 4);
  assert.deepEqual(db.recent('u').map((r) => r.expression), ['a', 'b']);
  assert.equal(db.clearRecent('u'), 2);
  assert.deepEqual(db.recent('v').map((r) => r.expression), ['c']);
  const fav = db.addFavorite('u', 'port == 53', 'DNS', 1);
  assert.equal(db.addFavorite('u', 'port == 53', 'name lookups', 2)?.id, fav?.id, 'same filter: new description');
  assert.deepEqual(db.favorites('u').map((x) => x.description), ['name lookups']);
  assert.deepEqual(db.favorites('v'), []);
  assert.equal(db.removeFavorite('v', fav?.id ?? 0), false, 'not the owner');
  assert.equal(db.removeFavorite('u', fav?.id ?? 0), true);
  assert.equal(db.clearFinished(), FINISHED_KEPT);
  db.close();
});

test('strftime file names in UTC; plain file names only', () => {
  const t = Date.UTC(2024, 1, 29, 7, 5, 9) / 1000;
  assert.equal(strftime('cap_%Y-%m-%d_%H%M%S_%j_%y_%%.pcap', t), 'cap_2024-02-29_070509_060_24_%.pcap');
  assert.equal(strftime('%s', t), String(t));
  assert.equal(isPlainFileName('a b.pcapng'), true);
  for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'a"b', 'a\nb', 'x'.repeat(201)]) assert.equal(isPlainFileName(bad), false, JSON.stringify(bad));
});

test('TapStream: delivers the tap output and ends when the tap finishes; destroy stops the tap', async () => {
  const tap = new CaptureTap({ expression: '', format: 'pcap' });
  const stream = new TapStream(tap, 5);
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => { chunks.push(c); });
  const done = new Promise((resolve) => { stream.once('end', resolve); });
  const decoder = new PacketDecoder(), pi = new PacketInfo(), ctx = new FilterContext();
  let n = 0;
  for (const f of fixtureFrames('tcpdump_LACP.pcap')) {
    decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, pi);
    tap.offer(pi, ctx);
    n++;
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  tap.stop();
  await done;
  const bytes = Buffer.concat(chunks);
  assert.equal(bytes.readUInt32LE(0), 0xa1b23c4d);
  assert.equal(tap.counters.captured, n);
  assert.equal(tap.counters.bytes, bytes.length);
  const other = new CaptureTap({ expression: '', format: 'pcapng' });
  new TapStream(other).destroy();
  assert.equal(other.finished, true);
});
