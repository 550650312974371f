/**
 * @module core/bytes
 * Big-endian integer reads on a Uint8Array. These do NOT check bounds: the caller checks once per
 * header (`pos + headerLength <= end`) and then reads fields. Use ByteCursor where a parser walks
 * variable-length data and wants every read checked.
 */

export function u16be(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

export function u24be(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 16) | ((d[p + 1] as number) << 8) | (d[p + 2] as number);
}

/** Unsigned 32-bit big-endian read (0..2^32-1). */
export function u32be(d: Uint8Array, p: number): number {
  return (((d[p] as number) << 24) | ((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number)) >>> 0;
}

export function u16le(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

export function u32le(d: Uint8Array, p: number): number {
  return ((d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16) | ((d[p + 3] as number) << 24)) >>> 0;
}

/** A 48-bit MAC address as one exact integer number (fits in a double). */
export function mac48(d: Uint8Array, p: number): number {
  return u16be(d, p) * 0x100000000 + u32be(d, p + 2);
}
