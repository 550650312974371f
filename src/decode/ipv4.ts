/**
 * @module decode/ipv4
 * IPv4 (RFC 791) and the IP Authentication Header when IPv4 carries it (RFC 4302).
 *
 * tshark's rules, which decide whether the header enters the ip* stack:
 * - fewer than 20 bytes captured, or options cut: `ipv4.truncated`, not in the stack;
 * - version 6: decoded as IPv6 (tshark does the same);
 * - version neither 4 nor 6, header length below 20: `ipv4.bad_version` / `ipv4.bad_header_length`, not in the stack;
 * - total length 0: TCP segmentation offload, the rest of the frame is the datagram (`ipv4.zero_total_length`);
 * - total length smaller than the header: `ipv4.total_length_too_small` (tshark "Bogus IP length"), not in the stack;
 * - total length beyond the frame (original length, not the snap length):
 *   `ipv4.total_length_exceeds_frame`, in the stack, and the bytes present are decoded.
 * The total length narrows the frame: Ethernet padding is not payload.
 *
 * Fragments (MF set or offset > 0) enter the stack with ipFlags bit 2; the layers above are decoded
 * only from the frame that completes the datagram (see reassembly.ts).
 */
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import { nextAfterIpProto, reassembleFragment } from './ip-common.js';
import { MAX_IP_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('ipv4.truncated');
const A_BAD_VERSION = anomalyIndex('ipv4.bad_version');
const A_BAD_HEADER_LENGTH = anomalyIndex('ipv4.bad_header_length');
const A_TOTAL_TOO_SMALL = anomalyIndex('ipv4.total_length_too_small');
const A_TOTAL_EXCEEDS = anomalyIndex('ipv4.total_length_exceeds_frame');
const A_ZERO_TOTAL = anomalyIndex('ipv4.zero_total_length');
const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');
const A_AH_TRUNCATED = anomalyIndex('ah.truncated');
const A_AH_BAD_LENGTH = anomalyIndex('ah.bad_length');

const FLAG_DF = 0x4000, FLAG_MF = 0x2000, OFFSET_MASK = 0x1fff;

export function decodeIpv4(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 20 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const vhl = d[p] as number;
  if (vhl >> 4 !== 4) {
    // tshark hands an IPv6 packet announced as IPv4 to its IPv6 dissector, and counts it.
    if (vhl >> 4 === 6) return Layer.Ipv6;
    s.raise(out, A_BAD_VERSION);
    return Layer.None;
  }
  const hlen = (vhl & 15) << 2;
  if (hlen < 20) {
    s.raise(out, A_BAD_HEADER_LENGTH);
    return Layer.None;
  }
  let total = dv.getUint16(p + 2);
  const avail = s.wireEnd - p;
  if (total === 0) {
    s.raise(out, A_ZERO_TOTAL);
    total = avail;
  }
  if (total < hlen) {
    s.raise(out, A_TOTAL_TOO_SMALL);
    return Layer.None;
  }
  if (p + hlen > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const i = out.ipCount;
  if (i >= MAX_IP_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return Layer.None;
  }
  if (total > avail) s.raise(out, A_TOTAL_EXCEEDS);
  else s.narrow(p, total);

  const ff = dv.getUint16(p + 6);
  const proto = d[p + 9] as number;
  const src = dv.getUint32(p + 12), dst = dv.getUint32(p + 16);
  const k = i * 4;
  if (out.ipVersion[i] !== 4) {
    // The slot last held an IPv6 header: clear the words IPv4 does not use.
    out.ipVersion[i] = 4;
    out.ipSrc[k] = 0;
    out.ipSrc[k + 1] = 0;
    out.ipSrc[k + 2] = 0;
    out.ipDst[k] = 0;
    out.ipDst[k + 1] = 0;
    out.ipDst[k + 2] = 0;
  }
  out.ipSrc[k + 3] = src;
  out.ipDst[k + 3] = dst;
  out.ipProto[i] = proto;
  out.ipTtl[i] = d[p + 8] as number;
  out.ipTos[i] = d[p + 1] as number;
  out.ipHeaderLen[i] = hlen;
  out.ipTotalLen[i] = total;
  const offset = (ff & OFFSET_MASK) << 3;
  const more = (ff & FLAG_MF) !== 0;
  const isFragment = more || offset !== 0;
  out.ipFlags[i] = ((ff & FLAG_DF) !== 0 ? 1 : 0) | (more ? 2 : 0) | (isFragment ? 4 : 0);
  out.ipFragOffset[i] = offset;
  const ident = dv.getUint16(p + 4);
  out.ipIdent[i] = ident;
  out.ipCount = i + 1;
  s.ipIndex = i;
  s.pos = p + hlen;
  if (!isFragment) return nextAfterIpProto(s, out, proto);

  const key = s.reassembler.key;
  key[0] = src;
  key[1] = dst;
  key[2] = proto;
  key[3] = ident;
  const dataLen = (total > avail ? avail : total) - hlen;
  const whole = reassembleFragment(s, out, 4, offset, more, proto, p + hlen, dataLen);
  return whole < 0 ? Layer.None : nextAfterIpProto(s, out, whole);
}

/** IP Authentication Header carried by IPv4 (in IPv6 it is walked as an extension header). */
export function decodeAh(s: DecodeState, out: PacketInfo): number {
  const d = s.d, p = s.pos;
  if (p + 2 > s.end) {
    s.raise(out, p + 2 > s.wireEnd ? A_AH_BAD_LENGTH : A_AH_TRUNCATED);
    return Layer.None;
  }
  const len = ((d[p + 1] as number) + 2) << 2;
  if (p + len > s.wireEnd) {
    s.raise(out, A_AH_BAD_LENGTH);
    return Layer.None;
  }
  if (p + len > s.end) {
    s.raise(out, A_AH_TRUNCATED);
    return Layer.None;
  }
  s.pos = p + len;
  return nextAfterIpProto(s, out, d[p] as number);
}
