/**
 * @module decode/mpls
 * MPLS label stacks (RFC 3032) over Ethernet, PPP, GRE and IP, up to MAX_MPLS_LABELS labels per
 * frame (then `mpls.too_many_labels`). After the bottom of the stack there is no protocol field, so
 * the payload is chosen by its first nibble (RFC 4385, BCP 128):
 * - 4: IPv4, 6: IPv6;
 * - 1: a pseudowire associated channel (not decoded);
 * - 0: an Ethernet pseudowire, with a 4-byte control word when the bytes look like one (the
 *   EtherType of a frame that starts 4 bytes later is known and that of a frame starting here is
 *   not), otherwise without; fewer than 18 bytes captured cannot tell: `mpls.truncated`;
 * - anything else: an Ethernet pseudowire without control word.
 * tshark differs in two corner cases: it checks the IPv4 total length against the frame before
 * trusting nibble 4, and it shows first nibbles other than 0, 1, 4 and 6 as data.
 */
import { anomalyIndex } from './anomalies.js';
import { ETHER_TYPE_LAYER, Layer } from './dispatch.js';
import { MAX_MPLS_LABELS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_MPLS_TRUNCATED = anomalyIndex('mpls.truncated');
const A_MPLS_TOO_MANY_LABELS = anomalyIndex('mpls.too_many_labels');

export function decodeMpls(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, end = s.end;
  let p = s.pos;
  for (;;) {
    if (p + 4 > end) {
      s.pos = p;
      s.raise(out, A_MPLS_TRUNCATED);
      return Layer.None;
    }
    const n = out.mplsCount;
    if (n >= MAX_MPLS_LABELS) {
      s.pos = p;
      s.raise(out, A_MPLS_TOO_MANY_LABELS);
      return Layer.None;
    }
    const hi = dv.getUint16(p), lo = dv.getUint16(p + 2);
    out.mplsLabel[n] = (hi << 4) | (lo >> 12);
    out.mplsTc[n] = (lo >> 9) & 7;
    out.mplsTtl[n] = lo & 0xff;
    out.mplsCount = n + 1;
    p += 4;
    if ((lo & 0x0100) !== 0) break;
  }
  s.pos = p;
  if (p >= end) {
    // Nothing after the bottom of the stack: cut by the snap length, or a packet too short.
    s.raise(out, A_MPLS_TRUNCATED);
    return Layer.None;
  }
  switch ((d[p] as number) >> 4) {
    case 4: return Layer.Ipv4;
    case 6: return Layer.Ipv6;
    case 1: return Layer.None;
    case 0:
      // Control word 0000 + sequence number, or a destination MAC starting with a 0 nibble: telling
      // them apart needs the EtherType of either reading, so 18 bytes.
      if (p + 18 > end) {
        s.raise(out, A_MPLS_TRUNCATED);
        return Layer.None;
      }
      if (ETHER_TYPE_LAYER[dv.getUint16(p + 12)] === 0 && ETHER_TYPE_LAYER[dv.getUint16(p + 16)] !== 0) s.pos = p + 4;
      break;
    default:
      break;
  }
  return s.enterTunnel(out) ? Layer.Ethernet : Layer.None;
}
