/**
 * @module decode/ppp
 * PPP (RFC 1661): the protocol field (1 byte when compressed, RFC 1661 section 6.5) selects IPv4
 * (0x0021), IPv6 (0x0057) or MPLS (0x0281, 0x0283); control protocols (LCP, IPCP, PAP …) end
 * decoding. PPP in HDLC-like framing (RFC 1662; link types 9 and 50, PPTP's GRE) may start with the
 * address and control bytes ff 03, which are skipped; a first byte 0x0f or 0x8f is Cisco HDLC, as in
 * tshark. Cisco HDLC (link type 104): address, control, then an EtherType.
 */
import { anomalyIndex } from './anomalies.js';
import { ETHER_TYPE_LAYER, Layer, PPP_PROTO_LAYER } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_PPP_TRUNCATED = anomalyIndex('ppp.truncated');
const A_CHDLC_TRUNCATED = anomalyIndex('chdlc.truncated');

const CHDLC_UNICAST = 0x0f, CHDLC_MULTICAST = 0x8f;

/** PPP starting with the protocol field (PPPoE session). */
export function decodePpp(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 1 > s.end) {
    s.raise(out, A_PPP_TRUNCATED);
    return Layer.None;
  }
  const b0 = d[p] as number;
  if ((b0 & 1) === 1) {
    s.pos = p + 1;
    return PPP_PROTO_LAYER[b0] as number;
  }
  if (p + 2 > s.end) {
    s.raise(out, A_PPP_TRUNCATED);
    return Layer.None;
  }
  s.pos = p + 2;
  return PPP_PROTO_LAYER[dv.getUint16(p)] as number;
}

/** PPP with optional HDLC-like address/control bytes (ff 03), or Cisco HDLC. */
export function decodePppHdlc(s: DecodeState, out: PacketInfo): number {
  const d = s.d, p = s.pos;
  if (p < s.end) {
    const b0 = d[p] as number;
    if (b0 === 0xff) {
      // 0xff is the all-stations address, never a protocol byte (those are odd only in the last byte).
      if (p + 2 > s.end) {
        s.raise(out, A_PPP_TRUNCATED);
        return Layer.None;
      }
      if (d[p + 1] === 0x03) s.pos = p + 2;
    } else if (b0 === CHDLC_UNICAST || b0 === CHDLC_MULTICAST) {
      return decodeCiscoHdlc(s, out);
    }
  }
  return decodePpp(s, out);
}

export function decodeCiscoHdlc(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 4 > s.end) {
    s.raise(out, A_CHDLC_TRUNCATED);
    return Layer.None;
  }
  const type = dv.getUint16(p + 2);
  s.etherType = type;
  s.pos = p + 4;
  return ETHER_TYPE_LAYER[type] as number;
}
