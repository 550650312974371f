/**
 * @module decode/igmp
 * IGMP (RFC 2236, RFC 3376): the 8-byte header; the message type goes into icmpType (icmpCode -1).
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import { pushL4Layer } from './l4-stack.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('igmp.truncated');

export function decodeIgmp(s: DecodeState, out: PacketInfo): number {
  const p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  if (pushL4Layer(s, out, IpProto.Igmp, 0, 0, 1) < 0) return Layer.None;
  out.icmpType = s.d[p] as number;
  out.icmpCode = -1;
  s.pos = p + 8;
  return Layer.None;
}
