import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import {
  anomalyText, bytes, decodeOne, fixtureFrame, fixtureFrames, frame, ipText, ipv4, ipv6, l4Text, truncationProblems, udp,
} from './test-frames.js';

const IP4 = ipv4(17, udp(1, 2, '00'));
const IP6 = ipv6(17, udp(1, 2, '00'));

test('BSD null (0), family in host byte order: AF_INET6 30 (tcpdump_quic_handshake.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_quic_handshake.pcap', 0));
  assert.deepEqual(ipText(out), ['::1>::1']);
  assert.deepEqual(l4Text(out), ['udp 50606>443 @0']);
  assert.equal(out.ethCount, 0);
});

test('BSD null and loop: AF_INET and AF_INET6 values in either byte order', () => {
  for (const [link, family, ip] of [
    [0, '02000000', IP4], [0, '00000002', IP4], [108, '00000002', IP4], [108, '02000000', IP4],
    [0, '18000000', IP6], [0, '0000001c', IP6], [108, '0000001e', IP6],
  ] as const) {
    assert.equal(decodeOne(frame(bytes(family, ip), link)).ipCount, 1, `${link} ${family}`);
  }
});

test('BSD null carrying PPP (ff 03), as tshark decodes it', () => {
  assert.deepEqual(l4Text(decodeOne(frame(bytes('ff030021', IP4), 0))), ['udp 1>2 @0']);
});

test('BSD null with another family: null.unknown_family', () => {
  const decoder = new PacketDecoder();
  decodeOne(frame(bytes('07000000', IP4), 0), decoder);
  assert.deepEqual(anomalyText(decoder), ['null.unknown_family=1']);
});

test('Linux cooked capture (113) (tcpdump_tcp-handshake-nano.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_tcp-handshake-nano.pcap', 0));
  assert.deepEqual(ipText(out), ['131.155.215.69>137.116.81.94']);
  assert.deepEqual(l4Text(out), ['tcp 46656>80 @0']);
  assert.equal(out.tcpFlags, 0x02);
  assert.equal(out.ethCount, 0);
});

test('Linux cooked capture v2 (276) (zeek_linux_dlt_sll2.pcap)', () => {
  const frames = fixtureFrames('zeek_linux_dlt_sll2.pcap');
  const f0 = frames[0], f2 = frames[2];
  assert.ok(f0 !== undefined && f2 !== undefined);
  const a = decodeOne(f0);
  assert.deepEqual(ipText(a), ['192.0.2.1>192.0.2.1']);
  assert.equal(a.icmpType, 8);
  const b = decodeOne(f2);
  assert.deepEqual(ipText(b), ['fe80::8c36:6ff:fe44:acaf>fe80::8c36:6ff:fe44:acaf']);
  assert.equal(b.icmpType, 128);
});

test('Linux cooked: ARPHRD_IPGRE takes a GRE protocol type; netlink is not decoded', () => {
  const gre = decodeOne(frame(bytes('0000 030a 0000 0000000000000000 0800', IP4), 113));
  assert.equal(gre.ipCount, 1);
  const netlink = decodeOne(frame(bytes('0000 0338 0000 0000000000000000 0800', IP4), 113));
  assert.equal(netlink.ipCount, 0);
});

test('raw IP (101) and its aliases 12 and 14; IPv4 (228) and IPv6 (229) links', () => {
  assert.deepEqual(ipText(decodeOne(fixtureFrame('tcpdump_LINKTYPE_RAW_ipv4.pcap', 0))), ['192.168.1.100>9.9.9.9']);
  assert.deepEqual(ipText(decodeOne(fixtureFrame('tcpdump_LINKTYPE_IPV6.pcap', 0))), ['2001:db8::1>2620:fe::9']);
  for (const link of [12, 14, 101, 228]) assert.equal(decodeOne(frame(IP4, link)).ipCount, 1, `link ${link}`);
  for (const link of [12, 14, 101, 229]) assert.equal(decodeOne(frame(IP6, link)).ipCount, 1, `link ${link}`);
});

test('raw IP with another version nibble: raw.bad_version; an empty raw frame: raw.truncated', () => {
  const decoder = new PacketDecoder();
  decodeOne(frame(bytes('50000000'), 101), decoder);
  decodeOne(frame(bytes(''), 101), decoder);
  assert.deepEqual(anomalyText(decoder), ['raw.truncated=1', 'raw.bad_version=1']);
});

test('an unknown link type: frame.unknown_link_type, not malformed', () => {
  const decoder = new PacketDecoder();
  for (const link of [147, 65535, -1, 1e9]) {
    const out = decodeOne(frame(IP4, link), decoder);
    assert.equal(out.malformed, false);
  }
  assert.deepEqual(anomalyText(decoder), ['frame.unknown_link_type=4']);
});

test('a pcapng file mixing Ethernet and null links (pcapplusplus_many_interfaces-1.pcapng)', () => {
  const frames = fixtureFrames('pcapplusplus_many_interfaces-1.pcapng');
  const links = new Set(frames.map((f) => f.linkType));
  assert.deepEqual([...links].sort((a, b) => a - b), [0, 1]);
  const decoder = new PacketDecoder();
  for (const f of frames) assert.equal(decodeOne(f, decoder).ipCount, 1);
  assert.deepEqual(anomalyText(decoder), []);
});

test('link-layer headers survive truncation at every offset', () => {
  for (const f of [
    fixtureFrame('tcpdump_quic_handshake.pcap', 0),
    fixtureFrame('tcpdump_tcp-handshake-nano.pcap', 0),
    fixtureFrame('zeek_linux_dlt_sll2.pcap', 0),
    fixtureFrame('tcpdump_LINKTYPE_RAW_ipv4.pcap', 0),
    frame(bytes('00000002', IP4), 108),
  ]) {
    assert.deepEqual(truncationProblems(f), []);
  }
});
