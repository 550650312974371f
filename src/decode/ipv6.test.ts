import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import {
  anomalyText, bytes, decodeOne, eth, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, ipv6, l4Text, tcp, truncationProblems, udp,
} from './test-frames.js';

const UDP = udp(1000, 53, 'aabbccdd');

test('IPv6 header fields (ndpi_http_ipv6.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('ndpi_http_ipv6.pcap', 0));
  assert.deepEqual(ipText(out), ['2a00:d40:1:3:7aac:c0ff:fea7:d4c>2a00:1450:4006:804::200e']);
  assert.deepEqual([out.ipVersion[0], out.ipTtl[0], out.ipTos[0], out.ipProto[0]], [6, 64, 0, 6]);
  assert.deepEqual([out.ipHeaderLen[0], out.ipTotalLen[0], out.ipFlags[0]], [40, 72, 0]);
  assert.deepEqual(l4Text(out), ['tcp 40526>443 @0']);
});

test('traffic class', () => {
  const out = decodeOne(frame(eth(0x86dd, ipv6(17, UDP, { tclass: 0xb8 }))));
  assert.equal(out.ipTos[0], 0xb8);
});

test('extension headers: hop-by-hop, routing, destination options; ipProto after them', () => {
  const hbh = bytes('2b00 0104 00000000');
  const routing = bytes('3c02 0001 00000000', '20010db8000000000000000000000009');
  const dstopts = bytes('1100 0104 00000000');
  const out = decodeOne(frame(eth(0x86dd, ipv6(0, bytes(hbh, routing, dstopts, UDP)))));
  assert.equal(out.ipProto[0], 17);
  assert.equal(out.ipHeaderLen[0], 40 + 8 + 24 + 8);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
  assert.equal(out.anomalyCount, 0);
});

test('ESP and "no next header" end the packet', () => {
  const esp = decodeOne(frame(eth(0x86dd, ipv6(50, bytes('00000001 00000001 aabbccdd')))));
  assert.deepEqual([esp.ipCount, esp.ipProto[0], esp.l4Count, esp.anomalyCount], [1, 50, 0, 0]);
  const none = decodeOne(frame(eth(0x86dd, ipv6(0, bytes('3b00 0104 00000000')))));
  assert.deepEqual([none.ipCount, none.ipProto[0], none.l4Count, none.anomalyCount], [1, 59, 0, 0]);
});

test('an extension header cut or too long: the IPv6 header stays out of the stack (tshark)', () => {
  const hbh = bytes('1100 0104 00000000');
  const whole = eth(0x86dd, ipv6(0, bytes(hbh, UDP)));
  const cut = { ...frame(whole.subarray(0, 14 + 40 + 4)), origLen: whole.length };
  const out = decodeOne(cut);
  assert.deepEqual([out.ipCount, firstAnomalyId(out)], [0, 'ipv6.truncated_extension_header']);
  const bad = decodeOne(frame(eth(0x86dd, ipv6(0, bytes('1105 0104 00000000', UDP)))));
  assert.deepEqual([bad.ipCount, firstAnomalyId(bad)], [0, 'ipv6.bad_extension_header']);
});

test('more than 16 extension headers: ipv6.too_many_extension_headers', () => {
  const chain = Array.from({ length: 17 }, () => bytes('3c00 0104 00000000'));
  const out = decodeOne(frame(eth(0x86dd, ipv6(60, bytes(...chain, UDP)))));
  assert.deepEqual([out.ipCount, firstAnomalyId(out)], [0, 'ipv6.too_many_extension_headers']);
});

test('payload length beyond the frame: anomaly, header counted, bytes present decoded', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x86dd, ipv6(17, UDP, { plen: 200 }))), decoder);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
  assert.deepEqual(anomalyText(decoder), ['ipv6.payload_length_exceeds_frame=1']);
});

test('payload length 0: the rest of the frame is the payload', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x86dd, ipv6(17, UDP, { plen: 0 }))), decoder);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
  assert.deepEqual(anomalyText(decoder), ['ipv6.zero_payload_length=1']);
});

test('payload length narrows the frame (padding excluded)', () => {
  const out = decodeOne(frame(bytes(eth(0x86dd, ipv6(17, UDP)), 'eeeeeeee')));
  assert.equal(out.payloadLen, 4);
});

test('IPv4-in-IPv6 and IPv6-in-IPv6', () => {
  const a = decodeOne(frame(eth(0x86dd, ipv6(4, ipv4(6, tcp(1, 2))))));
  assert.deepEqual(ipText(a), ['2001:db8::1>2001:db8::2', '10.0.0.1>10.0.0.2']);
  assert.deepEqual(l4Text(a), ['tcp 1>2 @1']);
  const b = decodeOne(frame(eth(0x86dd, ipv6(41, ipv6(17, UDP, { src: '00000000000000000000000000000001' })))));
  assert.deepEqual(ipText(b), ['2001:db8::1>2001:db8::2', '::1>2001:db8::2']);
  assert.deepEqual(l4Text(b), ['udp 1000>53 @1']);
});

test('an atomic fragment (offset 0, M clear) is decoded whole, not as a fragment', () => {
  const out = decodeOne(frame(eth(0x86dd, ipv6(44, bytes('1100 0000 0000004d', UDP)))));
  assert.equal(out.ipFlags[0], 0);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
});

test('IPv6 frames survive truncation at every offset', () => {
  for (const f of [
    fixtureFrame('ndpi_http_ipv6.pcap', 0),
    fixtureFrame('zeek_pppoe.pcap', 21),
    frame(eth(0x86dd, ipv6(0, bytes('2b00 0104 00000000', '3c02 0001 00000000', '20010db8000000000000000000000009', '1100 0104 00000000', UDP)))),
    frame(eth(0x86dd, ipv6(4, ipv4(6, tcp(1, 2))))),
  ]) {
    assert.deepEqual(truncationProblems(f), []);
  }
});
