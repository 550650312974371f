/**
 * @module api/list/answer-list
 * Answer a list request: filter (src/tablefilter), order by the `sort` column (default: the
 * resource's defaultSort), then either one page — `{displayedItems, totalCount, unfilteredCount,
 * page, count, sort, reverse}` by partial selection — or, with csv=true, every row as a CSV stream.
 */
import type { ListResource, ListView } from '../../modules/resource.js';
import { buildTableFilter } from '../../tablefilter/index.js';
import { badParameter } from '../api-error.js';
import type { ListParams } from '../stats-query.js';
import { candidateRows } from './candidates.js';
import { csvStream } from './csv-stream.js';
import { rowOrder } from './row-order.js';
import { selectPage, sortAll } from './select-page.js';
import type { Readable } from 'node:stream';
import type { JsonObject } from '../../modules/resource.js';

export interface ListPage {
  displayedItems: JsonObject[];
  totalCount: number;
  unfilteredCount: number;
  page: number;
  count: number;
  sort: string;
  reverse: boolean;
}

function sortColumn(view: ListView, name: string): number {
  const lower = name.toLowerCase();
  const index = view.columns.findIndex((c) => c.name.toLowerCase() === lower);
  if (index < 0) throw badParameter('sort', `unknown sort column '${name.slice(0, 64)}' (columns: ${view.columns.map((c) => c.name).join(', ')})`);
  return index;
}

/** Filtered row numbers in request order (for CSV), or one page of them. */
export function answerList(resource: ListResource, view: ListView, params: ListParams): ListPage | Readable {
  const sortName = params.sort ?? resource.defaultSort;
  const column = sortColumn(view, sortName);
  const predicate = buildTableFilter(params.filter, view.columns);
  const rows = candidateRows(view, predicate);
  const order = rowOrder(view, rows, column, params.descending);
  if (params.csv) return csvStream(view, sortAll(rows, order.compare));
  const totalCount = rows.length;
  const page = selectPage(rows, order.compare, params.page * params.count, params.count);
  return {
    displayedItems: page.map((r) => view.json(r)),
    totalCount,
    unfilteredCount: view.size,
    page: params.page,
    count: params.count,
    sort: view.columns[column]?.name ?? sortName,
    reverse: params.descending,
  };
}
