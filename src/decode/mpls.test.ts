import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { MAX_MPLS_LABELS } from './packet-info.js';
import {
  anomalyText, bytes, decodeOne, eth, ethText, fixtureFrame, frame, ipText, ipv4, ipv6, l4Text, truncationProblems, udp,
} from './test-frames.js';

function label(value: number, bottom: boolean, ttl = 64, tc = 0): Uint8Array {
  const w = value * 4096 + (tc << 9) + (bottom ? 256 : 0) + ttl;
  return bytes([(w >>> 24) & 255, (w >>> 16) & 255, (w >>> 8) & 255, w & 255]);
}

test('MPLS over Ethernet carrying IPv4 (zeek_mixed-vlan-mpls.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_mixed-vlan-mpls.pcap', 0));
  assert.equal(out.ethType[0], 0x8847);
  assert.equal(out.mplsCount, 1);
  assert.deepEqual([out.mplsLabel[0], out.mplsTc[0], out.mplsTtl[0]], [29, 6, 255]);
  assert.deepEqual(ipText(out), ['10.1.2.1>10.34.0.1']);
  assert.deepEqual(l4Text(out), ['tcp 11001>23 @0']);
});

test('MPLS over PPP (tcpdump_mpls-traceroute.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_mpls-traceroute.pcap', 0));
  assert.deepEqual([out.mplsCount, out.mplsLabel[0], out.mplsTtl[0]], [1, 100704, 1]);
  assert.deepEqual(ipText(out), ['12.4.4.4>12.1.1.1']);
  assert.deepEqual(l4Text(out), ['udp 42315>33435 @0']);
});

test('a two-label stack carrying IPv6', () => {
  const out = decodeOne(frame(eth(0x8847, bytes(label(100, false, 10, 3), label(200, true, 9), ipv6(17, udp(5, 6, '00'))))));
  assert.deepEqual(Array.from(out.mplsLabel.subarray(0, out.mplsCount)), [100, 200]);
  assert.deepEqual([out.mplsTc[0], out.mplsTtl[0], out.mplsTtl[1]], [3, 10, 9]);
  assert.deepEqual(ipText(out), ['2001:db8::1>2001:db8::2']);
  assert.deepEqual(l4Text(out), ['udp 5>6 @0']);
});

const INNER = eth(0x0800, ipv4(17, udp(7, 8, '00')), 0x001122334455, 0x00aabbccddee);

test('Ethernet pseudowire without control word', () => {
  const out = decodeOne(frame(eth(0x8847, bytes(label(16, true), INNER))));
  assert.deepEqual(ethText(out), ['00:00:0a:0a:0a:0a>00:00:0b:0b:0b:0b', '00:aa:bb:cc:dd:ee>00:11:22:33:44:55']);
  assert.deepEqual(l4Text(out), ['udp 7>8 @0']);
});

test('Ethernet pseudowire with the control word 0000 + sequence number', () => {
  const out = decodeOne(frame(eth(0x8847, bytes(label(16, true), '00000007', INNER))));
  assert.deepEqual(ethText(out)[1], '00:aa:bb:cc:dd:ee>00:11:22:33:44:55');
  assert.deepEqual(l4Text(out), ['udp 7>8 @0']);
});

test('Ethernet pseudowire whose destination MAC starts with another nibble', () => {
  const inner = eth(0x0800, ipv4(17, udp(7, 8, '00')), 0xa01122334455);
  const out = decodeOne(frame(eth(0x8847, bytes(label(16, true), inner))));
  assert.equal(out.ethCount, 2);
  assert.equal(out.ipCount, 1);
});

test('a pseudowire associated channel (first nibble 1) is not decoded', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x8847, bytes(label(13, true), '10000021', new Uint8Array(20)))), decoder);
  assert.equal(out.ethCount, 1);
  assert.deepEqual(anomalyText(decoder), []);
});

test(`more than ${MAX_MPLS_LABELS} labels: mpls.too_many_labels`, () => {
  const decoder = new PacketDecoder();
  const labels = Array.from({ length: MAX_MPLS_LABELS + 1 }, (_, i) => label(i + 20, false));
  const out = decodeOne(frame(eth(0x8847, bytes(...labels, label(99, true), ipv4(17, udp(1, 2, '00'))))), decoder);
  assert.equal(out.mplsCount, MAX_MPLS_LABELS);
  assert.equal(out.ipCount, 0);
  assert.deepEqual(anomalyText(decoder), ['mpls.too_many_labels=1']);
});

test('MPLS frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_mixed-vlan-mpls.pcap', 0)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_mpls-traceroute.pcap', 0)), []);
  assert.deepEqual(truncationProblems(frame(eth(0x8847, bytes(label(16, true), '00000007', INNER)))), []);
});
