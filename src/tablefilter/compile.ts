/**
 * @module tablefilter/compile
 * Check a parsed table filter against a list's columns (unknown column, a non-number compared
 * with a number column, `~` on a number column → FilterSyntaxError with the position) and compile
 * it into a row predicate of closures. Text comparisons ignore case; `=` on text is equality,
 * `~` is substring; `<`/`>` on text compare by code units.
 */
import type { ListColumn, ListView } from '../modules/resource.js';
import { FilterSyntaxError } from '../filter/syntax-error.js';
import type { Comparison, FilterNode } from './ast.js';

export type RowPredicate = (view: ListView, row: number) => boolean;

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function findColumn(columns: readonly ListColumn[], name: string, pos: number): number {
  const lower = name.toLowerCase();
  const index = columns.findIndex((c) => c.name.toLowerCase() === lower);
  if (index < 0) {
    throw new FilterSyntaxError(`unknown column '${name}'`, pos, columns.map((c) => c.name));
  }
  return index;
}

function compileNumber(cmp: Comparison, col: number): RowPredicate {
  if (cmp.op === '~' || cmp.op === '!~') {
    throw new FilterSyntaxError(`operator '${cmp.op}' needs a text column, '${cmp.column}' is a number`, cmp.valuePos, ['= != < <= > >=']);
  }
  if (cmp.quoted || !NUMBER_RE.test(cmp.value)) {
    throw new FilterSyntaxError(`'${cmp.value}' is not a number (column '${cmp.column}' is a number)`, cmp.valuePos, ['a number']);
  }
  const v = Number(cmp.value);
  switch (cmp.op) {
    case '=': return (view, row) => view.number(row, col) === v;
    case '!=': return (view, row) => view.number(row, col) !== v;
    case '<': return (view, row) => view.number(row, col) < v;
    case '<=': return (view, row) => view.number(row, col) <= v;
    case '>': return (view, row) => view.number(row, col) > v;
    case '>=': return (view, row) => view.number(row, col) >= v;
  }
}

function compileText(cmp: Comparison, col: number): RowPredicate {
  const v = cmp.value.toLowerCase();
  const text = (view: ListView, row: number): string => view.text(row, col).toLowerCase();
  switch (cmp.op) {
    case '=': return (view, row) => text(view, row) === v;
    case '!=': return (view, row) => text(view, row) !== v;
    case '<': return (view, row) => text(view, row) < v;
    case '<=': return (view, row) => text(view, row) <= v;
    case '>': return (view, row) => text(view, row) > v;
    case '>=': return (view, row) => text(view, row) >= v;
    case '~': return (view, row) => text(view, row).includes(v);
    case '!~': return (view, row) => !text(view, row).includes(v);
  }
}

/** Check `node` against `columns` and compile it into a predicate. */
export function compileTableFilter(node: FilterNode, columns: readonly ListColumn[]): RowPredicate {
  switch (node.kind) {
    case 'compare': {
      const col = findColumn(columns, node.column, node.columnPos);
      return (columns[col] as ListColumn).type === 'number' ? compileNumber(node, col) : compileText(node, col);
    }
    case 'not': {
      const p = compileTableFilter(node.operand, columns);
      return (view, row) => !p(view, row);
    }
    case 'and': {
      const l = compileTableFilter(node.left, columns);
      const r = compileTableFilter(node.right, columns);
      return (view, row) => l(view, row) && r(view, row);
    }
    case 'or': {
      const l = compileTableFilter(node.left, columns);
      const r = compileTableFilter(node.right, columns);
      return (view, row) => l(view, row) || r(view, row);
    }
  }
}
