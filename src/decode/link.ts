/**
 * @module decode/link
 * Link-layer entries other than Ethernet and PPP: BSD loopback (NULL 0 / LOOP 108; the 4-byte
 * address family in either byte order: AF_INET 2, AF_INET6 24, 28 or 30; a frame starting ff 03 is
 * PPP, as tshark decodes it), Linux cooked capture
 * (SLL 113, 16 bytes; SLL2 276, 20 bytes; the protocol is an EtherType, or a GRE protocol type for
 * ARPHRD_IPGRE; netlink is not decoded) and raw IP (101, and the DLT_RAW aliases 12 and 14: IPv4 or
 * IPv6 by the first nibble; 228 and 229 are IPv4 and IPv6 directly, see dispatch.ts).
 * None of these has MAC addresses: the eth* stack stays empty.
 */
import { anomalyIndex } from './anomalies.js';
import { ETHER_TYPE_LAYER, GRE_PROTO_LAYER, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_NULL_TRUNCATED = anomalyIndex('null.truncated');
const A_NULL_UNKNOWN_FAMILY = anomalyIndex('null.unknown_family');
const A_SLL_TRUNCATED = anomalyIndex('sll.truncated');
const A_SLL2_TRUNCATED = anomalyIndex('sll2.truncated');
const A_RAW_TRUNCATED = anomalyIndex('raw.truncated');
const A_RAW_BAD_VERSION = anomalyIndex('raw.bad_version');

const ARPHRD_IPGRE = 778;
const ARPHRD_NETLINK = 824;
/** SLL protocol 0x0004: 802.2 LLC frame without MAC header. */
const SLL_LLC = 4;

/** BSD loopback: the address family, in whichever byte order makes it small. */
export function decodeNull(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 4 > s.end) {
    s.raise(out, A_NULL_TRUNCATED);
    return Layer.None;
  }
  // Some captures put PPP in HDLC-like framing on a null link; tshark decodes it as PPP.
  if (dv.getUint16(p) === 0xff03) return Layer.PppHdlc;
  const le = dv.getUint32(p, true);
  const family = le <= 0xffff ? le : dv.getUint32(p);
  s.pos = p + 4;
  if (family === 2) return Layer.Ipv4;
  if (family === 24 || family === 28 || family === 30) return Layer.Ipv6;
  s.raise(out, A_NULL_UNKNOWN_FAMILY);
  return Layer.None;
}

function nextForCookedProtocol(s: DecodeState, hatype: number, protocol: number): number {
  s.etherType = protocol;
  if (hatype === ARPHRD_IPGRE) return GRE_PROTO_LAYER[protocol] as number;
  if (hatype === ARPHRD_NETLINK) return Layer.None;
  if (protocol === SLL_LLC) return Layer.Llc;
  return ETHER_TYPE_LAYER[protocol] as number;
}

export function decodeSll(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 16 > s.end) {
    s.raise(out, A_SLL_TRUNCATED);
    return Layer.None;
  }
  s.pos = p + 16;
  return nextForCookedProtocol(s, dv.getUint16(p + 2), dv.getUint16(p + 14));
}

export function decodeSll2(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 20 > s.end) {
    s.raise(out, A_SLL2_TRUNCATED);
    return Layer.None;
  }
  s.pos = p + 20;
  return nextForCookedProtocol(s, dv.getUint16(p + 8), dv.getUint16(p));
}

/** IPv4 or IPv6 by the version nibble, or None (no anomaly) when neither. */
export function ipLayerByNibble(s: DecodeState): number {
  if (s.pos >= s.end) return Layer.None;
  const v = (s.d[s.pos] as number) >> 4;
  return v === 4 ? Layer.Ipv4 : v === 6 ? Layer.Ipv6 : Layer.None;
}

/** Raw IP link: IPv4 or IPv6 by the first nibble. */
export function decodeRawIp(s: DecodeState, out: PacketInfo): number {
  const next = ipLayerByNibble(s);
  if (next === Layer.None) {
    s.raise(out, s.pos >= s.end ? A_RAW_TRUNCATED : A_RAW_BAD_VERSION);
  }
  return next;
}
