/**
 * @module store/resize
 * Growing struct-of-arrays columns: a copy of a typed array with a new length, old values kept.
 */
type Column = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

export function resized<T extends Column>(column: T, length: number): T {
  const out = new (column.constructor as new (n: number) => T)(length);
  out.set(column.subarray(0, Math.min(column.length, length)));
  return out;
}
