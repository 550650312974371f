/**
 * @module flow/tcp/tcp-connection-metrics
 * TCP state and figures per connection entity of the connection table, in struct-of-arrays typed
 * arrays indexed by entity id (per-direction columns by entity * 2 + direction, direction 0 = sent
 * by side A). `onPacket` reads one decoded segment and allocates nothing.
 *
 * What is measured (README.md in this folder has the definitions and the differences from tshark):
 * client side, handshake time and its two halves, data response times, payload bytes, retransmitted
 * packets and bytes (plain, fast, spurious), duplicate ACKs, out-of-order segments, lost segments and
 * the bytes they prove missing, zero windows, SYN/SYN-ACK/FIN/RST counts, MSS, window scale, largest
 * and smallest announced window, most bytes in flight, and how the connection ended.
 *
 * Packet times are whole microseconds. The times the sequence analysis compares (last ACK, highest
 * sequence, SYN, SYN/ACK) are kept modulo 2^32 µs: differences are right up to 71 minutes.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { EntityListener } from '../../store/entity-table.js';
import { resized } from '../../store/resize.js';
import { analyseSequence } from './sequence-analysis.js';
import { tcpSegmentLength } from './segment.js';
import { ConnBit, DirBit, FlagCount, SegmentKind, TcpFlag, Termination } from './tcp-bits.js';

const U32_MAX = 0xffffffff;
const I32_MAX = 0x7fffffff;
/** 2^shift for the window-scale shifts 0..14 (`2 ** s` with a variable s is a call to pow). */
const WINDOW_SCALE = Float64Array.from({ length: 15 }, (_, s) => 2 ** s);

/**
 * Columns per connection entity. It is an EntityListener: `connections.listen(metrics)` keeps it
 * sized to the connection table and resets an entity whenever the table (re)uses its id.
 */
export class TcpConnectionMetrics implements EntityListener {
  /** Entities the columns can hold. */
  capacity = 0;

  // ---- per direction (index entity * 2 + direction): sequence analysis state -----------------
  /** Highest next sequence number seen (0: none yet, as in tshark). */
  nextSeq = new Uint32Array(0);
  /** When nextSeq last advanced (µs mod 2^32). */
  nextSeqTs = new Uint32Array(0);
  /** Last acknowledgement number sent (0: none yet) and when (µs mod 2^32). */
  lastAck = new Uint32Array(0);
  lastAckTs = new Uint32Array(0);
  /** Highest sequence number up to which the data seen is contiguous (0: none yet). */
  maxSeqToBeAcked = new Uint32Array(0);
  /** Last raw (unscaled) window. */
  window = new Uint16Array(0);
  /** Duplicate ACKs in a row for the current ACK number, saturating at 127 (-1: an ACK of unseen data was seen). */
  dupAckRun = new Int8Array(0);
  dirFlags = new Uint8Array(0);

  // ---- per direction: figures -----------------------------------------------------------------
  payloadBytes = new Float64Array(0);
  /** Retransmitted segments of every kind (plain, fast, spurious), and their payload bytes. */
  retransPackets = new Uint32Array(0);
  retransBytes = new Float64Array(0);
  fastRetrans = new Uint32Array(0);
  spuriousRetrans = new Uint32Array(0);
  dupAcks = new Uint32Array(0);
  outOfOrder = new Uint32Array(0);
  /** Segments that start beyond the highest sequence number seen, and the bytes skipped. */
  lostSegments = new Uint32Array(0);
  missedBytes = new Float64Array(0);
  zeroWindow = new Uint32Array(0);
  /** SYN, SYN/ACK, FIN, RST counts (4 per direction, saturating at 255). */
  flagCounts = new Uint8Array(0);
  /** MSS option of the direction's SYN (0: absent). */
  mss = new Uint16Array(0);
  /** Window scale shift of the direction's SYN (-1: absent or not seen). */
  wsShift = new Int8Array(0);
  /** Largest and smallest announced window (scaled once scaling is agreed); min 0xffffffff: none. */
  maxWindow = new Uint32Array(0);
  minWindow = new Uint32Array(0);
  /** Most bytes in flight (sent and not yet acknowledged) after a data segment of the direction. */
  maxInFlight = new Uint32Array(0);
  /** Data turns answered by this direction: count, sum and max of the time from the other side's last data segment. */
  responseCount = new Uint32Array(0);
  responseSumUs = new Float64Array(0);
  responseMaxUs = new Uint32Array(0);

  // ---- per connection (index entity) ------------------------------------------------------------
  /** Latest SYN (no ACK) and the SYN/ACK that answered it (µs mod 2^32). */
  synTs = new Uint32Array(0);
  synAckTs = new Uint32Array(0);
  /** SYN → SYN/ACK and SYN/ACK → ACK (µs; -1 when not seen). */
  serverDelayUs = new Int32Array(0);
  clientDelayUs = new Int32Array(0);
  /** tshark's initial RTT: latest SYN → first ACK without SYN, in either direction (µs). */
  firstRttUs = new Int32Array(0);
  /** Time of the last data segment (µs). */
  lastDataTsUs = new Float64Array(0);
  connFlags = new Uint8Array(0);
  termination = new Uint8Array(0);
  /** The current packet's time, so that no call passes it as a (boxed) double. */
  private readonly nowUs = new Float64Array(1);

  /**
   * What the last onPacket learned, for per-segment aggregation by the caller (valid until the
   * next onPacket): the segment's SegmentKind bits, its payload length, the handshake time it
   * completed and the response time it measured (-1 when none), and whether it announced a zero
   * window.
   */
  lastKind = 0;
  lastPayload = 0;
  lastHandshakeUs = -1;
  lastResponseUs = -1;
  lastZeroWindow = false;
  lastDupAck = false;
  lastMissedBytes = 0;

  constructor(capacity = 1024) {
    this.resize(capacity);
  }

  /** Grow every column to at least `capacity` entities; values are kept. */
  resize(capacity: number): void {
    if (capacity <= this.capacity) return;
    let cap = this.capacity > 0 ? this.capacity : 16;
    while (cap < capacity) cap *= 2;
    const d = cap * 2;
    this.nextSeq = resized(this.nextSeq, d);
    this.nextSeqTs = resized(this.nextSeqTs, d);
    this.lastAck = resized(this.lastAck, d);
    this.lastAckTs = resized(this.lastAckTs, d);
    this.maxSeqToBeAcked = resized(this.maxSeqToBeAcked, d);
    this.window = resized(this.window, d);
    this.dupAckRun = resized(this.dupAckRun, d);
    this.dirFlags = resized(this.dirFlags, d);
    this.payloadBytes = resized(this.payloadBytes, d);
    this.retransPackets = resized(this.retransPackets, d);
    this.retransBytes = resized(this.retransBytes, d);
    this.fastRetrans = resized(this.fastRetrans, d);
    this.spuriousRetrans = resized(this.spuriousRetrans, d);
    this.dupAcks = resized(this.dupAcks, d);
    this.outOfOrder = resized(this.outOfOrder, d);
    this.lostSegments = resized(this.lostSegments, d);
    this.missedBytes = resized(this.missedBytes, d);
    this.zeroWindow = resized(this.zeroWindow, d);
    this.flagCounts = resized(this.flagCounts, d * 4);
    this.mss = resized(this.mss, d);
    this.wsShift = resized(this.wsShift, d);
    this.maxWindow = resized(this.maxWindow, d);
    this.minWindow = resized(this.minWindow, d);
    this.maxInFlight = resized(this.maxInFlight, d);
    this.responseCount = resized(this.responseCount, d);
    this.responseSumUs = resized(this.responseSumUs, d);
    this.responseMaxUs = resized(this.responseMaxUs, d);
    this.synTs = resized(this.synTs, cap);
    this.synAckTs = resized(this.synAckTs, cap);
    this.serverDelayUs = resized(this.serverDelayUs, cap);
    this.clientDelayUs = resized(this.clientDelayUs, cap);
    this.firstRttUs = resized(this.firstRttUs, cap);
    this.lastDataTsUs = resized(this.lastDataTsUs, cap);
    this.connFlags = resized(this.connFlags, cap);
    this.termination = resized(this.termination, cap);
    // New entities start reset (callers also reset each new connection).
    for (let e = this.capacity; e < cap; e++) this.reset(e);
    this.capacity = cap;
  }

  /** Entity `e` is a new connection (a fresh or a reused id): forget everything about it. */
  reset(e: number): void {
    for (let k = e * 2; k < e * 2 + 2; k++) {
      this.nextSeq[k] = 0;
      this.nextSeqTs[k] = 0;
      this.lastAck[k] = 0;
      this.lastAckTs[k] = 0;
      this.maxSeqToBeAcked[k] = 0;
      this.window[k] = 0;
      this.dupAckRun[k] = 0;
      this.dirFlags[k] = 0;
      this.payloadBytes[k] = 0;
      this.retransPackets[k] = 0;
      this.retransBytes[k] = 0;
      this.fastRetrans[k] = 0;
      this.spuriousRetrans[k] = 0;
      this.dupAcks[k] = 0;
      this.outOfOrder[k] = 0;
      this.lostSegments[k] = 0;
      this.missedBytes[k] = 0;
      this.zeroWindow[k] = 0;
      const c = k * 4;
      this.flagCounts[c] = 0;
      this.flagCounts[c + 1] = 0;
      this.flagCounts[c + 2] = 0;
      this.flagCounts[c + 3] = 0;
      this.mss[k] = 0;
      this.wsShift[k] = -1;
      this.maxWindow[k] = 0;
      this.minWindow[k] = U32_MAX;
      this.maxInFlight[k] = 0;
      this.responseCount[k] = 0;
      this.responseSumUs[k] = 0;
      this.responseMaxUs[k] = 0;
    }
    this.synTs[e] = 0;
    this.synAckTs[e] = 0;
    this.serverDelayUs[e] = -1;
    this.clientDelayUs[e] = -1;
    this.firstRttUs[e] = -1;
    this.lastDataTsUs[e] = 0;
    this.connFlags[e] = 0;
    this.termination[e] = Termination.Open;
  }

  /** Evicted ids need nothing: the table resets an id when it reuses it. */
  evicted(_mark: Uint8Array): void {
    // nothing to do
  }

  /**
   * One TCP segment of connection `e` (call only when `pi.tcpFlags >= 0`). `fromA`: sent by the
   * entity's side A. `tsUs`: packet time in whole microseconds.
   */
  onPacket(e: number, fromA: boolean, pi: PacketInfo, tsUs: number): void {
    const f = fromA ? e * 2 : e * 2 + 1;
    const r = fromA ? e * 2 + 1 : e * 2;
    const flags = pi.tcpFlags;
    // Values that may exceed 2^31 travel to the helpers as int32 (a uint32 above 2^31 - 1 would be
    // boxed in a call); each helper reads them back with >>> 0.
    const seq = pi.tcpSeq | 0, ack = pi.tcpAck | 0, win = pi.tcpWindow;
    const len = tcpSegmentLength(pi);
    const now32 = tsUs | 0;
    this.nowUs[0] = tsUs;
    const syn = (flags & TcpFlag.Syn) !== 0, isAck = (flags & TcpFlag.Ack) !== 0;

    this.lastHandshakeUs = -1;
    this.lastResponseUs = -1;
    const zeroWindowsBefore = this.zeroWindow[f] as number;
    const dupAcksBefore = (this.dupAcks[f] as number) + (this.dupAcks[r] as number);
    const missedBefore = (this.missedBytes[f] as number) + (this.missedBytes[r] as number);
    this.countFlags(f, flags);
    // The segment is analysed before it can complete the handshake (its own out-of-order threshold
    // is still the one before it, as in Wireshark).
    const kind = analyseSequence(this, e, f, r, seq, ack, len, flags, win, now32);
    if (syn) this.onSyn(e, f, fromA, isAck, pi, now32);
    else if (isAck) this.onFirstAck(e, fromA, now32);
    if ((flags & TcpFlag.Rst) !== 0) {
      // A reset after both sides closed with FIN does not change how the connection ended.
      const fins = this.flagCounts;
      const bothFin = (fins[e * 8 + FlagCount.Fin] as number) > 0 && (fins[e * 8 + 4 + FlagCount.Fin] as number) > 0;
      if (!bothFin || this.termination[e] !== Termination.Fin) this.termination[e] = Termination.Rst;
    } else if ((flags & TcpFlag.Fin) !== 0 && this.termination[e] === Termination.Open) this.termination[e] = Termination.Fin;

    this.noteWindow(f, r, win, syn);
    this.lastKind = kind;
    this.lastPayload = len;
    this.lastZeroWindow = (this.zeroWindow[f] as number) !== zeroWindowsBefore;
    this.lastDupAck = (this.dupAcks[f] as number) + (this.dupAcks[r] as number) !== dupAcksBefore;
    this.lastMissedBytes = (this.missedBytes[f] as number) + (this.missedBytes[r] as number) - missedBefore;
    if (len > 0) {
      this.payloadBytes[f] = (this.payloadBytes[f] as number) + len;
      if ((kind & SegmentKind.Retransmission) !== 0) this.retransBytes[f] = (this.retransBytes[f] as number) + len;
      if ((kind & SegmentKind.NotData) === 0) this.noteData(e, f, fromA);
    }
  }

  /** The caller decided the connection timed out (or any other ending it knows of). */
  setTermination(e: number, how: Termination): void {
    this.termination[e] = how;
  }

  // ---- readable figures ---------------------------------------------------------------------------

  /** 1: side A is the client, 0: side B is, -1: no SYN or SYN/ACK seen. */
  clientIsA(e: number): number {
    const c = this.connFlags[e] as number;
    return (c & ConnBit.ClientKnown) === 0 ? -1 : (c & ConnBit.ClientIsA) !== 0 ? 1 : 0;
  }

  /** SYN → ACK of the SYN/ACK in µs, -1 when the handshake was not seen whole. */
  handshakeUs(e: number): number {
    const s = this.serverDelayUs[e] as number, c = this.clientDelayUs[e] as number;
    return s >= 0 && c >= 0 ? Math.min(s + c, I32_MAX) : -1;
  }

  /** Handshake seen whole, or payload carried in either direction. */
  isValid(e: number): boolean {
    return this.handshakeUs(e) >= 0 || (this.payloadBytes[e * 2] as number) > 0 || (this.payloadBytes[e * 2 + 1] as number) > 0;
  }

  /** Count of SYN / SYN-ACK / FIN / RST (FlagCount) sent by direction `dir` (0: by side A). */
  flagCount(e: number, dir: number, which: number): number {
    return this.flagCounts[(e * 2 + dir) * 4 + which] as number;
  }

  /**
   * MSS announced by direction `dir`; when its SYN carried none (or was not seen), the default of
   * RFC 9293 §3.7.1: 536 for IPv4, 1220 for IPv6 (RFC 8200's 1280-byte minimum MTU less 60).
   */
  mssOrDefault(e: number, dir: number, ipVersion: number): number {
    const m = this.mss[e * 2 + dir] as number;
    return m > 0 ? m : ipVersion === 6 ? 1220 : 536;
  }

  /** Window scaling agreed (RFC 7323 §2.2: both the SYN and the SYN/ACK carried the option). */
  windowScaleAgreed(e: number): boolean {
    const a = this.dirFlags[e * 2] as number, b = this.dirFlags[e * 2 + 1] as number;
    return (a & DirBit.WsOption) !== 0 && (b & DirBit.WsOption) !== 0;
  }

  /** Shift applied to the windows of direction `dir`: its option (at most 14) once agreed, else 0. */
  windowShift(e: number, dir: number): number {
    if (!this.windowScaleAgreed(e)) return 0;
    const s = this.wsShift[e * 2 + dir] as number;
    return s > 14 ? 14 : s;
  }

  /** The largest window direction `dir` can announce: 65535 << shift. */
  windowLimit(e: number, dir: number): number {
    return 65535 * (WINDOW_SCALE[this.windowShift(e, dir)] as number);
  }

  /** Smallest announced window of direction `dir`, -1 when none was seen. */
  minWindowOf(e: number, dir: number): number {
    const m = this.minWindow[e * 2 + dir] as number;
    return m === U32_MAX ? -1 : m;
  }

  /** Bytes per connection entity of all columns. */
  static readonly bytesPerEntity = 2 * (4 + 4 + 4 + 4 + 4 + 2 + 1 + 1 + 8 + 4 + 8 + 4 + 4 + 4 + 4 + 4 + 8 + 4 + 4 + 2 + 1 + 4 + 4 + 4 + 4 + 8 + 4) +
    (4 + 4 + 4 + 4 + 4 + 8 + 1 + 1);

  memoryBytes(): number {
    return this.capacity * TcpConnectionMetrics.bytesPerEntity + this.nowUs.byteLength;
  }

  // ---- parts of onPacket -----------------------------------------------------------------------

  private countFlags(f: number, flags: number): void {
    const k = f * 4, c = this.flagCounts;
    if ((flags & TcpFlag.Syn) !== 0) {
      const i = k + ((flags & TcpFlag.Ack) !== 0 ? FlagCount.SynAck : FlagCount.Syn);
      if ((c[i] as number) < 255) c[i] = (c[i] as number) + 1;
    }
    if ((flags & TcpFlag.Fin) !== 0 && (c[k + FlagCount.Fin] as number) < 255) c[k + FlagCount.Fin] = (c[k + FlagCount.Fin] as number) + 1;
    if ((flags & TcpFlag.Rst) !== 0 && (c[k + FlagCount.Rst] as number) < 255) c[k + FlagCount.Rst] = (c[k + FlagCount.Rst] as number) + 1;
  }

  /** SYN or SYN/ACK: options of the direction, client side, handshake times. */
  private onSyn(e: number, f: number, fromA: boolean, isAck: boolean, pi: PacketInfo, now32: number): void {
    const df = this.dirFlags[f] as number;
    if ((df & DirBit.SynSeen) === 0) {
      // The first SYN of the direction fixes its options (a retransmitted SYN repeats them).
      if (pi.tcpMss > 0) this.mss[f] = pi.tcpMss;
      this.wsShift[f] = pi.tcpWindowScale;
      this.dirFlags[f] = df | DirBit.SynSeen | (pi.tcpWindowScale >= 0 ? DirBit.WsOption : 0);
    }
    let c = this.connFlags[e] as number;
    if ((c & ConnBit.ClientKnown) === 0) c |= ConnBit.ClientKnown | ((fromA !== isAck) ? ConnBit.ClientIsA : 0);
    if (!isAck) {
      // The latest SYN is the one a SYN/ACK answers (as tshark's "most recent SYN").
      this.synTs[e] = now32;
      c = (c | ConnBit.SynSeen) & ~ConnBit.SynAckSeen;
    } else if ((c & (ConnBit.SynSeen | ConnBit.SynAckSeen | ConnBit.FirstAckSeen)) === ConnBit.SynSeen && !this.isClient(c, fromA)) {
      this.synAckTs[e] = now32;
      this.serverDelayUs[e] = elapsedUs(now32, this.synTs[e] as number);
      c |= ConnBit.SynAckSeen;
    }
    this.connFlags[e] = c;
  }

  /** An ACK without SYN: the first one after a SYN ends the handshake measurement. */
  private onFirstAck(e: number, fromA: boolean, now32: number): void {
    const c = this.connFlags[e] as number;
    if ((c & (ConnBit.SynSeen | ConnBit.FirstAckSeen)) !== ConnBit.SynSeen) return;
    const rtt = elapsedUs(now32, this.synTs[e] as number);
    // tshark keeps a zero first RTT as "not measured yet"; so does this (times are whole µs).
    if (rtt === 0) return;
    this.firstRttUs[e] = rtt;
    let next = c | ConnBit.FirstAckSeen | ConnBit.FirstRttKnown;
    if ((c & ConnBit.SynAckSeen) !== 0 && this.isClient(c, fromA)) {
      this.clientDelayUs[e] = elapsedUs(now32, this.synAckTs[e] as number);
      this.lastHandshakeUs = this.handshakeUs(e);
    } else {
      next &= ~ConnBit.SynAckSeen;
    }
    this.connFlags[e] = next;
  }

  private isClient(c: number, fromA: boolean): boolean {
    return (c & ConnBit.ClientKnown) !== 0 && ((c & ConnBit.ClientIsA) !== 0) === fromA;
  }

  /** Window figures of the sender; a SYN's window is never scaled (RFC 7323 §2.2). */
  private noteWindow(f: number, r: number, win: number, syn: boolean): void {
    let w = win;
    if (!syn) {
      const a = this.dirFlags[f] as number, b = this.dirFlags[r] as number;
      if ((a & DirBit.WsOption) !== 0 && (b & DirBit.WsOption) !== 0) {
        const s = this.wsShift[f] as number;
        w = win * (WINDOW_SCALE[s > 14 ? 14 : s] as number);
      }
    }
    if (w > (this.maxWindow[f] as number)) this.maxWindow[f] = w;
    if (w < (this.minWindow[f] as number)) this.minWindow[f] = w;
  }

  /** A data segment: when the other side spoke last, this one answers (a turn). */
  private noteData(e: number, f: number, fromA: boolean): void {
    const tsUs = this.nowUs[0] as number;
    const c = this.connFlags[e] as number;
    const fromB = !fromA;
    if ((c & ConnBit.HasData) !== 0 && ((c & ConnBit.LastDataFromB) !== 0) !== fromB) {
      const gap = tsUs - (this.lastDataTsUs[e] as number);
      if (gap >= 0) {
        this.lastResponseUs = gap;
        this.responseCount[f] = (this.responseCount[f] as number) + 1;
        this.responseSumUs[f] = (this.responseSumUs[f] as number) + gap;
        if (gap > (this.responseMaxUs[f] as number)) this.responseMaxUs[f] = Math.min(gap, U32_MAX);
      }
    }
    this.lastDataTsUs[e] = tsUs;
    this.connFlags[e] = (c | ConnBit.HasData) & ~ConnBit.LastDataFromB | (fromB ? ConnBit.LastDataFromB : 0);
  }
}

/** µs from `then` to `now` (both modulo 2^32), at most 2^31 - 1 (never a value a call would box). */
function elapsedUs(now: number, then: number): number {
  const d = (now - then) | 0;
  return d < 0 ? I32_MAX : d;
}
