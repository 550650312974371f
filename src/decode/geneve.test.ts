import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, decodeOne, eth, ethText, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, l4Text, truncationProblems, udp } from './test-frames.js';

const INNER_IP = ipv4(17, udp(7, 8, '00'), { src: 0xc0a80001, dst: 0xc0a80002 });

test('Geneve with 8 bytes of options carrying Ethernet (zeek_tunnels_geneve.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tunnels_geneve.pcap', 0));
  assert.deepEqual(ethText(out), ['00:1b:21:3c:ab:64>00:1b:21:3c:ac:30', 'b2:1a:43:d5:fa:4c>76:b5:d5:0a:a6:41']);
  assert.deepEqual(ipText(out), ['20.0.0.1>20.0.0.2', '30.0.0.1>30.0.0.2']);
  assert.deepEqual(l4Text(out), ['udp 50901>6081 @0', 'icmp 0>0 @1']);
});

test('Geneve carrying IPv4 directly (protocol type 0x0800)', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(17, udp(1000, 6081, bytes('00000800 00006400', INNER_IP))))));
  assert.deepEqual([out.ethCount, out.ipCount], [1, 2]);
  assert.deepEqual(l4Text(out), ['udp 1000>6081 @0', 'udp 7>8 @1']);
});

test('Geneve version other than 0: geneve.bad_version; options cut: geneve.truncated', () => {
  const bad = decodeOne(frame(eth(0x0800, ipv4(17, udp(1000, 6081, bytes('40000800 00006400', INNER_IP))))));
  assert.equal(firstAnomalyId(bad), 'geneve.bad_version');
  const cut = decodeOne(frame(eth(0x0800, ipv4(17, udp(1000, 6081, bytes('3f000800 00006400 0000'))))));
  assert.equal(firstAnomalyId(cut), 'geneve.truncated');
});

test('Geneve frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_tunnels_geneve.pcap', 0)), []);
});
