/**
 * @module flow/tcp/test-segments
 * Hand-built TCP segments for the unit tests: fills a PacketInfo as the decoder would for an
 * Ethernet + IPv4 (20 bytes) + TCP (20 bytes) frame carrying `len` payload bytes.
 */
import { PacketInfo } from '../../decode/packet-info.js';

export interface SegmentSpec {
  readonly seq: number;
  readonly ack?: number;
  /** Flag letters: S, A, F, R, P (e.g. 'SA' for SYN/ACK). */
  readonly flags: string;
  readonly len?: number;
  readonly win?: number;
  readonly mss?: number;
  readonly ws?: number;
}

const FLAG_BITS: Readonly<Record<string, number>> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };

/** Write `spec` into `pi` (reused; nothing else of pi is touched between calls). */
export function fillSegment(pi: PacketInfo, spec: SegmentSpec): PacketInfo {
  let flags = 0;
  for (const c of spec.flags) flags |= FLAG_BITS[c] ?? 0;
  writeSegment(pi, flags, spec.seq, spec.ack ?? 0, spec.len ?? 0, spec.win ?? 65535, spec.mss ?? -1, spec.ws ?? -1);
  return pi;
}

/** The same without strings (for the allocation test). */
export function writeSegment(pi: PacketInfo, flags: number, seq: number, ack: number, len: number, win: number,
  mss: number, ws: number): void {
  pi.l4Count = 1;
  pi.l4Proto[0] = 6;
  pi.l4Ip[0] = 0;
  pi.l4Complete[0] = 1;
  pi.ipCount = 1;
  pi.ipVersion[0] = 4;
  pi.ipHeaderLen[0] = 20;
  pi.ipTotalLen[0] = 40 + len;
  pi.tcpHeaderLen = 20;
  pi.start = 0;
  pi.origLen = 54 + len;
  pi.capLen = 54 + len;
  pi.payloadOffset = 54;
  pi.payloadLen = len;
  pi.reassembled = false;
  pi.tcpFlags = flags;
  pi.tcpSeq = seq >>> 0;
  pi.tcpAck = ack >>> 0;
  pi.tcpWindow = win;
  pi.tcpMss = mss;
  pi.tcpWindowScale = ws;
}

export function newSegmentInfo(): PacketInfo {
  return new PacketInfo();
}
