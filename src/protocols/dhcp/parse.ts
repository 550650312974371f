/**
 * @module protocols/dhcp/parse
 * DHCPv4 messages (RFC 2131/2132, BOOTP format) from a Uint8Array and offsets: the fixed header
 * (op, transaction id, client/your addresses, client hardware address) and the options wiremeter
 * uses — message type (53), host name (12), client FQDN (81, RFC 4702), requested address (50),
 * lease time (51), server id (54), vendor class (60). Numbers go into a reusable DhcpMessage;
 * the option strings are only located (offset, length) and made into text by `optionText` when
 * a caller stores them. Bounds-checked; malformed input is a status, never an exception.
 */

export const DHCP_MAGIC = 0x63825363;
/** Fixed BOOTP header up to and including the magic cookie. */
export const DHCP_MIN_LEN = 240;

export const DHCP_MESSAGE_TYPES: Readonly<Record<number, string>> = {
  1: 'Discover', 2: 'Offer', 3: 'Request', 4: 'Decline', 5: 'Ack', 6: 'Nak', 7: 'Release', 8: 'Inform',
  9: 'ForceRenew', 10: 'LeaseQuery', 11: 'LeaseUnassigned', 12: 'LeaseUnknown', 13: 'LeaseActive',
};

export function dhcpTypeName(t: number): string {
  return t === 0 ? 'BOOTP' : DHCP_MESSAGE_TYPES[t] ?? `Type${t}`;
}

export const DhcpStatus = { Ok: 0, Short: 1, NoMagic: 2, BadOption: 3 } as const;
export type DhcpStatus = (typeof DhcpStatus)[keyof typeof DhcpStatus];

/** A located option value: offset and length in the message's bytes (-1 = absent). */
export class DhcpMessage {
  op = 0;
  xid = 0;
  /** Client hardware address as a 48-bit number when htype is Ethernet and hlen 6, else -1. */
  chaddr = -1;
  ciaddr = 0;
  yiaddr = 0;
  siaddr = 0;
  giaddr = 0;
  /** Option 53 (0 = none: plain BOOTP). */
  type = 0;
  /** Option 50 and 54 (0 = absent); option 51 in seconds (-1 = absent). */
  requested = 0;
  serverId = 0;
  leaseSec = -1;
  hostOff = -1;
  hostLen = 0;
  vendorOff = -1;
  vendorLen = 0;
  /** Option 81: flags byte, and where the domain name starts (after flags and two rcodes). */
  fqdnFlags = 0;
  fqdnOff = -1;
  fqdnLen = 0;
}

function u32(d: Uint8Array, o: number): number {
  return (((d[o] as number) << 24) | ((d[o + 1] as number) << 16) | ((d[o + 2] as number) << 8) | (d[o + 3] as number)) >>> 0;
}

export function parseDhcp(d: Uint8Array, off: number, len: number, m: DhcpMessage): DhcpStatus {
  const end = Math.min(off + len, d.length);
  m.type = 0; m.requested = 0; m.serverId = 0; m.leaseSec = -1; m.hostOff = -1; m.hostLen = 0; m.vendorOff = -1; m.vendorLen = 0;
  m.fqdnFlags = 0; m.fqdnOff = -1; m.fqdnLen = 0; m.chaddr = -1;
  if (off < 0 || end - off < DHCP_MIN_LEN) return DhcpStatus.Short;
  m.op = d[off] as number;
  const htype = d[off + 1] as number, hlen = d[off + 2] as number;
  m.xid = u32(d, off + 4);
  m.ciaddr = u32(d, off + 12);
  m.yiaddr = u32(d, off + 16);
  m.siaddr = u32(d, off + 20);
  m.giaddr = u32(d, off + 24);
  if (htype === 1 && hlen === 6) {
    let mac = 0;
    for (let i = 0; i < 6; i++) mac = mac * 256 + (d[off + 28 + i] as number);
    m.chaddr = mac;
  }
  if (u32(d, off + 236) !== DHCP_MAGIC) return DhcpStatus.NoMagic;
  let p = off + DHCP_MIN_LEN;
  while (p < end) {
    const code = d[p] as number;
    if (code === 255) return DhcpStatus.Ok;
    if (code === 0) { p++; continue; }
    if (p + 1 >= end) return DhcpStatus.BadOption;
    const n = d[p + 1] as number, v = p + 2;
    if (v + n > end) return DhcpStatus.BadOption;
    switch (code) {
      case 53: if (n >= 1) m.type = d[v] as number; break;
      case 12: m.hostOff = v; m.hostLen = n; break;
      case 50: if (n === 4) m.requested = u32(d, v); break;
      case 51: if (n === 4) m.leaseSec = u32(d, v); break;
      case 54: if (n === 4) m.serverId = u32(d, v); break;
      case 60: m.vendorOff = v; m.vendorLen = n; break;
      case 81: if (n >= 3) { m.fqdnFlags = d[v] as number; m.fqdnOff = v + 3; m.fqdnLen = n - 3; } break;
      default: break;
    }
    p = v + n;
  }
  // No end option: what was read stands (many clients pad to the end instead).
  return DhcpStatus.Ok;
}

/** Printable text of an option value (control bytes dropped, trailing NULs trimmed). */
export function optionText(d: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = d[off + i] as number;
    if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
  }
  return s.trim();
}

/** The FQDN option's name: wire-encoded labels when the E flag (0x04) is set, else ASCII. */
export function fqdnText(d: Uint8Array, m: DhcpMessage): string {
  if (m.fqdnOff < 0 || m.fqdnLen === 0) return '';
  if ((m.fqdnFlags & 0x04) === 0) return optionText(d, m.fqdnOff, m.fqdnLen);
  const labels: string[] = [];
  let p = m.fqdnOff;
  const end = m.fqdnOff + m.fqdnLen;
  while (p < end) {
    const n = d[p] as number;
    if (n === 0 || n > 63 || p + 1 + n > end) break;
    labels.push(optionText(d, p + 1, n));
    p += 1 + n;
  }
  return labels.join('.');
}
