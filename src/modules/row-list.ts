/**
 * @module modules/row-list
 * A ListView over plain rows (objects made when a request is answered: names, leases, user
 * names), for lists that are not entities of a table. Columns read a row; the API layer sorts,
 * filters, pages and asks `json` only for displayed rows.
 */
import type { JsonObject, ListView } from './resource.js';

export interface RowColumn<T> {
  readonly name: string;
  readonly type: 'number' | 'string';
  value(row: T): number | string;
}

export function rowListView<T>(rows: readonly T[], columns: readonly RowColumn<T>[], searchText: (row: T) => string, json: (row: T) => JsonObject): ListView {
  return {
    size: rows.length,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    number(row, column) {
      const v = columns[column]?.value(rows[row] as T);
      return typeof v === 'number' ? v : Number.NaN;
    },
    text(row, column) {
      const v = columns[column]?.value(rows[row] as T);
      return v === undefined ? '' : String(v);
    },
    searchText: (row) => searchText(rows[row] as T),
    json: (row) => json(rows[row] as T),
  };
}
