/**
 * @module store/query
 * Answers time questions about an entity's traffic in the REST API's shape: `allTime`,
 * `lastSecond`, `interval` and `intervalPerSecond` 4-value counters, and a history series.
 *
 * "Now" is the store's open second (packet time). The last second is the last closed one. Without
 * an interval, `interval` equals `lastSecond`.
 */
import type { History, HistorySeries } from './history.js';
import { COUNTER_WIDTH } from './counters.js';
import type { JsonObject } from '../modules/resource.js';
import type { StatsQuery } from '../modules/resource.js';

/** History shown when a request names no interval: the last 10 minutes. */
const DEFAULT_HISTORY_SECONDS = 600;

/** The resolved time window of a request. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
  /** Seconds in the window (at least 1). */
  readonly seconds: number;
  /** true when the request gave no interval (interval = last second). */
  readonly lastSecondOnly: boolean;
}

export function timeWindow(nowSec: number, q: StatsQuery): TimeWindow {
  if (q.startSec === undefined) {
    return { start: nowSec - 1, end: nowSec, seconds: 1, lastSecondOnly: true };
  }
  const end = q.endSec ?? nowSec + 1;
  return { start: q.startSec, end, seconds: Math.max(1, end - q.startSec), lastSecondOnly: false };
}

export interface TrafficFigures {
  readonly allTime: number[];
  readonly lastSecond: number[];
  readonly interval: number[];
  readonly intervalPerSecond: number[];
}

/** The four counter sets of one entity. */
export function trafficOf(counters: Float64Array, history: History, e: number, nowSec: number, w: TimeWindow): TrafficFigures {
  const width = history.width;
  const allTime = Array.from(counters.subarray(e * width, e * width + width));
  const last = new Float64Array(width);
  history.sumRange(e, nowSec - 1, nowSec, last);
  let interval = last;
  if (!w.lastSecondOnly) {
    interval = new Float64Array(width);
    history.sumRange(e, w.start, w.end, interval);
  }
  return {
    allTime,
    lastSecond: Array.from(last),
    interval: Array.from(interval),
    intervalPerSecond: Array.from(interval, (v) => v / w.seconds),
  };
}

/** The history series of one entity as JSON: `{timespan, points: [[t, v0, v1 …], …]}`. */
export function historyJson(history: History, e: number, nowSec: number, q: StatsQuery): JsonObject {
  const start = q.startSec ?? nowSec - DEFAULT_HISTORY_SECONDS;
  const end = q.endSec ?? nowSec + 1;
  const s: HistorySeries = history.series(e, start, end, q.timespan, q.values);
  return { timespan: s.timespan, points: s.times.map((t, i) => [t, ...(s.values[i] ?? [])]) };
}

/** Interval values of every entity of a history (dense, `width` per id), for lists. */
export function intervalAll(history: History, idBound: number, nowSec: number, w: TimeWindow): Float64Array {
  const dense = new Float64Array(Math.max(1, idBound) * history.width);
  history.sumRangeAll(w.lastSecondOnly ? nowSec - 1 : w.start, w.lastSecondOnly ? nowSec : w.end, dense);
  return dense;
}

export { COUNTER_WIDTH };
