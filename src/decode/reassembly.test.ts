import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { PacketInfo } from './packet-info.js';
import {
  anomalyText, bytes, decodeOne, eth, fixtureFrames, frame, ipText, ipv4, ipv6, l4Text, tcp, udp, type TestFrame,
} from './test-frames.js';

/** A UDP datagram (8-byte header + 40 bytes: 0x00 .. 0x27) to split into fragments. */
const DATAGRAM = udp(1000, 53, Uint8Array.from({ length: 40 }, (_, i) => i));

function frag4(data: Uint8Array, offset: number, more: boolean, o: { ident?: number; src?: number; ts?: number; proto?: number } = {}): TestFrame {
  const packet = eth(0x0800, ipv4(o.proto ?? 17, data, { ident: o.ident ?? 7, mf: more, fragOffset: offset, src: o.src ?? 0x0a000001 }));
  return frame(packet, 1, packet.length, o.ts ?? 1000);
}

function frag6(data: Uint8Array, offset: number, more: boolean, ident = 7, nextHeader = 17): TestFrame {
  const fh = bytes([nextHeader, 0, (offset >> 8) & 0xff, (offset & 0xf8) | (more ? 1 : 0), 0, 0, 0, ident]);
  return frame(eth(0x86dd, ipv6(44, bytes(fh, data))), 1, undefined, 1000);
}

function run(decoder: PacketDecoder, frames: TestFrame[]): PacketInfo {
  const out = new PacketInfo();
  for (const f of frames) decodeOne(f, decoder, out);
  return out;
}

test('IPv4: every fragment enters ip*, the last one brings the layers above (zeek_ipv4_fragmented-1.pcap)', () => {
  const decoder = new PacketDecoder();
  const out = new PacketInfo();
  const [a, b, c] = fixtureFrames('zeek_ipv4_fragmented-1.pcap');
  assert.ok(a !== undefined && b !== undefined && c !== undefined);
  for (const f of [a, b]) {
    decodeOne(f, decoder, out);
    assert.deepEqual([out.ipCount, out.ipFlags[0], out.l4Count, out.reassembled], [1, f === a ? 6 : 4, 0, false]);
  }
  decodeOne(c, decoder, out);
  assert.deepEqual(ipText(out), ['164.1.123.163>164.1.123.61']);
  assert.deepEqual(l4Text(out), ['udp 123>137 @0']);
  assert.deepEqual([out.reassembled, out.reassembledFrames, out.reassembledBytes], [true, 3, 60 + 150 + 338]);
  // tshark keeps the first data received: the UDP length (18) comes from the first fragment
  assert.equal(out.payloadLen, 10);
  assert.deepEqual(anomalyText(decoder), ['ip.fragment_overlap=1']);
  assert.deepEqual(decoder.reassemblyInProgress(), { datagrams: 0, bytes: 0 });
});

test('IPv6: fragments enter ip*, the completing frame brings UDP (zeek_ipv6-fragmented-dns.pcap)', () => {
  const decoder = new PacketDecoder();
  const out = new PacketInfo();
  const seen: string[] = [];
  for (const f of fixtureFrames('zeek_ipv6-fragmented-dns.pcap')) {
    decodeOne(f, decoder, out);
    seen.push(`${out.ipCount}/${out.ipFlags[0]}/${out.l4Count}/${out.reassembled ? out.reassembledFrames : '-'}`);
  }
  assert.deepEqual(seen, ['1/0/1/-', '1/0/1/-', '1/0/1/-', '1/4/0/-', '1/0/1/-', '1/6/0/-', '1/6/0/-', '1/4/1/3']);
  assert.deepEqual(l4Text(out), ['udp 53>51851 @0']);
  assert.equal(out.reassembledBytes, 1494 + 1494 + 436);
  assert.equal(out.ipProto[0], 17);
  // frame 4 is a lone last fragment of another datagram: still waiting
  assert.equal(decoder.reassemblyInProgress().datagrams, 1);
});

test('out of order fragments; the reassembled payload is the datagram', () => {
  const decoder = new PacketDecoder();
  const out = run(decoder, [frag4(DATAGRAM.subarray(24), 24, false), frag4(DATAGRAM.subarray(0, 24), 0, true)]);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
  assert.equal(out.reassembled, true);
  assert.notEqual(out.payloadData, out.data);
  assert.deepEqual(Array.from(out.payloadData.subarray(out.payloadOffset, out.payloadOffset + out.payloadLen)), Array.from(DATAGRAM.subarray(8)));
});

test('IPv6 fragments reassemble; the protocol comes from the first fragment', () => {
  const out = run(new PacketDecoder(), [frag6(DATAGRAM.subarray(0, 24), 0, true), frag6(DATAGRAM.subarray(24), 24, false, 7, 59)]);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
  assert.equal(out.reassembledFrames, 2);
});

test('duplicates and overlaps: the first data received is kept, every frame counts', () => {
  const decoder = new PacketDecoder();
  const conflicting = Uint8Array.from(DATAGRAM.subarray(16, 40), () => 0xbb);
  const out = run(decoder, [
    frag4(DATAGRAM.subarray(0, 24), 0, true),
    frag4(DATAGRAM.subarray(0, 24), 0, true),
    frag4(conflicting, 16, true),
    frag4(DATAGRAM.subarray(40), 40, false),
  ]);
  assert.equal(out.reassembled, true);
  assert.equal(out.reassembledFrames, 4);
  const payload = Array.from(out.payloadData.subarray(out.payloadOffset, out.payloadOffset + out.payloadLen));
  assert.deepEqual(payload.slice(0, 16), Array.from(DATAGRAM.subarray(8, 24)));
  assert.deepEqual(payload.slice(16, 32), new Array<number>(16).fill(0xbb));
  assert.deepEqual(payload.slice(32), Array.from(DATAGRAM.subarray(40)));
  assert.deepEqual(anomalyText(decoder), ['ip.fragment_overlap=2']);
});

test('fragments of different datagrams (identification, source, IP version) do not mix', () => {
  const decoder = new PacketDecoder();
  run(decoder, [frag4(DATAGRAM.subarray(0, 24), 0, true, { ident: 1 }), frag6(DATAGRAM.subarray(0, 24), 0, true, 1)]);
  const other = run(decoder, [frag4(DATAGRAM.subarray(24), 24, false, { ident: 1, src: 0x0a000009 })]);
  assert.equal(other.reassembled, false);
  assert.equal(decoder.reassemblyInProgress().datagrams, 3);
  const v4 = run(decoder, [frag4(DATAGRAM.subarray(24), 24, false, { ident: 1 })]);
  assert.equal(v4.reassembled, true);
  const v6 = run(decoder, [frag6(DATAGRAM.subarray(24), 24, false, 1)]);
  assert.equal(v6.reassembled, true);
});

test('a datagram not completed within the timeout (packet time) is dropped: ip.reassembly_timeout', () => {
  const decoder = new PacketDecoder({ reassemblyTimeoutSec: 30 });
  run(decoder, [frag4(DATAGRAM.subarray(0, 24), 0, true, { ts: 1000 })]);
  const late = run(decoder, [frag4(DATAGRAM.subarray(24), 24, false, { ts: 1031 })]);
  assert.equal(late.reassembled, false);
  assert.equal(late.anomalyCount, 0); // the timeout is not the late packet's fault
  assert.deepEqual(anomalyText(decoder), ['ip.reassembly_timeout=1']);
  // the timeout is also found by a packet that is no fragment at all
  run(decoder, [frame(eth(0x0800, ipv4(17, udp(1, 2, '00'))), 1, 60, 2000)]);
  assert.deepEqual(anomalyText(decoder), ['ip.reassembly_timeout=2']);
  assert.equal(decoder.reassemblyInProgress().datagrams, 0);
});

test('max datagrams in progress: the oldest is dropped (ip.reassembly_overflow)', () => {
  const decoder = new PacketDecoder({ reassemblyMaxDatagrams: 2 });
  const firsts = [1, 2, 3].map((ident) => frag4(DATAGRAM.subarray(0, 24), 0, true, { ident }));
  const out = run(decoder, firsts);
  assert.equal(out.anomalyCount, 1);
  assert.equal(decoder.reassemblyInProgress().datagrams, 2);
  assert.equal(run(decoder, [frag4(DATAGRAM.subarray(24), 24, false, { ident: 1 })]).reassembled, false);
  assert.equal(run(decoder, [frag4(DATAGRAM.subarray(24), 24, false, { ident: 3 })]).reassembled, true);
  assert.deepEqual(anomalyText(decoder), ['ip.reassembly_overflow=2']);
});

test('memory cap: the oldest datagrams are dropped to make room', () => {
  const decoder = new PacketDecoder({ reassemblyMemoryBytes: 5000 });
  const big = new Uint8Array(3000);
  run(decoder, [frag4(big.subarray(0, 1000), 0, true, { ident: 1 }), frag4(big.subarray(0, 1000), 0, true, { ident: 2 })]);
  assert.ok(decoder.reassemblyInProgress().bytes <= 5000);
  run(decoder, [frag4(big.subarray(0, 1000), 2000, true, { ident: 2 })]); // grows datagram 2 to 4096 bytes
  assert.equal(decoder.reassemblyInProgress().datagrams, 1);
  assert.ok(decoder.reassemblyInProgress().bytes <= 5000);
  const alone = run(decoder, [frag4(new Uint8Array(8), 8000, true, { ident: 3 })]); // needs 16 KiB: cannot fit
  assert.equal(alone.anomalyCount, 1);
  assert.ok(decoder.reassemblyInProgress().bytes <= 5000);
  assert.deepEqual(anomalyText(decoder), ['ip.reassembly_overflow=2']);
});

test('too many disjoint pieces: the datagram is dropped (ip.too_many_fragments)', () => {
  const decoder = new PacketDecoder({ reassemblyMaxPieces: 2 });
  run(decoder, [0, 16, 32].map((o) => frag4(DATAGRAM.subarray(o, o + 8), o, true)));
  assert.deepEqual(anomalyText(decoder), ['ip.too_many_fragments=1']);
  assert.equal(decoder.reassemblyInProgress().datagrams, 0);
});

test('a fragment beyond 65,535 bytes, and a second last fragment with another length, are dropped', () => {
  const decoder = new PacketDecoder();
  run(decoder, [frag4(new Uint8Array(16), 65528, false, { ident: 1 })]);
  run(decoder, [frag4(new Uint8Array(8), 16, false, { ident: 2 }), frag4(new Uint8Array(8), 24, false, { ident: 2 })]);
  assert.deepEqual(anomalyText(decoder), ['ip.fragment_too_large=1', 'ip.fragment_inconsistent=1']);
});

test('a fragment cut by the snap length is not used', () => {
  const decoder = new PacketDecoder();
  const first = frag4(DATAGRAM.subarray(0, 24), 0, true);
  const cut = { ...first, capLen: first.capLen - 4 };
  const out = run(decoder, [cut, frag4(DATAGRAM.subarray(24), 24, false)]);
  assert.equal(out.reassembled, false);
});

test('ipReassembly: false never decodes above a fragment', () => {
  const decoder = new PacketDecoder({ ipReassembly: false });
  const out = run(decoder, [frag4(DATAGRAM.subarray(0, 24), 0, true), frag4(DATAGRAM.subarray(24), 24, false)]);
  assert.deepEqual([out.ipCount, out.l4Count, out.reassembled], [1, 0, false]);
  assert.equal(decoder.reassemblyInProgress().datagrams, 0);
});

test('a fragmented tunnel: the inner headers come with the completing frame', () => {
  const inner = ipv4(6, tcp(5, 6, 'aabbccddeeff'), { src: 0xc0a80001, dst: 0xc0a80002 });
  const gre = bytes('0000 0800', inner);
  const out = run(new PacketDecoder(), [frag4(gre.subarray(0, 16), 0, true, { proto: 47 }), frag4(gre.subarray(16), 16, false, { proto: 47 })]);
  assert.deepEqual(ipText(out), ['10.0.0.1>10.0.0.2', '192.168.0.1>192.168.0.2']);
  assert.deepEqual(l4Text(out), ['tcp 5>6 @1']);
  assert.equal(out.ipFlags[0], 4);
});

test('the reassembly buffer stays valid until the next frame, and is reused after', () => {
  const decoder = new PacketDecoder();
  const out = run(decoder, [frag4(DATAGRAM.subarray(0, 24), 0, true), frag4(DATAGRAM.subarray(24), 24, false)]);
  const copy = Array.from(out.payloadData.subarray(out.payloadOffset, out.payloadOffset + out.payloadLen));
  assert.deepEqual(copy, Array.from(DATAGRAM.subarray(8)));
  assert.deepEqual(decoder.reassemblyInProgress(), { datagrams: 0, bytes: 0 });
  for (let k = 0; k < 100; k++) {
    const again = run(decoder, [frag4(DATAGRAM.subarray(0, 24), 0, true, { ident: k }), frag4(DATAGRAM.subarray(24), 24, false, { ident: k })]);
    assert.equal(again.reassembled, true);
  }
  assert.deepEqual(decoder.reassemblyInProgress(), { datagrams: 0, bytes: 0 });
});

test('a flood of first fragments stays within the caps', () => {
  const decoder = new PacketDecoder({ reassemblyMaxDatagrams: 64, reassemblyMemoryBytes: 1 << 20 });
  const out = new PacketInfo();
  for (let ident = 0; ident < 5000; ident++) decodeOne(frag4(DATAGRAM.subarray(0, 24), 0, true, { ident }), decoder, out);
  const p = decoder.reassemblyInProgress();
  assert.ok(p.datagrams <= 64 && p.bytes <= 1 << 20, JSON.stringify(p));
});

test('IPv6: extension headers in the fragmentable part are walked after reassembly', () => {
  const payload = bytes('1100 0104 00000000', DATAGRAM); // destination options, then UDP
  const out = run(new PacketDecoder(), [frag6(payload.subarray(0, 32), 0, true, 7, 60), frag6(payload.subarray(32), 32, false, 7, 60)]);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
  assert.equal(out.ipProto[0], 17);
  const bad = run(new PacketDecoder(), [frag6(bytes('1109 0104 00000000', DATAGRAM).subarray(0, 32), 0, true, 8, 60),
    frag6(bytes('1109 0104 00000000', DATAGRAM).subarray(32), 32, false, 8, 60)]);
  assert.deepEqual([bad.reassembled, bad.l4Count, bad.malformed], [true, 0, true]);
});
