/**
 * @module store/ip-table
 * Per-IP-address counters in a numeric open-addressing hash table (linear probing over an index of
 * entity numbers; entities in struct-of-arrays typed arrays). IPv4 and IPv6 share the table: the key
 * is the version plus four address words (IPv4 uses word 3). Grows by doubling up to `maxEntries`;
 * beyond that, packets of new addresses are counted in `untracked` and not stored.
 */
import { formatIpv4, formatIpv6 } from '../core/addresses.js';
import { hashAddr } from './hash.js';
import { resized } from './resize.js';
import { COUNTER_WIDTH, readCounters, type TrafficCounters } from './counters.js';

export interface IpTableOptions {
  /** Initial capacity (entities); rounded up to a power of two. */
  readonly initialCapacity: number;
  /** Hard cap on stored addresses. */
  readonly maxEntries: number;
}

const DEFAULTS: IpTableOptions = { initialCapacity: 1024, maxEntries: 16_000_000 };

export class IpTable {
  /** Number of stored addresses. */
  size = 0;
  /** Updates for addresses that could not be stored because the table was full. */
  untracked = 0;
  private readonly maxEntries: number;
  private capacity: number;
  private mask: number;
  /** slot -> entity + 1 (0 = empty). */
  private slots: Int32Array;
  private version: Uint8Array;
  private words: Uint32Array;
  /** [rxPackets, rxBytes, txPackets, txBytes] per entity. */
  counters: Float64Array;
  firstSeenSec: Float64Array;
  lastSeenSec: Float64Array;

  constructor(options?: Partial<IpTableOptions>) {
    const o = { ...DEFAULTS, ...options };
    this.maxEntries = o.maxEntries;
    this.capacity = 16;
    while (this.capacity < o.initialCapacity) this.capacity *= 2;
    this.mask = this.capacity * 2 - 1;
    this.slots = new Int32Array(this.capacity * 2);
    this.version = new Uint8Array(this.capacity);
    this.words = new Uint32Array(this.capacity * 4);
    this.counters = new Float64Array(this.capacity * COUNTER_WIDTH);
    this.firstSeenSec = new Float64Array(this.capacity);
    this.lastSeenSec = new Float64Array(this.capacity);
  }

  /**
   * Find or insert the address; returns its entity number, or -1 when the table is full.
   * `words`/`at`: four address words at words[at..at+3] (IPv4 in word at+3, others 0).
   */
  upsert(version: number, src: Uint32Array, at: number, tsSec: number): number {
    const w0 = src[at] ?? 0, w1 = src[at + 1] ?? 0, w2 = src[at + 2] ?? 0, w3 = src[at + 3] ?? 0;
    const slots = this.slots, words = this.words, ver = this.version;
    let s = (hashAddr(w0, w1, w2, w3) ^ version) & this.mask;
    for (;;) {
      const e = (slots[s] ?? 0) - 1;
      if (e < 0) break;
      const b = e * 4;
      if (words[b + 3] === w3 && words[b + 2] === w2 && words[b + 1] === w1 && words[b] === w0 && ver[e] === version) {
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
      return this.upsert(version, src, at, tsSec);
    }
    const e = this.size++;
    slots[s] = e + 1;
    ver[e] = version;
    const b = e * 4;
    words[b] = w0;
    words[b + 1] = w1;
    words[b + 2] = w2;
    words[b + 3] = w3;
    this.firstSeenSec[e] = tsSec;
    this.lastSeenSec[e] = tsSec;
    return e;
  }

  /** The address of entity e as text. */
  format(e: number): string {
    const b = e * 4, w = this.words;
    if (this.version[e] === 4) return formatIpv4(w[b + 3] ?? 0);
    return formatIpv6(w[b] ?? 0, w[b + 1] ?? 0, w[b + 2] ?? 0, w[b + 3] ?? 0);
  }

  versionOf(e: number): number {
    return this.version[e] ?? 0;
  }

  countersOf(e: number): TrafficCounters {
    return readCounters(this.counters, e);
  }

  /** Bytes held by the table's arrays. */
  memoryBytes(): number {
    return this.slots.byteLength + this.version.byteLength + this.words.byteLength + this.counters.byteLength +
      this.firstSeenSec.byteLength + this.lastSeenSec.byteLength;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    this.capacity = cap;
    this.version = resized(this.version, cap);
    this.words = resized(this.words, cap * 4);
    this.counters = resized(this.counters, cap * COUNTER_WIDTH);
    this.firstSeenSec = resized(this.firstSeenSec, cap);
    this.lastSeenSec = resized(this.lastSeenSec, cap);
    this.mask = cap * 2 - 1;
    this.slots = new Int32Array(cap * 2);
    const words = this.words, version = this.version;
    for (let e = 0; e < this.size; e++) {
      const b = e * 4;
      let s = (hashAddr(words[b] ?? 0, words[b + 1] ?? 0, words[b + 2] ?? 0, words[b + 3] ?? 0) ^ (version[e] ?? 0)) & this.mask;
      while ((this.slots[s] ?? 0) !== 0) s = (s + 1) & this.mask;
      this.slots[s] = e + 1;
    }
  }
}
