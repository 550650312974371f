import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ErrorCode } from '../core/errors.js';
import { PcapngBuilder, patternBytes } from '../../test/conformance/capture-builder.js';
import { collect, openBytes } from '../../test/conformance/collect.js';
import { toSecNs, TsOut, TsResolution } from './pcapng-time.js';

/** Expected (sec, ns) for a 64-bit count in units of 10^-d (or 2^-b) seconds, with BigInt. */
function expectedSecNs(tsresol: number, ts: bigint, offset = 0n): [number, number] {
  const exp = BigInt(tsresol & 0x7f);
  const perSec = (tsresol & 0x80) === 0 ? 10n ** exp : 1n << exp;
  return [Number(ts / perSec + offset), Number(((ts % perSec) * 1_000_000_000n) / perSec)];
}

test('two sections in both byte orders, several interfaces, EPB/SPB/OPB, other blocks skipped', async () => {
  const b = new PcapngBuilder()
    .section(true)
    .iface({ linkType: 1, snapLen: 0, name: 'eth0', description: 'uplink' })
    .iface({ linkType: 101, snapLen: 1500, name: 'tun0\0', tsresol: 9 })
    .epb(0, 1_700_000_000_123_456n, patternBytes(60, 1))
    .block(4, Uint8Array.of(0, 0, 0, 0)) // NRB (empty record list)
    .epb(1, 1_700_000_001_000_000_007n, patternBytes(40, 2), 1400)
    .block(5, new Uint8Array(16)) // ISB
    .block(10, new Uint8Array(12)) // DSB
    .block(0xbad, new Uint8Array(8)) // custom
    .block(0x8000_0001, new Uint8Array(4)) // local use
    .block(0x1234, new Uint8Array(4)) // unknown
    .section(false)
    .iface({ linkType: 113, snapLen: 32, tsresol: 0x80 | 10, tsoffset: 1_000_000_000n, name: 'any' })
    .epb(0, 5n * 1024n + 512n, patternBytes(20, 3))
    .spb(patternBytes(64, 4), 100)
    .opb(0, 2048n, patternBytes(8, 5), 8)
    .toBytes();
  const source = await openBytes(b, 9);
  assert.equal(source.format, 'pcapng');
  const { packets, error } = await collect(source);
  assert.equal(error, null);
  assert.deepEqual(source.interfaces(), [
    { id: 0, linkType: 1, snapLen: 0, name: 'eth0', description: 'uplink', tsResolutionDigits: 6 },
    { id: 1, linkType: 101, snapLen: 1500, name: 'tun0', description: '', tsResolutionDigits: 9 },
    { id: 2, linkType: 113, snapLen: 32, name: 'any', description: '', tsResolutionDigits: 4 },
  ]);
  assert.deepEqual(packets.map((p) => [p.tsSec, p.tsNsec, p.capLen, p.origLen, p.linkType, p.interfaceId]), [
    [1_700_000_000, 123_456_000, 60, 60, 1, 0],
    [1_700_000_001, 7, 40, 1400, 101, 1],
    [1_000_000_005, 500_000_000, 20, 20, 113, 2],
    [1_000_000_005, 500_000_000, 32, 100, 113, 2], // SPB: snaplen 32 of 64 bytes; previous timestamp
    [1_000_000_002, 0, 8, 8, 113, 2], // OPB
  ]);
  assert.deepEqual(packets[1]?.bytes, patternBytes(40, 2));
  assert.deepEqual(packets[3]?.bytes, patternBytes(32, 4));
  assert.deepEqual([...source.fileWarnings()], [['pcapng.spb_timestamp_inherited', 1], ['pcapng.unknown_block_type', 1]]);
});

test('if_tsresol: decimal and binary resolutions convert exactly, fast and BigInt paths alike', () => {
  const out = new TsOut();
  const counts = [0n, 1n, 999_999_999n, 1n << 52n, (1n << 53n) + 1n, 1_767_663_089_500_330_493n, (1n << 64n) - 1n, 0x1_0000_0000n, 0xffff_ffffn];
  const resolutions = [0, 1, 3, 6, 9, 10, 12, 0x80, 0x80 | 1, 0x80 | 9, 0x80 | 10, 0x80 | 20, 0x80 | 31, 0x80 | 32, 0x80 | 33, 0x80 | 40, 0x80 | 64];
  for (const tsresol of resolutions) {
    const r = TsResolution.fromOption(tsresol);
    for (const ts of counts) {
      toSecNs(r, Number(ts >> 32n), Number(ts & 0xffff_ffffn), out);
      assert.deepEqual([out.sec, out.ns], expectedSecNs(tsresol, ts), `tsresol ${tsresol} ts ${ts}`);
    }
  }
});

test('if_tsoffset shifts every timestamp of its interface, also backwards', async () => {
  const bytes = new PcapngBuilder().section()
    .iface({ linkType: 1, tsoffset: -100n })
    .iface({ linkType: 1, tsresol: 9, tsoffset: 1_000_000n })
    .epb(0, 150_000_001n, patternBytes(4))
    .epb(1, 2_000_000_001n, patternBytes(4))
    .toBytes();
  const { packets } = await collect(await openBytes(bytes));
  assert.deepEqual(packets.map((p) => [p.tsSec, p.tsNsec]), [[50, 1000], [1_000_002, 1]]);
});

test('a new section starts a new interface table; its ids continue the file-wide numbering', async () => {
  const bytes = new PcapngBuilder()
    .section().iface({ linkType: 1 }).epb(0, 1n, patternBytes(4))
    .section(false).iface({ linkType: 0 }).iface({ linkType: 276 }).epb(1, 2n, patternBytes(4)).epb(0, 3n, patternBytes(4))
    .toBytes();
  const source = await openBytes(bytes);
  const { packets } = await collect(source);
  assert.deepEqual(packets.map((p) => [p.interfaceId, p.linkType]), [[0, 1], [2, 276], [1, 0]]);
  assert.deepEqual(source.interfaces().map((i) => i.id), [0, 1, 2]);
});

test('options that run past their block are a warning; the interface is kept', async () => {
  const bytes = new PcapngBuilder().section()
    .iface({ linkType: 1, name: 'eth0', rawOptions: [3, 0, 200, 0] }) // if_description claiming 200 bytes
    .epb(0, 1n, patternBytes(4)).toBytes();
  const source = await openBytes(bytes);
  const { packets, error } = await collect(source);
  assert.equal(error, null);
  assert.equal(packets.length, 1);
  assert.equal(source.interfaces()[0]?.name, 'eth0');
  assert.equal(source.fileWarnings().get('pcapng.bad_option_length'), 1);
});

/** A good prefix (one packet), then a damaged block: the packet comes out, then the error. */
async function damaged(tail: (b: PcapngBuilder) => PcapngBuilder): Promise<{ code: string; offset: number; message: string; packets: number }> {
  const b = new PcapngBuilder().section().iface({ linkType: 1 }).epb(0, 1n, patternBytes(10));
  const offset = b.length;
  const { packets, error } = await collect(await openBytes(tail(b).toBytes(), 7));
  assert.ok(error !== null, 'expected an error');
  assert.equal(error.fileOffset, offset, error.message);
  assert.equal(error.packetsBefore, packets.length);
  return { code: error.code, offset, message: error.message, packets: packets.length };
}

test('damaged blocks: each check names the block and its offset after the good packets', async () => {
  const cases: [string, (b: PcapngBuilder) => PcapngBuilder, string, RegExp][] = [
    ['trailing length differs', (b) => b.block(6, new Uint8Array(20), { trailing: 36 }), ErrorCode.SourceCorrupt, /trailing copy says 36/],
    ['length not a multiple of 4', (b) => b.block(6, new Uint8Array(20), { leading: 34 }), ErrorCode.SourceCorrupt, /total length 34/],
    ['length below 12', (b) => b.block(6, new Uint8Array(20), { leading: 8 }), ErrorCode.SourceCorrupt, /total length 8 /],
    ['length above the limit', (b) => b.block(6, new Uint8Array(20), { leading: 0x7fff_fff0 }), ErrorCode.SourceCorrupt, /at most 268435456/],
    ['EPB too short', (b) => b.block(6, new Uint8Array(12)), ErrorCode.SourceCorrupt, /enhanced packet block of 24 bytes is shorter than the minimum 32/],
    ['EPB unknown interface', (b) => b.epb(3, 1n, patternBytes(4)), ErrorCode.SourceCorrupt, /refers to interface 3 but its section describes 1/],
    ['EPB caplen beyond block', (b) => b.epb(0, 1n, patternBytes(8), 8, 200), ErrorCode.SourceCorrupt, /claims 200 captured bytes but holds at most 8/],
    ['OPB too short', (b) => b.block(2, new Uint8Array(8)), ErrorCode.SourceCorrupt, /packet block \(obsolete\) of 20 bytes/],
    ['IDB too short', (b) => b.block(1, new Uint8Array(4)), ErrorCode.SourceCorrupt, /interface description block of 16 bytes/],
    ['SPB too short', (b) => b.block(3, new Uint8Array(0)), ErrorCode.SourceCorrupt, /simple packet block of 12 bytes/],
    ['SHB byte-order magic', (b) => b.block(0x0a0d0d0a, Uint8Array.of(1, 2, 3, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), ErrorCode.SourceCorrupt, /byte-order magic 04030201/],
    ['SHB version 2', (b) => b.section(true, 2, 0), ErrorCode.SourceFormat, /section version 2\.0 is not supported/],
    ['cut inside a block', (b) => b.raw(new PcapngBuilder().section().epb(0, 1n, patternBytes(40)).toBytes().subarray(28, 60)), ErrorCode.SourceTruncated, /ends inside a enhanced packet block \(72 bytes announced, 32 present\)/],
    ['cut inside a block header', (b) => b.raw(Uint8Array.of(6, 0, 0, 0, 32)), ErrorCode.SourceTruncated, /inside a pcapng block header \(5 of at least 12/],
  ];
  for (const [name, tail, code, pattern] of cases) {
    const r = await damaged(tail);
    assert.equal(r.packets, 1, name);
    assert.equal(r.code, code, `${name}: ${r.message}`);
    assert.match(r.message, pattern, name);
    assert.match(r.message, new RegExp(`at byte offset ${r.offset}`), name);
  }
});

test('a simple packet block needs an interface in its section', async () => {
  const bytes = new PcapngBuilder().section().spb(patternBytes(8)).toBytes();
  const { packets, error } = await collect(await openBytes(bytes));
  assert.equal(packets.length, 0);
  assert.equal(error?.code, ErrorCode.SourceCorrupt);
  assert.match(error.message, /simple packet block before any interface description block/);
});
