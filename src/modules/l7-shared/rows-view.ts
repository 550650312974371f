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
