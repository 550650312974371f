/**
 * @module decode/igmp
 * IGMP (RFC 2236, RFC 3376): the 8-byte header; the message type goes into icmpType (icmpCode -1).
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import { MAX_L4_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('igmp.truncated');
const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');

export function decodeIgmp(s: DecodeState, out: PacketInfo): number {
  const p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const j = out.l4Count;
  if (j >= MAX_L4_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return Layer.None;
  }
  out.l4Proto[j] = IpProto.Igmp;
  out.l4Ip[j] = s.ipIndex < 0 ? 0 : s.ipIndex;
  out.srcPort[j] = 0;
  out.dstPort[j] = 0;
  out.l4Complete[j] = 1;
  out.l4Count = j + 1;
  out.icmpType = s.d[p] as number;
  out.icmpCode = -1;
  s.pos = p + 8;
  return Layer.None;
}
