/**
 * @module store/store
 * The statistics store of one analysis: its entity tables, every history, the packet-time clock
 * and the memory budget.
 *
 * Packet time is the clock: `advance(tsSec)` moves every history to the packet's second. The
 * budget is checked when a second closes and whenever a table wants to grow. Over budget, the
 * store first thins history from the oldest end (finest resolution first, never below each
 * resolution's minimum), then evicts the longest-idle entities of the largest table. Entities
 * active in the current second are never evicted; when nothing else can go, new entities are
 * refused and counted as untracked.
 */
import { totalmem } from 'node:os';
import type { History } from './history.js';
import type { EntityTable, GrowthGuard } from './entity-table.js';

export interface StoreOptions {
  /** Bytes the store may use for tables and history. */
  readonly memoryBudgetBytes: number;
}

/** A quarter of the machine's memory, at least 256 MiB and at most 16 GiB. */
export function defaultMemoryBudget(): number {
  const quarter = Math.floor(totalmem() / 4);
  return Math.min(16 * 2 ** 30, Math.max(256 * 2 ** 20, quarter));
}

export interface StoreStatus {
  readonly memoryBudgetBytes: number;
  readonly memoryUsedBytes: number;
  /** Per table: live entities, created, evicted, untracked updates, bytes. */
  readonly tables: Record<string, { live: number; created: number; evicted: number; untracked: number; bytes: number }>;
  /** Per resolution (seconds): the oldest retained bucket start, -1 when none. */
  readonly historyStart: Record<string, number>;
  /** Seconds back from now for which every statistic is complete (-1 before any packet). */
  readonly minimumStorageTimeSec: number;
  readonly nowSec: number;
}

export class Store implements GrowthGuard {
  readonly memoryBudgetBytes: number;
  private readonly tables: EntityTable[] = [];
  private readonly histories: History[] = [];
  private readonly extraHistories: History[] = [];
  /** The open second (packet time); -1 before the first packet. */
  nowSec = -1;
  /** Times the budget thinned history or evicted entities. */
  budgetActions = 0;

  constructor(options?: Partial<StoreOptions>) {
    this.memoryBudgetBytes = options?.memoryBudgetBytes ?? defaultMemoryBudget();
  }

  /** Adds a table to the store: its growth and its history now count against the budget. */
  addTable<T extends EntityTable>(table: T): T {
    table.guard = this;
    this.tables.push(table);
    this.histories.push(table.history);
    return table;
  }

  /** Adds a history kept outside a table (a module's extra values); it ticks and thins with the rest. */
  addHistory(history: History): History {
    this.histories.push(history);
    this.extraHistories.push(history);
    return history;
  }

  /** Moves the clock to the packet's second. Cheap when the second did not change. */
  advance(tsSec: number): void {
    if (tsSec <= this.nowSec) return;
    this.nowSec = tsSec;
    for (const h of this.histories) h.advance(tsSec);
    if (this.memoryBytes() > this.memoryBudgetBytes) this.makeRoom(0);
  }

  /** End of a capture: closes the open second so that it becomes "the last second". */
  finish(): void {
    if (this.nowSec < 0) return;
    this.advance(this.nowSec + 1);
  }

  memoryBytes(): number {
    let bytes = 0;
    for (const t of this.tables) bytes += t.memoryBytes();
    for (const h of this.extraHistories) bytes += h.memoryBytes();
    return bytes;
  }

  allowGrowth(table: EntityTable, bytes: number): boolean {
    if (this.memoryBytes() + bytes <= this.memoryBudgetBytes) return true;
    this.makeRoom(bytes, table);
    return this.memoryBytes() + bytes <= this.memoryBudgetBytes;
  }

  /** Frees memory until `extra` more bytes fit in the budget, or nothing more may go. */
  private makeRoom(extra: number, asking?: EntityTable): void {
    const limit = this.memoryBudgetBytes - extra;
    let guard = 0;
    while (this.memoryBytes() > limit && guard++ < 100_000) {
      this.budgetActions++;
      if (this.thinHistory()) continue;
      if (this.evictIdle(asking)) return; // freed ids: the asking table reuses them instead of growing
      return;
    }
  }

  /** Drops the oldest bucket of the finest resolution that is above its minimum. */
  private thinHistory(): boolean {
    const levels = this.histories[0]?.resolutions.length ?? 0;
    for (let level = 0; level < levels; level++) {
      let oldest = Number.POSITIVE_INFINITY;
      for (const h of this.histories) {
        const r = h.resolutions[level];
        if (!r || h.closedCount(level) <= r.minKeep) continue;
        const s = h.oldestStart(level);
        if (s >= 0 && s < oldest) oldest = s;
      }
      if (oldest === Number.POSITIVE_INFINITY) continue;
      let freed = 0;
      for (const h of this.histories) {
        if (h.oldestStart(level) === oldest) freed += h.dropOldest(level);
      }
      if (freed > 0) return true;
    }
    return false;
  }

  /** Evicts an eighth of the largest table's idle entities (idle = not active this second). */
  private evictIdle(prefer?: EntityTable): boolean {
    const sorted = [...this.tables].sort((a, b) => b.memoryBytes() - a.memoryBytes());
    if (prefer) sorted.unshift(prefer);
    const beforeUs = this.nowSec * 1e6;
    for (const t of sorted) {
      if (t.live === 0) continue;
      if (t.evictIdle(Math.max(1, t.live >>> 3), beforeUs) > 0) return true;
    }
    return false;
  }

  status(): StoreStatus {
    const tables: StoreStatus['tables'] = {};
    let lastEvictedUs = -1;
    for (const t of this.tables) {
      tables[t.name] = { live: t.live, created: t.created, evicted: t.evicted, untracked: t.untracked, bytes: t.memoryBytes() };
      if (t.lastEvictedSeenUs > lastEvictedUs) lastEvictedUs = t.lastEvictedSeenUs;
    }
    const historyStart: Record<string, number> = {};
    let oldest = this.nowSec;
    const ref = this.histories[0];
    if (ref) {
      ref.resolutions.forEach((r, level) => {
        let s = -1;
        for (const h of this.histories) {
          const o = h.oldestStart(level);
          if (o >= 0 && (s < 0 || o < s)) s = o;
        }
        historyStart[String(r.seconds)] = s;
        if (s >= 0 && s < oldest) oldest = s;
      });
    }
    const completeFrom = Math.max(oldest, lastEvictedUs >= 0 ? Math.floor(lastEvictedUs / 1e6) + 1 : oldest);
    return {
      memoryBudgetBytes: this.memoryBudgetBytes,
      memoryUsedBytes: this.memoryBytes(),
      tables,
      historyStart,
      minimumStorageTimeSec: this.nowSec < 0 ? -1 : Math.max(0, this.nowSec - completeFrom),
      nowSec: this.nowSec,
    };
  }
}
