/**
 * @module store/hash
 * Integer hash mixing for numeric table keys (no strings on the hot path).
 */

/** Mix a 32-bit value (murmur3 finaliser). Returns a non-negative int32. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine an accumulated hash with one more 32-bit word. */
export function combine(h: number, w: number): number {
  return Math.imul(h ^ mix32(w), 0x9e3779b1) >>> 0;
}

/** Hash of four address words (an IPv6 address, or an IPv4 address in word 3). */
export function hashAddr(w0: number, w1: number, w2: number, w3: number): number {
  return mix32(combine(combine(combine(mix32(w3), w2), w1), w0));
}

/** Hash of a 48-bit MAC held as a number. */
export function hashMac(mac: number): number {
  const hi = Math.floor(mac / 0x100000000);
  const lo = mac >>> 0;
  return mix32(combine(mix32(lo), hi));
}
