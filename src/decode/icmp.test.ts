import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, decodeOne, eth, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, ipv6, l4Text, truncationProblems } from './test-frames.js';

test('ICMP echo request (zeek_icmp_5-pings.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_icmp_5-pings.pcap', 0));
  assert.deepEqual(ipText(out), ['172.16.133.2>172.217.11.78']);
  assert.deepEqual(l4Text(out), ['icmp 0>0 @0']);
  assert.deepEqual([out.icmpType, out.icmpCode], [8, 0]);
});

test('the IP header quoted in an ICMP error is not decoded (zeek_icmp_icmp-destunreach-udp.pcap)', () => {
  const out = decodeOne(fixtureFrame('zeek_icmp_icmp-destunreach-udp.pcap', 0));
  assert.deepEqual(ipText(out), ['192.168.1.102>192.168.1.1']);
  assert.deepEqual(l4Text(out), ['icmp 0>0 @0']);
  assert.deepEqual([out.icmpType, out.icmpCode], [3, 3]);
});

test('ICMPv6 router advertisement (tcpdump_icmpv6.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_icmpv6.pcap', 0));
  assert.deepEqual(l4Text(out), ['icmpv6 0>0 @0']);
  assert.deepEqual([out.icmpType, out.icmpCode], [134, 0]);
});

test('ICMP/ICMPv6 shorter than 4 bytes: not in the stack', () => {
  const a = decodeOne(frame(eth(0x0800, ipv4(1, bytes('0800')))));
  assert.deepEqual([a.l4Count, a.icmpType, firstAnomalyId(a)], [0, -1, 'icmp.truncated']);
  const b = decodeOne(frame(eth(0x86dd, ipv6(58, bytes('80')))));
  assert.deepEqual([b.l4Count, firstAnomalyId(b)], [0, 'icmpv6.truncated']);
});

test('ICMP frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_icmp_5-pings.pcap', 0)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_icmp_icmp-destunreach-udp.pcap', 0)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_icmpv6.pcap', 0)), []);
});
