/**
 * Cut a small pcap and a small pcapng at every byte offset: the source must yield exactly the
 * packets that are complete before the cut (byte for byte the same as in the whole file), then a
 * CaptureFileError (SourceTruncated at the start of the cut record) unless the cut falls between
 * records; never another exception, never a hang. Chunk sizes vary with the cut.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CaptureFileError, ErrorCode } from '../core/errors.js';
import { pcapPath } from '../../test/support/paths.js';
import { collect, openBytes, type Collected } from '../../test/conformance/collect.js';

/** Record boundaries found by an independent walk: [end offset of each record, is it a packet]. */
function pcapBoundaries(b: Uint8Array): { headerEnd: number; records: [number, boolean][] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = v.getUint32(0, true) === 0xa1b2c3d4 || v.getUint32(0, true) === 0xa1b23c4d;
  const records: [number, boolean][] = [];
  let p = 24;
  while (p + 16 <= b.length) {
    p += 16 + v.getUint32(p + 8, le);
    if (p <= b.length) records.push([p, true]);
  }
  return { headerEnd: 24, records };
}

function pcapngBoundaries(b: Uint8Array): { headerEnd: number; records: [number, boolean][] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const records: [number, boolean][] = [];
  let p = 0, le = true;
  while (p + 12 <= b.length) {
    const type = v.getUint32(p, le);
    if (type === 0x0a0d0d0a) le = v.getUint32(p + 8, true) === 0x1a2b3c4d;
    p += v.getUint32(p + 4, le);
    if (p <= b.length) records.push([p, type === 6 || type === 3 || type === 2]);
  }
  return { headerEnd: records[0]?.[0] ?? 0, records };
}

async function openCut(bytes: Uint8Array, cut: number): Promise<Collected | CaptureFileError> {
  const chunk = 1 + (cut % 61);
  try {
    return await collect(await openBytes(bytes.subarray(0, cut), chunk, { chunkBytes: 1 + (cut % 257) }));
  } catch (err) {
    if (err instanceof CaptureFileError) return err; // rejected at open (fewer than 4 bytes)
    throw err;
  }
}

async function checkEveryCut(name: string, bytes: Uint8Array, walk: (b: Uint8Array) => { headerEnd: number; records: [number, boolean][] }): Promise<void> {
  const whole = await collect(await openBytes(bytes));
  assert.equal(whole.error, null);
  const { headerEnd, records } = walk(bytes);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const r = await openCut(bytes, cut);
    if (r instanceof CaptureFileError) {
      assert.ok(cut < 4, `${name} cut ${cut}: rejected at open: ${r.message}`);
      assert.equal(r.code, cut === 0 ? ErrorCode.SourceFormat : ErrorCode.SourceTruncated);
      continue;
    }
    const complete = records.filter(([end]) => end <= cut);
    const expectedPackets = complete.filter(([, isPacket]) => isPacket).length;
    assert.equal(r.packets.length, expectedPackets, `${name} cut ${cut}: packets`);
    for (let i = 0; i < r.packets.length; i++) assert.deepEqual(r.packets[i], whole.packets[i], `${name} cut ${cut}: packet ${i}`);
    const lastEnd = complete.length === 0 ? 0 : (complete[complete.length - 1] as [number, boolean])[0];
    const atBoundary = cut === lastEnd && cut >= headerEnd;
    if (atBoundary || (walk === pcapBoundaries && cut === headerEnd)) assert.equal(r.error, null, `${name} cut ${cut}: ${r.error?.message ?? ''}`);
    else {
      assert.equal(r.error?.code, ErrorCode.SourceTruncated, `${name} cut ${cut}: ${r.error?.message ?? 'no error'}`);
      assert.equal(r.error.fileOffset, walk === pcapBoundaries ? Math.max(lastEnd, cut < 24 ? 0 : 24) : lastEnd, `${name} cut ${cut}`);
      assert.equal(r.error.packetsBefore, expectedPackets);
    }
  }
}

test('a small pcap cut at every byte offset', { timeout: 60_000 }, async () => {
  await checkEveryCut('zeek_icmp_dot1q.pcap', readFileSync(pcapPath('zeek_icmp_dot1q.pcap')), pcapBoundaries);
});

test('a small pcapng cut at every byte offset', { timeout: 60_000 }, async () => {
  await checkEveryCut('ndpi_radmin3.pcapng', readFileSync(pcapPath('ndpi_radmin3.pcapng')), pcapngBoundaries);
});

test('the first 3 KB of a pcapng with 11 interfaces, cut at every byte offset', { timeout: 60_000 }, async () => {
  const bytes = readFileSync(pcapPath('pcapplusplus_many_interfaces-1.pcapng'));
  const { records } = pcapngBoundaries(bytes);
  const end = records.filter(([e]) => e <= 3072).pop()?.[0] ?? 0;
  await checkEveryCut('pcapplusplus_many_interfaces-1.pcapng[0:3K]', bytes.subarray(0, end), pcapngBoundaries);
});

test('a gzip-compressed pcap cut at every byte offset: good packets, then a gzip error', { timeout: 60_000 }, async () => {
  const plain = readFileSync(pcapPath('zeek_icmp_dot1q.pcap'));
  const whole = await collect(await openBytes(plain));
  const gz = gzipSync(plain);
  for (let cut = 0; cut < gz.length; cut++) {
    const r = await openCut(gz, cut);
    if (r instanceof CaptureFileError) {
      assert.ok([ErrorCode.SourceFormat, ErrorCode.SourceTruncated].includes(r.code as never), r.message);
      continue;
    }
    assert.ok(r.error !== null, `cut ${cut}: a cut gzip stream must end in an error`);
    assert.equal(r.error.code, ErrorCode.SourceTruncated, r.error.message);
    assert.ok(r.packets.length <= whole.packets.length);
    for (let i = 0; i < r.packets.length; i++) assert.deepEqual(r.packets[i], whole.packets[i]);
  }
});
