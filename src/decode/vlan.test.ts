import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { LLC_BASE, MAX_VLAN_TAGS } from './packet-info.js';
import { anomalyText, bytes, decodeOne, eth, fixtureFrame, frame, ipText, ipv4, l4Text, truncationProblems, udp } from './test-frames.js';

test('three 802.1Q tags (zeek_vlan-qinqinq.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_vlan-qinqinq.pcap', 0));
  assert.equal(out.vlanCount, 3);
  assert.deepEqual(Array.from(out.vlanId.subarray(0, 3)), [30, 20, 10]);
  assert.deepEqual(Array.from(out.vlanTpid.subarray(0, 3)), [0x8100, 0x8100, 0x8100]);
  assert.deepEqual(Array.from(out.vlanPcp.subarray(0, 3)), [0, 0, 0]);
  assert.equal(out.ethType[0], 0x0800);
  assert.deepEqual(ipText(out), ['141.142.228.5>192.150.187.43']);
  assert.deepEqual(l4Text(out), ['tcp 59856>80 @0']);
});

test('802.1ad outer tag and 802.1Q inner tag carrying ARP (tcpdump_802.1ad_QinQ.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_802.1ad_QinQ.pcap', 0));
  assert.equal(out.vlanCount, 2);
  assert.deepEqual([out.vlanTpid[0], out.vlanId[0], out.vlanTpid[1], out.vlanId[1]], [0x88a8, 200, 0x8100, 2001]);
  assert.equal(out.ethType[0], 0x0806);
  assert.equal(out.isArp, true);
});

test('priority and 0x9100 tags', () => {
  const out = decodeOne(frame(eth(0x9100, bytes('a064 0800', ipv4(17, udp(1, 2, '78'))))));
  assert.deepEqual([out.vlanTpid[0], out.vlanPcp[0], out.vlanId[0]], [0x9100, 5, 100]);
  assert.equal(out.ipCount, 1);
});

test('a tag followed by an 802.3 length field: LLC', () => {
  const out = decodeOne(frame(eth(0x8100, bytes('0005 0026 424203', new Uint8Array(35)))));
  assert.equal(out.vlanCount, 1);
  assert.equal(out.ethType[0], LLC_BASE + 0x42);
});

test(`more than ${MAX_VLAN_TAGS} tags: vlan.too_many_tags, the first ${MAX_VLAN_TAGS} kept`, () => {
  const tags = Array.from({ length: MAX_VLAN_TAGS + 1 }, (_, i) => bytes([0, i + 1, 0x81, 0x00]));
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x8100, bytes(...tags, '0800', ipv4(17, udp(1, 2, '78'))))), decoder);
  assert.equal(out.vlanCount, MAX_VLAN_TAGS);
  assert.equal(out.vlanId[MAX_VLAN_TAGS - 1], MAX_VLAN_TAGS);
  assert.equal(out.ipCount, 0);
  assert.deepEqual(anomalyText(decoder), ['vlan.too_many_tags=1']);
  assert.equal(out.malformed, false);
});

test('VLAN frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('zeek_vlan-qinqinq.pcap', 0)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_802.1ad_QinQ.pcap', 0)), []);
});
