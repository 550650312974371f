/**
 * Every capture of the corpus (test/fixtures/pcaps) through openCaptureFile, checked against the
 * manifest (packet count, sum of original lengths, link types) and tshark's reference (timestamps of
 * the first and last frame, µs).
 *
 * Two files differ from tshark on purpose: their timestamp fraction is >= 1 s, which we carry into
 * the seconds (see pcap.ts), while tshark keeps the raw fraction (and wraps µs·1000 in 32 bits).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ErrorCode } from '../core/errors.js';
import { pcapPath, referenceDir } from '../../test/support/paths.js';
import { collect, tsMicros } from '../../test/conformance/collect.js';
import { readManifest } from '../../test/conformance/manifest.js';
import { openCaptureFile } from './index.js';

interface ReferenceFrames {
  readonly frames: { readonly count: number; readonly first_frame_ts_us: number | null; readonly last_frame_ts_us: number | null };
}

/** tshark's encapsulation short names (manifest link_type) as LINKTYPE_ values. */
const LINK_TYPE_NAMES: Readonly<Record<string, readonly number[]>> = {
  ether: [1], null: [0], rawip: [101], rawip6: [229], 'linux-sll': [113], 'linux-sll2': [276], ppp: [9, 50],
};

function expectedLinkTypes(name: string): Set<number> {
  const m = /^per-packet\((.*)\)$/.exec(name);
  const names = m?.[1]?.split(',') ?? [name];
  const out = new Set<number>();
  for (const n of names) {
    const values = LINK_TYPE_NAMES[n];
    if (values === undefined) throw new Error(`unknown link type name ${n} in MANIFEST.tsv`);
    for (const v of values) out.add(v);
  }
  return out;
}

/** Our timestamps where tshark's differ on purpose (fraction >= 1 s carried): first and last, µs. */
const CARRIED_FRACTION: Readonly<Record<string, readonly [number, number]>> = {
  // Records: 1418145369.999999, 1418145370 + 1000000 µs, 1418145370 + 2147483648 µs.
  'tcpdump_timestamp_invalid_micro.pcap': [1_418_145_369_999_999, 1_418_147_517_483_648],
  // One record: 980658802 s + 1882137472 ns.
  'ndpi_fuzz-2021-10-13.pcap': [980_658_803_882_137, 980_658_803_882_137],
};

/** The one deliberately damaged capture: cut 2 bytes into the second record header. */
const DAMAGED: Readonly<Record<string, { code: string; offset: number }>> = {
  'ndpi_fuzz-2021-10-13.pcap': { code: ErrorCode.SourceTruncated, offset: 237 },
};

const manifest = readManifest();

test('the manifest lists every capture of the corpus', () => {
  assert.ok(manifest.length >= 80, `only ${manifest.length} rows`);
});

for (const row of manifest) {
  test(`fixture ${row.file}`, async () => {
    const source = await openCaptureFile(pcapPath(row.file));
    const { packets, error } = await collect(source);
    const damage = DAMAGED[row.file];
    if (damage === undefined) assert.equal(error, null, error?.message);
    else {
      assert.equal(error?.code, damage.code);
      assert.equal(error.fileOffset, damage.offset);
      assert.equal(error.packetsBefore, packets.length);
    }
    assert.equal(packets.length, row.packets, 'packets');
    assert.equal(packets.reduce((s, p) => s + p.origLen, 0), row.frameLenTotal, 'sum of original lengths');

    const ref = JSON.parse(readFileSync(join(referenceDir, `${row.file}.json`), 'utf8')) as ReferenceFrames;
    assert.equal(ref.frames.count, row.packets);
    const first = packets[0], last = packets[packets.length - 1];
    const firstLast = first === undefined || last === undefined ? [null, null] : [tsMicros(first), tsMicros(last)];
    const expected = CARRIED_FRACTION[row.file] ?? [ref.frames.first_frame_ts_us, ref.frames.last_frame_ts_us];
    assert.deepEqual(firstLast, expected, 'first and last timestamps (µs)');
    if (row.file in CARRIED_FRACTION) assert.ok((source.fileWarnings().get('pcap.timestamp_fraction_overflow') ?? 0) > 0);

    const wanted = expectedLinkTypes(row.linkType);
    const ifaces = source.interfaces();
    assert.ok(ifaces.length >= 1);
    for (const i of ifaces) {
      // pcapng files may describe interfaces that carry no packet; only those with packets must match.
      if (packets.some((p) => p.interfaceId === i.id)) assert.ok(wanted.has(i.linkType), `interface ${i.id} link type ${i.linkType}`);
    }
    for (const p of packets) assert.equal(p.linkType, ifaces[p.interfaceId]?.linkType);
  });
}

test('pcapplusplus_many_interfaces-1.pcapng: 11 interfaces with mixed link types and names', async () => {
  const source = await openCaptureFile(pcapPath('pcapplusplus_many_interfaces-1.pcapng'));
  const { packets } = await collect(source);
  const ifaces = source.interfaces();
  assert.equal(ifaces.length, 11);
  assert.deepEqual(ifaces.map((i) => i.linkType), [1, 1, 1, 1, 0, 1, 1, 1, 101, 1, 0]);
  assert.deepEqual(ifaces.map((i) => i.name), ['en0', 'awdl0', 'bridge0', 'vboxnet0', 'utun0', 'en1', 'vboxnet1', 'en2', 'p2p0', 'vboxnet2', 'lo0']);
  // p2p0 (raw IP) is described but carries no packet here.
  assert.deepEqual(new Set(packets.map((p) => p.linkType)), new Set([0, 1]));
});

test('zeek_pcapng-multi-interface.pcapng: a ns and a µs interface', async () => {
  const source = await openCaptureFile(pcapPath('zeek_pcapng-multi-interface.pcapng'));
  const { packets } = await collect(source);
  assert.deepEqual(source.interfaces().map((i) => [i.name, i.tsResolutionDigits]), [
    ['eth0', 9], ['\\Device\\NPF_{5AE6EDB4-EFF9-46B3-A3C2-EE50C688A9E6}', 6],
  ]);
  assert.equal(source.interfaces()[1]?.description, 'Ethernet 2');
  // capinfos: first_ts 1767663089.500330493 (the ns interface), not a multiple of 1000 ns.
  assert.deepEqual([packets[0]?.tsSec, packets[0]?.tsNsec], [1_767_663_089, 500_330_493]);
  assert.ok(packets.some((p) => p.interfaceId === 1 && p.tsNsec % 1000 === 0));
});

test('big-endian and nanosecond pcaps: pcapplusplus_nanosecs_big_endian.pcap, tcpdump_pptp.pcap', async () => {
  const nano = await openCaptureFile(pcapPath('pcapplusplus_nanosecs_big_endian.pcap'));
  const a = await collect(nano);
  assert.equal(nano.interfaces()[0]?.tsResolutionDigits, 9);
  assert.ok(a.packets.some((p) => p.tsNsec % 1000 !== 0), 'nanosecond digits survive');
  const pptp = await openCaptureFile(pcapPath('tcpdump_pptp.pcap'));
  const b = await collect(pptp);
  assert.equal(b.packets.length, 23);
  // An Ethernet header starts with the destination MAC, then 0x0800 at bytes 12-13 for IPv4.
  assert.ok(b.packets.every((p) => p.bytes[12] === 0x08 || p.bytes[12] === 0x86 || p.bytes[12] === 0x81));
});

test('ndpi_fuzz-2021-10-13.pcap: one good packet (v2.0 lengths swapped), then truncation', async () => {
  const source = await openCaptureFile(pcapPath('ndpi_fuzz-2021-10-13.pcap'));
  const { packets, error } = await collect(source);
  assert.deepEqual(packets.map((p) => [p.capLen, p.origLen, p.linkType]), [[197, 524_501, 0]]);
  assert.equal(error?.code, ErrorCode.SourceTruncated);
  assert.match(error.message, /inside a packet record header \(2 of 16 bytes present\) \(at byte offset 237, after 1 packets\)/);
});
