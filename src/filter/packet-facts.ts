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
 * and v3 queries) or an MLDv1 message / MLDv2 query (16 bytes); -1 for other messages (IGMPv3
 * and MLDv2 reports carry group records instead: reportHasGroup).
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

/** Offset of the first group record of an IGMPv3 report (type 0x22) or MLDv2 report (143), the record count, and the address size; null otherwise. */
function reportRecords(pi: PacketInfo): [number, number, number] | null {
  if (pi.l4Count === 0) return null;
  const p = pi.l4Proto[pi.l4Count - 1];
  const d = pi.payloadData;
  if (p === 2 && pi.icmpType === 0x22) {
    const hdr = pi.payloadOffset - 8;
    if (hdr < 0) return null;
    return [pi.payloadOffset, ((d[hdr + 6] as number) << 8) | (d[hdr + 7] as number), 4];
  }
  if (p === 58 && pi.icmpType === 143) {
    const hdr = pi.payloadOffset - 4;
    if (hdr < 0 || pi.payloadLen < 4) return null;
    return [hdr + 8, ((d[hdr + 6] as number) << 8) | (d[hdr + 7] as number), 16];
  }
  return null;
}

/**
 * Whether a group record of an IGMPv3 / MLDv2 report names the address `w` (IPv4: w[3]; IPv6:
 * four words). Records are walked within the captured payload; allocation-free.
 */
export function reportHasGroup(pi: PacketInfo, v6: boolean, w: readonly number[]): boolean {
  const r = reportRecords(pi);
  if (r === null || (r[2] === 16) !== v6) return false;
  const d = pi.payloadData;
  const end = pi.payloadOffset + pi.payloadLen;
  const size = r[2];
  let off = r[0];
  for (let k = 0; k < r[1] && off + 4 + size <= end; k++) {
    let same = true;
    for (let b = 0; b < size && same; b += 4) {
      const word = (((d[off + 4 + b] as number) << 24) | ((d[off + 5 + b] as number) << 16) | ((d[off + 6 + b] as number) << 8) | (d[off + 7 + b] as number)) >>> 0;
      if (word !== (w[(v6 ? b / 4 : 3)] as number)) same = false;
    }
    if (same) return true;
    const nsrc = ((d[off + 2] as number) << 8) | (d[off + 3] as number);
    off += 4 + size + nsrc * size + (d[off + 1] as number) * 4;
  }
  return false;
}

/** The group addresses of an IGMPv3 / MLDv2 report as hex strings (for the reference interpreter). */
export function reportGroupsHex(pi: PacketInfo): string[] {
  const r = reportRecords(pi);
  if (r === null) return [];
  const d = pi.payloadData;
  const end = pi.payloadOffset + pi.payloadLen;
  const out: string[] = [];
  let off = r[0];
  for (let k = 0; k < r[1] && off + 4 + r[2] <= end; k++) {
    out.push(Buffer.from(d.subarray(off + 4, off + 4 + r[2])).toString('hex'));
    off += 4 + r[2] + (((d[off + 2] as number) << 8) | (d[off + 3] as number)) * r[2] + (d[off + 1] as number) * 4;
  }
  return out;
}
