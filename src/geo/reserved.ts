/**
 * @module geo/reserved
 * Addresses that belong to no country whatever a database says: private (RFC 1918, unique local),
 * shared (CGN), loopback, link-local, documentation, benchmarking, multicast, broadcast and other
 * IANA special-purpose ranges. Numbers only; IPv4 is one word, IPv6 four (most significant first).
 */

/** True for an IPv4 address (as uint32) in a special-purpose range. */
export function isReservedIpv4(a: number): boolean {
  const o1 = a >>> 24, o2 = (a >>> 16) & 0xff, o3 = (a >>> 8) & 0xff;
  if (o1 === 0 || o1 === 10 || o1 === 127 || o1 >= 224) return true; // this network, private, loopback, multicast, reserved
  if (o1 === 100 && (o2 & 0xc0) === 64) return true; // 100.64.0.0/10 shared address space
  if (o1 === 169 && o2 === 254) return true; // link-local
  if (o1 === 172 && (o2 & 0xf0) === 16) return true; // 172.16.0.0/12
  if (o1 === 192 && o2 === 168) return true; // 192.168.0.0/16
  if (o1 === 192 && o2 === 0 && (o3 === 0 || o3 === 2)) return true; // IETF protocol assignments, TEST-NET-1
  if (o1 === 198 && (o2 === 18 || o2 === 19)) return true; // benchmarking
  if (o1 === 198 && o2 === 51 && o3 === 100) return true; // TEST-NET-2
  return o1 === 203 && o2 === 0 && o3 === 113; // TEST-NET-3
}

/** True for an IPv4-mapped IPv6 address (::ffff:a.b.c.d): look the IPv4 address in w3 up instead. */
export function isIpv4Mapped(w0: number, w1: number, w2: number): boolean {
  return w0 === 0 && w1 === 0 && w2 === 0xffff;
}

/** True for an IPv6 address in a special-purpose range (IPv4-mapped addresses excluded: see isIpv4Mapped). */
export function isReservedIpv6(w0: number, w1: number, w2: number): boolean {
  if (w0 === 0 && w1 === 0) return !isIpv4Mapped(w0, w1, w2); // unspecified, loopback, IPv4-compatible
  const top = w0 >>> 16;
  if ((top & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((top & 0xffc0) === 0xfe80 || (top & 0xffc0) === 0xfec0) return true; // link-local, site-local
  if ((top & 0xff00) === 0xff00) return true; // multicast
  if (w0 >>> 0 === 0x20010db8) return true; // documentation
  return w0 === 0x01000000 && w1 === 0; // 100::/64 discard-only
}
