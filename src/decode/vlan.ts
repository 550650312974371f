/**
 * @module decode/vlan
 * IEEE 802.1Q / 802.1ad tags (TPID 0x8100, 0x88a8, 0x9100, 0x9200) at any depth, up to
 * MAX_VLAN_TAGS per frame (then `vlan.too_many_tags`). Tags of every Ethernet header of the frame
 * (outer and tunnelled) go into the vlan* arrays, outermost first. A tag updates the protocol of the
 * Ethernet header it belongs to (ethType), which is the type after the last tag.
 */
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import { nextAfterEthernetType } from './ethernet.js';
import { MAX_VLAN_TAGS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_VLAN_TRUNCATED = anomalyIndex('vlan.truncated');
const A_VLAN_TOO_MANY_TAGS = anomalyIndex('vlan.too_many_tags');

export function decodeVlan(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 4 > s.end) {
    s.raise(out, A_VLAN_TRUNCATED);
    return Layer.None;
  }
  const n = out.vlanCount;
  if (n >= MAX_VLAN_TAGS) {
    s.raise(out, A_VLAN_TOO_MANY_TAGS);
    return Layer.None;
  }
  const tci = dv.getUint16(p);
  out.vlanTpid[n] = s.etherType;
  out.vlanPcp[n] = tci >> 13;
  out.vlanId[n] = tci & 0x0fff;
  out.vlanCount = n + 1;
  const type = dv.getUint16(p + 2);
  if (s.ethOpen >= 0) out.ethType[s.ethOpen] = type;
  s.pos = p + 4;
  return nextAfterEthernetType(s, type);
}
