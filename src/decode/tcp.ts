/**
 * @module decode/tcp
 * TCP (RFC 9293): ports, sequence and acknowledgement numbers, flags (NS included), window, data
 * offset, and the options MSS, window scale, SACK permitted, SACK blocks and timestamps (RFC 7323).
 * Option parsing is bounded by the header and the captured bytes and stops at the first impossible
 * option length (`tcp.bad_option`).
 *
 * Which headers enter the l4* stack (l4Complete):
 * - 1: the whole header is captured and its data offset is sane;
 * - 0: bogus: data offset below 20 (`tcp.bad_data_offset`) or beyond the IP payload
 *   (`tcp.header_exceeds_payload`); tshark does not count such frames in its conversations;
 * - 2: the options are cut by the snap length (`tcp.truncated_header`): ports and flags are known;
 * - not in the stack: fewer than 20 bytes captured (`tcp.truncated`).
 * The tcp* fields describe the innermost TCP header (TCP never carries another decoded layer).
 */
import { anomalyIndex } from './anomalies.js';
import { IpProto, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import { pushL4Layer } from './l4-stack.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('tcp.truncated');
const A_BAD_DATA_OFFSET = anomalyIndex('tcp.bad_data_offset');
const A_HEADER_EXCEEDS = anomalyIndex('tcp.header_exceeds_payload');
const A_TRUNCATED_HEADER = anomalyIndex('tcp.truncated_header');
const A_BAD_OPTION = anomalyIndex('tcp.bad_option');

/** Options NOP, NOP, kind 8 (timestamps), length 10: the usual layout after the handshake. */
export const TCP_NOP_NOP_TIMESTAMPS = 0x0101080a;
const OPT_EOL = 0, OPT_NOP = 1, OPT_MSS = 2, OPT_WS = 3, OPT_SACK_PERMITTED = 4, OPT_SACK = 5, OPT_TIMESTAMPS = 8;

export function decodeTcp(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 20 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const j = pushL4Layer(s, out, IpProto.Tcp, dv.getUint16(p), dv.getUint16(p + 2), 1);
  if (j < 0) return Layer.None;
  const b12 = d[p + 12] as number;
  const hlen = (b12 >> 4) << 2;
  out.tcpSeq = dv.getUint32(p + 4);
  out.tcpAck = dv.getUint32(p + 8);
  out.tcpFlags = ((b12 & 1) << 8) | (d[p + 13] as number);
  out.tcpWindow = dv.getUint16(p + 14);
  out.tcpHeaderLen = hlen;
  if (hlen < 20) {
    out.l4Complete[j] = 0;
    s.raise(out, A_BAD_DATA_OFFSET);
    s.pos = p + 20;
    return Layer.None;
  }
  if (p + hlen > s.wireEnd) {
    out.l4Complete[j] = 0;
    s.raise(out, A_HEADER_EXCEEDS);
    s.pos = p + 20;
    return Layer.None;
  }
  if (p + hlen > s.end) {
    out.l4Complete[j] = 2;
    s.raise(out, A_TRUNCATED_HEADER);
    if (hlen > 20) parseTcpOptions(s, out, p + 20, s.end, true);
    s.pos = s.end;
    return Layer.None;
  }
  out.l4Complete[j] = 1;
  if (hlen === 32 && dv.getUint32(p + 20) === TCP_NOP_NOP_TIMESTAMPS) {
    // The usual options of a segment after the handshake (RFC 7323 appendix A layout).
    out.tcpTsVal = dv.getUint32(p + 24);
    out.tcpTsEcr = dv.getUint32(p + 28);
  } else if (hlen > 20) {
    parseTcpOptions(s, out, p + 20, p + hlen, false);
  }
  s.pos = p + hlen;
  return Layer.None;
}

/** Parse options in d[q .. e); `cut` when e is the snap length rather than the header end. */
export function parseTcpOptions(s: DecodeState, out: PacketInfo, q: number, e: number, cut: boolean): void {
  const d = s.d, dv = s.dv;
  while (q < e) {
    const kind = d[q] as number;
    if (kind === OPT_EOL) return;
    if (kind === OPT_NOP) {
      q++;
      continue;
    }
    if (q + 2 > e) {
      if (!cut) s.raise(out, A_BAD_OPTION);
      return;
    }
    const len = d[q + 1] as number;
    if (len < 2) {
      s.raise(out, A_BAD_OPTION);
      return;
    }
    if (q + len > e) {
      if (!cut) s.raise(out, A_BAD_OPTION);
      return;
    }
    switch (kind) {
      case OPT_MSS:
        if (len === 4) out.tcpMss = dv.getUint16(q + 2);
        else s.raise(out, A_BAD_OPTION);
        break;
      case OPT_WS:
        if (len === 3) out.tcpWindowScale = d[q + 2] as number;
        else s.raise(out, A_BAD_OPTION);
        break;
      case OPT_SACK_PERMITTED:
        if (len === 2) out.tcpSackPermitted = true;
        else s.raise(out, A_BAD_OPTION);
        break;
      case OPT_SACK:
        if (len >= 10 && ((len - 2) & 7) === 0) out.tcpSackBlocks = (len - 2) >> 3;
        else s.raise(out, A_BAD_OPTION);
        break;
      case OPT_TIMESTAMPS:
        if (len === 10) {
          out.tcpTsVal = dv.getUint32(q + 2);
          out.tcpTsEcr = dv.getUint32(q + 6);
        } else {
          s.raise(out, A_BAD_OPTION);
        }
        break;
      default:
        break;
    }
    q += len;
  }
}
