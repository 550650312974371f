import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CaptureFileError, ErrorCode } from '../core/errors.js';
import { buildPcap, patternBytes, type PcapRecordSpec } from '../../test/conformance/capture-builder.js';
import { collect, openBytes } from '../../test/conformance/collect.js';

const rec = (sec: number, frac: number, len: number, extra: Partial<PcapRecordSpec> = {}): PcapRecordSpec =>
  ({ sec, frac, data: patternBytes(len, sec), ...extra });

for (const littleEndian of [true, false]) {
  for (const nanos of [false, true]) {
    test(`pcap ${littleEndian ? 'little' : 'big'}-endian ${nanos ? 'ns' : 'µs'}: every field of every packet`, async () => {
      const bytes = buildPcap({
        littleEndian, nanos, snapLen: 96, linkTypeField: 113,
        records: [rec(1_600_000_000, 1, 60), rec(1_600_000_001, 999_999, 96, { origLen: 1514 }), rec(4_000_000_000, 0, 0)],
      });
      const source = await openBytes(bytes, 10);
      assert.equal(source.format, 'pcap');
      const { packets, error } = await collect(source);
      assert.equal(error, null);
      assert.deepEqual(source.interfaces(), [{ id: 0, linkType: 113, snapLen: 96, name: '', description: '', tsResolutionDigits: nanos ? 9 : 6 }]);
      assert.deepEqual(packets.map((p) => [p.tsSec, p.tsNsec, p.capLen, p.origLen, p.linkType, p.interfaceId]), [
        [1_600_000_000, nanos ? 1 : 1000, 60, 60, 113, 0],
        [1_600_000_001, nanos ? 999_999 : 999_999_000, 96, 1514, 113, 0],
        [4_000_000_000, 0, 0, 0, 113, 0],
      ]);
      assert.deepEqual(packets[1]?.bytes, patternBytes(96, 1_600_000_001));
      assert.equal(source.fileWarnings().size, 0);
    });
  }
}

test('a fraction of a second >= 1 s is carried into the seconds and counted', async () => {
  const micro = buildPcap({ records: [rec(100, 999_999, 4), rec(100, 1_000_000, 4), rec(100, 2_147_483_648, 4)] });
  const m = await openBytes(micro);
  const { packets } = await collect(m);
  assert.deepEqual(packets.map((p) => [p.tsSec, p.tsNsec]), [[100, 999_999_000], [101, 0], [2247, 483_648_000]]);
  assert.deepEqual([...m.fileWarnings()], [['pcap.timestamp_fraction_overflow', 2]]);
  const nano = buildPcap({ nanos: true, littleEndian: false, records: [rec(7, 1_882_137_472, 4), rec(7, 4_294_967_295, 4)] });
  const { packets: np } = await collect(await openBytes(nano));
  assert.deepEqual(np.map((p) => [p.tsSec, p.tsNsec]), [[8, 882_137_472], [11, 294_967_295]]);
});

test('version 2.0-2.2 files store orig_len first; 2.3 files are swapped only when incl > orig', async () => {
  const old = buildPcap({ versionMinor: 0, records: [rec(1, 0, 60, { origLen: 100, swapped: true })] });
  const { packets: a } = await collect(await openBytes(old));
  assert.deepEqual(a.map((p) => [p.capLen, p.origLen]), [[60, 100]]);
  const v23 = buildPcap({ versionMinor: 3, records: [rec(1, 0, 60, { origLen: 100, swapped: true }), rec(2, 0, 50, { origLen: 70 })] });
  const s = await openBytes(v23);
  const { packets: b } = await collect(s);
  assert.deepEqual(b.map((p) => [p.capLen, p.origLen]), [[60, 100], [50, 70]]);
  assert.equal(s.fileWarnings().get('pcap.v2_3_lengths_swapped'), 1);
});

test('incl_len > orig_len is kept as written (like tshark) and counted', async () => {
  const s = await openBytes(buildPcap({ records: [rec(1, 0, 80, { origLen: 60 })] }));
  const { packets } = await collect(s);
  assert.deepEqual(packets.map((p) => [p.capLen, p.origLen]), [[80, 60]]);
  assert.equal(s.fileWarnings().get('pcap.caplen_exceeds_origlen'), 1);
});

test('orig_len >= 2^31 is clamped to 2^31-1 and counted', async () => {
  const s = await openBytes(buildPcap({ records: [rec(1, 0, 10, { origLen: 0xffff_fff0 })] }));
  const { packets } = await collect(s);
  assert.equal(packets[0]?.origLen, 0x7fff_ffff);
  assert.equal(s.fileWarnings().get('pcap.origlen_clamped'), 1);
});

test('incl_len above max(snaplen, 262144) is a corrupt record after the good packets', async () => {
  const bytes = buildPcap({ snapLen: 65535, records: [rec(1, 0, 40), rec(2, 0, 40, { inclLen: 262_145 }), rec(3, 0, 40)] });
  const { packets, error } = await collect(await openBytes(bytes));
  assert.equal(packets.length, 1);
  assert.ok(error instanceof CaptureFileError);
  assert.equal(error.code, ErrorCode.SourceCorrupt);
  assert.equal(error.fileOffset, 24 + 16 + 40);
  assert.equal(error.packetsBefore, 1);
  assert.match(error.message, /262145 captured bytes.*limit of 262144.*at byte offset 80/);
  // A larger snaplen allows larger records; the limit then is the snaplen.
  const big = buildPcap({ snapLen: 300_000, records: [rec(1, 0, 270_000)] });
  const ok = await collect(await openBytes(big));
  assert.equal(ok.error, null);
  assert.equal(ok.packets[0]?.capLen, 270_000);
  // maxRecordBytes caps whatever the header says.
  const capped = await collect(await openBytes(big, 65536, { maxRecordBytes: 100_000 }));
  assert.equal(capped.error?.code, ErrorCode.SourceCorrupt);
});

test('link-type field: low 16 bits, DLT_RAW 12 read as LINKTYPE_RAW, reserved bits counted', async () => {
  const fcs = await openBytes(buildPcap({ linkTypeField: 0x4000_0000, records: [rec(1, 0, 4)] }));
  await collect(fcs);
  assert.equal(fcs.interfaces()[0]?.linkType, 0);
  assert.equal(fcs.fileWarnings().size, 0);
  const raw = await openBytes(buildPcap({ linkTypeField: 12, records: [rec(1, 0, 4)] }));
  assert.equal((await collect(raw)).packets[0]?.linkType, 101);
  const reserved = await openBytes(buildPcap({ linkTypeField: 0x0001_0001, records: [] }));
  await collect(reserved);
  assert.equal(reserved.interfaces()[0]?.linkType, 1);
  assert.equal(reserved.fileWarnings().get('pcap.linktype_reserved_bits'), 1);
});

test('a header-only pcap is zero packets and no error', async () => {
  const { packets, error, batches } = await collect(await openBytes(buildPcap({ records: [] })));
  assert.deepEqual([packets.length, error, batches], [0, null, 0]);
});

test('pcap version 1 is not read; a cut header or record is truncation at its offset', async () => {
  const v1 = await collect(await openBytes(buildPcap({ versionMajor: 1, records: [rec(1, 0, 4)] })));
  assert.equal(v1.error?.code, ErrorCode.SourceFormat);
  assert.match(v1.error.message, /version 1\.4/);
  const whole = buildPcap({ records: [rec(1, 0, 30), rec(2, 0, 30)] });
  const header = await collect(await openBytes(whole.subarray(0, 10)));
  assert.equal(header.error?.code, ErrorCode.SourceTruncated);
  assert.match(header.error.message, /24-byte pcap file header.*offset 0/);
  const mid = await collect(await openBytes(whole.subarray(0, 24 + 46 + 20)));
  assert.equal(mid.packets.length, 1);
  assert.equal(mid.error?.code, ErrorCode.SourceTruncated);
  assert.equal(mid.error.fileOffset, 70);
  assert.match(mid.error.message, /packet record \(30 captured bytes announced, 4 present\)/);
});
