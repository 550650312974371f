/**
 * @module decode/ip-common
 * What IPv4, IPv6 and AH share: choosing the layer for an IP protocol number (IP-in-IP counts as a
 * tunnel), and handing a fragment to the reassembler, switching the decode state to the reassembled
 * payload when the fragment completes its datagram.
 */
import { IP_PROTO_LAYER, Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import { FragmentResult } from './reassembly.js';
import type { DecodeState } from './state.js';

export function nextAfterIpProto(s: DecodeState, out: PacketInfo, proto: number): number {
  const next = IP_PROTO_LAYER[proto] as number;
  if (next === Layer.Ipv4 || next === Layer.Ipv6 || next === Layer.Mpls) return s.enterTunnel(out) ? next : Layer.None;
  return next;
}

/**
 * Offer the fragment payload s.d[start .. start+len) (len bytes on the wire) at `offset` of its
 * datagram. Returns -1 while the datagram is incomplete; when this fragment completes it, switches
 * s.d/dv/pos/end/wireEnd to the reassembly buffer, fills out.reassembled* and returns the datagram's
 * protocol (IPv4 protocol, or the next header of the IPv6 offset-0 fragment).
 */
export function reassembleFragment(s: DecodeState, out: PacketInfo, version: number, offset: number, more: boolean,
  proto: number, start: number, len: number): number {
  // A fragment cut by the snap length cannot be used.
  if (!s.reassemble || start + len > s.end) return -1;
  const r = s.reassembler;
  const result = r.add(s, out, version, offset, more, proto, s.d, start, len, out.tsSec + out.tsNsec * 1e-9);
  if (result !== FragmentResult.Completed) return -1;
  const dg = r.completed[r.completed.length - 1];
  if (dg === undefined) return -1;
  s.d = dg.buf;
  s.dv = dg.view;
  s.pos = 0;
  s.end = dg.totalLen;
  s.wireEnd = dg.totalLen;
  out.reassembled = true;
  out.reassembledFrames = dg.frames;
  out.reassembledBytes = dg.bytes;
  return dg.proto;
}
