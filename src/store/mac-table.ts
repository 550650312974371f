/**
 * @module store/mac-table
 * Per-MAC counters in a numeric open-addressing hash table; a MAC is one exact 48-bit number.
 * Grows by doubling up to `maxEntries`; beyond that updates are counted in `untracked`.
 */
import { formatMac } from '../core/addresses.js';
import { hashMac } from './hash.js';
import { resized } from './resize.js';
import { COUNTER_WIDTH, readCounters, type TrafficCounters } from './counters.js';

export interface MacTableOptions {
  readonly initialCapacity: number;
  readonly maxEntries: number;
}

const DEFAULTS: MacTableOptions = { initialCapacity: 256, maxEntries: 4_000_000 };

export class MacTable {
  size = 0;
  untracked = 0;
  private readonly maxEntries: number;
  private capacity: number;
  private mask: number;
  private slots: Int32Array;
  private keys: Float64Array;
  counters: Float64Array;
  firstSeenSec: Float64Array;
  lastSeenSec: Float64Array;

  constructor(options?: Partial<MacTableOptions>) {
    const o = { ...DEFAULTS, ...options };
    this.maxEntries = o.maxEntries;
    this.capacity = 16;
    while (this.capacity < o.initialCapacity) this.capacity *= 2;
    this.mask = this.capacity * 2 - 1;
    this.slots = new Int32Array(this.capacity * 2);
    this.keys = new Float64Array(this.capacity);
    this.counters = new Float64Array(this.capacity * COUNTER_WIDTH);
    this.firstSeenSec = new Float64Array(this.capacity);
    this.lastSeenSec = new Float64Array(this.capacity);
  }

  /** Find or insert; returns the entity number or -1 when full. */
  upsert(mac: number, tsSec: number): number {
    const slots = this.slots, keys = this.keys;
    let s = hashMac(mac) & this.mask;
    for (;;) {
      const e = (slots[s] ?? 0) - 1;
      if (e < 0) break;
      if (keys[e] === mac) {
        this.lastSeenSec[e] = tsSec;
        return e;
      }
      s = (s + 1) & this.mask;
    }
    if (this.size >= this.maxEntries) {
      this.untracked++;
      return -1;
    }
    if (this.size >= this.capacity) {
      this.grow();
      return this.upsert(mac, tsSec);
    }
    const e = this.size++;
    slots[s] = e + 1;
    keys[e] = mac;
    this.firstSeenSec[e] = tsSec;
    this.lastSeenSec[e] = tsSec;
    return e;
  }

  macOf(e: number): number {
    return this.keys[e] ?? 0;
  }

  format(e: number): string {
    return formatMac(this.keys[e] ?? 0);
  }

  countersOf(e: number): TrafficCounters {
    return readCounters(this.counters, e);
  }

  memoryBytes(): number {
    return this.slots.byteLength + this.keys.byteLength + this.counters.byteLength +
      this.firstSeenSec.byteLength + this.lastSeenSec.byteLength;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    this.capacity = cap;
    this.keys = resized(this.keys, cap);
    this.counters = resized(this.counters, cap * COUNTER_WIDTH);
    this.firstSeenSec = resized(this.firstSeenSec, cap);
    this.lastSeenSec = resized(this.lastSeenSec, cap);
    this.mask = cap * 2 - 1;
    this.slots = new Int32Array(cap * 2);
    const keys = this.keys;
    for (let e = 0; e < this.size; e++) {
      let s = hashMac(keys[e] ?? 0) & this.mask;
      while ((this.slots[s] ?? 0) !== 0) s = (s + 1) & this.mask;
      this.slots[s] = e + 1;
    }
  }
}
