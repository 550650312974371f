/**
 * @module test/conformance/packet-source.case
 * The PacketSource contract, checked the same way for every implementation (file, stream, gzip …).
 * Each implementation calls runPacketSourceConformance() from a one-line test beside its code.
 *
 * What every implementation must do, on the real corpus:
 * - deliver the same packets (timestamps, lengths, link type, interface, bytes) as the reference
 *   reader, whatever the chunk size (7 bytes to megabytes), and as many as the manifest says;
 * - keep every batch consistent (offsets inside `data`, ns below 10^9, interface ids and link types
 *   that match interfaces(), no empty batches) and its progress monotonic, ending at bytesTotal;
 * - close() idempotently, before, during and after iteration; iterate only once;
 * - on a cut file, deliver the packets before the cut, then throw a CaptureFileError.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CaptureFileError } from '../../src/core/errors.js';
import { openCaptureFile } from '../../src/source/index.js';
import type { PacketSource } from '../../src/source/types.js';
import { pcapPath } from '../support/paths.js';
import { collect, type Collected, type CollectedPacket } from './collect.js';
import { readManifest } from './manifest.js';

export interface PacketSourceImplementation {
  /** Shown in test names. */
  readonly name: string;
  /** Corpus files (test/fixtures/pcaps) this implementation is checked on. */
  readonly fixtures: readonly string[];
  /** Open a capture whose file content is `bytes`, reading `chunkBytes` at a time. */
  open(bytes: Uint8Array, chunkBytes: number): Promise<PacketSource>;
}

/**
 * Corpus files whose content is `format` (by magic, not name: two '.pcap' files are pcapng), with
 * `first` (a plain, undamaged file used by the close/cut checks) first.
 */
export function corpusFiles(format: 'pcap' | 'pcapng', first: string): string[] {
  const files = readManifest().map((r) => r.file).filter((f) => {
    const head = readFileSync(pcapPath(f)).subarray(0, 4);
    return (head[0] === 0x0a && head[1] === 0x0d) === (format === 'pcapng');
  });
  return [first, ...files.filter((f) => f !== first)];
}

/** Chunk sizes tried; tiny ones only on small files to keep the suite fast. */
function chunkSizesFor(size: number): number[] {
  const sizes = [1000, 65_536, 4 * 1024 * 1024];
  if (size <= 300_000) sizes.unshift(64);
  if (size <= 25_000) sizes.unshift(7);
  return sizes;
}

/** Read a source to its end, checking every batch and the progress on the way. */
export async function collectChecked(source: PacketSource): Promise<Collected> {
  const packets: CollectedPacket[] = [];
  let error: CaptureFileError | null = null, batches = 0, lastRead = 0;
  const total = source.progress().bytesTotal;
  try {
    for await (const b of source) {
      batches++;
      assert.ok(b.count > 0, 'no empty batches');
      for (const a of [b.offset, b.capLen, b.origLen, b.tsSec, b.tsNsec, b.linkType, b.interfaceId]) assert.ok(a.length >= b.count);
      const ifaces = source.interfaces();
      for (let i = 0; i < b.count; i++) {
        const off = b.offset[i] ?? -1, cap = b.capLen[i] ?? -1, ns = b.tsNsec[i] ?? -1, id = b.interfaceId[i] ?? -1;
        assert.ok(off >= 0 && cap >= 0 && off + cap <= b.data.length, `packet ${i}: bytes inside data`);
        assert.ok((b.origLen[i] ?? -1) >= 0);
        assert.ok(ns >= 0 && ns < 1e9 && Number.isInteger(b.tsSec[i]), `packet ${i}: timestamp`);
        assert.ok(id >= 0 && id < ifaces.length, `packet ${i}: interface ${id} of ${ifaces.length}`);
        assert.equal(b.linkType[i], ifaces[id]?.linkType);
        packets.push({
          tsSec: b.tsSec[i] ?? 0, tsNsec: ns, capLen: cap, origLen: b.origLen[i] ?? 0,
          linkType: b.linkType[i] ?? 0, interfaceId: id, bytes: b.data.slice(off, off + cap),
        });
      }
      const p = source.progress();
      assert.equal(p.packets, packets.length, 'progress.packets counts the delivered packets');
      assert.ok(p.bytesRead >= lastRead, 'bytesRead never goes back');
      assert.equal(p.bytesTotal, total, 'bytesTotal does not change');
      if (total >= 0) assert.ok(p.bytesRead <= total);
      lastRead = p.bytesRead;
    }
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
    error = err;
  } finally {
    await source.close();
  }
  const p = source.progress();
  if (error === null && total >= 0) assert.equal(p.bytesRead, total, 'a completely read input was read to its end');
  return { packets, error, batches };
}

export function runPacketSourceConformance(impl: PacketSourceImplementation): void {
  const manifest = new Map(readManifest().map((r) => [r.file, r]));
  const reference = new Map<string, Promise<Collected>>();
  const referenceOf = (file: string): Promise<Collected> => {
    let r = reference.get(file);
    if (r === undefined) {
      r = openCaptureFile(pcapPath(file)).then(collect);
      reference.set(file, r);
    }
    return r;
  };

  describe(`PacketSource conformance: ${impl.name}`, () => {
    for (const file of impl.fixtures) {
      test(`${file}: the same packets whatever the chunk size`, async () => {
        const bytes = readFileSync(pcapPath(file));
        const ref = await referenceOf(file);
        const row = manifest.get(file);
        assert.ok(row !== undefined, `${file} is in the manifest`);
        for (const chunk of chunkSizesFor(bytes.length)) {
          const got = await collectChecked(await impl.open(bytes, chunk));
          assert.equal(got.packets.length, row.packets, `chunk ${chunk}: packet count`);
          assert.equal(got.error?.code, ref.error?.code, `chunk ${chunk}: ${got.error?.message ?? 'no error'}`);
          assert.equal(got.error?.fileOffset, ref.error?.fileOffset);
          for (let i = 0; i < got.packets.length; i++) assert.deepEqual(got.packets[i], ref.packets[i], `chunk ${chunk}: packet ${i}`);
        }
      });
    }

    const sample = impl.fixtures[0];
    if (sample === undefined) return;
    const sampleBytes = (): Uint8Array => readFileSync(pcapPath(sample));

    test('close() is idempotent, before, during and after iteration', async () => {
      const before = await impl.open(sampleBytes(), 64);
      await before.close();
      await before.close();
      assert.deepEqual((await collect(before)).packets, []);

      const during = await impl.open(sampleBytes(), 64);
      let batches = 0;
      for await (const b of during) {
        assert.ok(b.count > 0);
        batches++;
        await during.close();
        await during.close();
      }
      assert.equal(batches, 1);

      const broken = await impl.open(sampleBytes(), 64);
      for await (const b of broken) {
        assert.ok(b.count > 0);
        break;
      }
      await broken.close();
      assert.ok(broken.progress().packets > 0);
    });

    test('a source is iterated only once', async () => {
      const s = await impl.open(sampleBytes(), 1000);
      await collect(s);
      assert.throws(() => s[Symbol.asyncIterator]());
    });

    test('a cut file: the complete packets before the cut, then a CaptureFileError', async () => {
      const bytes = sampleBytes();
      const ref = await referenceOf(sample);
      for (const cutAt of [0.3, 0.5, 0.9]) {
        let cut = Math.floor(bytes.length * cutAt);
        let got = await collectChecked(await impl.open(bytes.subarray(0, cut), 64));
        if (got.error === null) {
          // The cut fell between two records: a shorter, valid file. One byte less is inside a record.
          assert.ok(got.packets.length < ref.packets.length);
          cut -= 1;
          got = await collectChecked(await impl.open(bytes.subarray(0, cut), 64));
        }
        assert.ok(got.error instanceof CaptureFileError, `cut at ${cut}: ${got.packets.length} packets and no error`);
        assert.equal(got.error.packetsBefore, got.packets.length);
        assert.ok(got.error.fileOffset <= cut);
        assert.ok(got.packets.length < ref.packets.length);
        for (let i = 0; i < got.packets.length; i++) assert.deepEqual(got.packets[i], ref.packets[i]);
      }
    });
  });
}
