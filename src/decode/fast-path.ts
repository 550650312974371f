/**
 * @module decode/fast-path
 * The most common frames, decoded in one function: Ethernet II (no tag, or one 802.1Q tag) + IPv4
 * without options and not a fragment, or IPv6 without extension headers, + a whole TCP header, or
 * a whole UDP header not on a tunnel port. Everything else (and anything unusual about these: a
 * length that does not fit, a bogus offset, a cut header, an IPv6 payload length of 0) returns
 * false before writing anything, and the frame goes through the per-protocol decoders
 * (ethernet.ts, vlan.ts, ipv4.ts, ipv6.ts, tcp.ts, udp.ts), which remain the reference: the result
 * must be identical, field for field. fast-path.test.ts checks that on every corpus frame, and the
 * fuzz target decodes every mutated frame both ways and compares.
 *
 * Why: fusing these steps saves the per-layer dispatch and bookkeeping, about a quarter of the
 * decode time of a typical frame (src/decode/README.md, Performance).
 */
import { EtherType, IpProto } from './dispatch.js';
import * as ethernet from './ethernet.js';
import * as layout from './packet-info.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';
import * as tcp from './tcp.js';

// Everything this function uses from other modules is copied into module-local constants first:
// optimised code folds a module-local const to its value (an immediate, or a known function it can
// call or inline directly), while each use of an imported binding loads it from its module cell,
// checks it for the TDZ hole and, for an object like EtherType, checks its map before reading the
// property. Measured in src/decode/README.md, Performance.
const ETHERTYPE_IPV4 = EtherType.Ipv4, ETHERTYPE_IPV6 = EtherType.Ipv6, ETHERTYPE_VLAN = EtherType.Vlan;
const PROTO_TCP = IpProto.Tcp, PROTO_UDP = IpProto.Udp;
const { macAt } = ethernet;
const { parseTcpOptions, TCP_NOP_NOP_TIMESTAMPS } = tcp;
const {
  F64_ETH_DST, F64_ETH_SRC, I32_ETH_TYPE, I32_IP_FRAG_OFFSET, I32_IP_HEADER_LEN, I32_IP_TOTAL_LEN, I32_VLAN_ID, I32_VLAN_PCP,
  I32_VLAN_TPID, U16_DST_PORT, U16_SRC_PORT, U32_IP_DST, U32_IP_IDENT, U32_IP_SRC, U8_IP_FLAGS, U8_IP_PROTO, U8_IP_TOS, U8_IP_TTL,
  U8_IP_VERSION, U8_L4_COMPLETE, U8_L4_IP, U8_L4_PROTO,
} = layout;

/** Decode the frame at s.pos when it is the common case; false (nothing written) otherwise. */
export function decodeFastPath(s: DecodeState, out: PacketInfo): boolean {
  const d = s.d, dv = s.dv, p = s.pos, end = s.end;
  if (p + 34 > end) return false;
  let type = dv.getUint16(p + 12);
  let q = p + 14;
  if (type === ETHERTYPE_VLAN) {
    if (p + 38 > end) return false;
    type = dv.getUint16(p + 16);
    q = p + 18;
  }
  let t: number, ipEnd: number, proto: number, ff = 0;
  if (type === ETHERTYPE_IPV4) {
    if (d[q] !== 0x45) return false;
    const total = dv.getUint16(q + 2);
    ff = dv.getUint16(q + 6);
    ipEnd = q + total;
    if (total < 20 || ipEnd > s.wireEnd || (ff & 0x3fff) !== 0) return false;
    proto = d[q + 9] as number;
    t = q + 20;
  } else if (type === ETHERTYPE_IPV6) {
    if (q + 40 > end || (d[q] as number) >>> 4 !== 6) return false;
    const plen = dv.getUint16(q + 4);
    t = q + 40;
    ipEnd = t + plen;
    if (plen === 0 || ipEnd > s.wireEnd) return false;
    proto = d[q + 6] as number;
  } else {
    return false;
  }
  const e = ipEnd < end ? ipEnd : end;
  let hlen = 0, udpLen = 0;
  if (proto === PROTO_TCP) {
    if (t + 20 > e) return false;
    hlen = ((d[t + 12] as number) >> 4) << 2;
    if (hlen < 20 || t + hlen > e) return false;
  } else if (proto === PROTO_UDP) {
    if (t + 8 > e) return false;
    udpLen = dv.getUint16(t + 4);
    if (udpLen < 8 || t + udpLen > ipEnd) return false;
    const ports = s.udpPortLayer;
    if (ports[dv.getUint16(t + 2)] !== 0 || ports[dv.getUint16(t)] !== 0) return false;
  } else {
    return false;
  }

  // Stores go through the flat views over PacketInfo's one buffer, loaded once here, at constant
  // offsets (packet-info.ts): a store through a named view (out.ipSrc[3]) reloads that view and its
  // data pointer and length every time.
  const f64 = out.f64, u32 = out.u32, i32 = out.i32, u16 = out.u16, u8 = out.u8;
  // Ethernet (and its tag)
  f64[F64_ETH_DST] = macAt(dv, p);
  f64[F64_ETH_SRC] = macAt(dv, p + 6);
  i32[I32_ETH_TYPE] = type;
  out.ethCount = 1;
  if (q !== p + 14) {
    const tci = dv.getUint16(p + 14);
    i32[I32_VLAN_TPID] = ETHERTYPE_VLAN;
    i32[I32_VLAN_PCP] = tci >> 13;
    i32[I32_VLAN_ID] = tci & 0x0fff;
    out.vlanCount = 1;
  }
  if (type === ETHERTYPE_IPV4) {
    if (u8[U8_IP_VERSION] !== 4) {
      u8[U8_IP_VERSION] = 4;
      u32[U32_IP_SRC] = 0;
      u32[U32_IP_SRC + 1] = 0;
      u32[U32_IP_SRC + 2] = 0;
      u32[U32_IP_DST] = 0;
      u32[U32_IP_DST + 1] = 0;
      u32[U32_IP_DST + 2] = 0;
    }
    u32[U32_IP_SRC + 3] = dv.getUint32(q + 12);
    u32[U32_IP_DST + 3] = dv.getUint32(q + 16);
    u8[U8_IP_TTL] = d[q + 8] as number;
    u8[U8_IP_TOS] = d[q + 1] as number;
    i32[I32_IP_HEADER_LEN] = 20;
    i32[I32_IP_TOTAL_LEN] = ipEnd - q;
    u8[U8_IP_FLAGS] = (ff & 0x4000) !== 0 ? 1 : 0;
    u32[U32_IP_IDENT] = dv.getUint16(q + 4);
  } else {
    u8[U8_IP_VERSION] = 6;
    u32[U32_IP_SRC] = dv.getUint32(q + 8);
    u32[U32_IP_SRC + 1] = dv.getUint32(q + 12);
    u32[U32_IP_SRC + 2] = dv.getUint32(q + 16);
    u32[U32_IP_SRC + 3] = dv.getUint32(q + 20);
    u32[U32_IP_DST] = dv.getUint32(q + 24);
    u32[U32_IP_DST + 1] = dv.getUint32(q + 28);
    u32[U32_IP_DST + 2] = dv.getUint32(q + 32);
    u32[U32_IP_DST + 3] = dv.getUint32(q + 36);
    u8[U8_IP_TTL] = d[q + 7] as number;
    u8[U8_IP_TOS] = (dv.getUint16(q) >>> 4) & 0xff;
    i32[I32_IP_HEADER_LEN] = 40;
    i32[I32_IP_TOTAL_LEN] = ipEnd - q;
    u8[U8_IP_FLAGS] = 0;
    u32[U32_IP_IDENT] = 0;
  }
  u8[U8_IP_PROTO] = proto;
  i32[I32_IP_FRAG_OFFSET] = 0;
  out.ipCount = 1;
  s.ipIndex = 0;
  s.wireEnd = ipEnd;
  s.end = e;
  // TCP or UDP
  u8[U8_L4_IP] = 0;
  u8[U8_L4_COMPLETE] = 1;
  u16[U16_SRC_PORT] = dv.getUint16(t);
  u16[U16_DST_PORT] = dv.getUint16(t + 2);
  out.l4Count = 1;
  if (proto === PROTO_TCP) {
    u8[U8_L4_PROTO] = PROTO_TCP;
    const b12 = d[t + 12] as number;
    out.tcpSeq = dv.getUint32(t + 4);
    out.tcpAck = dv.getUint32(t + 8);
    out.tcpFlags = ((b12 & 1) << 8) | (d[t + 13] as number);
    out.tcpWindow = dv.getUint16(t + 14);
    out.tcpHeaderLen = hlen;
    if (hlen === 32 && dv.getUint32(t + 20) === TCP_NOP_NOP_TIMESTAMPS) {
      out.tcpTsVal = dv.getUint32(t + 24);
      out.tcpTsEcr = dv.getUint32(t + 28);
    } else if (hlen > 20) {
      parseTcpOptions(s, out, t + 20, t + hlen, false);
    }
    s.pos = t + hlen;
  } else {
    u8[U8_L4_PROTO] = PROTO_UDP;
    const udpEnd = t + udpLen;
    s.wireEnd = udpEnd;
    if (udpEnd < s.end) s.end = udpEnd;
    s.pos = t + 8;
  }
  return true;
}
