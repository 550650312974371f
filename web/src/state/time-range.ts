/**
 * The global time range, in packet time: a preset (last 1 min … 1 day, all) anchored at the packet clock
 * (`/API/stats/time`), or a custom interval (typed, or brushed on a graph). Pure functions only.
 */
import type { PacketClock } from '../api/types';

export type RangePreset = '1m' | '10m' | '1h' | '1d' | 'all';
export type RangeChoice =
  | { readonly kind: 'preset'; readonly preset: RangePreset }
  | { readonly kind: 'custom'; readonly start: number; readonly end: number };

export const PRESETS: readonly { readonly preset: RangePreset; readonly label: string; readonly seconds: number }[] = [
  { preset: '1m', label: 'last 1 min', seconds: 60 },
  { preset: '10m', label: 'last 10 min', seconds: 600 },
  { preset: '1h', label: 'last 1 h', seconds: 3600 },
  { preset: '1d', label: 'last 1 day', seconds: 86400 },
  { preset: 'all', label: 'all', seconds: Infinity },
];

export interface Interval {
  /** epoch seconds, whole */
  readonly start: number;
  readonly end: number;
}

/** The interval a choice means now; undefined before the first packet. */
export function resolveRange(choice: RangeChoice, clock: PacketClock | undefined): Interval | undefined {
  if (choice.kind === 'custom') return { start: Math.floor(choice.start), end: Math.max(Math.ceil(choice.end), Math.floor(choice.start) + 1) };
  if (clock?.time === null || clock?.time === undefined) return undefined;
  const end = Math.floor(clock.time) + 1;
  const p = PRESETS.find((x) => x.preset === choice.preset);
  if (p === undefined || !Number.isFinite(p.seconds)) {
    const first = clock.firstPacketTime ?? clock.time;
    return { start: Math.min(Math.floor(first), end - 1), end };
  }
  return { start: end - p.seconds, end };
}

/** History resolution so that an interval gets at most ~`points` buckets. */
export function timespanFor(interval: Interval | undefined, points: number): number | undefined {
  if (interval === undefined) return undefined;
  return Math.max(1, Math.ceil((interval.end - interval.start) / points));
}
