import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, decodeOne, eth, firstAnomalyId, fixtureFrame, frame, ipText, ipv4, l4Text, truncationProblems } from './test-frames.js';

test('IGMPv2 membership query (tcpdump_IGMP_V2.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_IGMP_V2.pcap', 0));
  assert.deepEqual(ipText(out), ['192.168.1.2>224.0.0.1']);
  assert.deepEqual(l4Text(out), ['igmp 0>0 @0']);
  assert.deepEqual([out.icmpType, out.icmpCode], [0x11, -1]);
});

test('IGMPv3 queries decode (tcpdump_igmpv3-queries.pcap)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_igmpv3-queries.pcap', 0));
  assert.equal(out.icmpType, 0x11);
});

test('IGMP shorter than 8 bytes: igmp.truncated', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(2, bytes('1164 ee9b')))));
  assert.deepEqual([out.l4Count, firstAnomalyId(out)], [0, 'igmp.truncated']);
});

test('IGMP frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_IGMP_V2.pcap', 0)), []);
});
