import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { anomalyText, bytes, decodeOne, fixtureFrame, frame, ipText, ipv4, l4Text, truncationProblems, udp } from './test-frames.js';

const IP = ipv4(17, udp(1, 2, '00'));

test('PPP link (9) with address/control bytes: IPv4, ICMP time exceeded (tcpdump_mpls-traceroute.pcap #2)', () => {
  const out = decodeOne(fixtureFrame('tcpdump_mpls-traceroute.pcap', 1));
  assert.deepEqual(ipText(out), ['10.5.0.1>12.4.4.4']);
  assert.deepEqual(l4Text(out), ['icmp 0>0 @0']);
  assert.deepEqual([out.icmpType, out.icmpCode], [11, 0]);
});

test('PPP link (9) without address/control and with a compressed protocol field', () => {
  assert.equal(decodeOne(frame(bytes('0021', IP), 9)).ipCount, 1);
  assert.equal(decodeOne(frame(bytes('21', IP), 9)).ipCount, 1);
});

test('PPP in HDLC-like framing (50), and Cisco HDLC inside it', () => {
  assert.deepEqual(ipText(decodeOne(frame(bytes('ff03 0021', IP), 50))), ['10.0.0.1>10.0.0.2']);
  assert.deepEqual(ipText(decodeOne(frame(bytes('0f00 0800', IP), 50))), ['10.0.0.1>10.0.0.2']);
});

test('Cisco HDLC link (104)', () => {
  const out = decodeOne(frame(bytes('8f00 0800', IP), 104));
  assert.deepEqual(l4Text(out), ['udp 1>2 @0']);
  assert.equal(out.ethCount, 0);
});

test('PPP control protocols end decoding; a missing protocol field is ppp.truncated', () => {
  const decoder = new PacketDecoder();
  assert.equal(decodeOne(frame(bytes('ff03 c021 0101000a'), 9), decoder).ipCount, 0);
  assert.deepEqual(anomalyText(decoder), []);
  decodeOne(frame(bytes('ff03'), 9), decoder);
  assert.deepEqual(anomalyText(decoder), ['ppp.truncated=1']);
});

test('PPP frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(fixtureFrame('tcpdump_mpls-traceroute.pcap', 1)), []);
  assert.deepEqual(truncationProblems(frame(bytes('0f00 0800', IP), 50)), []);
  assert.deepEqual(truncationProblems(frame(bytes('8f00 0800', IP), 104)), []);
});
