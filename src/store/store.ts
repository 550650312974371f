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

/** Share of the budget entity tables may take before they reuse idle entities instead of growing. */
const TABLE_SHARE = 0.75;

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
  private readonly secondListeners: ((second: number) => void)[] = [];
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

  /**
   * Calls `listener(second)` when a second is about to close, before any history closes it: the
   * moment to credit what was accumulated per connection during that second (see
   * pipeline/frame-batcher.ts).
   */
  onSecondClose(listener: (second: number) => void): void {
    this.secondListeners.push(listener);
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
    if (this.nowSec >= 0) for (const l of this.secondListeners) l(this.nowSec);
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

  /**
   * Tables may grow freely up to TABLE_SHARE of the budget. Past it, a table first reuses its own
   * longest-idle entities (an eighth of them, idle = not seen in the current second), so history
   * keeps the rest of the budget; with nothing idle it may grow up to the whole budget, making
   * room as `makeRoom` does.
   */
  allowGrowth(table: EntityTable, bytes: number): boolean {
    const used = this.memoryBytes();
    if (used + bytes <= this.memoryBudgetBytes * TABLE_SHARE) return true;
    if (this.nowSec >= 0 && table.evictIdle(Math.max(1, table.live >>> 3), this.nowSec * 1e6) > 0) {
      this.budgetActions++;
      return false;
    }
    if (used + bytes <= this.memoryBudgetBytes) return true;
    this.makeRoom(bytes, table);
    return this.memoryBytes() + bytes <= this.memoryBudgetBytes;
  }

  /**
   * Frees memory until `extra` more bytes fit in the budget, oldest data first:
   *  1. buckets already rolled up into a coarser resolution (resolution goes, data stays),
   *     oldest first, finest resolution first;
   *  2. then whichever is older: the oldest history bucket left, or the longest-idle entities
   *     (their history goes with them). Entities active in the current second never go.
   * A table that asked to grow (`asking`) gives up its own idle entities and reuses their ids;
   * evicting other tables' entities would not free the memory it needs.
   */
  private makeRoom(extra: number, asking?: EntityTable): void {
    const limit = this.memoryBudgetBytes - extra;
    const nowUs = this.nowSec * 1e6;
    for (let round = 0; round < 100_000; round++) {
      if (this.memoryBytes() <= limit) return;
      this.budgetActions++;
      if (this.dropRolledUp()) continue;
      const bucket = this.oldestBucket();
      const bucketUs = bucket ? bucket.start * 1e6 : Number.POSITIVE_INFINITY;
      // Entities idle since before the oldest history left have nothing newer than it: they go
      // first, all at once. Without history left, the longest-idle eighth goes.
      const cutoff = Math.min(bucketUs, nowUs);
      let evicted = 0;
      for (const t of asking ? [asking] : this.tables) {
        if (t.live === 0) continue;
        const count = bucket ? t.live : Math.max(1, t.live >>> 3);
        evicted += t.evictIdle(count, cutoff);
      }
      if (asking?.hasFreeIds()) return;
      if (evicted > 0 && this.memoryBytes() <= limit) return;
      if (bucket) {
        for (const h of this.histories) if (h.oldestStart(bucket.level) === bucket.start) h.dropOldest(bucket.level);
        continue;
      }
      if (evicted === 0) return;
    }
  }

  /** Drops the oldest rolled-up bucket of the finest resolution that has one. */
  private dropRolledUp(): boolean {
    const levels = this.histories[0]?.resolutions.length ?? 0;
    for (let level = 0; level < levels; level++) {
      let oldest = Number.POSITIVE_INFINITY;
      for (const h of this.histories) {
        if (!h.oldestIsRolledUp(level)) continue;
        const s = h.oldestStart(level);
        if (s < oldest) oldest = s;
      }
      if (oldest === Number.POSITIVE_INFINITY) continue;
      let freed = 0;
      for (const h of this.histories) {
        if (h.oldestStart(level) === oldest && h.oldestIsRolledUp(level)) freed += h.dropOldest(level);
      }
      if (freed > 0) return true;
    }
    return false;
  }

  /**
   * The closed bucket that ends first (level and start), or null: the oldest data. A fine bucket
   * ends before the coarse bucket that contains it, so fine detail of a period goes before its
   * roll-up.
   */
  private oldestBucket(): { level: number; start: number } | null {
    let best: { level: number; start: number } | null = null, bestEnd = Number.POSITIVE_INFINITY;
    for (const h of this.histories) {
      h.resolutions.forEach((r, level) => {
        const s = h.oldestStart(level);
        if (s >= 0 && s + r.seconds < bestEnd) {
          best = { level, start: s };
          bestEnd = s + r.seconds;
        }
      });
    }
    return best;
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
