/**
 * @module decode/pppoe
 * PPPoE (RFC 2516): discovery stage (EtherType 0x8863: pppoeCode, pppoeSession) and session stage
 * (0x8864: pppoeSession, then PPP). The PPPoE length field narrows the frame (Ethernet padding is
 * excluded); a length beyond the frame is noted (`pppoe.bad_length`) and the bytes present decoded.
 */
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_PPPOE_TRUNCATED = anomalyIndex('pppoe.truncated');
const A_PPPOE_BAD_LENGTH = anomalyIndex('pppoe.bad_length');

export function decodePppoeDiscovery(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 6 > s.end) {
    s.raise(out, A_PPPOE_TRUNCATED);
    return Layer.None;
  }
  out.pppoeCode = d[p + 1] as number;
  out.pppoeSession = dv.getUint16(p + 2);
  s.pos = p + 6;
  if (!s.narrow(p + 6, dv.getUint16(p + 4))) s.raise(out, A_PPPOE_BAD_LENGTH);
  return Layer.None;
}

export function decodePppoeSession(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 6 > s.end) {
    s.raise(out, A_PPPOE_TRUNCATED);
    return Layer.None;
  }
  out.pppoeSession = dv.getUint16(p + 2);
  s.pos = p + 6;
  if (!s.narrow(p + 6, dv.getUint16(p + 4))) s.raise(out, A_PPPOE_BAD_LENGTH);
  return Layer.Ppp;
}
