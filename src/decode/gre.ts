/**
 * @module decode/gre
 * GRE (RFC 2784, RFC 2890; RFC 1701 routing) and what it carries:
 * - version 0: checksum/offset, key and sequence number fields by the C/R, K and S flags; with R, the
 *   source route entries are skipped up to the null entry;
 * - version 1, enhanced GRE of PPTP (RFC 2637): key (payload length, call id) required, optional
 *   sequence and acknowledgement numbers; carries PPP (protocol 0x880b);
 * - the protocol type is an EtherType (IPv4, IPv6, MPLS …), 0x6558 transparent Ethernet bridging,
 *   0x88be ERSPAN type I (no sequence number: no ERSPAN header) or type II (8-byte header), and
 *   0x22eb ERSPAN type III (12-byte header, plus the 8-byte platform sub-header when O is set;
 *   frame type 0 is Ethernet; other frame types are not decoded, as in tshark). Other protocol
 *   types (a VLAN tag, PPPoE …) are not decoded either: tshark's GRE table does not have them.
 * The GRE payload is a tunnel (decoder option maxTunnelDepth).
 */
import { anomalyIndex } from './anomalies.js';
import { GRE_PROTO_LAYER, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_GRE_TRUNCATED = anomalyIndex('gre.truncated');
const A_GRE_BAD_VERSION = anomalyIndex('gre.bad_version');
const A_ERSPAN_TRUNCATED = anomalyIndex('erspan.truncated');
const A_ERSPAN_UNKNOWN_FRAME_TYPE = anomalyIndex('erspan.unknown_frame_type');

const F_CHECKSUM = 0x8000, F_ROUTING = 0x4000, F_KEY = 0x2000, F_SEQUENCE = 0x1000, F_ACK = 0x0080;
const PPTP_PROTO = 0x880b;
/** Source route entries walked at most (RFC 1701). */
const MAX_SRE = 16;

export function decodeGre(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 4 > s.end) {
    s.raise(out, A_GRE_TRUNCATED);
    return Layer.None;
  }
  const flags = dv.getUint16(p), proto = dv.getUint16(p + 2);
  const version = flags & 7;
  let hlen = 4;
  if (version === 0) {
    if ((flags & (F_CHECKSUM | F_ROUTING)) !== 0) hlen += 4;
    if ((flags & F_KEY) !== 0) hlen += 4;
    if ((flags & F_SEQUENCE) !== 0) hlen += 4;
    if ((flags & F_ROUTING) !== 0) {
      // source route entries: address family (2), offset (1), length (1), then `length` bytes
      let q = p + hlen, n = 0;
      for (;;) {
        if (q + 4 > s.end || ++n > MAX_SRE) {
          s.raise(out, A_GRE_TRUNCATED);
          return Layer.None;
        }
        const af = dv.getUint16(q), len = d[q + 3] as number;
        q += 4 + len;
        if (af === 0 && len === 0) break;
      }
      hlen = q - p;
    }
  } else if (version === 1 && (flags & F_KEY) !== 0 && proto === PPTP_PROTO) {
    hlen = 8;
    if ((flags & F_SEQUENCE) !== 0) hlen += 4;
    if ((flags & F_ACK) !== 0) hlen += 4;
  } else {
    s.raise(out, A_GRE_BAD_VERSION);
    return Layer.None;
  }
  if (p + hlen > s.end) {
    s.raise(out, A_GRE_TRUNCATED);
    return Layer.None;
  }
  s.greFlags = flags;
  s.etherType = proto;
  s.ethOpen = -1;
  s.pos = p + hlen;
  const next = GRE_PROTO_LAYER[proto] as number;
  if (next === Layer.None) return Layer.None;
  return s.enterTunnel(out) ? next : Layer.None;
}

/** ERSPAN type I (GRE without sequence number: no header) or type II (8-byte header). */
export function decodeErspanII(s: DecodeState, out: PacketInfo): number {
  if ((s.greFlags & F_SEQUENCE) === 0) return Layer.Ethernet;
  if (s.pos + 8 > s.end) {
    s.raise(out, A_ERSPAN_TRUNCATED);
    return Layer.None;
  }
  s.pos += 8;
  return Layer.Ethernet;
}

/** ERSPAN type III: 12 bytes, 8 more with the platform-specific sub-header (O flag). */
export function decodeErspanIII(s: DecodeState, out: PacketInfo): number {
  const d = s.d, p = s.pos;
  if (p + 12 > s.end) {
    s.raise(out, A_ERSPAN_TRUNCATED);
    return Layer.None;
  }
  const hlen = ((d[p + 11] as number) & 1) === 1 ? 20 : 12;
  if (p + hlen > s.end) {
    s.raise(out, A_ERSPAN_TRUNCATED);
    return Layer.None;
  }
  const frameType = ((d[p + 10] as number) >> 2) & 0x1f;
  s.pos = p + hlen;
  if (frameType === 0) return Layer.Ethernet;
  // Frame type 2 (IP) exists on paper; tshark shows it as data and counts nothing inside, and so do we.
  s.raise(out, A_ERSPAN_UNKNOWN_FRAME_TYPE);
  return Layer.None;
}
