/**
 * @module api/list/row-order
 * The total order of a list's rows for one request: by one column (numbers numerically, NaN
 * first; text by code units), ascending or descending, ties broken by row number so that paging
 * is deterministic. Keys are read from the ListView once per row into a flat array.
 */
import type { ListView } from '../../modules/resource.js';

export type RowCompare = (a: number, b: number) => number;

export interface RowOrder {
  /** Negative when row a comes before row b. Never 0 for a ≠ b. */
  readonly compare: RowCompare;
}

/** Build the order of `rows` (the candidate rows) by `column`; `descending` is the API's reverse=true. */
export function rowOrder(view: ListView, rows: Uint32Array, column: number, descending: boolean): RowOrder {
  const type = view.columns[column]?.type ?? 'number';
  const sign = descending ? -1 : 1;
  if (type === 'number') {
    const keys = new Float64Array(view.size);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as number;
      const v = view.number(r, column);
      keys[r] = Number.isNaN(v) ? -Infinity : v;
    }
    return {
      compare: (a, b) => {
        const d = (keys[a] as number) - (keys[b] as number);
        return d !== 0 && !Number.isNaN(d) ? sign * d : a - b;
      },
    };
  }
  const keys: string[] = new Array<string>(view.size);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    keys[r] = view.text(r, column);
  }
  return {
    compare: (a, b) => {
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      return ka < kb ? -sign : ka > kb ? sign : a - b;
    },
  };
}
