/**
 * @module core/typed
 * Hot-path helpers for typed-array counters. With `noUncheckedIndexedAccess` an indexed read is
 * `number | undefined`; these helpers keep call sites short. Indices are the caller's to keep in
 * range (an out-of-range read would yield NaN, never an exception).
 */
type NumericArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** a[i] += v */
export function addAt(a: NumericArray, i: number, v: number): void {
  a[i] = (a[i] as number) + v;
}

/** a[i] (for in-range indices). */
export function at(a: NumericArray, i: number): number {
  return a[i] as number;
}
