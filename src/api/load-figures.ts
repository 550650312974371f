/**
 * @module api/load-figures
 * /API/stats/load: the traffic load of a slot, summed over its capture interfaces (the
 * `interfaces` module's table, counters [packets, bytes, 0, 0]): packets/s and bits/s of the last
 * second and of the requested interval, all-time totals, and a history series of packets/s and
 * bits/s. Reads the store's public query helpers only.
 */
import type { JsonObject, StatsQuery } from '../modules/resource.js';
import { liveIds } from '../modules/entity-list.js';
import type { EntityTable } from '../store/entity-table.js';
import { timeWindow, trafficOf } from '../store/query.js';
import type { Store } from '../store/store.js';

/** History shown when a request names no interval: the last 10 minutes (as the modules do). */
const DEFAULT_HISTORY_SECONDS = 600;

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** [packets, bytes] of a 4-value counter (rx + tx). */
function volume(v: readonly number[]): [number, number] {
  return [(v[0] ?? 0) + (v[2] ?? 0), (v[1] ?? 0) + (v[3] ?? 0)];
}

export function loadFigures(table: EntityTable, store: Store, q: StatsQuery): JsonObject {
  const now = store.nowSec;
  const w = timeWindow(now, q);
  const ids = liveIds(table);
  let lastP = 0, lastB = 0, intP = 0, intB = 0, allP = 0, allB = 0;
  for (const e of ids) {
    const f = trafficOf(table.counters, table.history, e, now, w);
    const [lp, lb] = volume(f.lastSecond), [ip, ib] = volume(f.interval), [ap, ab] = volume(f.allTime);
    lastP += lp; lastB += lb; intP += ip; intB += ib; allP += ap; allB += ab;
  }
  const out: JsonObject = {
    lastSecond: { packets: lastP, bytes: lastB, packetsPerSec: lastP, bitsPerSec: lastB * 8 },
    interval: {
      start: w.start, end: w.end, seconds: w.seconds, packets: intP, bytes: intB,
      packetsPerSec: round3(intP / w.seconds), bitsPerSec: round3((intB * 8) / w.seconds),
    },
    allTime: { packets: allP, bytes: allB },
  };
  if (!q.skipHistory) out.history = loadHistory(table, ids, now, q);
  return out;
}

/** `{timespan, points: [[time, packetsPerSec, bitsPerSec], ...]}` over every interface. */
function loadHistory(table: EntityTable, ids: Int32Array, now: number, q: StatsQuery): JsonObject {
  const start = q.startSec ?? now - DEFAULT_HISTORY_SECONDS;
  const end = q.endSec ?? now + 1;
  let timespan = q.timespan ?? 1;
  let times: number[] = [];
  let sums: [number, number][] = [];
  for (const e of ids) {
    // Every entity of one history gets the same buckets for the same request.
    const s = table.history.series(e, start, end, q.timespan, q.values);
    if (sums.length === 0) {
      timespan = s.timespan;
      times = s.times;
      sums = s.times.map(() => [0, 0]);
    }
    s.values.forEach((v, i) => {
      const row = sums[i];
      if (!row) return;
      const [p, b] = volume(v);
      row[0] += p;
      row[1] += b;
    });
  }
  return { timespan, points: times.map((t, i) => [t, round3((sums[i]?.[0] ?? 0) / timespan), round3(((sums[i]?.[1] ?? 0) * 8) / timespan)]) };
}
