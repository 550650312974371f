/**
 * @module decode/arp
 * ARP (RFC 826). For IPv4 over Ethernet (hardware type 1, protocol 0x0800, lengths 6 and 4) the
 * operation and the four addresses fill the arp* fields; for other hardware/protocol pairs only
 * isArp and arpOp are set. ARP never enters the eth* or ip* stacks.
 */
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import { macAt } from './ethernet.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_ARP_TRUNCATED = anomalyIndex('arp.truncated');

export function decodeArp(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_ARP_TRUNCATED);
    return Layer.None;
  }
  const htype = dv.getUint16(p), ptype = dv.getUint16(p + 2), hlen = d[p + 4] as number, plen = d[p + 5] as number;
  if (htype === 1 && ptype === 0x0800 && hlen === 6 && plen === 4) {
    if (p + 28 > s.end) {
      s.raise(out, A_ARP_TRUNCATED);
      return Layer.None;
    }
    out.arpSenderMac = macAt(dv, p + 8);
    out.arpSenderIp = dv.getUint32(p + 14);
    out.arpTargetMac = macAt(dv, p + 18);
    out.arpTargetIp = dv.getUint32(p + 24);
    s.pos = p + 28;
  } else {
    out.arpSenderMac = 0;
    out.arpSenderIp = 0;
    out.arpTargetMac = 0;
    out.arpTargetIp = 0;
    const len = 8 + 2 * (hlen + plen);
    s.pos = p + len <= s.end ? p + len : s.end;
  }
  out.isArp = true;
  out.arpOp = dv.getUint16(p + 6);
  return Layer.None;
}
