/**
 * @module modules/dns/figures
 * The DNS figures kept with history, globally and per server (same order in both), and how
 * response-time statistics are derived from them (count, sum, sum of squares → avg, stddev).
 */

export const FIGURES = ['queries', 'responses', 'answered', 'timeouts', 'retransmissions', 'malformed', 'responseSumUs', 'responseSumSqMs'] as const;
export const F = Object.fromEntries(FIGURES.map((n, i) => [n, i])) as Record<(typeof FIGURES)[number], number>;
export const W = FIGURES.length;

/** Milliseconds with µs precision. */
export function ms(us: number): number {
  return Math.round(us) / 1000;
}

/** Named figures plus response-time avg/stddev (ms) of one counter set; min/max when known. */
export function figuresJson(v: ArrayLike<number>, at: number, minUs: number, maxUs: number): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  FIGURES.forEach((n, i) => { out[n] = v[at + i] ?? 0; });
  const n = v[at + F.answered] ?? 0, sumUs = v[at + F.responseSumUs] ?? 0, sumSqMs = v[at + F.responseSumSqMs] ?? 0;
  const avgMs = n > 0 ? sumUs / n / 1000 : null;
  out.responseAvgMs = avgMs === null ? null : Math.round(avgMs * 1000) / 1000;
  out.responseStddevMs = avgMs === null ? null : Math.round(Math.sqrt(Math.max(0, sumSqMs / n - avgMs * avgMs)) * 1000) / 1000;
  out.responseMinMs = Number.isFinite(minUs) && n > 0 ? ms(minUs) : null;
  out.responseMaxMs = maxUs >= 0 && n > 0 ? ms(maxUs) : null;
  delete out.responseSumSqMs;
  return out;
}
