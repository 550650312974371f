/**
 * Unit tests of TcpConnectionMetrics with hand-built segments: one test per figure (handshake and
 * its halves, window scale, SYN retransmission, retransmission kinds, duplicate ACKs, lost data,
 * zero window and probes, response times, termination, sequence wrap-around, columns).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FlagCount, Termination } from './tcp-bits.js';
import { TcpConnectionMetrics } from './tcp-connection-metrics.js';
import { fillSegment, newSegmentInfo, type SegmentSpec } from './test-segments.js';

const A = 0, B = 1;

/** A one-connection fixture: send(fromA, timeUs, segment). */
function connection(): { m: TcpConnectionMetrics; send: (from: number, tUs: number, s: SegmentSpec) => void } {
  const m = new TcpConnectionMetrics(4);
  const pi = newSegmentInfo();
  return { m, send: (from, tUs, s) => { m.onPacket(0, from === A, fillSegment(pi, s), 1_700_000_000_000_000 + tUs); } };
}

/** SYN at 0, SYN/ACK at 1000 µs, ACK at 1500 µs; A's ISN 100, B's ISN 5000. */
function handshake(send: (from: number, tUs: number, s: SegmentSpec) => void, wsA = 7, wsB = 8): void {
  send(A, 0, { flags: 'S', seq: 100, win: 64240, mss: 1460, ws: wsA });
  send(B, 1000, { flags: 'SA', seq: 5000, ack: 101, win: 65160, mss: 1400, ws: wsB });
  send(A, 1500, { flags: 'A', seq: 101, ack: 5001, win: 502 });
}

test('handshake: client side, SYN→SYN/ACK, SYN/ACK→ACK and the whole', () => {
  const { m, send } = connection();
  assert.equal(m.clientIsA(0), -1);
  assert.equal(m.handshakeUs(0), -1);
  handshake(send);
  assert.equal(m.clientIsA(0), 1);
  assert.equal(m.serverDelayUs[0], 1000);
  assert.equal(m.clientDelayUs[0], 500);
  assert.equal(m.handshakeUs(0), 1500);
  assert.equal(m.firstRttUs[0], 1500);
  assert.ok(m.isValid(0));
  assert.equal(m.flagCount(0, A, FlagCount.Syn), 1);
  assert.equal(m.flagCount(0, B, FlagCount.SynAck), 1);
});

test('handshake: the SYN/ACK sender is the server when the SYN was missed; no handshake time then', () => {
  const { m, send } = connection();
  send(A, 0, { flags: 'SA', seq: 5000, ack: 101 });
  send(B, 700, { flags: 'A', seq: 101, ack: 5001 });
  assert.equal(m.clientIsA(0), 0);
  assert.equal(m.handshakeUs(0), -1);
  assert.equal(m.firstRttUs[0], -1);
  assert.equal(m.isValid(0), false);
});

test('handshake: a retransmitted SYN is a retransmission and the SYN/ACK is timed from the latest SYN', () => {
  const { m, send } = connection();
  send(A, 0, { flags: 'S', seq: 100 });
  send(A, 1_000_000, { flags: 'S', seq: 100 });
  send(B, 1_050_000, { flags: 'SA', seq: 5000, ack: 101 });
  send(A, 1_080_000, { flags: 'A', seq: 101, ack: 5001 });
  assert.equal(m.flagCount(0, A, FlagCount.Syn), 2);
  assert.equal(m.retransPackets[A], 1);
  assert.equal(m.serverDelayUs[0], 50_000);
  assert.equal(m.clientDelayUs[0], 30_000);
  assert.equal(m.handshakeUs(0), 80_000);
});

test('window scale: agreed when SYN and SYN/ACK carry it; SYN windows never scaled; limit 65535 << shift', () => {
  const { m, send } = connection();
  handshake(send);
  assert.ok(m.windowScaleAgreed(0));
  assert.equal(m.windowShift(0, A), 7);
  assert.equal(m.windowLimit(0, B), 65535 * 256);
  // A's SYN announced 64240 unscaled; its ACK 502 << 7 = 64256.
  assert.equal(m.maxWindow[A], 64256);
  assert.equal(m.minWindowOf(0, A), 64240);
  send(B, 2000, { flags: 'A', seq: 5001, ack: 101, win: 300 });
  assert.equal(m.maxWindow[B], 300 * 256);
  assert.equal(m.minWindowOf(0, B), 65160);
});

test('window scale: not agreed when the SYN/ACK lacks it (and shifts above 14 count as 14)', () => {
  const { m, send } = connection();
  handshake(send, 7, -1);
  assert.equal(m.windowScaleAgreed(0), false);
  assert.equal(m.windowShift(0, A), 0);
  assert.equal(m.windowLimit(0, A), 65535);
  assert.equal(m.maxWindow[A], 64240);
  const { m: m2, send: send2 } = connection();
  handshake(send2, 15, 2);
  assert.equal(m2.windowShift(0, A), 14);
});

test('MSS per direction, with the RFC 9293 default when absent', () => {
  const { m, send } = connection();
  send(A, 0, { flags: 'S', seq: 1 });
  send(B, 10, { flags: 'SA', seq: 9, ack: 2, mss: 1380 });
  assert.equal(m.mssOrDefault(0, A, 4), 536);
  assert.equal(m.mssOrDefault(0, A, 6), 1220);
  assert.equal(m.mssOrDefault(0, B, 4), 1380);
});

test('retransmission: the same data again after more than the initial RTT', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 10_000, { flags: 'PA', seq: 101, ack: 5001, len: 1000 });
  send(A, 300_000, { flags: 'PA', seq: 101, ack: 5001, len: 1000 });
  assert.equal(m.retransPackets[A], 1);
  assert.equal(m.retransBytes[A], 1000);
  assert.equal(m.fastRetrans[A], 0);
  assert.equal(m.outOfOrder[A], 0);
  assert.equal(m.payloadBytes[A], 2000);
});

test('fast retransmission: the hole asked for by two duplicate ACKs within 20 ms; the gap is missed data', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 10_000, { flags: 'A', seq: 101, ack: 5001, len: 1000 });
  send(A, 10_100, { flags: 'A', seq: 2101, ack: 5001, len: 1000 }); // 1101..2100 not captured
  assert.equal(m.lostSegments[A], 1);
  assert.equal(m.missedBytes[A], 1000);
  send(B, 20_000, { flags: 'A', seq: 5001, ack: 1101, win: 500 });
  send(B, 20_100, { flags: 'A', seq: 5001, ack: 1101, win: 500 });
  send(B, 20_200, { flags: 'A', seq: 5001, ack: 1101, win: 500 });
  assert.equal(m.dupAcks[B], 2);
  send(A, 25_000, { flags: 'A', seq: 1101, ack: 5001, len: 1000 });
  assert.equal(m.fastRetrans[A], 1);
  assert.equal(m.retransPackets[A], 1);
  assert.equal(m.outOfOrder[A], 0);
});

test('out-of-order: the hole filled within the initial RTT without duplicate ACKs', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 10_000, { flags: 'A', seq: 101, ack: 5001, len: 1000 });
  send(A, 10_100, { flags: 'A', seq: 2101, ack: 5001, len: 1000 });
  send(A, 10_200, { flags: 'A', seq: 1101, ack: 5001, len: 1000 });
  assert.equal(m.outOfOrder[A], 1);
  assert.equal(m.retransPackets[A], 0);
  assert.equal(m.lostSegments[A], 1);
});

test('spurious retransmission: data the peer had already acknowledged', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 10_000, { flags: 'A', seq: 101, ack: 5001, len: 1000 });
  send(B, 20_000, { flags: 'A', seq: 5001, ack: 1101 });
  send(A, 30_000, { flags: 'A', seq: 101, ack: 5001, len: 1000 });
  assert.equal(m.spuriousRetrans[A], 1);
  assert.equal(m.retransPackets[A], 1);
});

test('zero window, a window probe and its answer: counted once, the probe is no data turn', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 10_000, { flags: 'PA', seq: 101, ack: 5001, len: 100 });
  send(B, 11_000, { flags: 'A', seq: 5001, ack: 201, win: 0 });
  assert.equal(m.zeroWindow[B], 1);
  send(A, 500_000, { flags: 'A', seq: 201, ack: 5001, len: 1 }); // zero-window probe
  send(B, 501_000, { flags: 'A', seq: 5001, ack: 201, win: 0 }); // its answer repeats the zero window: counted again, as tshark does
  assert.equal(m.zeroWindow[B], 2);
  assert.equal(m.retransPackets[A], 0);
  assert.equal(m.responseCount[B], 0);
  // The probe did not advance the sequence: the real data at 201 is neither lost nor a retransmission.
  send(A, 900_000, { flags: 'A', seq: 201, ack: 5001, len: 500 });
  assert.equal(m.retransPackets[A], 0);
  assert.equal(m.lostSegments[A], 0);
});

test('keep-alive: one byte before the next sequence is neither a retransmission nor data; its ACK is no duplicate ACK', () => {
  const { m, send } = connection();
  handshake(send);
  send(B, 2000, { flags: 'A', seq: 5001, ack: 101, win: 500 });
  send(A, 60_000_000, { flags: 'A', seq: 100, ack: 5001, len: 0, win: 502 });
  send(B, 60_000_100, { flags: 'A', seq: 5001, ack: 101, win: 500 });
  assert.equal(m.retransPackets[A], 0);
  assert.equal(m.dupAcks[B], 0);
});

test('duplicate ACKs: same seq, ack and window without data; a new ACK number restarts the run', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 2000, { flags: 'A', seq: 101, ack: 5001, win: 502 });
  send(A, 3000, { flags: 'A', seq: 101, ack: 5001, win: 502 });
  send(A, 3500, { flags: 'A', seq: 101, ack: 5001, win: 600 }); // window update, not a duplicate
  assert.equal(m.dupAcks[A], 2);
  assert.equal(m.dupAckRun[A], 2);
  send(B, 4000, { flags: 'A', seq: 5001, ack: 101, len: 10 });
  send(A, 5000, { flags: 'A', seq: 101, ack: 5011, win: 600 });
  assert.equal(m.dupAckRun[A], 0);
});

test('response times: a server response and a client turn are timed apart', () => {
  const { m, send } = connection();
  handshake(send);
  send(A, 10_000, { flags: 'PA', seq: 101, ack: 5001, len: 300 });
  send(B, 12_000, { flags: 'A', seq: 5001, ack: 401 });
  send(B, 15_000, { flags: 'PA', seq: 5001, ack: 401, len: 1000 });
  send(B, 15_100, { flags: 'PA', seq: 6001, ack: 401, len: 1000 });
  send(A, 40_100, { flags: 'PA', seq: 401, ack: 7001, len: 200 });
  send(B, 41_100, { flags: 'PA', seq: 7001, ack: 601, len: 10 });
  assert.equal(m.responseCount[B], 2);
  assert.equal(m.responseSumUs[B], 5000 + 1000);
  assert.equal(m.responseMaxUs[B], 5000);
  assert.equal(m.responseCount[A], 1);
  assert.equal(m.responseSumUs[A], 25_000);
});

test('termination: open, FIN, RST; a RST after both FINs keeps FIN; the caller may set a timeout', () => {
  const { m, send } = connection();
  handshake(send);
  assert.equal(m.termination[0], Termination.Open);
  send(A, 2000, { flags: 'FA', seq: 101, ack: 5001 });
  assert.equal(m.termination[0], Termination.Fin);
  send(B, 3000, { flags: 'FA', seq: 5001, ack: 102 });
  send(A, 4000, { flags: 'R', seq: 102 });
  assert.equal(m.termination[0], Termination.Fin);
  assert.equal(m.flagCount(0, A, FlagCount.Rst), 1);
  const c2 = connection();
  handshake(c2.send);
  c2.send(A, 2000, { flags: 'FA', seq: 101, ack: 5001 });
  c2.send(B, 3000, { flags: 'RA', seq: 5001, ack: 102 });
  assert.equal(c2.m.termination[0], Termination.Rst);
  c2.m.setTermination(0, Termination.Timeout);
  assert.equal(c2.m.termination[0], Termination.Timeout);
});

test('sequence numbers wrap at 2^32: no loss across the wrap, a retransmission before it is found', () => {
  const { m, send } = connection();
  send(A, 0, { flags: 'S', seq: 0xffffff00 });
  send(B, 1000, { flags: 'SA', seq: 7, ack: 0xffffff01 });
  send(A, 1500, { flags: 'A', seq: 0xffffff01, ack: 8 });
  send(A, 2000, { flags: 'A', seq: 0xffffff01, ack: 8, len: 1000 }); // ends at 0x2e9
  send(A, 2100, { flags: 'A', seq: 0x2e9, ack: 8, len: 1000 });
  assert.equal(m.nextSeq[A], 0x2e9 + 1000);
  assert.equal(m.lostSegments[A], 0);
  send(A, 900_000, { flags: 'A', seq: 0xffffff01, ack: 8, len: 1000 });
  assert.equal(m.retransPackets[A], 1);
  assert.equal(m.retransBytes[A], 1000);
  // A gap across the wrap is counted in bytes modulo 2^32.
  const c2 = connection();
  c2.send(A, 0, { flags: 'A', seq: 0xfffffff0, ack: 1, len: 10 });
  c2.send(A, 100, { flags: 'A', seq: 0x10, ack: 1, len: 10 });
  assert.equal(c2.m.missedBytes[A], 0x20 - 10);
});

test('flag counters saturate at 255', () => {
  const { m, send } = connection();
  for (let i = 0; i < 300; i++) send(A, i, { flags: 'R', seq: 1 });
  assert.equal(m.flagCount(0, A, FlagCount.Rst), 255);
});

test('columns: resize keeps values, reset clears an entity, memory per entity stays small', () => {
  const m = new TcpConnectionMetrics(2);
  const pi = newSegmentInfo();
  m.onPacket(1, true, fillSegment(pi, { flags: 'PA', seq: 1, ack: 1, len: 10 }), 5);
  m.resize(1000);
  assert.ok(m.capacity >= 1000);
  assert.equal(m.payloadBytes[2], 10);
  assert.equal(m.serverDelayUs[999], -1);
  m.reset(1);
  assert.equal(m.payloadBytes[2], 0);
  assert.equal(m.nextSeq[2], 0);
  assert.ok(TcpConnectionMetrics.bytesPerEntity < 300, `${TcpConnectionMetrics.bytesPerEntity} bytes per connection`);
  assert.equal(m.memoryBytes(), m.capacity * TcpConnectionMetrics.bytesPerEntity + 8);
  // The declared figure is the sum of the columns' widths.
  let bytes = 0;
  for (const v of Object.values(m)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  assert.equal(bytes, m.memoryBytes());
});
