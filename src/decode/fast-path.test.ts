import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pcapsDir } from '../../test/support/paths.js';
import { PacketDecoder } from './index.js';
import { PacketInfo } from './packet-info.js';
import { bytes, decodeOne, describePacket, eth, frame, ipv4, ipv6, readCaptureFrames, tcp, udp, type TestFrame } from './test-frames.js';

/** Decode frames with and without the fast path; return how many took it. */
function compare(frames: readonly TestFrame[], where: string): number {
  const fast = new PacketDecoder(), slow = new PacketDecoder({ fastPath: false });
  const a = new PacketInfo(), b = new PacketInfo();
  frames.forEach((f, i) => {
    decodeOne(f, fast, a);
    decodeOne(f, slow, b);
    assert.equal(describePacket(a, f.start), describePacket(b, f.start), `${where} frame ${i + 1}`);
  });
  assert.deepEqual(Array.from(fast.anomalyCounts), Array.from(slow.anomalyCounts), `${where} anomaly counts`);
  assert.equal(fast.malformedPackets, slow.malformedPackets);
  assert.equal(slow.fastPathPackets, 0);
  return fast.fastPathPackets;
}

test('the fast path equals the per-protocol decoders on every corpus frame', () => {
  let taken = 0, total = 0;
  for (const name of readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort()) {
    const frames = readCaptureFrames(join(pcapsDir, name));
    taken += compare(frames, name);
    total += frames.length;
  }
  assert.ok(taken > total / 2, `fast path taken by ${taken} of ${total} frames`);
});

test('the fast path equals the per-protocol decoders on its edge cases', () => {
  const ip = (payload: Uint8Array, o: Parameters<typeof ipv4>[2] = {}): Uint8Array => ipv4(6, payload, o);
  const cases: Uint8Array[] = [
    eth(0x0800, ip(tcp(1, 2, 'aabb'))),
    eth(0x8100, bytes('a064 0800', ip(tcp(1, 2, 'aabb', { options: '0101080a 00000001 00000002' })))),
    eth(0x8100, bytes('a064 8100 0065 0800', ip(tcp(1, 2)))), // two tags: per-protocol path
    eth(0x0800, ip(tcp(1, 2, [], { options: '0204 05b4 0402 0103 0307' }), { df: true })),
    eth(0x0800, ip(tcp(1, 2, [], { options: '0200' }))), // bad option
    eth(0x0800, ip(tcp(1, 2, 'aabb', { dataOffset: 3 }))),
    eth(0x0800, ip(tcp(1, 2, 'aabb', { dataOffset: 15 }))),
    eth(0x0800, ip(tcp(1, 2, 'aabb'), { totalLen: 0 })),
    eth(0x0800, ip(tcp(1, 2, 'aabb'), { totalLen: 500 })),
    eth(0x0800, ip(tcp(1, 2, 'aabb'), { mf: true })),
    eth(0x0800, ip(tcp(1, 2, 'aabb'), { options: '01010101' })),
    eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd'))),
    eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd', 10))),
    eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd', 4))),
    eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd', 100))),
    eth(0x0800, ipv4(17, udp(1, 4789, bytes('08000000 00000100', eth(0x0800, ip(tcp(1, 2))))))),
    eth(0x0800, ipv4(1, bytes('08000000 00010001'))),
    bytes(eth(0x0800, ipv4(17, udp(1, 2, '00'))), 'eeeeeeeeeeeeeeee'),
    eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb'), { tclass: 0xb8, hopLimit: 3 })),
    eth(0x8100, bytes('a064 86dd', ipv6(6, tcp(1, 2, 'aabb', { options: '0101080a 00000001 00000002' })))),
    eth(0x86dd, ipv6(17, udp(1, 2, 'aabbccdd'))),
    eth(0x86dd, ipv6(17, udp(1, 2, 'aabbccdd', 100))),
    eth(0x86dd, ipv6(17, udp(1, 6081, 'aabbccdd'))), // a tunnel port: per-protocol path
    eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb'), { plen: 0 })), // jumbogram / offload
    eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb'), { plen: 500 })),
    eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb'), { plen: 10 })),
    eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb', { dataOffset: 15 }))),
    eth(0x86dd, ipv6(0, bytes('06000000 00000000', tcp(1, 2, 'aabb')))), // hop-by-hop header: per-protocol path
    eth(0x86dd, ipv6(58, bytes('80000000 00010001'))),
    bytes(eth(0x86dd, ipv6(17, udp(1, 2, '00'))), 'eeeeeeeeeeeeeeee'),
    eth(0x0800, ipv6(6, tcp(1, 2))), // IPv6 under the IPv4 EtherType: per-protocol path
  ];
  const frames: TestFrame[] = [];
  for (const c of cases) {
    frames.push(frame(c));
    for (const cut of [14, 34, 38, 40, 50, 54, 58, 70, c.length - 1]) if (cut < c.length) frames.push({ ...frame(c.subarray(0, cut)), origLen: c.length });
  }
  assert.ok(compare(frames, 'edge cases') > 0);
});

test('the fast path takes IPv4 and IPv6 TCP/UDP frames, and leaves IPv6 with extension headers to the decoders', () => {
  const taken = (b: Uint8Array): number => {
    const decoder = new PacketDecoder();
    decodeOne(frame(b), decoder);
    return decoder.fastPathPackets;
  };
  assert.equal(taken(eth(0x0800, ipv4(6, tcp(1, 2, 'aabb')))), 1);
  assert.equal(taken(eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb')))), 1);
  assert.equal(taken(eth(0x8100, bytes('a064 86dd', ipv6(17, udp(1, 2, 'aabb'))))), 1);
  assert.equal(taken(eth(0x86dd, ipv6(0, bytes('06000000 00000000', tcp(1, 2, 'aabb'))))), 0);
  assert.equal(taken(eth(0x86dd, ipv6(6, tcp(1, 2, 'aabb'), { plen: 0 }))), 0);
});
