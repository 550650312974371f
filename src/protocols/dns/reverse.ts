/**
 * @module protocols/dns/reverse
 * The address a reverse-lookup name stands for: "4.3.2.1.in-addr.arpa" → "1.2.3.4", the 32
 * nibbles of "….ip6.arpa" → the IPv6 address (RFC 5952 text, as the IP table writes it).
 */
import { formatIpv6 } from '../../core/addresses.js';

export function reverseNameAddress(name: string): string | null {
  // Cheap first test: every reverse name ends in "arpa" (mDNS has many PTR records that do not).
  if (name.length < 14 || (name.charCodeAt(name.length - 1) | 0x20) !== 0x61) return null;
  const lower = name.toLowerCase();
  if (lower.endsWith('.in-addr.arpa')) {
    const parts = lower.slice(0, -'.in-addr.arpa'.length).split('.');
    if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return null;
    return parts.reverse().join('.');
  }
  if (lower.endsWith('.ip6.arpa')) {
    const nibbles = lower.slice(0, -'.ip6.arpa'.length).split('.');
    if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/.test(n))) return null;
    const hex = nibbles.reverse().join('');
    const w = [0, 8, 16, 24].map((i) => Number.parseInt(hex.slice(i, i + 8), 16) >>> 0) as [number, number, number, number];
    return formatIpv6(...w);
  }
  return null;
}
