/**
 * @module decode/ipv6
 * IPv6 (RFC 8200) with its extension headers: hop-by-hop options, routing, fragment, destination
 * options, AH (RFC 4302), mobility, HIP and shim6 are walked; ESP and "no next header" end the
 * packet. ipProto is the protocol after the extension headers; ipHeaderLen includes them.
 *
 * tshark's rules, which decide whether the header enters the ip* stack:
 * - fixed header (40 bytes) not captured, or version not 6: not in the stack;
 * - an extension header cut by the snap length (`ipv6.truncated_extension_header`) or longer than
 *   the payload (`ipv6.bad_extension_header`): not in the stack (tshark taps IPv6 after them);
 * - payload length beyond the frame: `ipv6.payload_length_exceeds_frame`, in the stack, and the
 *   bytes present are decoded;
 * - payload length 0 (jumbogram, segmentation offload): `ipv6.zero_payload_length`, the rest of the
 *   frame is the payload (tshark then shows an empty payload).
 *
 * Fragments (a fragment header other than an atomic one, RFC 6946) enter the stack with ipFlags
 * bit 2; extension headers after the fragment header belong to the fragmented part. The layers
 * above are decoded only from the frame that completes the datagram (see reassembly.ts).
 */
import { anomalyIndex } from './anomalies.js';
import { IPV6_EXTENSION, IpProto, Layer } from './dispatch.js';
import { nextAfterIpProto, reassembleFragment } from './ip-common.js';
import { MAX_IP_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('ipv6.truncated');
const A_BAD_VERSION = anomalyIndex('ipv6.bad_version');
const A_PAYLOAD_EXCEEDS = anomalyIndex('ipv6.payload_length_exceeds_frame');
const A_ZERO_PAYLOAD = anomalyIndex('ipv6.zero_payload_length');
const A_EXT_TRUNCATED = anomalyIndex('ipv6.truncated_extension_header');
const A_EXT_BAD = anomalyIndex('ipv6.bad_extension_header');
const A_EXT_TOO_MANY = anomalyIndex('ipv6.too_many_extension_headers');
const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');

const MAX_EXTENSION_HEADERS = 16;

export function decodeIpv6(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 40 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const w0 = dv.getUint32(p);
  if (w0 >>> 28 !== 6) {
    s.raise(out, A_BAD_VERSION);
    return Layer.None;
  }
  let plen = dv.getUint16(p + 4);
  const avail = s.wireEnd - p - 40;
  if (plen === 0) {
    s.raise(out, A_ZERO_PAYLOAD);
    plen = avail;
  } else if (plen > avail) {
    s.raise(out, A_PAYLOAD_EXCEEDS);
  } else {
    s.narrow(p + 40, plen);
  }

  // Walk the extension headers (bounded: each one is at least 8 bytes, and at most 16 are walked).
  let nh = d[p + 6] as number;
  let q = p + 40;
  let fragOffset = 0, more = false, isFragment = false, ident = 0, steps = 0;
  while (IPV6_EXTENSION[nh] === 1) {
    if (++steps > MAX_EXTENSION_HEADERS) {
      s.raise(out, A_EXT_TOO_MANY);
      return Layer.None;
    }
    let len: number;
    if (nh === IpProto.Fragment) {
      len = 8;
    } else {
      if (q + 2 > s.end) {
        s.raise(out, q + 2 > s.wireEnd ? A_EXT_BAD : A_EXT_TRUNCATED);
        return Layer.None;
      }
      len = nh === IpProto.Ah ? ((d[q + 1] as number) + 2) << 2 : ((d[q + 1] as number) + 1) << 3;
    }
    if (q + len > s.wireEnd) {
      s.raise(out, A_EXT_BAD);
      return Layer.None;
    }
    if (q + len > s.end) {
      s.raise(out, A_EXT_TRUNCATED);
      return Layer.None;
    }
    const next = d[q] as number;
    if (nh === IpProto.Fragment) {
      const fo = dv.getUint16(q + 2);
      fragOffset = fo & 0xfff8;
      more = (fo & 1) !== 0;
      ident = dv.getUint32(q + 4);
      q += 8;
      nh = next;
      if (more || fragOffset !== 0) {
        isFragment = true;
        break;
      }
      continue; // atomic fragment: the rest is whole
    }
    q += len;
    nh = next;
  }

  const i = out.ipCount;
  if (i >= MAX_IP_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return Layer.None;
  }
  const k = i * 4;
  out.ipVersion[i] = 6;
  out.ipSrc[k] = dv.getUint32(p + 8);
  out.ipSrc[k + 1] = dv.getUint32(p + 12);
  out.ipSrc[k + 2] = dv.getUint32(p + 16);
  out.ipSrc[k + 3] = dv.getUint32(p + 20);
  out.ipDst[k] = dv.getUint32(p + 24);
  out.ipDst[k + 1] = dv.getUint32(p + 28);
  out.ipDst[k + 2] = dv.getUint32(p + 32);
  out.ipDst[k + 3] = dv.getUint32(p + 36);
  out.ipProto[i] = nh;
  out.ipTtl[i] = d[p + 7] as number;
  out.ipTos[i] = (w0 >>> 20) & 0xff;
  out.ipHeaderLen[i] = q - p;
  out.ipTotalLen[i] = plen + 40;
  out.ipFlags[i] = isFragment ? (more ? 6 : 4) : 0;
  out.ipFragOffset[i] = fragOffset;
  out.ipIdent[i] = ident;
  out.ipCount = i + 1;
  s.ipIndex = i;
  s.pos = q;
  if (!isFragment) return nextAfterIpProto(s, out, nh);

  const key = s.reassembler.key;
  for (let w = 0; w < 8; w++) key[w] = w < 4 ? out.ipSrc[k + w] as number : out.ipDst[k + w - 4] as number;
  key[8] = ident;
  const ipEnd = p + 40 + plen;
  const dataEnd = ipEnd < s.wireEnd ? ipEnd : s.wireEnd;
  const whole = reassembleFragment(s, out, 6, fragOffset, more, nh, q, dataEnd - q);
  if (whole < 0) return Layer.None;
  // The fragmentable part may start with more extension headers (destination options, routing, AH).
  const last = skipExtensionHeaders(s, out, whole);
  if (last < 0) return Layer.None;
  out.ipProto[i] = last;
  return nextAfterIpProto(s, out, last);
}

/**
 * Walk the extension headers at the start of a reassembled payload; returns the protocol after them
 * (s.pos moved past them), or -1 (anomaly raised) when one does not fit. A fragment header there
 * (a fragment inside a fragment) ends the walk and is not decoded.
 */
function skipExtensionHeaders(s: DecodeState, out: PacketInfo, first: number): number {
  const d = s.d, end = s.end;
  let nh = first, q = s.pos, steps = 0;
  while (IPV6_EXTENSION[nh] === 1 && nh !== IpProto.Fragment) {
    if (++steps > MAX_EXTENSION_HEADERS) {
      s.raise(out, A_EXT_TOO_MANY);
      return -1;
    }
    if (q + 2 > end) {
      s.raise(out, A_EXT_BAD);
      return -1;
    }
    const len = nh === IpProto.Ah ? ((d[q + 1] as number) + 2) << 2 : ((d[q + 1] as number) + 1) << 3;
    if (q + len > end) {
      s.raise(out, A_EXT_BAD);
      return -1;
    }
    nh = d[q] as number;
    q += len;
  }
  s.pos = q;
  return nh;
}
