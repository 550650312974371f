/**
 * @module decode/geneve
 * Geneve (RFC 8926) on its UDP port (decoder option genevePorts, default 6081): 8 bytes plus the
 * options (length in 4-byte words); the protocol type is an EtherType, 0x6558 meaning Ethernet.
 */
import { anomalyIndex } from './anomalies.js';
import { GENEVE_PROTO_LAYER, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('geneve.truncated');
const A_BAD_VERSION = anomalyIndex('geneve.bad_version');

export function decodeGeneve(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const b0 = d[p] as number;
  if (b0 >> 6 !== 0) {
    s.raise(out, A_BAD_VERSION);
    return Layer.None;
  }
  const hlen = 8 + ((b0 & 0x3f) << 2);
  if (p + hlen > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const proto = dv.getUint16(p + 2);
  s.etherType = proto;
  s.ethOpen = -1;
  s.pos = p + hlen;
  return GENEVE_PROTO_LAYER[proto] as number;
}
