/**
 * @module modules/entity-list
 * A ListView over the entities of a table, with the traffic columns every list of the API has:
 * packets, bytes, rx/tx packets and bytes (interval values when the request has an interval, else
 * all-time), pps, bps, rxbps, txbps (per second of the interval, else of the last second; bytes
 * per second as the API counts), firstSeen, lastSeen (epoch seconds). Modules add their own columns
 * and the JSON of a row. Cost per request at a million entities: the interval's dense sum over the
 * history only when some entity lived partly outside the interval (else the all-time counters are the
 * interval), and the last second only for the rows of the page.
 */
import type { EntityTable } from '../store/entity-table.js';
import type { Store } from '../store/store.js';
import { intervalAll, timeWindow, trafficOf, historyJson, type TrafficFigures } from '../store/query.js';
import type { JsonObject, ListColumn, ListView, StatsQuery } from './resource.js';

export interface EntityColumn {
  readonly name: string;
  readonly type: 'number' | 'string';
  value(e: number): number | string;
}

export interface EntityListSpec {
  readonly table: EntityTable;
  readonly store: Store;
  /** Entities to list (default: every live entity of the table). */
  readonly ids?: Int32Array;
  readonly columns?: readonly EntityColumn[];
  searchText(e: number): string;
  /** The row's own fields; the traffic counters are added to it. */
  json(e: number): JsonObject;
}

const TRAFFIC_COLUMNS = ['packets', 'bytes', 'rxpackets', 'rxbytes', 'txpackets', 'txbytes', 'pps', 'bps', 'rxbps', 'txbps', 'firstSeen', 'lastSeen'] as const;
const CORE = TRAFFIC_COLUMNS.length;

/** Live entity ids of a table. */
export function liveIds(table: EntityTable): Int32Array {
  const out = new Int32Array(table.live);
  let n = 0;
  for (let e = 0; e < table.idBound && n < out.length; e++) if (table.alive[e] !== 0) out[n++] = e;
  return out.subarray(0, n);
}

/** The 4-value counter sets of a figure as JSON, plus a history series when asked. */
export function trafficJson(t: TrafficFigures): JsonObject {
  return { allTime: t.allTime, lastSecond: t.lastSecond, interval: t.interval, intervalPerSecond: t.intervalPerSecond };
}

/** One entity's traffic in the API shape, with its history unless skipped. */
export function entityTraffic(table: EntityTable, store: Store, e: number, q: StatsQuery): JsonObject {
  const now = store.nowSec;
  const figures = trafficOf(table.counters, table.history, e, now, timeWindow(now, q));
  const out = trafficJson(figures);
  if (!q.skipHistory) out.history = historyJson(table.history, e, now, q);
  return out;
}

/** Whether every entity of `ids` was first and last seen within [startSec, endSec). One pass, no allocation. */
export function livesInside(table: EntityTable, ids: Int32Array, startSec: number, endSec: number): boolean {
  const from = startSec * 1e6, to = endSec * 1e6;
  const first = table.firstSeenUs, last = table.lastSeenUs;
  for (let i = 0; i < ids.length; i++) {
    const e = ids[i] as number;
    if ((first[e] as number) < from || (last[e] as number) >= to) return false;
  }
  return true;
}

export function entityListView(spec: EntityListSpec, q: StatsQuery): ListView {
  const { table, store } = spec;
  const ids = spec.ids ?? liveIds(table);
  const now = store.nowSec;
  const w = timeWindow(now, q);
  const all = table.counters;
  // An interval that holds every listed entity's whole life (the UI's "all" range) is its all-time
  // traffic: no pass over the history (tens of MB to allocate and sum at a million entities).
  const dense = !w.lastSecondOnly && livesInside(table, ids, w.start, w.end) ? all : intervalAll(table.history, table.idBound, now, w);
  // The last second is asked per shown row (a page), not summed for every entity.
  const lastBuf = new Float64Array(table.history.width);
  const lastOf = (e: number): number[] => {
    if (w.lastSecondOnly) return [dense[e * 4] as number, dense[e * 4 + 1] as number, dense[e * 4 + 2] as number, dense[e * 4 + 3] as number];
    lastBuf.fill(0);
    table.history.sumRange(e, now - 1, now, lastBuf);
    return [lastBuf[0] as number, lastBuf[1] as number, lastBuf[2] as number, lastBuf[3] as number];
  };
  const volume = w.lastSecondOnly ? all : dense;
  const extra = spec.columns ?? [];
  const columns: ListColumn[] = [
    ...TRAFFIC_COLUMNS.map((name): ListColumn => ({ name, type: 'number' })),
    ...extra.map((c): ListColumn => ({ name: c.name, type: c.type })),
  ];
  const perSecond = w.seconds;
  return {
    size: ids.length,
    columns,
    number(row, column) {
      const e = ids[row] as number, b = e * 4;
      switch (column) {
        case 0: return (volume[b] as number) + (volume[b + 2] as number);
        case 1: return (volume[b + 1] as number) + (volume[b + 3] as number);
        case 2: return volume[b] as number;
        case 3: return volume[b + 1] as number;
        case 4: return volume[b + 2] as number;
        case 5: return volume[b + 3] as number;
        case 6: return ((dense[b] as number) + (dense[b + 2] as number)) / perSecond;
        case 7: return ((dense[b + 1] as number) + (dense[b + 3] as number)) / perSecond;
        case 8: return (dense[b + 1] as number) / perSecond;
        case 9: return (dense[b + 3] as number) / perSecond;
        case 10: return Math.floor((table.firstSeenUs[e] as number) / 1e6);
        case 11: return Math.floor((table.lastSeenUs[e] as number) / 1e6);
        default: {
          const v = extra[column - CORE]?.value(e);
          return typeof v === 'number' ? v : Number.NaN;
        }
      }
    },
    text(row, column) {
      if (column < CORE) return String(this.number(row, column));
      const v = extra[column - CORE]?.value(ids[row] as number);
      return v === undefined ? '' : String(v);
    },
    searchText(row) {
      return spec.searchText(ids[row] as number);
    },
    json(row) {
      const e = ids[row] as number, b = e * 4;
      const interval = [dense[b] as number, dense[b + 1] as number, dense[b + 2] as number, dense[b + 3] as number];
      const out: JsonObject = {
        ...spec.json(e),
        firstSeen: Math.floor((table.firstSeenUs[e] as number) / 1e6),
        lastSeen: Math.floor((table.lastSeenUs[e] as number) / 1e6),
        allTime: [all[b] as number, all[b + 1] as number, all[b + 2] as number, all[b + 3] as number],
        lastSecond: lastOf(e),
        interval,
        intervalPerSecond: interval.map((v) => v / perSecond),
      };
      if (!q.skipHistory) out.history = historyJson(table.history, e, now, q);
      return out;
    },
  };
}
