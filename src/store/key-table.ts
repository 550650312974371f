/**
 * @module store/key-table
 * Entities named by one or two 32-bit numbers: VLAN ids, EtherTypes, DSCP values, ports, and pairs
 * of other entities (two ids). The generic table behind most modules' small dimensions.
 */
import { combine, mix32 } from './hash.js';
import { resized } from './resize.js';
import { creditTraffic, EntityTable, type EntityTableOptions } from './entity-table.js';

export class KeyTable extends EntityTable {
  private keyA: Uint32Array;
  private keyB: Uint32Array;
  /** Direct-mapped cache of `upsertHot`: entity + 1 of the last key seen per slot (0 = none). */
  private readonly hot = new Int32Array(HOT_SLOTS);

  constructor(name: string, options?: Partial<EntityTableOptions>) {
    super(name, options);
    this.keyA = new Uint32Array(this.capacity);
    this.keyB = new Uint32Array(this.capacity);
  }

  addTraffic(e: number, slot: number, packets: number, bytes: number): void {
    creditTraffic(this.counters, this.history, e, slot, packets, bytes);
  }

  /** Finds or inserts (a, b) (unsigned 32-bit each); returns the entity, or -1 when not stored. */
  upsert(a: number, b: number, tsUs: number): number {
    a >>>= 0;
    b >>>= 0;
    for (;;) {
      const slots = this.slots, ka = this.keyA, kb = this.keyB, mask = this.mask;
      let s = hash2(a, b) & mask;
      for (;;) {
        const e = (slots[s] as number) - 1;
        if (e < 0) break;
        if (ka[e] === a && kb[e] === b) {
          this.lastSeenUs[e] = tsUs;
          return e;
        }
        s = (s + 1) & mask;
      }
      const room = this.room();
      if (room === 'full') {
        this.untracked++;
        return -1;
      }
      if (room === 'changed') continue;
      const e = this.claim(s, tsUs);
      this.keyA[e] = a;
      this.keyB[e] = b;
      return e;
    }
  }

  /**
   * `upsert` through a direct-mapped cache: cache[slot] holds entity + 1 of the last answer for
   * this slot (a per-IP or per-connection column, say); a hit costs a few array reads instead of
   * a hash probe. A stale entry (evicted, or another key) simply misses.
   */
  upsertCached(cache: Int32Array, slot: number, a: number, b: number, tsUs: number): number {
    a >>>= 0;
    b >>>= 0;
    const e = (cache[slot] as number) - 1;
    if (e >= 0 && this.alive[e] === 1 && this.keyA[e] === a && this.keyB[e] === b) {
      this.lastSeenUs[e] = tsUs;
      return e;
    }
    const found = this.upsert(a, b, tsUs);
    cache[slot] = found + 1;
    return found;
  }

  /**
   * `upsert` for the small dimensions counted on every frame or batch (size buckets, EtherTypes,
   * VLANs, DSCP …): a tiny direct-mapped cache inside the table answers a repeated key without
   * hashing or probing. Same result as `upsert`; a stale entry (evicted, or another key) misses.
   */
  upsertHot(a: number, b: number, tsUs: number): number {
    a >>>= 0;
    b >>>= 0;
    const h = ((a ^ (a >>> 8) ^ (a >>> 16)) + Math.imul(b, 31)) & (HOT_SLOTS - 1);
    const e = (this.hot[h] as number) - 1;
    if (e >= 0 && this.alive[e] === 1 && this.keyA[e] === a && this.keyB[e] === b) {
      this.lastSeenUs[e] = tsUs;
      return e;
    }
    const found = this.upsert(a, b, tsUs);
    this.hot[h] = found + 1;
    return found;
  }

  /** The entity of (a, b), or -1. */
  find(a: number, b: number): number {
    a >>>= 0;
    b >>>= 0;
    const slots = this.slots, mask = this.mask;
    let s = hash2(a, b) & mask;
    for (;;) {
      const e = (slots[s] as number) - 1;
      if (e < 0) return -1;
      if (this.keyA[e] === a && this.keyB[e] === b) return e;
      s = (s + 1) & mask;
    }
  }

  keyAOf(e: number): number {
    return this.keyA[e] as number;
  }

  keyBOf(e: number): number {
    return this.keyB[e] as number;
  }

  protected hashOf(e: number): number {
    return hash2(this.keyA[e] as number, this.keyB[e] as number);
  }

  protected resizeKeys(capacity: number): void {
    this.keyA = resized(this.keyA, capacity);
    this.keyB = resized(this.keyB, capacity);
  }

  protected keyBytesPerEntity(): number {
    return 8;
  }
}

/** Slots of the `upsertHot` cache (a power of two). */
const HOT_SLOTS = 64;

function hash2(a: number, b: number): number {
  return mix32(combine(mix32(a), b));
}
