import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { anomalyText, decodeOne, eth, firstAnomalyId, fixtureFrame, frame, ipv4, l4Text, truncationProblems, udp } from './test-frames.js';

test('UDP ports and payload (tcpdump_dns_udp.pcap #1)', () => {
  const f = fixtureFrame('tcpdump_dns_udp.pcap', 0);
  const out = decodeOne(f);
  assert.deepEqual(l4Text(out), ['udp 43966>53 @0']);
  assert.equal(out.payloadLen, 64 - 8);
  assert.equal(out.payloadOffset, f.start + 14 + 20 + 8);
});

test('a UDP length shorter than the IP payload narrows the payload', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd', 10)))));
  assert.equal(out.payloadLen, 2);
  assert.equal(out.anomalyCount, 0);
});

test('UDP length below 8: in the stack with l4Complete 0, udp.bad_length (tshark: no conversation)', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd', 4)))));
  assert.deepEqual(l4Text(out), ['udp 1>2 @0 c0']);
  assert.equal(firstAnomalyId(out), 'udp.bad_length');
  assert.equal(out.malformed, true);
});

test('UDP length beyond the IP payload: udp.length_exceeds_payload, complete, bytes present are payload', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(frame(eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd', 100)))), decoder);
  assert.deepEqual(l4Text(out), ['udp 1>2 @0']);
  assert.deepEqual(anomalyText(decoder), ['udp.length_exceeds_payload=1']);
  assert.equal(out.payloadLen, 4);
});

test('a UDP header cut short: not in the stack, udp.truncated', () => {
  const whole = eth(0x0800, ipv4(17, udp(1, 2, 'aabbccdd')));
  const out = decodeOne({ ...frame(whole.subarray(0, 14 + 26)), origLen: whole.length });
  assert.equal(out.l4Count, 0);
  assert.equal(firstAnomalyId(out), 'udp.truncated');
});

test('UDP frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_dns_udp.pcap', 0)), []);
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_quic_handshake_truncated.pcap', 0)), []);
});

test('QUIC datagrams cut by the snap length decode whole UDP headers (tcpdump_quic_handshake_truncated.pcap)', () => {
  const decoder = new PacketDecoder();
  for (let i = 0; i < 18; i++) {
    const out = decodeOne(fixtureFrame('tcpdump_quic_handshake_truncated.pcap', i), decoder);
    assert.equal(out.l4Complete[0], 1);
  }
  assert.deepEqual(anomalyText(decoder), []);
});
