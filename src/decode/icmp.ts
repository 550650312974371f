/**
 * @module decode/icmp
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): type and code (icmpType, icmpCode) from the 4-byte common
 * header (type, code, checksum); the message body is the payload. The IP header quoted inside error
 * messages is NOT decoded into the stacks (tshark does not count it either).
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import { pushL4Layer } from './l4-stack.js';
import type { DecodeState } from './state.js';

const A_ICMP_TRUNCATED = anomalyIndex('icmp.truncated');
const A_ICMPV6_TRUNCATED = anomalyIndex('icmpv6.truncated');

function decodeIcmpCommon(s: DecodeState, out: PacketInfo, proto: number, truncated: number): number {
  const d = s.d, p = s.pos;
  if (p + 4 > s.end) {
    s.raise(out, truncated);
    return Layer.None;
  }
  if (pushL4Layer(s, out, proto, 0, 0, 1) < 0) return Layer.None;
  out.icmpType = d[p] as number;
  out.icmpCode = d[p + 1] as number;
  s.pos = p + 4;
  return Layer.None;
}

export function decodeIcmp(s: DecodeState, out: PacketInfo): number {
  return decodeIcmpCommon(s, out, IpProto.Icmp, A_ICMP_TRUNCATED);
}

export function decodeIcmpv6(s: DecodeState, out: PacketInfo): number {
  return decodeIcmpCommon(s, out, IpProto.Icmpv6, A_ICMPV6_TRUNCATED);
}
