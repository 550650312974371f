/**
 * @module decode/udp
 * UDP (RFC 768). The length field narrows the datagram (bytes after it are not payload); a length
 * below 8 is bogus (`udp.bad_length`: the header enters the l4* stack with l4Complete 0 and tshark
 * counts no conversation packet), a length beyond the IP payload is noted
 * (`udp.length_exceeds_payload`) and the bytes present are decoded, as tshark does.
 * Tunnels are chosen by port (VXLAN, Geneve, GTP-U; decoder options): destination port first,
 * then source port.
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import { pushL4Layer } from './l4-stack.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('udp.truncated');
const A_BAD_LENGTH = anomalyIndex('udp.bad_length');
const A_LENGTH_EXCEEDS = anomalyIndex('udp.length_exceeds_payload');

export function decodeUdp(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const sp = dv.getUint16(p), dp = dv.getUint16(p + 2), len = dv.getUint16(p + 4);
  const j = pushL4Layer(s, out, IpProto.Udp, sp, dp, 1);
  if (j < 0) return Layer.None;
  s.pos = p + 8;
  if (len < 8) {
    out.l4Complete[j] = 0;
    s.raise(out, A_BAD_LENGTH);
    return Layer.None;
  }
  out.l4Complete[j] = 1;
  if (!s.narrow(p, len)) s.raise(out, A_LENGTH_EXCEEDS);
  const ports = s.udpPortLayer;
  let next = ports[dp] as number;
  if (next === 0) next = ports[sp] as number;
  if (next === 0) return Layer.None;
  return s.enterTunnel(out) ? next : Layer.None;
}
