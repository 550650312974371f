import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { LLC_BASE } from './packet-info.js';
import {
  bytes, decodeOne, eth, ethText, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, l4Text, truncationProblems, udp,
} from './test-frames.js';

test('Ethernet II: addresses, EtherType, then IPv4/TCP (zeek_tls_chrome-34-google.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tls_chrome-34-google.pcap', 0));
  assert.deepEqual(ethText(out), ['a8:20:66:48:ca:51>00:26:88:e7:8d:81']);
  assert.equal(out.ethType[0], 0x0800);
  assert.deepEqual(ipText(out), ['192.168.4.149>74.125.239.152']);
  assert.deepEqual(l4Text(out), ['tcp 55881>443 @0']);
  assert.equal(out.anomalyCount, 0);
});

test('802.3 + LLC: etherType is LLC_BASE + DSAP (STP, tcpdump_802.1D_spanning_tree.pcap #1)', () => {
  const f = fixtureFrame('tcpdump_802.1D_spanning_tree.pcap', 0);
  const out = decodeOne(f);
  assert.deepEqual(ethText(out), ['00:19:06:ea:b8:85>01:80:c2:00:00:00']);
  assert.equal(out.ethType[0], LLC_BASE + 0x42);
  assert.equal(out.ipCount, 0);
  // the 802.3 length (38) narrows the frame: 60-byte frame, 38 bytes of LLC PDU, 3 of them LLC header
  assert.equal(out.payloadOffset - f.start, 14 + 3);
  assert.equal(out.payloadLen, 38 - 3);
  assert.equal(out.anomalyCount, 0);
});

test('SNAP with a vendor OUI: etherType is the SNAP protocol id, decoding stops (CDP)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_LLDP_and_CDP.pcap', 0));
  assert.equal(out.ethCount, 1);
  assert.equal(out.ethType[0], 0x2000);
  assert.equal(out.ipCount, 0);
  assert.equal(out.anomalyCount, 0);
});

test('SNAP with OUI 00-00-00 carries an EtherType: IPv4 is decoded', () => {
  const payload = bytes('aaaa03 000000 0800', ipv4(17, udp(1000, 53, 'abcd')));
  const out = decodeOne(frame(eth(payload.length, payload)));
  assert.equal(out.ethType[0], 0x0800);
  assert.deepEqual(ipText(out), ['10.0.0.1>10.0.0.2']);
  assert.deepEqual(l4Text(out), ['udp 1000>53 @0']);
});

test('Ethernet padding is not payload (IPv4 total length narrows the frame)', () => {
  const raw = eth(0x0800, ipv4(17, udp(1, 2, 'aabb')));
  const padded = bytes(raw, new Uint8Array(60 - raw.length).fill(0xee));
  const out = decodeOne(frame(padded));
  assert.equal(out.payloadLen, 2);
  assert.equal(out.payloadOffset, 14 + 20 + 8);
});

test('a frame shorter than 14 bytes: eth.truncated, nothing in the stacks', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(bytes('0011223344556677')), decoder);
  assert.equal(out.ethCount, 0);
  assert.equal(firstAnomalyId(out), 'eth.truncated');
  assert.equal(out.malformed, true);
  assert.equal(decoder.malformedPackets, 1);
});

test('Ethernet frames survive truncation at every offset', () => {
  for (const f of [
    fixtureFrame('zeek_tls_chrome-34-google.pcap', 0),
    fixtureFrame('tcpdump_802.1D_spanning_tree.pcap', 0),
    fixtureFrame('tcpdump_LLDP_and_CDP.pcap', 0),
    frame(eth(22, bytes('aaaa03 000000 0800', ipv4(17, udp(1000, 53, 'abcd'))))),
  ]) {
    assert.deepEqual(truncationProblems(f), []);
  }
});
