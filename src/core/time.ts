/**
 * @module core/time
 * Timestamps are µs since the epoch as numbers (exact up to year 2255) on the hot path; text only
 * for humans. Packet time is the clock: a capture from 2019 reports 2019.
 */

/** ISO 8601 UTC with microseconds, e.g. 2008-06-20T10:20:37.965649Z. */
export function formatTimestampUs(tsUs: number): string {
  if (!Number.isFinite(tsUs)) return '';
  const ms = Math.floor(tsUs / 1000);
  const iso = new Date(ms).toISOString(); // ...sss Z
  const micros = Math.floor(tsUs - ms * 1000);
  return `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}

/** Epoch seconds (with fraction) from µs, as the REST API uses. */
export function usToSeconds(tsUs: number): number {
  return tsUs / 1e6;
}
