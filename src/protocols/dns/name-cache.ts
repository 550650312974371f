/**
 * @module protocols/dns/name-cache
 * Strings for names seen again and again, without making them again: a direct-mapped cache from
 * a name's dotted bytes (FNV-1a hash, then a byte-for-byte check) to the string made the first
 * time. A repeated name costs a hash and a compare, and the same string object comes back (so a
 * Map keyed by it also reuses its cached hash). 256 bytes per slot.
 */
import { MAX_NAME_WIRE, nameText } from './parse.js';

const SLOT = MAX_NAME_WIRE + 1;

export class NameCache {
  private readonly mask: number;
  private readonly texts: (string | undefined)[];
  private readonly bytes: Uint8Array;
  private readonly lens: Int16Array;
  hits = 0;
  misses = 0;

  constructor(slots = 2048) {
    const size = 1 << Math.ceil(Math.log2(Math.max(2, slots)));
    this.mask = size - 1;
    this.texts = new Array<string | undefined>(size);
    this.bytes = new Uint8Array(size * SLOT);
    this.lens = new Int16Array(size).fill(-1);
  }

  /** The text of name bytes b[0, n) (n ≤ 255), from the cache when the same bytes were seen. */
  text(b: Uint8Array, n: number): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
    const s = (h >>> 0) & this.mask, at = s * SLOT;
    if (this.lens[s] === n) {
      const mine = this.bytes;
      let same = true;
      for (let i = 0; i < n; i++) {
        if (mine[at + i] !== b[i]) {
          same = false;
          break;
        }
      }
      const t = this.texts[s];
      if (same && t !== undefined) {
        this.hits++;
        return t;
      }
    }
    this.misses++;
    const t = nameText(b, n);
    this.bytes.set(b.subarray(0, n), at);
    this.lens[s] = n;
    this.texts[s] = t;
    return t;
  }
}
