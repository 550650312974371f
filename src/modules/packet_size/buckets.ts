/**
 * @module modules/packet_size/buckets
 * Frame size buckets, by original (wire) frame length: the link-layer header included, an FCS
 * only when the capture stored it (a minimum Ethernet frame captured without its FCS is 60 bytes).
 */

/** Upper bound (inclusive) of each bucket; the last bucket has no bound. */
export const BUCKET_MAX: readonly number[] = [64, 127, 255, 511, 1023, 1517, 1518];
export const BUCKET_COUNT = BUCKET_MAX.length + 1;

export const BUCKET_NAMES: readonly string[] = ['0-64', '65-127', '128-255', '256-511', '512-1023', '1024-1517', '1518', '1519+'];

const LOOKUP_LIMIT = 1519;
const LOOKUP = new Uint8Array(LOOKUP_LIMIT);
for (let len = 0, b = 0; len < LOOKUP_LIMIT; len++) {
  while (b < BUCKET_MAX.length && len > (BUCKET_MAX[b] as number)) b++;
  LOOKUP[len] = b;
}

/** Bucket index of a frame length (table lookup, no branches beyond one compare). */
export function bucketOf(len: number): number {
  return len < LOOKUP_LIMIT ? (LOOKUP[len] as number) : BUCKET_COUNT - 1;
}

/** Smallest and largest length of a bucket (max null for the open bucket). */
export function bucketRange(b: number): { min: number; max: number | null } {
  const min = b === 0 ? 0 : (BUCKET_MAX[b - 1] as number) + 1;
  const max = b < BUCKET_MAX.length ? (BUCKET_MAX[b] as number) : null;
  return { min, max };
}
