/**
 * @module source/overload-queue.test
 * The bounded pipe queue: records are kept or dropped whole at any chunking, counted, and the
 * kept bytes still form a valid pcap stream that the ordinary reader frames.
 */
import { strict as assert } from 'node:assert';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { openCaptureStream } from './index.js';
import { OverloadQueue } from './overload-queue.js';

/** A little-endian µs pcap with `n` records of 60 + (i % 40) bytes, byte i of record k = k & 0xff. */
function pcap(n: number): Uint8Array {
  const parts: Buffer[] = [];
  const g = Buffer.alloc(24);
  g.writeUInt32LE(0xa1b2c3d4, 0); g.writeUInt16LE(2, 4); g.writeUInt16LE(4, 6); g.writeUInt32LE(262144, 16); g.writeUInt32LE(1, 20);
  parts.push(g);
  for (let k = 0; k < n; k++) {
    const len = 60 + (k % 40);
    const h = Buffer.alloc(16);
    h.writeUInt32LE(1000 + k, 0); h.writeUInt32LE(len, 8); h.writeUInt32LE(len, 12);
    parts.push(h, Buffer.alloc(len, k & 0xff));
  }
  return Buffer.concat(parts);
}

async function packetsOf(bytes: Uint8Array): Promise<number[]> {
  const src = await openCaptureStream(Readable.from([Buffer.from(bytes)]), 'kept');
  const firstBytes: number[] = [];
  for await (const b of src) for (let i = 0; i < b.count; i++) firstBytes.push(b.data[b.offset[i] ?? 0] ?? -1);
  return firstBytes;
}

async function drain(q: OverloadQueue): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  for await (const c of q) out.push(c);
  return Buffer.concat(out);
}

test('under the cap every record is kept, whatever the chunking', async () => {
  const file = pcap(500);
  for (const step of [1, 7, 16, 24, 100, 4096, file.length]) {
    const input = new PassThrough();
    const q = new OverloadQueue(input, 1 << 30);
    for (let at = 0; at < file.length; at += step) q.push(file.subarray(at, at + step));
    input.end();
    const kept = await drain(q);
    assert.deepEqual(Buffer.from(kept), Buffer.from(file), `step ${step}`);
    assert.equal(q.figures.records, 500);
    assert.equal(q.figures.overloadDrops, 0);
    assert.equal(q.figures.queuedBytes, 0);
  }
});

test('over the cap whole records are dropped and counted; the rest still parses', async () => {
  const file = pcap(1000);
  for (const step of [1, 13, 1000, 8192]) {
    const input = new PassThrough();
    const q = new OverloadQueue(input, 5000);
    for (let at = 0; at < file.length; at += step) q.push(file.subarray(at, at + step));
    assert.ok(q.figures.queuedBytes <= 5000 + 116, `step ${step}: ${q.figures.queuedBytes} queued`);
    input.end();
    const kept = await drain(q);
    const packets = await packetsOf(kept);
    assert.equal(q.figures.records, 1000);
    assert.ok(q.figures.overloadDrops > 900, `step ${step}: ${q.figures.overloadDrops} dropped`);
    assert.equal(packets.length + q.figures.overloadDrops, 1000, `step ${step}`);
    // The first records (until the cap) are the ones kept, in order.
    assert.deepEqual(packets.slice(0, 5), [0, 1, 2, 3, 4]);
  }
});

test('a consumer that keeps up sees every record; reading resumes after drops', async () => {
  const file = pcap(300);
  const input = new PassThrough();
  const q = new OverloadQueue(input, 3000);
  const consumed = drain(q);
  for (let at = 0; at < file.length; at += 500) {
    q.push(file.subarray(at, at + 500));
    await new Promise((r) => setImmediate(r));
  }
  input.end();
  assert.equal((await packetsOf(await consumed)).length, 300);
  assert.equal(q.figures.overloadDrops, 0);
});

test('a stream that is not pcap passes through untouched', async () => {
  const input = new PassThrough();
  const q = new OverloadQueue(input, 10);
  const bytes = Buffer.alloc(1000, 7);
  q.push(bytes);
  input.end();
  assert.deepEqual(Buffer.from(await drain(q)), bytes);
  assert.equal(q.figures.records, 0);
});
