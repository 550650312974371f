/**
 * @module api/list/select-page
 * One page of a sorted list without sorting the whole list: for the first pages a bounded
 * max-heap keeps the best (page+1)·count rows in one pass; for deep pages a quickselect places
 * the page's first and last rows in O(n) and only the page itself is sorted. Sorting everything
 * (for CSV) is `sortAll`.
 */
import type { RowCompare } from './row-order.js';

/** Above this many kept rows the heap gives way to quickselect. */
const HEAP_LIMIT = 2048;

/** The rows of positions [offset, offset+count) of `rows` in `compare` order. `rows` may be reordered. */
export function selectPage(rows: Uint32Array, compare: RowCompare, offset: number, count: number): number[] {
  const n = rows.length;
  if (offset >= n || count <= 0) return [];
  const end = Math.min(n, offset + count);
  if (end <= HEAP_LIMIT) return heapTop(rows, compare, end).slice(offset, end);
  quickselect(rows, compare, 0, n - 1, offset);
  if (end - 1 > offset) quickselect(rows, compare, offset + 1, n - 1, end - 1);
  return Array.from(rows.subarray(offset, end)).sort(compare);
}

/** The first k rows in order: a max-heap (by compare) of size k over one pass. */
function heapTop(rows: Uint32Array, compare: RowCompare, k: number): number[] {
  const heap = new Uint32Array(k);
  let size = 0;
  const siftUp = (i: number): void => {
    const x = heap[i] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = heap[p] as number;
      if (compare(pv, x) >= 0) break;
      heap[i] = pv;
      i = p;
    }
    heap[i] = x;
  };
  const siftDown = (i: number): void => {
    const x = heap[i] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      const r = c + 1;
      if (r < size && compare(heap[r] as number, heap[c] as number) > 0) c = r;
      const cv = heap[c] as number;
      if (compare(cv, x) <= 0) break;
      heap[i] = cv;
      i = c;
    }
    heap[i] = x;
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (size < k) {
      heap[size] = row;
      siftUp(size++);
    } else if (compare(row, heap[0] as number) < 0) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return Array.from(heap.subarray(0, size)).sort(compare);
}

/** Reorder rows[lo..hi] so that rows[k] is the row of rank k, smaller before, larger after. */
function quickselect(rows: Uint32Array, compare: RowCompare, lo: number, hi: number, k: number): void {
  let seed = 0x9e3779b9;
  while (hi > lo) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const pivot = rows[lo + (seed % (hi - lo + 1))] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (compare(rows[i] as number, pivot) < 0) i++;
      while (compare(rows[j] as number, pivot) > 0) j--;
      if (i <= j) {
        const t = rows[i] as number;
        rows[i] = rows[j] as number;
        rows[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Sort all rows in place (CSV export). */
export function sortAll(rows: Uint32Array, compare: RowCompare): Uint32Array {
  return rows.sort(compare);
}
