import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, decodeOne, eth, firstAnomalyId, frame, ipv4, ipv6, l4Text, truncationProblems } from './test-frames.js';

// SCTP common header (ports 5000 > 80, verification tag 0, checksum) + an INIT chunk
const SCTP = bytes('1388 0050 00000000 12345678', '01 00 0014 11223344 00010000 000a 000a 00000001');

test('SCTP ports over IPv4 and IPv6; chunks are payload', () => {
  const a = decodeOne(frame(eth(0x0800, ipv4(132, SCTP))));
  assert.deepEqual(l4Text(a), ['sctp 5000>80 @0']);
  assert.equal(a.payloadLen, 20);
  const b = decodeOne(frame(eth(0x86dd, ipv6(132, SCTP))));
  assert.deepEqual(l4Text(b), ['sctp 5000>80 @0']);
});

test('SCTP shorter than its 12-byte common header: sctp.truncated', () => {
  const out = decodeOne(frame(eth(0x0800, ipv4(132, SCTP.subarray(0, 10)))));
  assert.deepEqual([out.l4Count, firstAnomalyId(out)], [0, 'sctp.truncated']);
});

test('SCTP frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(frame(eth(0x0800, ipv4(132, SCTP)))), []);
});
