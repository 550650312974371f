/**
 * @module modules/derived-row
 * A list with one more row whose traffic is the rest of a whole: whole − Σ rows. Used where the
 * common case is not stored at all (an IP's default DSCP class CS0 is its traffic minus its
 * marked traffic), which keeps one entity per IP out of the store.
 */
import type { JsonObject, JsonValue, ListView } from './resource.js';

/** Traffic columns that add up (entity-list.ts); firstSeen/lastSeen and module columns do not. */
const ADDITIVE = new Set(['packets', 'bytes', 'rxpackets', 'rxbytes', 'txpackets', 'txbytes', 'pps', 'bps', 'rxbps', 'txbps']);
const COUNTER_SETS = ['allTime', 'lastSecond', 'interval', 'intervalPerSecond'] as const;

/**
 * `parts` plus a row for `whole` (a one-row view of the same columns, the entity the parts divide)
 * minus the parts. `fields` gives the row's own columns (by name) and JSON fields. The row is left
 * out when nothing remains.
 */
export function withRemainderRow(parts: ListView, whole: ListView, fields: { readonly values: Readonly<Record<string, number | string>>; readonly json: JsonObject }): ListView {
  const columns = parts.columns;
  const remainder = columns.map((c, k) => {
    if (ADDITIVE.has(c.name)) {
      let v = whole.number(0, k);
      for (let r = 0; r < parts.size; r++) v -= parts.number(r, k);
      return v;
    }
    const own = fields.values[c.name];
    if (own !== undefined) return own;
    const w = whole.columns.findIndex((x) => x.name === c.name);
    return w >= 0 ? (c.type === 'number' ? whole.number(0, w) : whole.text(0, w)) : Number.NaN;
  });
  const all = whole.size > 0 ? whole.json(0).allTime : undefined;
  const present = Array.isArray(all) && (Number(all[0]) - sumOf(parts, 'allTime', 0)) + (Number(all[2]) - sumOf(parts, 'allTime', 2)) > 0;
  if (!present) return parts;
  const n = parts.size;
  return {
    size: n + 1,
    columns,
    number: (row, column) => (row < n ? parts.number(row, column) : Number(remainder[column])),
    text: (row, column) => (row < n ? parts.text(row, column) : String(remainder[column])),
    searchText: (row) => (row < n ? parts.searchText(row) : Object.values(fields.values).join(' ')),
    json: (row) => {
      if (row < n) return parts.json(row);
      const w = whole.json(0);
      const out: JsonObject = { ...fields.json };
      for (const set of COUNTER_SETS) {
        const total = w[set];
        if (!Array.isArray(total)) continue;
        out[set] = (total as JsonValue[]).map((v, i) => Number(v) - sumOf(parts, set, i));
      }
      return out;
    },
  };
}

function sumOf(view: ListView, set: string, i: number): number {
  let s = 0;
  for (let r = 0; r < view.size; r++) {
    const a = view.json(r)[set];
    if (Array.isArray(a)) s += Number(a[i] ?? 0);
  }
  return s;
}
