/** --memory-budget: MiB to bytes, the default, and the usage errors. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { UsageError } from '../core/errors.js';
import { defaultMemoryBudget } from '../store/store.js';
import { parseMemoryBudget } from './memory-budget.js';

test('--memory-budget is MiB; absent means the default', () => {
  assert.equal(parseMemoryBudget('512'), 512 * 2 ** 20);
  assert.equal(parseMemoryBudget(undefined), defaultMemoryBudget());
});

test('--memory-budget refuses what is not a whole number of MiB in range', () => {
  for (const bad of ['', 'abc', '-5', '1.5', '8', '2000000', '1e3']) {
    assert.throws(() => parseMemoryBudget(bad), UsageError, bad);
  }
});
