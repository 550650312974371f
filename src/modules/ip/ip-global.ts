/**
 * @module modules/ip/ip-global
 * Global IP statistics with history: traffic per layer-3 protocol (IPv4, IPv6, non-IP), per
 * layer-4 protocol (IP protocol number of the innermost IP header in view), and IPv4 fragments.
 * One small key table: (kind, value).
 */
import { KeyTable } from '../../store/key-table.js';
import type { Store } from '../../store/store.js';
import { Counter } from '../../store/counters.js';

export const GlobalKind = { L3: 1, L4: 2, Ipv4Fragments: 3 } as const;
/** L3 value for frames without an IP header. */
export const NON_IP = 0;

export class IpGlobal {
  readonly table: KeyTable;
  /** (kind * 256 + value) -> entity + 1, for values below 256. */
  private readonly cache = new Int32Array(4 * 256);

  constructor(store: Store) {
    this.table = store.addTable(new KeyTable('ip_global', { initialCapacity: 64 }));
  }

  /** Counts packets of `len` bytes in all under (kind, value); all global traffic counts as received. */
  add(kind: number, value: number, packets: number, len: number, tsUs: number): void {
    const e = value < 256 ? this.table.upsertCached(this.cache, kind * 256 + value, kind, value, tsUs) : this.table.upsert(kind, value, tsUs);
    if (e >= 0) this.table.addTraffic(e, Counter.RxPackets, packets, len);
  }
}
