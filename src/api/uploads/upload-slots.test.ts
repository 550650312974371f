import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pcapPath } from '../../../test/support/paths.js';
import { ApiError } from '../api-error.js';
import { SlotRegistry } from '../module-registry.js';
import { UploadSlots } from './upload-slots.js';

const FILE = readFileSync(pcapPath('ndpi_6in4tunnel.pcap'));

async function* chunks(bytes: Uint8Array, size = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await new Promise(setImmediate);
    yield bytes.subarray(i, i + size);
  }
}

const status = (code: number) => (e: unknown): boolean => e instanceof ApiError && e.statusCode === code;

test('init picks the lowest free slot, refuses busy ones unless forced, and range-checks', () => {
  const slots = new SlotRegistry();
  const up = new UploadSlots(slots, 16 * 2 ** 20);
  assert.equal(up.init({ fileName: 'a.pcap', fileSize: 10 }), 1);
  assert.equal(up.init({ fileName: 'b.pcap', fileSize: 10 }), 2);
  assert.throws(() => up.init({ fileName: 'c.pcap', fileSize: 10, slot: 1 }), status(409));
  assert.equal(up.init({ fileName: 'c.pcap', fileSize: 10, slot: 1, force: true }), 1);
  assert.throws(() => up.init({ fileName: 'x', fileSize: 1, slot: 9 }), status(400));
  assert.throws(() => { up.start(5); }, status(404));
  assert.deepEqual(slots.list().map((s) => [s.id, s.description]), [[0, 'live'], [1, 'c.pcap'], [2, 'b.pcap']]);
});

test('a profile with captured-length accounting counts the bytes the capture holds', async () => {
  const cut = readFileSync(pcapPath('zeek_tcp_truncated-header.pcap'));
  const up = new UploadSlots(new SlotRegistry(), 16 * 2 ** 20);
  const wire = await up.feed(up.init({ fileName: 'w.pcap', fileSize: cut.length }), chunks(cut));
  const profile = { name: 'captured', settings: { packetLengthAccounting: 'captured' as const }, updated: 0 };
  const captured = await up.feed(up.init({ fileName: 'c.pcap', fileSize: cut.length, profile }), chunks(cut));
  assert.equal(captured.processing.packets, wire.processing.packets);
  // 24 frames of this capture are cut by the snap length.
  assert.ok((captured.processing.bytes as number) < (wire.processing.bytes as number));
});

test('feed analyses the stream and holds it to the declared size', async () => {
  const up = new UploadSlots(new SlotRegistry(), 16 * 2 ** 20);
  const ok = up.init({ fileName: 'ok.pcap', fileSize: FILE.length });
  const done = await up.feed(ok, chunks(FILE));
  assert.equal(done.state, 'done');
  assert.equal(done.error, null);
  assert.ok((done.processing.packets as number) > 0);
  assert.equal(up.describe(ok).bytesReceived, FILE.length);

  const big = up.init({ fileName: 'big.pcap', fileSize: FILE.length - 100 });
  const over = await up.feed(big, chunks(FILE));
  assert.equal(over.state, 'failed');
  assert.match(over.error ?? '', /larger than its declared size/);
  await assert.rejects(up.feed(big, chunks(FILE)), status(409));
  await up.reset(big);
  assert.equal(up.describe(big).state, 'initialised');
  await up.delete(big);
  assert.throws(() => up.describe(big), status(404));
});
