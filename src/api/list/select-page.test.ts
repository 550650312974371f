/**
 * selectPage must agree with a full sort for every page and count, on both paths (heap and
 * quickselect), with ties and NaN.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { JsonObject, ListView } from '../../modules/resource.js';
import { candidateRows } from './candidates.js';
import { rowOrder } from './row-order.js';
import { selectPage, sortAll } from './select-page.js';

function view(values: number[]): ListView {
  return {
    size: values.length,
    columns: [{ name: 'v', type: 'number' }, { name: 's', type: 'string' }],
    number: (r) => values[r] as number,
    text: (r) => `k${(values[r] as number) % 17}`,
    searchText: () => '',
    json: (r): JsonObject => ({ r }),
  };
}

test('every page equals the slice of a full sort (heap and quickselect paths, ties, NaN)', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const values = Array.from({ length: 6000 }, (_, i) => (i % 50 === 0 ? NaN : Math.floor(rnd() * 300)));
  const v = view(values);
  for (const column of [0, 1]) {
    for (const descending of [false, true]) {
      const all = candidateRows(v, null);
      const order = rowOrder(v, all, column, descending);
      const sorted = Array.from(sortAll(candidateRows(v, null), order.compare));
      for (const [page, count] of [[0, 1], [0, 100], [3, 100], [19, 100], [25, 100], [59, 100], [60, 100], [0, 6000], [1234, 3]]) {
        const p = page as number;
        const c = count as number;
        const got = selectPage(candidateRows(v, null), order.compare, p * c, c);
        assert.deepEqual(got, sorted.slice(p * c, p * c + c), `column ${column} desc ${descending} page ${p} count ${c}`);
      }
    }
  }
});

test('filtered candidates keep only matching rows', () => {
  const v = view([5, 1, 9, 3]);
  assert.deepEqual(Array.from(candidateRows(v, (view_, r) => view_.number(r, 0) > 2)), [0, 2, 3]);
});
