/**
 * @module store/history
 * Multi-resolution history of per-entity values (for traffic: the 4 counters), in packet time.
 *
 * Each resolution (1 s, 1 min, 1 h by default) is a ring of closed buckets. A closed bucket is a
 * segment: the ids of the entities that were active in it (sorted) and their values, so memory
 * follows activity, not entities × buckets. The open second is a compact buffer of the entities
 * touched in it (8 bytes per entity locate an entity's row in it); a coarser bucket is made, when it closes, by
 * merging the finer buckets it spans. Each resolution therefore keeps at least as many buckets as
 * one coarser bucket spans (`minKeep`), and a query answers the open part of a coarse bucket from
 * the finer resolutions.
 *
 * The hot path is `touch(e)` (returns the entity's base index into `open`) followed by additions
 * into `open`; no allocation per packet.
 */
import { resized } from './resize.js';

export interface Resolution {
  /** Bucket width in seconds. Each width must be a multiple of the previous one. */
  readonly seconds: number;
  /** Closed buckets kept at most (the memory budget may keep fewer). */
  readonly keep: number;
  /** Closed buckets the memory budget never goes below. */
  readonly minKeep: number;
}

export const DEFAULT_RESOLUTIONS: readonly Resolution[] = [
  { seconds: 1, keep: 600, minKeep: 60 },
  { seconds: 60, keep: 1440, minKeep: 60 },
  { seconds: 3600, keep: 24 * 90, minKeep: 24 },
];

/** One closed bucket: sorted entity ids and `width` values per id. */
export interface HistorySegment {
  readonly start: number;
  ids: Int32Array;
  values: Float64Array;
}

/** Fixed cost of a segment object besides its arrays (an estimate, for the memory budget). */
const SEGMENT_OVERHEAD = 160;

/** One history series: bucket start times and `width` values per point. */
export interface HistorySeries {
  readonly timespan: number;
  readonly times: number[];
  readonly values: number[][];
}

class Level {
  readonly seconds: number;
  readonly keep: number;
  readonly minKeep: number;
  readonly closed: HistorySegment[] = [];
  /** Start second of the open bucket, or -1 before the first packet. */
  openStart = -1;
  /** Open second: `width` values per touched entity, in touch order (row j is entity touched[j]). */
  acc: Float64Array;
  /** Per entity: sequence number of the open bucket it was last touched in. */
  stamp: Int32Array;
  /** Per entity: its row in `acc` (valid when stamp[e] === seq). */
  row: Int32Array;
  touched: Int32Array;
  touchedCount = 0;
  seq = 1;
  segmentBytes = 0;

  /** Only the finest level has the dense open bucket. */
  constructor(r: Resolution, capacity: number, width: number, dense: boolean) {
    this.seconds = r.seconds;
    this.keep = r.keep;
    this.minKeep = r.minKeep;
    this.acc = new Float64Array(dense ? 64 * width : 0);
    this.stamp = new Int32Array(dense ? capacity : 0);
    this.row = new Int32Array(dense ? capacity : 0);
    this.touched = new Int32Array(dense ? 64 : 0);
  }

  /** First second this level can answer for (its oldest closed bucket, else its open bucket). */
  coverStart(): number {
    const first = this.closed[0];
    return first ? first.start : this.openStart;
  }
}

export class History {
  readonly width: number;
  private readonly levels: Level[];
  private capacity: number;

  constructor(width: number, capacity: number, resolutions: readonly Resolution[] = DEFAULT_RESOLUTIONS) {
    if (resolutions.length === 0) throw new RangeError('history needs at least one resolution');
    for (let i = 1; i < resolutions.length; i++) {
      const a = resolutions[i - 1] as Resolution, b = resolutions[i] as Resolution;
      if (b.seconds % a.seconds !== 0) throw new RangeError(`resolution ${b.seconds}s is not a multiple of ${a.seconds}s`);
      if (a.minKeep < b.seconds / a.seconds) throw new RangeError(`resolution ${a.seconds}s must keep at least ${b.seconds / a.seconds} buckets`);
    }
    this.width = width;
    this.capacity = capacity;
    this.levels = resolutions.map((r, i) => new Level(r, capacity, width, i === 0));
  }

  /**
   * The open 1-second buffer: add into it at the index `touch(e)` returned. Read it after
   * `touch`: touching a new entity may replace the buffer.
   */
  get open(): Float64Array {
    return (this.levels[0] as Level).acc;
  }

  get resolutions(): readonly Resolution[] {
    return this.levels;
  }

  /** Ids touched in the open second (a view, valid until the second closes). */
  touchedIds(): Int32Array {
    const l = this.levels[0] as Level;
    return l.touched.subarray(0, l.touchedCount);
  }

  /** Marks entity `e` active in the open bucket and returns its base index into `open`. */
  touch(e: number): number {
    const l = this.levels[0] as Level;
    if (l.stamp[e] === l.seq) return (l.row[e] as number) * this.width;
    const j = l.touchedCount++;
    if (j === l.touched.length) {
      l.touched = resized(l.touched, j * 2);
      l.acc = resized(l.acc, j * 2 * this.width);
    }
    l.stamp[e] = l.seq;
    l.row[e] = j;
    l.touched[j] = e;
    const w = this.width, b = j * w;
    for (let k = 0; k < w; k++) l.acc[b + k] = 0;
    return b;
  }

  resize(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    const l = this.levels[0] as Level;
    l.stamp = resized(l.stamp, capacity);
    l.row = resized(l.row, capacity);
  }

  /** Start second of the open 1-second bucket, or -1 before any packet. */
  get openSecond(): number {
    return (this.levels[0] as Level).openStart;
  }

  /**
   * Moves the clock to second `now`: closes every bucket that ends at or before it. Times that go
   * backwards are ignored (late packets count in the open bucket).
   */
  advance(now: number): void {
    const l0 = this.levels[0] as Level;
    if (l0.openStart < 0) {
      for (const l of this.levels) l.openStart = now - (now % l.seconds);
      return;
    }
    if (now <= l0.openStart) return;
    for (let i = 0; i < this.levels.length; i++) {
      const l = this.levels[i] as Level;
      const start = now - (now % l.seconds);
      if (start === l.openStart) break;
      this.close(i);
      l.openStart = start;
    }
  }

  private close(i: number): void {
    const l = this.levels[i] as Level;
    const seg = i === 0 ? this.closeDense(l) : this.merge(this.levels[i - 1] as Level, l.openStart, l.openStart + l.seconds);
    if (seg === null) return;
    l.closed.push(seg);
    l.segmentBytes += seg.ids.byteLength + seg.values.byteLength + SEGMENT_OVERHEAD;
    if (l.closed.length > l.keep) this.dropOldest(i);
  }

  /** The open second as a segment; the accumulator is cleared for the next second. */
  private closeDense(l: Level): HistorySegment | null {
    const n = l.touchedCount, w = this.width;
    l.touchedCount = 0;
    l.seq++;
    if (n === 0) return null;
    const ids = Int32Array.from(l.touched.subarray(0, n).sort());
    const values = new Float64Array(n * w);
    const acc = l.acc, row = l.row;
    for (let j = 0; j < n; j++) {
      const src = (row[ids[j] as number] as number) * w, dst = j * w;
      for (let k = 0; k < w; k++) values[dst + k] = acc[src + k] as number;
    }
    // Keep the buffer near the size one second needs.
    if (l.touched.length > 256 && n < l.touched.length / 4) {
      l.touched = new Int32Array(l.touched.length / 2);
      l.acc = new Float64Array(l.touched.length * w);
    }
    return { start: l.openStart, ids, values };
  }

  /** One segment summing the finer level's closed buckets that start in [from, to). */
  private merge(finer: Level, from: number, to: number): HistorySegment | null {
    const w = this.width, closed = finer.closed;
    let first = closed.length;
    while (first > 0 && (closed[first - 1] as HistorySegment).start >= from) first--;
    let total = 0;
    for (let j = first; j < closed.length; j++) {
      const seg = closed[j] as HistorySegment;
      if (seg.start < to) total += seg.ids.length;
    }
    if (total === 0) return null;
    // Sum into a transient dense scratch indexed by id, then read it back in id order.
    let maxId = 0;
    for (let j = first; j < closed.length; j++) {
      const seg = closed[j] as HistorySegment;
      if (seg.start < to && seg.ids.length > 0) maxId = Math.max(maxId, seg.ids[seg.ids.length - 1] as number);
    }
    const sum = new Float64Array((maxId + 1) * w);
    const seen = new Uint8Array(maxId + 1);
    let unique = 0;
    for (let j = first; j < closed.length; j++) {
      const seg = closed[j] as HistorySegment;
      if (seg.start >= to) continue;
      const segIds = seg.ids, segValues = seg.values;
      for (let r = 0; r < segIds.length; r++) {
        const id = segIds[r] as number, b = id * w, at = r * w;
        if (seen[id] === 0) { seen[id] = 1; unique++; }
        for (let k = 0; k < w; k++) sum[b + k] = (sum[b + k] as number) + (segValues[at + k] as number);
      }
    }
    const ids = new Int32Array(unique);
    const values = new Float64Array(unique * w);
    let u = 0;
    for (let id = 0; id <= maxId; id++) {
      if (seen[id] === 0) continue;
      ids[u] = id;
      // Element by element: a subarray per id was about a quarter of the L2–L4 analysis' garbage.
      const from = id * w, to = u * w;
      for (let k = 0; k < w; k++) values[to + k] = sum[from + k] as number;
      u++;
    }
    return { start: from, ids, values };
  }

  /**
   * Adds another history's buckets into this one: a shard's, with the same resolutions and the
   * same clock (both advanced to the same second). `idMap[otherId]` is this history's id for the
   * other's entity (-1: leave it out). Closed buckets with the same start are summed id by id,
   * others are inserted in time order; the open second is added entity by entity. Not a hot path.
   */
  absorb(other: History, idMap: Int32Array): void {
    if (other.width !== this.width || other.levels.length !== this.levels.length) throw new RangeError('histories of different shapes cannot be merged');
    const w = this.width;
    for (let i = 0; i < this.levels.length; i++) {
      const mine = this.levels[i] as Level, theirs = other.levels[i] as Level;
      if (mine.seconds !== theirs.seconds) throw new RangeError('histories of different resolutions cannot be merged');
      if (theirs.openStart < 0) continue;
      if (mine.openStart < 0) mine.openStart = theirs.openStart;
      if (mine.openStart !== theirs.openStart) {
        throw new RangeError(`histories on different clocks (open ${mine.seconds}s buckets at ${mine.openStart} and ${theirs.openStart}): advance both to the same second first`);
      }
      for (const seg of theirs.closed) this.addSegment(i, remapSegment(seg, idMap, w));
    }
    const l0 = other.levels[0] as Level;
    for (let j = 0; j < l0.touchedCount; j++) {
      const e = idMap[l0.touched[j] as number] ?? -1;
      if (e < 0) continue;
      const b = this.touch(e), acc = (this.levels[0] as Level).acc;
      for (let k = 0; k < w; k++) acc[b + k] = (acc[b + k] as number) + (l0.acc[j * w + k] as number);
    }
  }

  /** Adds a closed bucket to a level: summed into the bucket with the same start, else inserted. */
  private addSegment(level: number, seg: HistorySegment): void {
    const l = this.levels[level] as Level, closed = l.closed;
    let at = closed.length;
    while (at > 0 && (closed[at - 1] as HistorySegment).start > seg.start) at--;
    const same = closed[at - 1];
    if (same?.start === seg.start) {
      const before = same.ids.byteLength + same.values.byteLength;
      const sum = sumSegments(same, seg, this.width);
      same.ids = sum.ids;
      same.values = sum.values;
      l.segmentBytes += same.ids.byteLength + same.values.byteLength - before;
      return;
    }
    closed.splice(at, 0, seg);
    l.segmentBytes += seg.ids.byteLength + seg.values.byteLength + SEGMENT_OVERHEAD;
    while (closed.length > l.keep) this.dropOldest(level);
  }

  /** Closes every open bucket (end of a capture file): its data becomes queryable history. */
  flush(): void {
    const l0 = this.levels[0] as Level;
    if (l0.openStart < 0) return;
    this.advance(l0.openStart + 1);
  }

  /** Drops the oldest closed bucket of a level; returns the bytes freed (0 when none). */
  dropOldest(level: number): number {
    const l = this.levels[level];
    const seg = l?.closed.shift();
    if (!l || !seg) return 0;
    const bytes = seg.ids.byteLength + seg.values.byteLength + SEGMENT_OVERHEAD;
    l.segmentBytes -= bytes;
    return bytes;
  }

  /**
   * true when the oldest closed bucket of `level` is also summed in a closed bucket of the next
   * coarser level, so dropping it loses resolution, not data.
   */
  oldestIsRolledUp(level: number): boolean {
    const l = this.levels[level], next = this.levels[level + 1];
    const first = l?.closed[0];
    return first !== undefined && next !== undefined && next.openStart >= 0 && first.start < next.openStart;
  }

  closedCount(level: number): number {
    return this.levels[level]?.closed.length ?? 0;
  }

  /** Start of the oldest closed bucket of a level, or -1. */
  oldestStart(level: number): number {
    return this.levels[level]?.closed[0]?.start ?? -1;
  }

  /**
   * Removes the marked entities (mark[e] === 1) from every bucket: their ids are about to be reused.
   * One pass over all history; called rarely, when the memory budget evicts a batch of entities.
   */
  scrub(mark: Uint8Array): void {
    const w = this.width;
    for (const l of this.levels) {
      for (let j = 0; j < l.touchedCount; j++) {
        const e = l.touched[j] as number;
        if (mark[e] === 1) l.acc.fill(0, j * w, j * w + w);
      }
      for (const seg of l.closed) {
        const ids = seg.ids, values = seg.values;
        let out = 0;
        for (let j = 0; j < ids.length; j++) {
          const e = ids[j] as number;
          if (mark[e] === 1) continue;
          if (out !== j) {
            ids[out] = e;
            values.copyWithin(out * w, j * w, j * w + w);
          }
          out++;
        }
        if (out !== ids.length) {
          const before = seg.ids.byteLength + seg.values.byteLength;
          seg.ids = ids.slice(0, out);
          seg.values = values.slice(0, out * w);
          l.segmentBytes -= before - seg.ids.byteLength - seg.values.byteLength;
        }
      }
    }
  }

  memoryBytes(): number {
    let bytes = 0;
    for (const l of this.levels) {
      bytes += l.acc.byteLength + l.stamp.byteLength + l.row.byteLength + l.touched.byteLength + l.segmentBytes;
    }
    return bytes;
  }

  /** Bytes of the open second's buffer (it follows the number of entities active in a second). */
  openBytes(): number {
    const l = this.levels[0] as Level;
    return l.acc.byteLength + l.touched.byteLength;
  }

  /** Bytes of closed buckets only (what grows with time). */
  segmentBytes(): number {
    let bytes = 0;
    for (const l of this.levels) bytes += l.segmentBytes;
    return bytes;
  }

  /**
   * The pieces of [start, end) each level answers: the finest level answers the recent part; the
   * older part goes to coarser levels in whole buckets of theirs. A coarser level holds every
   * closed bucket of the finer one, i.e. all data before the finer level's open bucket, so a
   * boundary at that open bucket's start (or at any of the coarser level's bucket boundaries
   * within the finer level's coverage) never counts a packet twice or loses one.
   */
  private plan(start: number, end: number, visit: (level: Level, from: number, to: number) => void): void {
    const levels = this.levels, n = levels.length;
    if ((levels[0] as Level).openStart < 0) return;
    // bound[l]: where level l hands over to level l+1. It lies on a bucket boundary of level l+1,
    // no later than the start of level l+1's open bucket (level l+1 has nothing after it), and no
    // earlier than the bound of the next coarser pair (a coarse bucket is used whole or not at all).
    const bound = new Array<number>(Math.max(0, n - 1));
    for (let l = 0; l < n - 1; l++) {
      const fine = levels[l] as Level, coarse = levels[l + 1] as Level;
      const cover = fine.coverStart();
      const aligned = cover + ((coarse.seconds - (cover % coarse.seconds)) % coarse.seconds);
      bound[l] = coarse.openStart < 0 ? cover : Math.min(aligned, coarse.openStart);
    }
    for (let l = n - 3; l >= 0; l--) bound[l] = Math.max(bound[l] as number, bound[l + 1] as number);
    let hi = end;
    for (let l = 0; l < n && hi > start; l++) {
      const lo = l < n - 1 ? Math.max(start, bound[l] as number) : start;
      if (lo < hi) visit(levels[l] as Level, lo, hi);
      hi = Math.min(hi, lo);
    }
  }

  /** Adds entity e's values over [start, end) into out[outAt..outAt+width). */
  sumRange(e: number, start: number, end: number, out: Float64Array, outAt = 0): void {
    const w = this.width;
    this.plan(start, end, (l, from, to) => {
      for (const seg of l.closed) {
        if (seg.start + l.seconds <= from) continue;
        if (seg.start >= to) break;
        const j = indexOf(seg.ids, e);
        if (j < 0) continue;
        for (let k = 0; k < w; k++) out[outAt + k] = (out[outAt + k] as number) + (seg.values[j * w + k] as number);
      }
      if (l.openStart < to && l.openStart + l.seconds > from && l.stamp[e] === l.seq) {
        const b = (l.row[e] as number) * w;
        for (let k = 0; k < w; k++) out[outAt + k] = (out[outAt + k] as number) + (l.acc[b + k] as number);
      }
    });
  }

  /** Adds every entity's values over [start, end) into dense[e * width + k]. */
  sumRangeAll(start: number, end: number, dense: Float64Array): void {
    const w = this.width;
    this.plan(start, end, (l, from, to) => {
      for (const seg of l.closed) {
        if (seg.start + l.seconds <= from) continue;
        if (seg.start >= to) break;
        const ids = seg.ids, values = seg.values;
        for (let j = 0; j < ids.length; j++) {
          const b = (ids[j] as number) * w;
          for (let k = 0; k < w; k++) dense[b + k] = (dense[b + k] as number) + (values[j * w + k] as number);
        }
      }
      if (l.openStart < to && l.openStart + l.seconds > from) {
        for (let j = 0; j < l.touchedCount; j++) {
          const b = (l.touched[j] as number) * w, a = j * w;
          for (let k = 0; k < w; k++) dense[b + k] = (dense[b + k] as number) + (l.acc[a + k] as number);
        }
      }
    });
  }

  /**
   * A series for entity e over
   * [start, end) with points `timespan` seconds wide (rounded up to a multiple of the level that
   * answers) and at most `maxPoints` points (the width grows to fit).
   */
  series(e: number, start: number, end: number, timespan: number | undefined, maxPoints: number): HistorySeries {
    const w = this.width;
    // The finest level that still covers `start` (else the coarsest).
    let level = this.levels[this.levels.length - 1] as Level;
    for (const l of this.levels) {
      if (l.openStart >= 0 && l.coverStart() <= start) { level = l; break; }
    }
    if (timespan !== undefined) {
      for (const l of this.levels) {
        if (l.seconds <= timespan && l.coverStart() <= start && l.openStart >= 0) level = l;
      }
    }
    let step = Math.max(level.seconds, timespan ?? level.seconds);
    step = Math.ceil(step / level.seconds) * level.seconds;
    const points = Math.max(1, maxPoints);
    while (Math.ceil((end - start) / step) > points) step *= 2;
    const first = start - (start % step);
    const n = Math.max(0, Math.ceil((end - first) / step));
    const times: number[] = [];
    const values: number[][] = [];
    for (let i = 0; i < n; i++) {
      times.push(first + i * step);
      values.push(new Array<number>(w).fill(0));
    }
    const add = (t: number, src: Float64Array, at: number): void => {
      const i = Math.floor((t - first) / step);
      const row = values[i];
      if (!row || t >= end) return;
      for (let k = 0; k < w; k++) row[k] = (row[k] as number) + (src[at + k] as number);
    };
    for (const seg of level.closed) {
      if (seg.start + level.seconds <= start) continue;
      if (seg.start >= end) break;
      const j = indexOf(seg.ids, e);
      if (j >= 0) add(seg.start, seg.values, j * w);
    }
    if (level.openStart >= 0) {
      // The open bucket of this level: from the finer levels (the finest has it densely).
      const open = new Float64Array(w);
      this.sumRange(e, level.openStart, end, open);
      add(level.openStart, open, 0);
    }
    return { timespan: step, times, values };
  }
}

/** Binary search for e in sorted ids; -1 when absent. */
function indexOf(ids: Int32Array, e: number): number {
  let lo = 0, hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid] as number;
    if (v === e) return mid;
    if (v < e) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A segment with ids mapped through idMap (unmapped ids left out), sorted by the new ids. */
function remapSegment(seg: HistorySegment, idMap: Int32Array, w: number): HistorySegment {
  const rows: number[] = [];
  for (let j = 0; j < seg.ids.length; j++) if ((idMap[seg.ids[j] as number] ?? -1) >= 0) rows.push(j);
  rows.sort((x, y) => (idMap[seg.ids[x] as number] as number) - (idMap[seg.ids[y] as number] as number));
  const ids = new Int32Array(rows.length), values = new Float64Array(rows.length * w);
  rows.forEach((j, r) => {
    ids[r] = idMap[seg.ids[j] as number] as number;
    values.set(seg.values.subarray(j * w, j * w + w), r * w);
  });
  return { start: seg.start, ids, values };
}

/** Two segments of one bucket summed: a merge of their sorted id lists. */
function sumSegments(a: HistorySegment, b: HistorySegment, w: number): { ids: Int32Array; values: Float64Array } {
  const ids: number[] = [], values: number[] = [];
  let i = 0, j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const ia = i < a.ids.length ? a.ids[i] as number : Infinity, ib = j < b.ids.length ? b.ids[j] as number : Infinity;
    const id = Math.min(ia, ib);
    ids.push(id);
    for (let k = 0; k < w; k++) {
      values.push((ia === id ? a.values[i * w + k] as number : 0) + (ib === id ? b.values[j * w + k] as number : 0));
    }
    if (ia === id) i++;
    if (ib === id) j++;
  }
  return { ids: Int32Array.from(ids), values: Float64Array.from(values) };
}
