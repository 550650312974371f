/**
 * @module cli/memory-budget
 * The `--memory-budget MiB` option shared by `serve` and `analyze`: the statistics store's memory
 * budget (tables and history); without it, defaultMemoryBudget() (a quarter of the machine's
 * memory, 256 MiB … 16 GiB).
 */
import { UsageError } from '../core/errors.js';
import { defaultMemoryBudget } from '../store/store.js';

/** Smallest and largest budget accepted, MiB. */
export const MEMORY_BUDGET_MIB = { min: 16, max: 1024 * 1024 } as const;

/** The option's help, its description starting at column `column` (after the usage's indent). */
export function memoryBudgetHelp(column: number): string {
  const option = '--memory-budget MiB';
  const indent = ' '.repeat(column + 2);
  const head = option.length < column ? option.padEnd(column) : `${option}\n${indent}`;
  return `${head}memory for statistics tables and history (default a quarter of\n`
    + `${indent}RAM within 256 … 16384 MiB: ${Math.round(defaultMemoryBudget() / 2 ** 20)} here); when it is full, the oldest\n`
    + `${indent}history and the longest-idle entities go first`;
}

/** Bytes for `--memory-budget`'s text, or the default when absent. */
export function parseMemoryBudget(text: string | undefined): number {
  if (text === undefined) return defaultMemoryBudget();
  const mib = /^\d{1,8}$/.test(text) ? Number(text) : Number.NaN;
  if (!(mib >= MEMORY_BUDGET_MIB.min && mib <= MEMORY_BUDGET_MIB.max)) {
    throw new UsageError(`--memory-budget '${text}' must be a whole number of MiB from ${MEMORY_BUDGET_MIB.min} to ${MEMORY_BUDGET_MIB.max}`);
  }
  return mib * 2 ** 20;
}
