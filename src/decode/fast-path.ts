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
import { macAt } from './ethernet.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';
import { parseTcpOptions, TCP_NOP_NOP_TIMESTAMPS } from './tcp.js';

/** Decode the frame at s.pos when it is the common case; false (nothing written) otherwise. */
export function decodeFastPath(s: DecodeState, out: PacketInfo): boolean {
  const d = s.d, dv = s.dv, p = s.pos, end = s.end;
  if (p + 34 > end) return false;
  let type = dv.getUint16(p + 12);
  let q = p + 14;
  if (type === EtherType.Vlan) {
    if (p + 38 > end) return false;
    type = dv.getUint16(p + 16);
    q = p + 18;
  }
  let t: number, ipEnd: number, proto: number, ff = 0;
  if (type === EtherType.Ipv4) {
    if (d[q] !== 0x45) return false;
    const total = dv.getUint16(q + 2);
    ff = dv.getUint16(q + 6);
    ipEnd = q + total;
    if (total < 20 || ipEnd > s.wireEnd || (ff & 0x3fff) !== 0) return false;
    proto = d[q + 9] as number;
    t = q + 20;
  } else if (type === EtherType.Ipv6) {
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
  if (proto === IpProto.Tcp) {
    if (t + 20 > e) return false;
    hlen = ((d[t + 12] as number) >> 4) << 2;
    if (hlen < 20 || t + hlen > e) return false;
  } else if (proto === IpProto.Udp) {
    if (t + 8 > e) return false;
    udpLen = dv.getUint16(t + 4);
    if (udpLen < 8 || t + udpLen > ipEnd) return false;
    const ports = s.udpPortLayer;
    if (ports[dv.getUint16(t + 2)] !== 0 || ports[dv.getUint16(t)] !== 0) return false;
  } else {
    return false;
  }

  // Ethernet (and its tag)
  out.ethDst[0] = macAt(dv, p);
  out.ethSrc[0] = macAt(dv, p + 6);
  out.ethType[0] = type;
  out.ethCount = 1;
  if (q !== p + 14) {
    const tci = dv.getUint16(p + 14);
    out.vlanTpid[0] = EtherType.Vlan;
    out.vlanPcp[0] = tci >> 13;
    out.vlanId[0] = tci & 0x0fff;
    out.vlanCount = 1;
  }
  if (type === EtherType.Ipv4) {
    if (out.ipVersion[0] !== 4) {
      out.ipVersion[0] = 4;
      out.ipSrc[0] = 0;
      out.ipSrc[1] = 0;
      out.ipSrc[2] = 0;
      out.ipDst[0] = 0;
      out.ipDst[1] = 0;
      out.ipDst[2] = 0;
    }
    out.ipSrc[3] = dv.getUint32(q + 12);
    out.ipDst[3] = dv.getUint32(q + 16);
    out.ipTtl[0] = d[q + 8] as number;
    out.ipTos[0] = d[q + 1] as number;
    out.ipHeaderLen[0] = 20;
    out.ipTotalLen[0] = ipEnd - q;
    out.ipFlags[0] = (ff & 0x4000) !== 0 ? 1 : 0;
    out.ipIdent[0] = dv.getUint16(q + 4);
  } else {
    out.ipVersion[0] = 6;
    out.ipSrc[0] = dv.getUint32(q + 8);
    out.ipSrc[1] = dv.getUint32(q + 12);
    out.ipSrc[2] = dv.getUint32(q + 16);
    out.ipSrc[3] = dv.getUint32(q + 20);
    out.ipDst[0] = dv.getUint32(q + 24);
    out.ipDst[1] = dv.getUint32(q + 28);
    out.ipDst[2] = dv.getUint32(q + 32);
    out.ipDst[3] = dv.getUint32(q + 36);
    out.ipTtl[0] = d[q + 7] as number;
    out.ipTos[0] = (dv.getUint16(q) >>> 4) & 0xff;
    out.ipHeaderLen[0] = 40;
    out.ipTotalLen[0] = ipEnd - q;
    out.ipFlags[0] = 0;
    out.ipIdent[0] = 0;
  }
  out.ipProto[0] = proto;
  out.ipFragOffset[0] = 0;
  out.ipCount = 1;
  s.ipIndex = 0;
  s.wireEnd = ipEnd;
  s.end = e;
  // TCP or UDP
  out.l4Ip[0] = 0;
  out.l4Complete[0] = 1;
  out.srcPort[0] = dv.getUint16(t);
  out.dstPort[0] = dv.getUint16(t + 2);
  out.l4Count = 1;
  if (proto === IpProto.Tcp) {
    out.l4Proto[0] = IpProto.Tcp;
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
    out.l4Proto[0] = IpProto.Udp;
    const udpEnd = t + udpLen;
    s.wireEnd = udpEnd;
    if (udpEnd < s.end) s.end = udpEnd;
    s.pos = t + 8;
  }
  return true;
}
