import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { anomalyText, bytes, decodeOne, eth, fixtureFrame, frame, ipText, ipv4, l4Text, truncationProblems, udp } from './test-frames.js';

test('PPPoE discovery: PADI (zeek_pppoe.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_pppoe.pcap', 0));
  assert.equal(out.ethType[0], 0x8863);
  assert.equal(out.pppoeCode, 0x09);
  assert.equal(out.pppoeSession, 0);
  assert.equal(out.ipCount, 0);
});

test('PPPoE session: LCP ends decoding (zeek_pppoe.pcap #5)', () => {
  const out = decodeOne(fixtureFrame('zeek_pppoe.pcap', 4));
  assert.equal(out.pppoeSession, 0x0011);
  assert.equal(out.pppoeCode, -1);
  assert.equal(out.ipCount, 0);
  assert.equal(out.anomalyCount, 0);
});

test('PPPoE session: IPv6 with a hop-by-hop header, ICMPv6 (zeek_pppoe.pcap #22)', () => {
  const out = decodeOne(fixtureFrame('zeek_pppoe.pcap', 21));
  assert.equal(out.pppoeSession, 0x0011);
  assert.deepEqual(ipText(out), ['fe80::c801:eff:fe88:8>ff02::16']);
  assert.equal(out.ipProto[0], 58);
  assert.equal(out.icmpType, 143);
});

test('PPPoE session: IPv4 (ndpi_syslog.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('ndpi_syslog.pcap', 0));
  assert.equal(out.pppoeSession, 0x1b3d);
  assert.deepEqual(ipText(out), ['95.136.242.54>93.20.126.110']);
  assert.deepEqual(l4Text(out), ['udp 514>514 @0']);
});

test('a PPPoE length beyond the frame: pppoe.bad_length, the rest decoded', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x8864, bytes('1100 0042 0400 0021', ipv4(17, udp(1, 2, '00'))))), decoder);
  assert.deepEqual(anomalyText(decoder), ['pppoe.bad_length=1']);
  assert.equal(out.ipCount, 1);
  assert.equal(out.malformed, false);
});

test('PPPoE frames survive truncation at every offset', () => {
  for (const i of [0, 4, 21]) assert.deepEqual(truncationProblems(fixtureFrame('zeek_pppoe.pcap', i)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('ndpi_syslog.pcap', 0)), []);
});
