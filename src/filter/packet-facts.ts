/**
 * @module filter/packet-facts
 * Small reads of the decoded packet shared by the compiled predicate and the reference
 * interpreter where there is one obvious way to read a fact (PTP/PROFINET/slow-protocol bytes at
 * the payload offset, the regexp's byte range, the server-port guess). Allocation-free.
 */
import type { PacketInfo } from '../decode/packet-info.js';

const ETH_PTP = 0x88f7;
const ETH_PROFINET = 0x8892;
const ETH_SLOW = 0x8809;
const LINKTYPE_ETHERNET = 1;

/** Protocol of the innermost Ethernet header, or -1. */
function lastEthType(pi: PacketInfo): number {
  return pi.ethCount > 0 ? (pi.ethType[pi.ethCount - 1] as number) : -1;
}

/** Index of the innermost UDP header, or -1. */
function lastUdp(pi: PacketInfo): number {
  for (let j = pi.l4Count - 1; j >= 0; j--) if (pi.l4Proto[j] === 17) return j;
  return -1;
}

/** PTP message type (0-15) of a PTP packet (EtherType 0x88f7, or UDP port 319/320 as the innermost header), else -1. */
export function ptpMessageType(pi: PacketInfo): number {
  let ptp = lastEthType(pi) === ETH_PTP && pi.ipCount === 0;
  if (!ptp && pi.l4Count > 0 && pi.l4Proto[pi.l4Count - 1] === 17) {
    const j = pi.l4Count - 1;
    const s = pi.srcPort[j] as number, d = pi.dstPort[j] as number;
    ptp = s === 319 || s === 320 || d === 319 || d === 320;
  }
  if (!ptp || pi.payloadLen < 1) return -1;
  return (pi.payloadData[pi.payloadOffset] as number) & 0x0f;
}

/** PROFINET RT frame id (EtherType 0x8892), else -1. */
export function profinetFrameId(pi: PacketInfo): number {
  if (lastEthType(pi) !== ETH_PROFINET || pi.ipCount > 0 || pi.payloadLen < 2) return -1;
  return ((pi.payloadData[pi.payloadOffset] as number) << 8) | (pi.payloadData[pi.payloadOffset + 1] as number);
}

/** Subtype of a slow-protocols frame (EtherType 0x8809), else -1. */
export function slowSubtype(pi: PacketInfo): number {
  if (lastEthType(pi) !== ETH_SLOW || pi.ipCount > 0 || pi.payloadLen < 1) return -1;
  return pi.payloadData[pi.payloadOffset] as number;
}

/**
 * Start of the bytes a regexp reads: for IP packets the L7 payload (after the innermost decoded
 * header); for other frames everything after the outermost Ethernet header (14 bytes).
 */
export function regexpStart(pi: PacketInfo): number {
  if (pi.ipCount > 0) return pi.payloadOffset;
  if (pi.linkType === LINKTYPE_ETHERNET && pi.ethCount > 0) return Math.min(pi.start + 14, pi.start + pi.capLen);
  return pi.start;
}

/** End of the bytes a regexp reads. */
export function regexpEnd(pi: PacketInfo): number {
  return pi.ipCount > 0 ? pi.payloadOffset + pi.payloadLen : pi.start + pi.capLen;
}

/** Whether the regexp reads the payload buffer (IP packets) or the frame buffer. */
export function regexpData(pi: PacketInfo): Uint8Array {
  return pi.ipCount > 0 ? pi.payloadData : pi.data;
}

/**
 * The server port when the connection table has not said: the innermost TCP/UDP header's
 * destination for a SYN, its source for a SYN+ACK, else the lower of its two ports; -1 without one.
 */
export function guessServerPort(pi: PacketInfo, known: number): number {
  if (known >= 0) return known;
  for (let j = pi.l4Count - 1; j >= 0; j--) {
    const p = pi.l4Proto[j];
    if (p !== 6 && p !== 17) continue;
    const s = pi.srcPort[j] as number, d = pi.dstPort[j] as number;
    if (p === 6 && pi.tcpFlags >= 0 && (pi.tcpFlags & 0x02) !== 0) return (pi.tcpFlags & 0x10) !== 0 ? s : d;
    return s < d ? s : d;
  }
  return -1;
}

export { lastUdp };

const MLD_TYPES_WITH_GROUP = [130, 131, 132];

/** Whether the packet is IGMP or MLD (ICMPv6 130, 131, 132, 143) as its innermost L4 header. */
export function isIgmpOrMld(pi: PacketInfo): boolean {
  if (pi.l4Count === 0) return false;
  const p = pi.l4Proto[pi.l4Count - 1];
  return p === 2 || (p === 58 && (MLD_TYPES_WITH_GROUP.includes(pi.icmpType) || pi.icmpType === 143));
}

/**
 * Offset in payloadData of the group address field of an IGMP message (4 bytes: v1/v2 messages
 * and v3 queries) or an MLDv1 message / MLDv2 query (16 bytes); -1 for other messages (reports
 * of v3 / MLDv2 carry group records: the filter matches them by destination address only).
 */
export function groupFieldOffset(pi: PacketInfo): number {
  if (pi.l4Count === 0) return -1;
  const p = pi.l4Proto[pi.l4Count - 1];
  if (p === 2) {
    const hdr = pi.payloadOffset - 8;
    return pi.icmpType !== 0x22 && hdr >= 0 ? hdr + 4 : -1;
  }
  if (p === 58 && MLD_TYPES_WITH_GROUP.includes(pi.icmpType)) {
    const hdr = pi.payloadOffset - 4;
    return hdr >= 0 && pi.payloadLen >= 20 ? hdr + 8 : -1;
  }
  return -1;
}
