/**
 * @module decode/icmp
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): type and code (icmpType, icmpCode) from the 4-byte common
 * header (type, code, checksum); the message body is the payload. The IP header quoted inside error
 * messages is NOT decoded into the stacks (tshark does not count it either).
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import { MAX_L4_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_ICMP_TRUNCATED = anomalyIndex('icmp.truncated');
const A_ICMPV6_TRUNCATED = anomalyIndex('icmpv6.truncated');
const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');

function decodeIcmpCommon(s: DecodeState, out: PacketInfo, proto: number, truncated: number): number {
  const d = s.d, p = s.pos;
  if (p + 4 > s.end) {
    s.raise(out, truncated);
    return Layer.None;
  }
  const j = out.l4Count;
  if (j >= MAX_L4_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return Layer.None;
  }
  out.l4Proto[j] = proto;
  out.l4Ip[j] = s.ipIndex < 0 ? 0 : s.ipIndex;
  out.srcPort[j] = 0;
  out.dstPort[j] = 0;
  out.l4Complete[j] = 1;
  out.l4Count = j + 1;
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
