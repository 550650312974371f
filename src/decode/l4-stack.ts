/**
 * @module decode/l4-stack
 * Appending a header to PacketInfo's L4 stack, the one step every L4 decoder shares.
 */
import { anomalyIndex } from './anomalies.js';
import { MAX_L4_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');

/**
 * Push an L4 header (protocol, ports, completeness) belonging to the current IP header.
 * Returns its index in the stack, or -1 after raising `frame.too_many_layers` when the stack is full.
 */
export function pushL4Layer(s: DecodeState, out: PacketInfo, proto: number, srcPort: number, dstPort: number, complete: number): number {
  const j = out.l4Count;
  if (j >= MAX_L4_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return -1;
  }
  out.l4Proto[j] = proto;
  out.l4Ip[j] = s.ipIndex < 0 ? 0 : s.ipIndex;
  out.srcPort[j] = srcPort;
  out.dstPort[j] = dstPort;
  out.l4Complete[j] = complete;
  out.l4Count = j + 1;
  return j;
}
