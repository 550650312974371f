/**
 * @module tablefilter
 * The table filter of REST lists: a plain string matches (case-insensitively) as a substring of a
 * row's searchText; a string starting with '(' is a complex expression over the list's columns.
 * Returns a predicate, or null for an empty filter; throws FilterSyntaxError on a bad filter.
 */
import type { ListColumn } from '../modules/resource.js';
import { compileTableFilter, type RowPredicate } from './compile.js';
import { parseTableFilter } from './parser.js';

export type { RowPredicate } from './compile.js';

export function buildTableFilter(filter: string, columns: readonly ListColumn[]): RowPredicate | null {
  const trimmed = filter.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('(')) return compileTableFilter(parseTableFilter(filter), columns);
  const needle = trimmed.toLowerCase();
  return (view, row) => view.searchText(row).toLowerCase().includes(needle);
}
