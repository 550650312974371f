/**
 * @module protocols/dhcp/parse6
 * DHCPv6 (RFC 8415) client/server messages from a Uint8Array and offsets: message type,
 * transaction id, the client's DUID (option 1; its link-layer address for DUID-LLT/LL over
 * Ethernet), the first address of an IA_NA (option 3 → IA Address 5, with its valid lifetime),
 * the client FQDN (39, wire-encoded) and the vendor class (16). Relay messages (12, 13) are not
 * unwrapped. Bounds-checked; malformed input is a status, never an exception.
 */
import { formatIpv6 } from '../../core/addresses.js';

export const DHCP6_TYPES: Readonly<Record<number, string>> = {
  1: 'Solicit', 2: 'Advertise', 3: 'Request', 4: 'Confirm', 5: 'Renew', 6: 'Rebind', 7: 'Reply', 8: 'Release', 9: 'Decline',
  10: 'Reconfigure', 11: 'Information-request', 12: 'Relay-forw', 13: 'Relay-repl',
};

export function dhcp6TypeName(t: number): string {
  return DHCP6_TYPES[t] ?? `Type${t}`;
}

export const Dhcp6Status = { Ok: 0, Short: 1, BadOption: 2, Relay: 3 } as const;
export type Dhcp6Status = (typeof Dhcp6Status)[keyof typeof Dhcp6Status];

export class Dhcp6Message {
  type = 0;
  xid = 0;
  /** Client DUID option value (offset, length; -1 = absent). */
  duidOff = -1;
  duidLen = 0;
  /** The DUID's Ethernet address as a 48-bit number, -1 when it has none. */
  mac = -1;
  /** First IA Address of an IA_NA (offset of its 16 bytes, -1 = none) and its valid lifetime. */
  addrOff = -1;
  validSec = -1;
  fqdnOff = -1;
  fqdnLen = 0;
  vendorOff = -1;
  vendorLen = 0;
}

function u16(d: Uint8Array, o: number): number {
  return ((d[o] as number) << 8) | (d[o + 1] as number);
}

function u32(d: Uint8Array, o: number): number {
  return ((u16(d, o) << 16) | u16(d, o + 2)) >>> 0;
}

export function parseDhcp6(d: Uint8Array, off: number, len: number, m: Dhcp6Message): Dhcp6Status {
  const end = Math.min(off + len, d.length);
  m.duidOff = -1; m.duidLen = 0; m.mac = -1; m.addrOff = -1; m.validSec = -1; m.fqdnOff = -1; m.fqdnLen = 0; m.vendorOff = -1; m.vendorLen = 0;
  if (off < 0 || end - off < 4) return Dhcp6Status.Short;
  m.type = d[off] as number;
  m.xid = u32(d, off) & 0xffffff;
  if (m.type === 12 || m.type === 13) return Dhcp6Status.Relay;
  for (let p = off + 4; p < end;) {
    if (p + 4 > end) return Dhcp6Status.BadOption;
    const code = u16(d, p), n = u16(d, p + 2), v = p + 4;
    if (v + n > end) return Dhcp6Status.BadOption;
    if (code === 1) {
      m.duidOff = v;
      m.duidLen = n;
      const duidType = n >= 4 ? u16(d, v) : 0, hw = n >= 4 ? u16(d, v + 2) : 0;
      const ll = duidType === 1 ? v + 8 : duidType === 3 ? v + 4 : -1;
      if (ll >= 0 && hw === 1 && ll + 6 === v + n) {
        let mac = 0;
        for (let i = 0; i < 6; i++) mac = mac * 256 + (d[ll + i] as number);
        m.mac = mac;
      }
    } else if (code === 3 && n >= 12 && m.addrOff < 0) {
      // IAID, T1, T2, then sub-options.
      for (let q = v + 12; q + 4 <= v + n;) {
        const sc = u16(d, q), sn = u16(d, q + 2), sv = q + 4;
        if (sv + sn > v + n) break;
        if (sc === 5 && sn >= 24) {
          m.addrOff = sv;
          m.validSec = u32(d, sv + 20);
          break;
        }
        q = sv + sn;
      }
    } else if (code === 39 && n >= 1) {
      m.fqdnOff = v + 1;
      m.fqdnLen = n - 1;
    } else if (code === 16) {
      m.vendorOff = v;
      m.vendorLen = n;
    }
    p = v + n;
  }
  return Dhcp6Status.Ok;
}

/** The IA address as text. */
export function dhcp6Address(d: Uint8Array, m: Dhcp6Message): string {
  const o = m.addrOff;
  return o < 0 ? '' : formatIpv6(u32(d, o), u32(d, o + 4), u32(d, o + 8), u32(d, o + 12));
}

/** The client DUID as hex. */
export function dhcp6Duid(d: Uint8Array, m: Dhcp6Message): string {
  return m.duidOff < 0 ? '' : Buffer.from(d.subarray(m.duidOff, m.duidOff + m.duidLen)).toString('hex');
}

/** The FQDN option's wire-encoded name as dotted text (printable characters only). */
export function dhcp6Fqdn(d: Uint8Array, m: Dhcp6Message): string {
  const labels: string[] = [];
  const end = m.fqdnOff + m.fqdnLen;
  for (let p = m.fqdnOff; m.fqdnOff >= 0 && p < end;) {
    const n = d[p] as number;
    if (n === 0 || n > 63 || p + 1 + n > end) break;
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = d[p + 1 + i] as number;
      if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    }
    labels.push(s);
    p += 1 + n;
  }
  return labels.join('.');
}

/** Vendor class (16): enterprise number, then length-prefixed opaque data; the printable text of the first. */
export function dhcp6Vendor(d: Uint8Array, m: Dhcp6Message): string {
  if (m.vendorOff < 0 || m.vendorLen < 6) return '';
  const n = u16(d, m.vendorOff + 4), at = m.vendorOff + 6;
  if (at + n > m.vendorOff + m.vendorLen) return '';
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = d[at + i] as number;
    if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
  }
  return s.trim();
}
