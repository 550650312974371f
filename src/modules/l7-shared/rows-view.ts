/**
 * @module modules/l7-shared/rows-view
 * A ListView over rows built at query time (the L7 modules' per-server and per-name tables, which
 * are small maps rather than store tables): numeric and string columns read from each row's JSON.
 */
import type { JsonObject, ListColumn, ListView } from '../resource.js';

export function rowsView(rows: readonly JsonObject[], columns: readonly ListColumn[], search: readonly string[]): ListView {
  return {
    size: rows.length,
    columns,
    number: (r, c) => {
      const v = rows[r]?.[columns[c]?.name ?? ''];
      return typeof v === 'number' ? v : 0;
    },
    text: (r, c) => {
      const v = rows[r]?.[columns[c]?.name ?? ''];
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    },
    searchText: (r) => search.map((k) => { const v = rows[r]?.[k]; return typeof v === 'string' ? v : ''; }).join(' '),
    json: (r) => rows[r] ?? {},
  };
}

/** A bounded name → count tally (names past the cap are counted as dropped). */
export class NameTally {
  readonly counts = new Map<string, number>();
  dropped = 0;
  constructor(private readonly cap: number) {}

  add(name: string, n = 1): void {
    const had = this.counts.get(name);
    if (had !== undefined) this.counts.set(name, had + n);
    else if (this.counts.size < this.cap) this.counts.set(name, n);
    else this.dropped += n;
  }

  /** Names by count, most first (at most `limit`). */
  top(limit = 20): { name: string; count: number }[] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([name, count]) => ({ name, count }));
  }
}

const ms = (us: number): number => Math.round(us / 10) / 100;

/** Count, sum, sum of squares, minimum and maximum of a time in µs: average, deviation, extremes. */
export class TimeStats {
  count = 0;
  sumUs = 0;
  /** Sum of squares in ms² (µs² would pass 2^53 after a few long samples). */
  sumSqMs = 0;
  minUs = Number.POSITIVE_INFINITY;
  maxUs = 0;

  add(us: number): void {
    this.count++;
    this.sumUs += us;
    this.sumSqMs += (us / 1000) ** 2;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  get avgMs(): number | null {
    return this.count > 0 ? ms(this.sumUs / this.count) : null;
  }

  /** Population standard deviation in ms. */
  get stdDevMs(): number | null {
    if (this.count === 0) return null;
    const mean = this.sumUs / this.count / 1000;
    return Math.round(Math.sqrt(Math.max(0, this.sumSqMs / this.count - mean * mean)) * 100) / 100;
  }

  get minMs(): number | null {
    return this.count > 0 ? ms(this.minUs) : null;
  }

  get maxMs(): number | null {
    return this.count > 0 ? ms(this.maxUs) : null;
  }
}

/** A bounded code → count tally (cipher suites, versions) with numeric keys; names made when asked. */
export class CodeTally {
  readonly counts = new Map<number, number>();
  constructor(private readonly cap: number) {}

  add(code: number, n = 1): void {
    const had = this.counts.get(code);
    if (had !== undefined) this.counts.set(code, had + n);
    else if (this.counts.size < this.cap) this.counts.set(code, n);
  }

  top(format: (code: number) => string, limit = 20): { name: string; count: number }[] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([code, count]) => ({ name: format(code), count }));
  }
}
