import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatIpv4, formatMac } from '../core/addresses.js';
import { PacketDecoder } from './index.js';
import { anomalyText, bytes, decodeOne, eth, fixtureFrame, frame, truncationProblems } from './test-frames.js';

test('ARP request over Ethernet (zeek_arp-who-has.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_arp-who-has.pcap', 0));
  assert.equal(out.isArp, true);
  assert.equal(out.arpOp, 1);
  assert.equal(formatMac(out.arpSenderMac), '78:31:c1:c6:3f:c2');
  assert.equal(formatIpv4(out.arpSenderIp), '10.0.0.2');
  assert.equal(formatMac(out.arpTargetMac), '00:00:00:00:00:00');
  assert.equal(formatIpv4(out.arpTargetIp), '10.0.0.1');
  assert.equal(out.ethCount, 1);
  assert.equal(out.ipCount, 0);
});

test('ARP in a Linux cooked v2 capture (zeek_linux_dlt_sll2.pcap #5)', () => {
  const out = decodeOne(fixtureFrame('zeek_linux_dlt_sll2.pcap', 4));
  assert.equal(out.isArp, true);
  assert.equal(formatIpv4(out.arpSenderIp), '192.0.2.1');
  assert.equal(formatIpv4(out.arpTargetIp), '192.0.2.2');
  assert.equal(out.ethCount, 0);
});

test('ARP for another hardware type: isArp and the operation only', () => {
  const out = decodeOne(frame(eth(0x0806, bytes('0006 0800 0604 0002', new Uint8Array(20)))));
  assert.equal(out.isArp, true);
  assert.equal(out.arpOp, 2);
  assert.equal(out.arpSenderIp, 0);
});

test('a truncated ARP message: arp.truncated', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x0806, bytes('0001 0800 0604 0001 0011223344'))), decoder);
  assert.equal(out.isArp, false);
  assert.deepEqual(anomalyText(decoder), ['arp.truncated=1']);
});

test('ARP frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_arp-who-has.pcap', 0)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_linux_dlt_sll2.pcap', 4)), []);
});
