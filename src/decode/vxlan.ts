/**
 * @module decode/vxlan
 * VXLAN (RFC 7348) on its UDP ports (decoder option vxlanPorts, default 4789 and 8472): an 8-byte
 * header, then an Ethernet frame. The I flag is not required (tshark decodes without it too).
 */
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('vxlan.truncated');

export function decodeVxlan(s: DecodeState, out: PacketInfo): number {
  if (s.pos + 8 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  s.pos += 8;
  return Layer.Ethernet;
}
