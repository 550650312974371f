/**
 * @module flow/tcp/seq
 * TCP sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): numbers are uint32 held in JS numbers;
 * "a before b" means b - a, taken modulo 2^32, is in 1 .. 2^31 - 1.
 */

/** (a - b) mod 2^32 as a signed 32-bit value: negative when a is before b. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

/** a + n modulo 2^32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}
