/**
 * @module store/hash
 * Integer hash mixing for numeric table keys (no strings on the hot path).
 *
 * Every function returns 30 bits (0 .. 2^30 - 1): V8's small-integer range. A hash of 31 or 32 bits
 * is a heap-allocated number whenever it leaves a function that was not inlined, and these are
 * called per packet from functions too large to inline them all (the connection lookup boxed about
 * two hashes per packet: about a fifth of the L2–L4 analysis' garbage). Tables index with `hash & mask`,
 * and no table has 2^30 slots.
 */

/** Keeps the low 30 bits. */
const SMALL = 0x3fffffff;

/** Mix a 32-bit value (murmur3 finaliser); 30 bits out. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & SMALL;
}

/** Combine an accumulated hash with one more 32-bit word; 30 bits out. */
export function combine(h: number, w: number): number {
  return Math.imul(h ^ mix32(w), 0x9e3779b1) & SMALL;
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
