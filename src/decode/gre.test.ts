import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import {
  anomalyText, bytes, decodeOne, eth, ethText, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, ipv6, l4Text, truncationProblems, udp,
} from './test-frames.js';

const INNER_IP = ipv4(17, udp(7, 8, '00'), { src: 0xc0a80001, dst: 0xc0a80002 });
const INNER_ETH = eth(0x0800, INNER_IP, 0x02000000000b, 0x02000000000a);

function greFrame(gre: Uint8Array | string, payload: Uint8Array): ReturnType<typeof frame> {
  return frame(eth(0x0800, ipv4(47, bytes(gre, payload))));
}

test('GRE carrying IPv4 (zeek_tunnels_gre-sample.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tunnels_gre-sample.pcap', 0));
  assert.deepEqual(ipText(out), ['172.27.1.66>66.59.109.137', '66.59.111.190>172.28.2.3']);
  assert.deepEqual(l4Text(out), ['icmp 0>0 @1']);
  assert.equal(out.icmpType, 8);
  assert.equal(out.ipProto[0], 47);
});

test('GRE with checksum, key and sequence number', () => {
  const out = decodeOne(greFrame('b000 0800 abcd0000 00000064 00000001', INNER_IP));
  assert.deepEqual(ipText(out), ['10.0.0.1>10.0.0.2', '192.168.0.1>192.168.0.2']);
  assert.deepEqual(l4Text(out), ['udp 7>8 @1']);
});

test('GRE with a routing field (RFC 1701): the source route entries are skipped', () => {
  const out = decodeOne(greFrame('c000 0800 0000 0000 0800 04 08 c0a80001 c0a80002 0000 0000', INNER_IP));
  assert.equal(out.ipCount, 2);
});

test('GRE transparent Ethernet bridging (0x6558)', () => {
  const out = decodeOne(greFrame('0000 6558', INNER_ETH));
  assert.deepEqual(ethText(out), ['00:00:0a:0a:0a:0a>00:00:0b:0b:0b:0b', '02:00:00:00:00:0a>02:00:00:00:00:0b']);
  assert.equal(out.ipCount, 2);
});

test('protocol types outside tshark\'s GRE table (a VLAN tag, PPPoE) are not decoded', () => {
  for (const gre of ['0000 8100', '0000 8864', '0000 88a8']) {
    const out = decodeOne(greFrame(gre, bytes('0064 0800', INNER_IP)));
    assert.deepEqual([out.ethType[0], out.vlanCount, out.pppoeSession, out.ipCount, out.anomalyCount], [0x0800, 0, -1, 1, 0], gre);
  }
  const arp = decodeOne(greFrame('0000 0806', bytes('0001 0800 0604 0001 00000a0a0a0a 0a000001 000000000000 0a000002')));
  assert.equal(arp.isArp, true);
});

test('enhanced GRE (PPTP, version 1) with sequence and acknowledgement numbers, carrying PPP (ndpi_gre.pcapng)', () => {
  const out = decodeOne(fixtureFrame('ndpi_gre.pcapng', 0));
  assert.deepEqual([out.vlanCount, out.vlanId[0]], [1, 142]);
  assert.deepEqual(ipText(out), ['109.105.228.253>10.177.98.84', '192.168.10.210>192.168.103.40']);
  assert.deepEqual(l4Text(out), ['udp 5060>5060 @1']);
});

test('PPTP GRE carrying LCP ends after PPP (tcpdump_pptp.pcap #16)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_pptp.pcap', 15));
  assert.equal(out.ipCount, 1);
  assert.equal(out.anomalyCount, 0);
});

test('GRE version 2, or version 1 without key or not PPP: gre.bad_version', () => {
  for (const gre of ['0002 0800', '0001 880b 00000000', '2001 0800 00000000']) {
    const out = decodeOne(greFrame(gre, INNER_IP));
    assert.deepEqual([out.ipCount, firstAnomalyId(out)], [1, 'gre.bad_version'], gre);
  }
});

test('ERSPAN type II (zeek_erspanII.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_erspanII.pcap', 0));
  assert.deepEqual(ethText(out), ['64:00:f1:e2:01:01>64:00:f1:e2:01:12', '64:00:f1:e1:02:02>64:00:f1:e1:03:03']);
  assert.deepEqual(ipText(out), ['2.2.2.2>1.1.1.1', '23.0.0.2>23.0.0.3']);
  assert.deepEqual(l4Text(out), ['icmp 0>0 @1']);
});

test('ERSPAN type III with an inner VLAN tag (tcpdump_erspan-type-iii-ft-0.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_erspan-type-iii-ft-0.pcap', 0));
  assert.deepEqual(ethText(out), ['f8:c2:88:90:d2:7b>00:50:56:ac:c8:0c', 'f8:c2:88:90:d2:7b>00:50:56:ac:18:a0']);
  assert.deepEqual([out.vlanCount, out.vlanId[0]], [1, 20]);
  assert.deepEqual([out.ethType[0], out.ethType[1]], [0x0800, 0x0800]);
  assert.deepEqual(ipText(out), ['10.29.30.104>10.29.11.13', '10.29.11.1>10.29.20.21']);
  assert.equal(out.icmpType, 8);
});

test('ERSPAN type I (no sequence number: no ERSPAN header)', () => {
  const out = decodeOne(greFrame('0000 88be', INNER_ETH));
  assert.equal(out.ethCount, 2);
  assert.deepEqual(l4Text(out), ['udp 7>8 @1']);
});

test('ERSPAN type III with the platform sub-header; other frame types are not decoded (as in tshark)', () => {
  const withSub = decodeOne(greFrame('1000 22eb 00000001', bytes('20140000 00000000 0000 0001', '0000000000000000', INNER_ETH)));
  assert.equal(withSub.ethCount, 2);
  assert.equal(withSub.ipCount, 2);
  const decoder = new PacketDecoder();
  const ipOnly = decodeOne(greFrame('0000 22eb', bytes('20140000 00000000 0000 0800', INNER_IP)), decoder);
  assert.deepEqual([ipOnly.ethCount, ipOnly.ipCount, ipOnly.malformed], [1, 1, false]);
  assert.deepEqual(anomalyText(decoder), ['erspan.unknown_frame_type=1']);
});

test('GRE over IPv6', () => {
  const out = decodeOne(frame(eth(0x86dd, ipv6(47, bytes('0000 0800', INNER_IP)))));
  assert.deepEqual(ipText(out), ['2001:db8::1>2001:db8::2', '192.168.0.1>192.168.0.2']);
});

test('GRE and ERSPAN frames survive truncation at every offset', () => {
  for (const f of [
    fixtureFrame('zeek_tunnels_gre-sample.pcap', 0),
    fixtureFrame('ndpi_gre.pcapng', 0),
    fixtureFrame('tcpdump_pptp.pcap', 15),
    fixtureFrame('zeek_erspanII.pcap', 0),
    fixtureFrame('tcpdump_erspan-type-iii-ft-0.pcap', 0),
    greFrame('b000 0800 abcd0000 00000064 00000001', INNER_IP),
    greFrame('c000 0800 0000 0000 0800 04 08 c0a80001 c0a80002 0000 0000', INNER_IP),
    greFrame('1000 22eb 00000001', bytes('20140000 00000000 0000 0001', '0000000000000000', INNER_ETH)),
  ]) {
    assert.deepEqual(truncationProblems(f), []);
  }
});
