/**
 * @module decode/arp
 * ARP (RFC 826). For IPv4 over Ethernet (hardware type 1, protocol 0x0800, lengths 6 and 4) the
 * operation and the four addresses fill the arp* fields; for other hardware/protocol pairs only
 * isArp and arpOp are set. ARP never enters the eth* or ip* stacks.
 */
import { mac48, u16be, u32be } from '../core/bytes.js';
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_ARP_TRUNCATED = anomalyIndex('arp.truncated');

export function decodeArp(s: DecodeState, out: PacketInfo): number {
  const d = s.d, p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_ARP_TRUNCATED);
    return Layer.None;
  }
  const htype = u16be(d, p), ptype = u16be(d, p + 2), hlen = d[p + 4] as number, plen = d[p + 5] as number;
  if (htype === 1 && ptype === 0x0800 && hlen === 6 && plen === 4) {
    if (p + 28 > s.end) {
      s.raise(out, A_ARP_TRUNCATED);
      return Layer.None;
    }
    out.arpSenderMac = mac48(d, p + 8);
    out.arpSenderIp = u32be(d, p + 14);
    out.arpTargetMac = mac48(d, p + 18);
    out.arpTargetIp = u32be(d, p + 24);
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
  out.arpOp = u16be(d, p + 6);
  return Layer.None;
}
