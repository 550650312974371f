/**
 * @module api/list/candidates
 * The rows of a ListView that pass the request's filter, as a Uint32Array of row numbers.
 */
import type { ListView } from '../../modules/resource.js';
import type { RowPredicate } from '../../tablefilter/index.js';

export function candidateRows(view: ListView, predicate: RowPredicate | null): Uint32Array {
  const n = view.size;
  if (predicate === null) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const out = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (predicate(view, i)) out[m++] = i;
  return out.subarray(0, m);
}
