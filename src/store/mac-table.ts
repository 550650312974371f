/**
 * @module store/mac-table
 * MAC addresses as entities; a MAC is one exact 48-bit number (a double holds it exactly).
 */
import { formatMac } from '../core/addresses.js';
import { hashMac } from './hash.js';
import { resized } from './resize.js';
import { readCounters, type TrafficCounters } from './counters.js';
import { creditTraffic, EntityTable, type EntityTableOptions } from './entity-table.js';

export class MacTable extends EntityTable {
  private keys: Float64Array;

  constructor(options?: Partial<EntityTableOptions>) {
    super('mac', options);
    this.keys = new Float64Array(this.capacity);
  }

  addTraffic(e: number, slot: number, packets: number, bytes: number): void {
    creditTraffic(this.counters, this.history, e, slot, packets, bytes);
  }

  /** Finds or inserts the MAC; returns the entity, or -1 when it cannot be stored. */
  upsert(mac: number, tsUs: number): number {
    for (;;) {
      const slots = this.slots, keys = this.keys, mask = this.mask;
      let s = hashMac(mac) & mask;
      for (;;) {
        const e = (slots[s] as number) - 1;
        if (e < 0) break;
        if (keys[e] === mac) {
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
      this.keys[e] = mac;
      return e;
    }
  }

  /** The entity of a MAC, or -1. */
  find(mac: number): number {
    const slots = this.slots, mask = this.mask;
    let s = hashMac(mac) & mask;
    for (;;) {
      const e = (slots[s] as number) - 1;
      if (e < 0) return -1;
      if (this.keys[e] === mac) return e;
      s = (s + 1) & mask;
    }
  }

  macOf(e: number): number {
    return this.keys[e] as number;
  }

  format(e: number): string {
    return formatMac(this.keys[e] as number);
  }

  countersOf(e: number): TrafficCounters {
    return readCounters(this.counters, e);
  }

  protected hashOf(e: number): number {
    return hashMac(this.keys[e] as number);
  }

  protected resizeKeys(capacity: number): void {
    this.keys = resized(this.keys, capacity);
  }

  protected keyBytesPerEntity(): number {
    return 8;
  }
}
