/**
 * @module decode/sctp
 * SCTP (RFC 9260): the 12-byte common header (ports, verification tag, checksum). Chunks are payload.
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import { MAX_L4_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('sctp.truncated');
const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');

export function decodeSctp(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 12 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const j = out.l4Count;
  if (j >= MAX_L4_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return Layer.None;
  }
  out.l4Proto[j] = IpProto.Sctp;
  out.l4Ip[j] = s.ipIndex < 0 ? 0 : s.ipIndex;
  out.srcPort[j] = dv.getUint16(p);
  out.dstPort[j] = dv.getUint16(p + 2);
  out.l4Complete[j] = 1;
  out.l4Count = j + 1;
  s.pos = p + 12;
  return Layer.None;
}
