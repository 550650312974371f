import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import {
  anomalyText, bytes, decodeOne, eth, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, ipv6, l4Text, tcp, truncationProblems, udp,
} from './test-frames.js';

test('IPv4 header fields (zeek_tls_chrome-34-google.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tls_chrome-34-google.pcap', 0));
  assert.deepEqual(ipText(out), ['192.168.4.149>74.125.239.152']);
  assert.deepEqual([out.ipVersion[0], out.ipTtl[0], out.ipTos[0], out.ipProto[0]], [4, 64, 0, 6]);
  assert.deepEqual([out.ipHeaderLen[0], out.ipTotalLen[0], out.ipIdent[0]], [20, 64, 0x3dca]);
  assert.deepEqual([out.ipFlags[0], out.ipFragOffset[0]], [1, 0]); // DF
  assert.deepEqual([out.ipSrc[0], out.ipSrc[1], out.ipSrc[2]], [0, 0, 0]);
});

test('IPv4 words 0-2 are zero even when the slot last held an IPv6 header', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x86dd, ipv6(17, udp(1, 2, '00')))), decoder);
  decodeOne(frame(eth(0x0800, ipv4(17, udp(1, 2, '00'), { tos: 0xb8, ttl: 7 }))), decoder, out);
  assert.deepEqual(Array.from(out.ipSrc.subarray(0, 4)), [0, 0, 0, 0x0a000001]);
  assert.deepEqual(Array.from(out.ipDst.subarray(0, 4)), [0, 0, 0, 0x0a000002]);
  assert.deepEqual([out.ipVersion[0], out.ipTos[0], out.ipTtl[0]], [4, 0xb8, 7]);
});

test('IPv4 options are skipped (header length 24)', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(6, tcp(1000, 80), { options: '94040000' }))));
  assert.equal(out.ipHeaderLen[0], 24);
  assert.deepEqual(l4Text(out), ['tcp 1000>80 @0']);
});

test('total length beyond the frame: anomaly, header counted, the bytes present decoded (tcpdump_ipv4_invalid_total_length.pcap)', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(fixtureFrame('tcpdump_ipv4_invalid_total_length.pcap', 0), decoder);
  assert.deepEqual(ipText(out), ['140.211.9.206>45.33.127.156']);
  assert.equal(out.ipTotalLen[0], 85);
  assert.deepEqual(l4Text(out), ['udp 39095>53 @0']);
  assert.deepEqual(anomalyText(decoder), ['ipv4.total_length_exceeds_frame=1']);
  assert.equal(out.malformed, false);
});

test('IPv4 header cut by the snap length: not in the stack (zeek_trunc_ip4-trunc.pcap)', () => {
  const out = decodeOne(fixtureFrame('zeek_trunc_ip4-trunc.pcap', 0));
  assert.equal(out.ethCount, 1);
  assert.equal(out.ipCount, 0);
  assert.equal(firstAnomalyId(out), 'ipv4.truncated');
  assert.equal(out.malformed, true);
});

test('bogus IPv4 headers stay out of the stack, as in tshark', () => {
  const cases: [string, Uint8Array][] = [
    ['ipv4.total_length_too_small', ipv4(17, udp(1, 2, '00'), { totalLen: 10 })],
    ['ipv4.total_length_too_small', ipv4(17, udp(1, 2, '00'), { ihl: 15, totalLen: 39 })],
    ['ipv4.bad_header_length', ipv4(17, udp(1, 2, '00'), { ihl: 4 })],
    ['ipv4.bad_version', ipv4(17, udp(1, 2, '00'), { version: 5 })],
  ];
  for (const [id, packet] of cases) {
    const out = decodeOne(frame(eth(0x0800, packet)));
    assert.equal(out.ipCount, 0, id);
    assert.equal(firstAnomalyId(out), id);
    assert.equal(out.malformed, true);
  }
});

test('an IPv6 packet under EtherType 0x0800 is decoded as IPv6, as tshark does', () => {
  const out = decodeOne(frame(eth(0x0800, ipv6(17, udp(1, 2, '00')))));
  assert.deepEqual(ipText(out), ['2001:db8::1>2001:db8::2']);
  assert.deepEqual(l4Text(out), ['udp 1>2 @0']);
  assert.equal(out.anomalyCount, 0);
});

test('total length 0 (segmentation offload): the rest of the frame is the datagram', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x0800, ipv4(17, udp(1, 2, 'aabbcc'), { totalLen: 0 }))), decoder);
  assert.equal(out.ipTotalLen[0], 31);
  assert.deepEqual(l4Text(out), ['udp 1>2 @0']);
  assert.deepEqual(anomalyText(decoder), ['ipv4.zero_total_length=1']);
});

test('fragment flags: MF, offset, "is a fragment"', () => {
  const first = decodeOne(frame(eth(0x0800, ipv4(17, udp(1, 2, '0011223344556677'), { mf: true, ident: 9 }))));
  assert.deepEqual([first.ipFlags[0], first.ipFragOffset[0], first.ipIdent[0], first.l4Count], [6, 0, 9, 0]);
  const later = decodeOne(frame(eth(0x0800, ipv4(17, '0011223344556677', { fragOffset: 16, ident: 9, df: false }))));
  assert.deepEqual([later.ipFlags[0], later.ipFragOffset[0], later.l4Count], [4, 16, 0]);
});

test('IP-in-IP (protocol 4) and IPv6-in-IPv4 (protocol 41) stack both headers', () => {
  const inner = ipv4(6, tcp(5, 6), { src: 0xc0a80001, dst: 0xc0a80002 });
  const out = decodeOne(frame(eth(0x0800, ipv4(4, inner))));
  assert.deepEqual(ipText(out), ['10.0.0.1>10.0.0.2', '192.168.0.1>192.168.0.2']);
  assert.deepEqual(l4Text(out), ['tcp 5>6 @1']);
  const out6 = decodeOne(fixtureFrame('ndpi_6in4tunnel.pcap', 0));
  assert.deepEqual(ipText(out6), ['174.3.73.24>184.105.255.26', '2001:470:1f17:13f:3e97:eff:fe73:4dec>2604:a880:1:20::224:b001']);
  assert.deepEqual(l4Text(out6), ['icmpv6 0>0 @1']);
  assert.equal(out6.icmpType, 128);
});

test('the Authentication Header over IPv4 is skipped', () => {
  const ah = bytes('11 04 0000 00000001 00000002', new Uint8Array(12));
  const out = decodeOne(frame(eth(0x0800, ipv4(51, bytes(ah, udp(1, 2, '00'))))));
  assert.equal(out.ipProto[0], 51);
  assert.deepEqual(l4Text(out), ['udp 1>2 @0']);
});

test('IPv4 frames survive truncation at every offset', () => {
  for (const f of [
    fixtureFrame('zeek_tls_chrome-34-google.pcap', 0),
    fixtureFrame('tcpdump_ipv4_invalid_total_length.pcap', 0),
    fixtureFrame('ndpi_6in4tunnel.pcap', 0),
    frame(eth(0x0800, ipv4(6, tcp(1000, 80), { options: '94040000' }))),
    frame(eth(0x0800, ipv4(51, bytes('11040000 00000001 00000002', new Uint8Array(12), udp(1, 2, '00'))))),
  ]) {
    assert.deepEqual(truncationProblems(f), []);
  }
});
