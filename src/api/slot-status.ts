/**
 * @module api/slot-status
 * What a slot can say about itself beyond its modules: the fixed nodes of /API/stats (`time`,
 * `interfaces`, `load`, `processing`) and /API/system/storage. The pipeline adapter
 * (capture-file-status.ts) implements it; a slot without one answers empty figures.
 */
import type { JsonObject, StatsQuery } from '../modules/resource.js';

export interface PacketTimes {
  /** The store's clock: the open second (epoch seconds), null before the first packet. */
  readonly time: number | null;
  /** First and last packet time seen (epoch seconds with µs), null before the first packet. */
  readonly firstPacketTime: number | null;
  readonly lastPacketTime: number | null;
}

export interface SlotStatus {
  times(): PacketTimes;
  /** `{interfaces: [...]}`: per capture interface id, drops and traffic counters. */
  interfaces(query: StatsQuery): JsonObject;
  /** Packets/s and bits/s of the last second and the interval, all-time totals, history. */
  load(query: StatsQuery): JsonObject;
  /** The analysis: state, file, progress, packets, malformed, anomalies, elapsed. */
  processing(): JsonObject;
  /** The store's memory and retention, entity counts, connection counts. */
  storage(): JsonObject;
  /** Per stage (source, queues, analysis): busy share, queue size and drops; absent = nothing runs. */
  stages?: (() => JsonObject[]) | null;
}

/** What a slot with nothing to analyse answers. */
export const EMPTY_STATUS: SlotStatus = {
  times: () => ({ time: null, firstPacketTime: null, lastPacketTime: null }),
  interfaces: () => ({ interfaces: [] }),
  load: () => ({
    lastSecond: { packets: 0, bytes: 0, packetsPerSec: 0, bitsPerSec: 0 },
    interval: { start: null, end: null, seconds: 0, packets: 0, bytes: 0, packetsPerSec: 0, bitsPerSec: 0 },
    allTime: { packets: 0, bytes: 0 },
    history: { timespan: 1, points: [] },
  }),
  processing: () => ({ state: 'idle', file: null }),
  storage: () => ({ state: 'idle' }),
};
