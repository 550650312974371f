import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ErrorCode } from '../core/errors.js';
import { pcapPath } from '../../test/support/paths.js';
import { collect, openBytes } from '../../test/conformance/collect.js';
import { openCaptureFile } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'wm-source-gzip-'));
after(() => { rmSync(dir, { recursive: true, force: true }); });

function writeTemp(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

for (const fixture of ['zeek_wikipedia.pcap', 'pcapplusplus_many_interfaces-1.pcapng', 'ndpi_netbios.pcap']) {
  test(`gzip-compressed ${fixture}: same packets, format +gzip, progress in compressed bytes`, async () => {
    const plainBytes = readFileSync(pcapPath(fixture));
    const gz = gzipSync(plainBytes);
    const plain = await openCaptureFile(pcapPath(fixture));
    const zipped = await openCaptureFile(writeTemp(`${fixture}.gz`, gz), { chunkBytes: 1000 });
    assert.equal(zipped.format, `${plain.format}+gzip`);
    const a = await collect(plain), b = await collect(zipped);
    assert.equal(b.error, null);
    assert.deepEqual(b.packets, a.packets);
    assert.deepEqual(zipped.interfaces(), plain.interfaces());
    assert.deepEqual(zipped.progress(), { bytesRead: gz.length, bytesTotal: gz.length, packets: a.packets.length });
  });
}

test('concatenated gzip members are one stream', async () => {
  const bytes = readFileSync(pcapPath('zeek_icmp_dot1q.pcap'));
  const gz = Buffer.concat([gzipSync(bytes.subarray(0, 100)), gzipSync(bytes.subarray(100))]);
  const r = await collect(await openCaptureFile(writeTemp('members.pcap.gz', gz)));
  assert.equal(r.error, null);
  assert.equal(r.packets.length, 15);
});

test('a cut gzip file yields the packets before the cut, then SourceTruncated', async () => {
  const bytes = readFileSync(pcapPath('zeek_wikipedia.pcap'));
  const gz = gzipSync(bytes);
  const plain = await collect(await openCaptureFile(pcapPath('zeek_wikipedia.pcap')));
  const r = await collect(await openCaptureFile(writeTemp('cut.pcap.gz', gz.subarray(0, Math.floor(gz.length / 2)))));
  assert.ok(r.packets.length > 10 && r.packets.length < plain.packets.length, `${r.packets.length}`);
  assert.deepEqual(r.packets, plain.packets.slice(0, r.packets.length));
  assert.equal(r.error?.code, ErrorCode.SourceTruncated);
  assert.match(r.error.message, /gzip stream ends early \(unexpected end of file\); the data ends at offset \d+, inside the record at offset \d+/);
  assert.equal(r.error.packetsBefore, r.packets.length);
});

test('a gzip file with a wrong checksum: every packet, then SourceCorrupt', async () => {
  const gz = gzipSync(readFileSync(pcapPath('zeek_icmp_dot1q.pcap')));
  gz[gz.length - 8] = (gz[gz.length - 8] ?? 0) ^ 0xff; // CRC-32 of the trailer
  const r = await collect(await openCaptureFile(writeTemp('crc.pcap.gz', gz)));
  assert.equal(r.packets.length, 15);
  assert.equal(r.error?.code, ErrorCode.SourceCorrupt);
  assert.match(r.error.message, /gzip data is corrupt \(incorrect data check\)/);
});

test('gzip of something that is not a capture, and gzip that ends in its header', async () => {
  await assert.rejects(openCaptureFile(writeTemp('text.gz', gzipSync('hello, world'))), (err: Error & { code?: string }) => {
    assert.equal(err.code, ErrorCode.SourceFormat);
    assert.match(err.message, /the gzip-compressed data is not a pcap or pcapng capture: first bytes 68 65 6c 6c 6f 2c 20 77/);
    return true;
  });
  await assert.rejects(openBytes(Uint8Array.of(0x1f, 0x8b, 8)), { code: ErrorCode.SourceTruncated });
});
