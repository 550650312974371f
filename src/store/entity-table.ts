/**
 * @module store/entity-table
 * The base of every entity table (MACs, IPs, connections, VLANs, ports …): stable numeric entity
 * ids, an open-addressing index (linear probing, backward-shift deletion), a free list, all-time
 * 4-value traffic counters, first/last activity, and a traffic history. Subclasses own the key
 * columns and the probe loop; modules that keep more per-entity columns register a listener and
 * grow, reset and evict with the table.
 *
 * Growth asks the table's guard (the store's memory budget) first. When the guard refuses, the
 * longest-idle entities make room; when none is idle, the new entity is not stored and counted
 * in `untracked`.
 */
import { History, type Resolution } from './history.js';
import { resized } from './resize.js';
import { COUNTER_WIDTH } from './counters.js';

/** Per-entity state kept outside the table (a module's columns). */
export interface EntityListener {
  /** Grow columns to hold ids below `capacity`. */
  resize(capacity: number): void;
  /** Entity `e` was just created (fresh or reused id): clear its columns. */
  reset(e: number): void;
  /** The entities with mark[e] === 1 were evicted (their ids will be reused). */
  evicted(mark: Uint8Array): void;
}

/** Decides whether a table may grow (the memory budget). */
export interface GrowthGuard {
  /** May `table` allocate `bytes` more? The guard may evict entities (from any table) to make room. */
  allowGrowth(table: EntityTable, bytes: number): boolean;
}

export interface EntityTableOptions {
  readonly initialCapacity: number;
  /** Hard cap on live entities (besides the memory budget). */
  readonly maxEntries: number;
  readonly resolutions: readonly Resolution[];
}

export const ENTITY_TABLE_DEFAULTS: EntityTableOptions = {
  initialCapacity: 1024,
  maxEntries: 64_000_000,
  resolutions: [],
};

/** Bytes per entity of the base columns (besides keys, listeners and the history's buckets). */
const BASE_BYTES_PER_ENTITY = 1 + 4 + 8 + 8 + COUNTER_WIDTH * 8 + 4 /* free list */;

/** The body of every table's addTraffic (see EntityTable.addTraffic). */
export function creditTraffic(counters: Float64Array, history: History, e: number, slot: number, packets: number, bytes: number): void {
  const b = e * COUNTER_WIDTH + slot;
  counters[b] = (counters[b] as number) + packets;
  counters[b + 1] = (counters[b + 1] as number) + bytes;
  const i = history.touch(e) + slot, open = history.open;
  open[i] = (open[i] as number) + packets;
  open[i + 1] = (open[i + 1] as number) + bytes;
}

export abstract class EntityTable {
  readonly name: string;
  /** Live entities. */
  live = 0;
  /** Entities ever created. */
  created = 0;
  /** Entities evicted to stay within memory. */
  evicted = 0;
  /** Updates for entities that could not be stored (table full, nothing idle to evict). */
  untracked = 0;
  /** Largest last activity (µs) of any evicted entity: history is complete after this. */
  lastEvictedSeenUs = -1;
  /** All-time [rxPackets, rxBytes, txPackets, txBytes] per entity. */
  counters: Float64Array;
  firstSeenUs: Float64Array;
  lastSeenUs: Float64Array;
  /** 1 for live ids. */
  alive: Uint8Array;
  /** Incremented each time an id is reused: (id, generation) names an entity for ever. */
  generation: Uint32Array;
  readonly history: History;
  guard: GrowthGuard | undefined;

  protected capacity: number;
  protected mask: number;
  /** Index: slot -> entity + 1 (0 = empty). Twice the capacity, so the load stays under 1/2. */
  protected slots: Int32Array;
  private highWater = 0;
  private freeIds: Int32Array;
  private freeCount = 0;
  private readonly maxEntries: number;
  private readonly listeners: EntityListener[] = [];

  protected constructor(name: string, options?: Partial<EntityTableOptions>) {
    const o = { ...ENTITY_TABLE_DEFAULTS, ...options };
    this.name = name;
    this.maxEntries = o.maxEntries;
    let cap = 16;
    while (cap < o.initialCapacity) cap *= 2;
    this.capacity = cap;
    this.mask = cap * 2 - 1;
    this.slots = new Int32Array(cap * 2);
    this.freeIds = new Int32Array(cap);
    this.alive = new Uint8Array(cap);
    this.generation = new Uint32Array(cap);
    this.firstSeenUs = new Float64Array(cap);
    this.lastSeenUs = new Float64Array(cap);
    this.counters = new Float64Array(cap * COUNTER_WIDTH);
    this.history = o.resolutions.length > 0 ? new History(COUNTER_WIDTH, cap, o.resolutions) : new History(COUNTER_WIDTH, cap);
  }

  /** Hash of a live entity's key (the same value its probe started from). */
  protected abstract hashOf(e: number): number;
  /** Grow the subclass's key columns to `capacity`. */
  protected abstract resizeKeys(capacity: number): void;
  /** Bytes per entity of the subclass's key columns. */
  protected abstract keyBytesPerEntity(): number;

  /**
   * Credits traffic to entity e: `slot` is Counter.RxPackets (0) or Counter.TxPackets (2); the
   * packets and bytes go to the all-time counters and to the open history bucket.
   *
   * Each table class implements it as one call of `creditTraffic(this.counters, this.history, …)`:
   * a method written once here would read `this.counters` through one inline cache shared by
   * every table class, which V8 makes megamorphic (five classes), on the hottest path there is.
   */
  abstract addTraffic(e: number, slot: number, packets: number, bytes: number): void;

  /** true when a new entity would reuse an evicted id (no growth needed). */
  hasFreeIds(): boolean {
    return this.freeCount > 0;
  }

  /** Registers per-entity columns kept elsewhere; they are sized to the table at once. */
  listen(listener: EntityListener): void {
    listener.resize(this.capacity);
    this.listeners.push(listener);
  }

  get currentCapacity(): number {
    return this.capacity;
  }

  /** Ids in use are below this bound (iterate 0..idBound-1 and check `alive`). */
  get idBound(): number {
    return this.highWater;
  }

  /**
   * Called by a subclass's upsert when its probe found no entity: true when a new entity can be
   * stored now. After `false` the caller counts the update as untracked; after a `true` that
   * grew or evicted, the caller must probe again (`changed` tells), since slots moved.
   */
  protected room(): 'ready' | 'changed' | 'full' {
    if (this.live >= this.maxEntries) return this.evictForRoom() ? 'changed' : 'full';
    if (this.freeCount > 0 || this.highWater < this.capacity) return 'ready';
    const next = Math.ceil((this.capacity * 1.5) / 16) * 16;
    const bytes = (next - this.capacity) * this.bytesPerEntity() + (this.slots.length < next * 2 ? this.slots.byteLength : 0);
    if (this.guard && !this.guard.allowGrowth(this, bytes)) {
      if (this.freeCount > 0) return 'changed';
      return 'full';
    }
    this.grow();
    return 'changed';
  }

  /** Stores a new entity at an empty index slot; the subclass then writes its key columns. */
  protected claim(slot: number, tsUs: number): number {
    const e = this.freeCount > 0 ? (this.freeIds[--this.freeCount] as number) : this.highWater++;
    this.slots[slot] = e + 1;
    this.alive[e] = 1;
    this.generation[e] = (this.generation[e] as number) + 1;
    this.firstSeenUs[e] = tsUs;
    this.lastSeenUs[e] = tsUs;
    this.counters.fill(0, e * COUNTER_WIDTH, e * COUNTER_WIDTH + COUNTER_WIDTH);
    this.live++;
    this.created++;
    this.claimed(e);
    for (const l of this.listeners) l.reset(e);
    return e;
  }

  /** Hook for subclasses: clear their non-key columns of a new entity. */
  protected claimed(_e: number): void {
    // Nothing by default.
  }

  /** Removes a live entity from the index (backward-shift deletion keeps probe chains intact). */
  protected unindex(e: number): void {
    const mask = this.mask, slots = this.slots;
    let i = this.hashOf(e) & mask;
    while ((slots[i] as number) !== e + 1) {
      if ((slots[i] as number) === 0) return;
      i = (i + 1) & mask;
    }
    let j = i;
    for (;;) {
      slots[i] = 0;
      for (;;) {
        j = (j + 1) & mask;
        const f = (slots[j] as number) - 1;
        if (f < 0) return;
        const home = this.hashOf(f) & mask;
        // Move f back to i unless its home lies cyclically in (i, j].
        const inRange = i <= j ? home > i && home <= j : home > i || home <= j;
        if (!inRange) {
          slots[i] = f + 1;
          i = j;
          break;
        }
      }
    }
  }

  /** Bytes held by the table, its listeners' columns excluded. */
  memoryBytes(): number {
    let bytes = this.capacity * this.bytesPerEntity() + this.slots.byteLength + this.history.segmentBytes() + this.history.openBytes();
    for (const m of this.attached) bytes += m();
    return bytes;
  }

  private readonly attached: (() => number)[] = [];

  /** Memory kept beside the table that is not sized per entity (a pool, say): counted with it. */
  attachMemory(bytes: () => number): void {
    this.attached.push(bytes);
  }

  /** Bytes per entity of everything sized by capacity (base, keys, open history buckets). */
  bytesPerEntity(): number {
    const historyDense = 8; // stamp and row of the open second (its buffer follows activity)
    return BASE_BYTES_PER_ENTITY + this.keyBytesPerEntity() + historyDense + this.listenerBytesPerEntity;
  }

  /** Bytes per entity that listeners declare (see `declareBytesPerEntity`). */
  private listenerBytesPerEntity = 0;

  /** A listener states how many bytes per entity its columns take, for the memory budget. */
  declareBytesPerEntity(bytes: number): void {
    this.listenerBytesPerEntity += bytes;
  }

  /**
   * Evicts up to `count` of the longest-idle live entities whose last activity is before
   * `idleBeforeUs`. Returns how many went.
   */
  evictIdle(count: number, idleBeforeUs: number): number {
    if (count <= 0 || this.live === 0) return 0;
    const threshold = this.idleThreshold(count, idleBeforeUs);
    if (threshold === undefined) return 0;
    const mark = new Uint8Array(this.highWater);
    let n = 0;
    for (let e = 0; e < this.highWater && n < count; e++) {
      if (this.alive[e] === 0) continue;
      const seen = this.lastSeenUs[e] as number;
      if (seen > threshold || seen >= idleBeforeUs) continue;
      mark[e] = 1;
      n++;
    }
    return this.evictMarked(mark);
  }

  /**
   * Evicts every live entity with mark[e] !== 0 (for example the pairs that name an evicted
   * entity of another table). Returns how many went.
   */
  evictMarked(mark: Uint8Array): number {
    let n = 0;
    const bound = Math.min(this.highWater, mark.length);
    for (let e = 0; e < bound; e++) {
      if (mark[e] === 0) continue;
      if (this.alive[e] === 0) {
        mark[e] = 0;
        continue;
      }
      mark[e] = 1;
      this.unindex(e);
      this.alive[e] = 0;
      const seen = this.lastSeenUs[e] as number;
      if (seen > this.lastEvictedSeenUs) this.lastEvictedSeenUs = seen;
      this.freeIds[this.freeCount++] = e;
      n++;
    }
    if (n === 0) return 0;
    this.live -= n;
    this.evicted += n;
    this.history.scrub(mark);
    for (const l of this.listeners) l.evicted(mark);
    return n;
  }

  /** Last-activity value at or under which about `count` entities lie (a 1024-bin histogram). */
  private idleThreshold(count: number, idleBeforeUs: number): number | undefined {
    let min = Number.POSITIVE_INFINITY, max = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < this.highWater; e++) {
      if (this.alive[e] === 0) continue;
      const s = this.lastSeenUs[e] as number;
      if (s >= idleBeforeUs) continue;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    if (min === Number.POSITIVE_INFINITY) return undefined;
    if (max === min) return max;
    const bins = new Float64Array(1024);
    const scale = 1023 / (max - min);
    for (let e = 0; e < this.highWater; e++) {
      if (this.alive[e] === 0) continue;
      const s = this.lastSeenUs[e] as number;
      if (s >= idleBeforeUs) continue;
      const b = Math.floor((s - min) * scale);
      bins[b] = (bins[b] as number) + 1;
    }
    let sum = 0;
    for (let b = 0; b < 1024; b++) {
      sum += bins[b] as number;
      if (sum >= count) return min + (b + 1) / scale;
    }
    return max;
  }

  /** Evicts a batch of idle entities when the hard entry cap is reached. */
  private evictForRoom(): boolean {
    const batch = Math.max(1, this.live >>> 4);
    return this.evictIdle(batch, this.newestSeenUs()) > 0;
  }

  /** Oldest last activity (µs) of the live entities idle before `beforeUs`; +Infinity if none. */
  oldestIdleUs(beforeUs: number): number {
    let min = Number.POSITIVE_INFINITY;
    for (let e = 0; e < this.highWater; e++) {
      if (this.alive[e] === 0) continue;
      const s = this.lastSeenUs[e] as number;
      if (s < min && s < beforeUs) min = s;
    }
    return min;
  }

  /** Newest last activity of any live entity (the table's "now"). */
  newestSeenUs(): number {
    let max = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < this.highWater; e++) {
      if (this.alive[e] !== 0 && (this.lastSeenUs[e] as number) > max) max = this.lastSeenUs[e] as number;
    }
    return max;
  }

  /**
   * Grows the columns by half (less idle memory than doubling) and, when the index would be more
   * than half full, doubles the index (a power of two) and re-inserts the live entities.
   */
  private grow(): void {
    const cap = Math.ceil((this.capacity * 1.5) / 16) * 16;
    this.capacity = cap;
    this.alive = resized(this.alive, cap);
    this.generation = resized(this.generation, cap);
    this.firstSeenUs = resized(this.firstSeenUs, cap);
    this.lastSeenUs = resized(this.lastSeenUs, cap);
    this.counters = resized(this.counters, cap * COUNTER_WIDTH);
    this.freeIds = resized(this.freeIds, cap);
    this.history.resize(cap);
    this.resizeKeys(cap);
    for (const l of this.listeners) l.resize(cap);
    if (this.slots.length >= cap * 2) return;
    let size = this.slots.length;
    while (size < cap * 2) size *= 2;
    this.mask = size - 1;
    const slots = new Int32Array(size);
    this.slots = slots;
    for (let e = 0; e < this.highWater; e++) {
      if (this.alive[e] === 0) continue;
      let s = this.hashOf(e) & this.mask;
      while ((slots[s] as number) !== 0) s = (s + 1) & this.mask;
      slots[s] = e + 1;
    }
  }
}
