import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { bytes, decodeOne, eth, ethText, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, l4Text, tcp, truncationProblems, udp } from './test-frames.js';

const INNER = eth(0x0800, ipv4(6, tcp(1234, 80), { src: 0xc0a80001, dst: 0xc0a80002 }), 0x02000000000b, 0x02000000000a);

test('VXLAN on 4789 (zeek_tunnels_vxlan-encapsulated-http.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tunnels_vxlan-encapsulated-http.pcap', 0));
  assert.deepEqual(ethText(out), ['12:42:cd:c5:e8:22>12:42:cd:c5:e8:22', '48:f1:7f:a3:b6:ff>74:ac:b9:3f:d2:7d']);
  assert.deepEqual(ipText(out), ['10.1.200.131>10.1.1.172', '172.16.11.201>54.86.237.188']);
  assert.deepEqual(l4Text(out), ['udp 50000>4789 @0', 'tcp 40354>80 @1']);
  assert.equal(out.tcpFlags, 0x02);
});

test('VXLAN on 8472 (Linux) and on the source port', () => {
  const vx = bytes('08000000 00000100', INNER);
  assert.equal(decodeOne(frame(eth(0x0800, ipv4(17, udp(40000, 8472, vx))))).ethCount, 2);
  assert.equal(decodeOne(frame(eth(0x0800, ipv4(17, udp(4789, 40000, vx))))).ethCount, 2);
});

test('VXLAN ports are a decoder option', () => {
  const vx = bytes('08000000 00000100', INNER);
  const f = frame(eth(0x0800, ipv4(17, udp(40000, 9999, vx))));
  assert.equal(decodeOne(f).ethCount, 1);
  assert.equal(decodeOne(f, new PacketDecoder({ vxlanPorts: [9999] })).ethCount, 2);
  assert.equal(decodeOne(fixtureFrame('zeek_tunnels_vxlan-encapsulated-http.pcap', 0), new PacketDecoder({ vxlanPorts: [] })).ethCount, 1);
});

test('a VXLAN header cut short: vxlan.truncated', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(17, udp(40000, 4789, '0800')))));
  assert.equal(firstAnomalyId(out), 'vxlan.truncated');
  assert.deepEqual(l4Text(out), ['udp 40000>4789 @0']);
});

test('VXLAN frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_tunnels_vxlan-encapsulated-http.pcap', 0)), []);
});
