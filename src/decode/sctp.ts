/**
 * @module decode/sctp
 * SCTP (RFC 9260): the 12-byte common header (ports, verification tag, checksum). Chunks are payload.
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import { pushL4Layer } from './l4-stack.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('sctp.truncated');

export function decodeSctp(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 12 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  if (pushL4Layer(s, out, IpProto.Sctp, dv.getUint16(p), dv.getUint16(p + 2), 1) < 0) return Layer.None;
  s.pos = p + 12;
  return Layer.None;
}
