/**
 * @module store/ip-table
 * IPv4 and IPv6 addresses as entities. The key is the IP version plus four address words (IPv4 in
 * word 3); lookups hash the words and compare numbers, never strings.
 */
import { formatIpv4, formatIpv6 } from '../core/addresses.js';
import { hashAddr } from './hash.js';
import { resized } from './resize.js';
import { readCounters, type TrafficCounters } from './counters.js';
import { creditTraffic, EntityTable, type EntityTableOptions } from './entity-table.js';

export class IpTable extends EntityTable {
  private version: Uint8Array;
  private words: Uint32Array;

  constructor(options?: Partial<EntityTableOptions>) {
    super('ip', options);
    this.version = new Uint8Array(this.capacity);
    this.words = new Uint32Array(this.capacity * 4);
  }

  addTraffic(e: number, slot: number, packets: number, bytes: number): void {
    creditTraffic(this.counters, this.history, e, slot, packets, bytes);
  }

  /**
   * Finds or inserts the address at src[at..at+3] and marks it active at tsUs. Returns the entity,
   * or -1 when it cannot be stored (counted in `untracked`).
   */
  upsert(version: number, src: Uint32Array, at: number, tsUs: number): number {
    const w0 = src[at] as number, w1 = src[at + 1] as number, w2 = src[at + 2] as number, w3 = src[at + 3] as number;
    for (;;) {
      const slots = this.slots, words = this.words, ver = this.version, mask = this.mask;
      let s = (hashAddr(w0, w1, w2, w3) ^ version) & mask;
      for (;;) {
        const e = (slots[s] as number) - 1;
        if (e < 0) break;
        const b = e * 4;
        if (words[b + 3] === w3 && words[b + 2] === w2 && words[b + 1] === w1 && words[b] === w0 && ver[e] === version) {
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
      this.version[e] = version;
      const b = e * 4;
      this.words[b] = w0;
      this.words[b + 1] = w1;
      this.words[b + 2] = w2;
      this.words[b + 3] = w3;
      return e;
    }
  }

  /** The entity of an address, or -1 (no insertion). */
  find(version: number, src: Uint32Array, at: number): number {
    const w0 = src[at] as number, w1 = src[at + 1] as number, w2 = src[at + 2] as number, w3 = src[at + 3] as number;
    const slots = this.slots, words = this.words, mask = this.mask;
    let s = (hashAddr(w0, w1, w2, w3) ^ version) & mask;
    for (;;) {
      const e = (slots[s] as number) - 1;
      if (e < 0) return -1;
      const b = e * 4;
      if (words[b + 3] === w3 && words[b + 2] === w2 && words[b + 1] === w1 && words[b] === w0 && this.version[e] === version) return e;
      s = (s + 1) & mask;
    }
  }

  /** The address of entity e as text. */
  format(e: number): string {
    const b = e * 4, w = this.words;
    if (this.version[e] === 4) return formatIpv4(w[b + 3] as number);
    return formatIpv6(w[b] as number, w[b + 1] as number, w[b + 2] as number, w[b + 3] as number);
  }

  versionOf(e: number): number {
    return this.version[e] as number;
  }

  /** Word k (0..3) of entity e's address (IPv4: word 3). */
  wordOf(e: number, k: number): number {
    return this.words[e * 4 + k] as number;
  }

  countersOf(e: number): TrafficCounters {
    return readCounters(this.counters, e);
  }

  protected hashOf(e: number): number {
    const b = e * 4, w = this.words;
    return hashAddr(w[b] as number, w[b + 1] as number, w[b + 2] as number, w[b + 3] as number) ^ (this.version[e] as number);
  }

  protected resizeKeys(capacity: number): void {
    this.version = resized(this.version, capacity);
    this.words = resized(this.words, capacity * 4);
  }

  protected keyBytesPerEntity(): number {
    return 1 + 16;
  }
}
