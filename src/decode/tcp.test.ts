import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import {
  anomalyText, bytes, decodeOne, eth, firstAnomalyId, fixtureFrame, frame, ipv4, l4Text, tcp, truncationProblems,
} from './test-frames.js';

function tcpFrame(...args: Parameters<typeof tcp>): ReturnType<typeof frame> {
  return frame(eth(0x0800, ipv4(6, tcp(...args))));
}

test('SYN with MSS, window scale, SACK permitted, timestamps (zeek_tls_chrome-34-google.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tls_chrome-34-google.pcap', 0));
  assert.deepEqual(l4Text(out), ['tcp 55881>443 @0']);
  assert.deepEqual([out.tcpSeq, out.tcpAck, out.tcpFlags, out.tcpWindow, out.tcpHeaderLen], [1657358883, 0, 0x02, 65535, 44]);
  assert.deepEqual([out.tcpMss, out.tcpWindowScale, out.tcpSackPermitted, out.tcpTsVal, out.tcpTsEcr], [1460, 4, true, 541082212, 0]);
  assert.equal(out.tcpSackBlocks, 0);
  assert.equal(out.payloadLen, 0);
});

test('a data segment with NOP, NOP, timestamps (zeek_tls_chrome-34-google.pcap #6)', () => {
  const f = fixtureFrame('zeek_tls_chrome-34-google.pcap', 5);
  const out = decodeOne(f);
  assert.deepEqual([out.tcpSeq, out.tcpAck, out.tcpFlags, out.tcpWindow, out.tcpHeaderLen], [3845005982, 1657359093, 0x10, 670, 32]);
  assert.deepEqual([out.tcpMss, out.tcpWindowScale, out.tcpSackPermitted, out.tcpTsVal, out.tcpTsEcr], [-1, -1, false, 1481994852, 541082218]);
  assert.equal(out.payloadLen, 1418);
  assert.equal(out.payloadOffset, f.start + 14 + 20 + 32);
  assert.equal(out.payloadData, f.data);
});

test('SACK blocks (zeek_tcp_retransmit-fast009.pcap #29)', () => {
  const out = decodeOne(fixtureFrame('zeek_tcp_retransmit-fast009.pcap', 28));
  assert.equal(out.tcpSackBlocks, 1);
  assert.equal(out.tcpTsVal, -1);
});

test('the timestamps fast path and the general option parser agree', () => {
  const fast = decodeOne(tcpFrame(1, 2, [], { options: '0101080a 00000011 00000022' }));
  const general = decodeOne(tcpFrame(1, 2, [], { options: '080a 00000011 00000022 0101' }));
  assert.deepEqual([fast.tcpTsVal, fast.tcpTsEcr], [0x11, 0x22]);
  assert.deepEqual([general.tcpTsVal, general.tcpTsEcr], [0x11, 0x22]);
});

test('all nine flag bits, NS included', () => {
  assert.equal(decodeOne(tcpFrame(1, 2, [], { flags: 0x1ff })).tcpFlags, 0x1ff);
  assert.equal(decodeOne(tcpFrame(1, 2, [], { flags: 0x100 })).tcpFlags, 0x100);
});

test('data offset below 20: in the stack with l4Complete 0, tcp.bad_data_offset (tshark: no conversation)', () => {
  const out = decodeOne(tcpFrame(1, 2, 'aabbccdd', { dataOffset: 3 }));
  assert.deepEqual(l4Text(out), ['tcp 1>2 @0 c0']);
  assert.equal(firstAnomalyId(out), 'tcp.bad_data_offset');
  assert.equal(out.tcpHeaderLen, 12);
});

test('data offset beyond the IP payload: l4Complete 0, tcp.header_exceeds_payload', () => {
  const out = decodeOne(tcpFrame(1, 2, 'aabbccdd', { dataOffset: 15 }));
  assert.deepEqual(l4Text(out), ['tcp 1>2 @0 c0']);
  assert.equal(firstAnomalyId(out), 'tcp.header_exceeds_payload');
});

test('options cut by the snap length: l4Complete 2, flags known (zeek_tcp_truncated-header.pcap #1)', () => {
  const out = decodeOne(fixtureFrame('zeek_tcp_truncated-header.pcap', 0));
  assert.deepEqual(l4Text(out), ['tcp 60827>25 @0 c2']);
  assert.equal(out.tcpFlags, 0xc2); // SYN, ECE, CWR: tshark 0x00c2
  assert.equal(out.tcpHeaderLen, 40);
  assert.equal(firstAnomalyId(out), 'tcp.truncated_header');
  assert.equal(out.payloadLen, 0);
});

test('the rest of zeek_tcp_truncated-header.pcap (snap length 54) decodes whole headers', () => {
  const decoder = new PacketDecoder();
  const frames = Array.from({ length: 23 }, (_, i) => fixtureFrame('zeek_tcp_truncated-header.pcap', i + 1));
  for (const f of frames) assert.equal(decodeOne(f, decoder).l4Complete[0], 1);
  assert.deepEqual(anomalyText(decoder), []);
});

test('fewer than 20 bytes: not in the stack, tcp.truncated', () => {
  const whole = eth(0x0800, ipv4(6, tcp(1, 2)));
  const out = decodeOne({ ...frame(whole.subarray(0, 14 + 20 + 12)), origLen: whole.length });
  assert.equal(out.l4Count, 0);
  assert.equal(firstAnomalyId(out), 'tcp.truncated');
});

test('garbage options: parsing stops, tcp.bad_option, the header still counts', () => {
  for (const options of ['0200 0000', '02010000', '0205 000000000000', '03040000', '0808 0000 0000 0000 0000 0000', '05040000']) {
    const decoder = new PacketDecoder();
    const out = decodeOne(tcpFrame(1, 2, [], { options }), decoder);
    assert.deepEqual(l4Text(out), ['tcp 1>2 @0'], options);
    assert.deepEqual(anomalyText(decoder), ['tcp.bad_option=1'], options);
    assert.equal(out.malformed, false);
  }
});

test('EOL ends the options; unknown kinds are skipped', () => {
  const out = decodeOne(tcpFrame(1, 2, [], { options: '1e04 aaaa 0204 05b4 00 ffffff' }));
  assert.equal(out.tcpMss, 1460);
  assert.equal(out.anomalyCount, 0);
});

test('TCP frames survive truncation at every offset', () => {
  for (const f of [
    fixtureFrame('zeek_tls_chrome-34-google.pcap', 0),
    fixtureFrame('zeek_tcp_retransmit-fast009.pcap', 28),
    tcpFrame(1, 2, 'aabbccdd', { options: '0204 05b4 0103 0307 0101 0402 080a 00000011 00000022' }),
    tcpFrame(1, 2, 'aabbccdd', { options: '0101 050a 00000001 00000002' }),
  ]) {
    assert.deepEqual(truncationProblems(f), []);
  }
  const garbage = tcpFrame(1, 2, bytes('aabb'), { options: '0205 0000' });
  assert.deepEqual(truncationProblems(garbage), []);
});
