/**
 * @module flow/tcp/sequence-analysis
 * Sequence and acknowledgement analysis of one segment, with the definitions Wireshark documents for
 * its `tcp.analysis.*` flags (User's Guide, "TCP Analysis"), so that tshark can serve as the oracle:
 *
 * - zero-window probe: 1 byte at the next expected sequence number while the peer's window is 0;
 * - zero window: window 0 on a segment without SYN, FIN or RST;
 * - lost segment ("previous segment not captured"): the segment starts beyond the next expected
 *   sequence number (RST excepted); the gap is counted as missed bytes;
 * - keep-alive: 0 or 1 byte starting one before the next expected sequence number, no SYN/FIN/RST;
 * - duplicate ACK: no payload, same window (not 0), same sequence and ACK numbers as the previous
 *   segment of the direction, no SYN/FIN/RST, and not the answer to a keep-alive or window probe;
 * - a segment with payload, SYN or FIN that does not advance the sequence is, in this order:
 *   spurious (all of it was already acknowledged), fast (at least two duplicate ACKs asked for it in
 *   the last 20 ms), out-of-order (within one initial RTT, 3 ms when unknown, of the highest
 *   sequence), else a plain retransmission. A segment of more than one byte starting one byte before
 *   the next expected sequence (after a window probe) adds data and is none of these; a spurious
 *   segment is checked even then.
 *
 * "Not known yet" is a zero value, as in Wireshark (a sequence number of exactly 0 reads as unknown).
 */
import { seqGt, seqLe, seqLt } from './seq.js';
import { ConnBit, DirBit, SegmentKind, TcpFlag } from './tcp-bits.js';
import type { TcpConnectionMetrics } from './tcp-connection-metrics.js';

const FAST_RETRANSMISSION_US = 20_000;
const DEFAULT_OOO_US = 3_000;
const NO_SYN_FIN_RST = TcpFlag.Syn | TcpFlag.Fin | TcpFlag.Rst;

/**
 * Analyse one segment of direction f (r: the reverse direction) of connection e and update the
 * counters; returns SegmentKind bits. seq, ack and the time (µs modulo 2^32) come as int32.
 */
export function analyseSequence(m: TcpConnectionMetrics, e: number, f: number, r: number, seqIn: number, ackIn: number,
  len: number, flags: number, win: number, now32: number): number {
  // Every sequence value is handled as int32 (equal as uint32 too); helpers get no value above 2^31 - 1.
  const seq = seqIn | 0, ack = ackIn | 0;
  const nextSeq = (m.nextSeq[f] as number) | 0;
  const lastAck = (m.lastAck[f] as number) | 0;
  const df = m.dirFlags[f] as number, dr = m.dirFlags[r] as number;
  const plain = (flags & NO_SYN_FIN_RST) === 0;
  const sameWindow = (df & DirBit.WindowKnown) !== 0 && win === (m.window[f] as number);
  let keepAlive = false, probe = false, kind = 0;

  if (len === 1 && seq === nextSeq && (dr & DirBit.WindowKnown) !== 0 && m.window[r] === 0) {
    probe = true;
  } else {
    if (win === 0 && plain) m.zeroWindow[f] = (m.zeroWindow[f] as number) + 1;
    if (nextSeq !== 0 && seqGt(seq, nextSeq) && (flags & TcpFlag.Rst) === 0) {
      m.lostSegments[f] = (m.lostSegments[f] as number) + 1;
      m.missedBytes[f] = (m.missedBytes[f] as number) + ((seq - nextSeq) >>> 0);
    }
    if (len <= 1 && seq === ((nextSeq - 1) | 0) && plain) keepAlive = true;
    const repeats = len === 0 && sameWindow && seq === nextSeq && ack === lastAck && plain;
    const answersProbe = repeats && (win !== 0 ? (dr & DirBit.LastKeepAlive) !== 0 : (dr & DirBit.LastZeroWindowProbe) !== 0);
    if (repeats && win !== 0 && !answersProbe) {
      const run = m.dupAckRun[f] as number;
      m.dupAckRun[f] = run < 0 ? 1 : run < 127 ? run + 1 : run;
      m.dupAcks[f] = (m.dupAcks[f] as number) + 1;
    }
  }
  if (ack !== lastAck) m.dupAckRun[f] = 0;

  // An ACK beyond everything seen from the peer: data of the peer was not captured.
  const peerMax = (m.maxSeqToBeAcked[r] as number) | 0;
  if (peerMax !== 0 && seqGt(ack, peerMax) && (flags & TcpFlag.Ack) !== 0) {
    const peerNext = m.nextSeq[r] as number;
    // (Wireshark compares these two as plain unsigned numbers.)
    if ((peerMax >>> 0) > peerNext) m.maxSeqToBeAcked[r] = peerNext;
    else m.dupAckRun[r] = -1;
  }

  const synFin = (flags & (TcpFlag.Syn | TcpFlag.Fin)) !== 0;
  if ((len > 0 || synFin) && !keepAlive) {
    let notAdvanced = nextSeq !== 0 && seqLt(seq, nextSeq);
    if (len > 1 && ((nextSeq - 1) | 0) === seq) notAdvanced = false;
    const peerAck = (m.lastAck[r] as number) | 0;
    if (len > 0 && peerAck !== 0 && seqLe((seq + len) | 0, peerAck)) {
      kind = SegmentKind.Retransmission | SegmentKind.Spurious;
      m.spuriousRetrans[f] = (m.spuriousRetrans[f] as number) + 1;
    } else if (notAdvanced) {
      const sinceAck = (now32 - (m.lastAckTs[r] as number)) >>> 0;
      const sinceNext = (now32 - (m.nextSeqTs[f] as number)) >>> 0;
      const c = m.connFlags[e] as number;
      const oooUs = (c & ConnBit.FirstRttKnown) !== 0 ? (m.firstRttUs[e] as number) : DEFAULT_OOO_US;
      if ((m.dupAckRun[r] as number) >= 2 && peerAck === seq && sinceAck < FAST_RETRANSMISSION_US) {
        kind = SegmentKind.Retransmission | SegmentKind.Fast;
        m.fastRetrans[f] = (m.fastRetrans[f] as number) + 1;
      } else if (sinceNext < oooUs && nextSeq !== ((seq + len + (synFin ? 1 : 0)) | 0)) {
        kind = SegmentKind.OutOfOrder;
        m.outOfOrder[f] = (m.outOfOrder[f] as number) + 1;
      } else {
        kind = SegmentKind.Retransmission;
      }
    }
    if ((kind & SegmentKind.Retransmission) !== 0) m.retransPackets[f] = (m.retransPackets[f] as number) + 1;
  }

  // Advance the highest sequence number (a window probe does not), and the contiguous edge.
  const end = (seq + len + (synFin ? 1 : 0)) | 0;
  if (!probe) {
    if (nextSeq === 0 || seqGt(end, nextSeq)) {
      m.nextSeq[f] = end;
      m.nextSeqTs[f] = now32;
    }
    const edge = (m.maxSeqToBeAcked[f] as number) | 0;
    if (edge === 0 || seq === edge) m.maxSeqToBeAcked[f] = m.nextSeq[f] as number;
  }

  // Bytes in flight after a data segment: highest sequence sent minus the peer's last ACK.
  if (len > 0) {
    const peerAck = (m.lastAck[r] as number) | 0;
    if (peerAck !== 0) {
      const inFlight = ((m.nextSeq[f] as number) - peerAck) >>> 0;
      if (inFlight > 0 && inFlight < 2_000_000_000 && inFlight > (m.maxInFlight[f] as number)) m.maxInFlight[f] = inFlight;
    }
  }

  m.window[f] = win;
  m.lastAck[f] = ack;
  m.lastAckTs[f] = now32;
  m.dirFlags[f] = (df & ~(DirBit.LastKeepAlive | DirBit.LastZeroWindowProbe)) | DirBit.WindowKnown |
    (keepAlive ? DirBit.LastKeepAlive : 0) | (probe ? DirBit.LastZeroWindowProbe : 0);
  return kind | (keepAlive || probe ? SegmentKind.NotData : 0);
}
