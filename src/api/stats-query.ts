/**
 * @module api/stats-query
 * The query string of statistics requests: its JSON schema (validated by Fastify, 400 naming the
 * parameter) and its conversion into the StatsQuery of src/modules/resource.ts and the list
 * parameters. Unknown parameters are ignored (scripts add cache-busters), known ones never are.
 */
import { LIST_LIMITS, QUERY_LIMITS } from '../config/limits.js';
import type { StatsQuery } from '../modules/resource.js';
import { badParameter } from './api-error.js';

const epoch = { type: 'integer', minimum: 0, maximum: QUERY_LIMITS.maxEpochSec } as const;

export const statsQuerySchema = {
  type: 'object',
  properties: {
    starttime: { ...epoch, description: 'interval start, epoch seconds' },
    endtime: { ...epoch, description: 'interval end (exclusive), epoch seconds' },
    skiphistorydata: { type: 'boolean', default: false, description: 'leave history series out' },
    timespan: { type: 'integer', minimum: 1, maximum: QUERY_LIMITS.maxTimespanSec, description: 'history resolution in seconds' },
    values: { type: 'integer', minimum: 1, maximum: QUERY_LIMITS.maxValues, default: QUERY_LIMITS.defaultValues, description: 'most points per history series' },
    sort: { type: 'string', minLength: 1, maxLength: 64, description: 'list: column to sort by' },
    reverse: { type: 'boolean', default: false, description: 'list: true = descending' },
    page: { type: 'integer', minimum: 0, maximum: LIST_LIMITS.maxPage, default: 0, description: 'list: page number from 0' },
    count: { type: 'integer', minimum: 1, maximum: LIST_LIMITS.maxCount, default: LIST_LIMITS.defaultCount, description: 'list: rows per page' },
    csv: { type: 'boolean', default: false, description: 'list: the whole list as CSV' },
    filter: { type: 'string', maxLength: LIST_LIMITS.maxFilterChars, description: 'list: substring, or a complex filter starting with (' },
    'mm-id': { type: 'string', maxLength: 128, description: 'analysis slot: [device]:slot' },
    group: { type: 'integer', minimum: 0, maximum: 0, description: 'virtual link group (only 0 exists)' },
  },
} as const;

/**
 * What to do instead, appended to the 400 of a parameter out of range. `count` is capped at 100 as
 * the appliance's documentation says (its own peers example asks 9999): larger answers are paged
 * or taken as CSV, which streams the whole list.
 */
export const PARAMETER_HINTS: Readonly<Record<string, string>> = {
  count: `a page holds at most ${LIST_LIMITS.maxCount} rows: page through with page=0,1,… or take the whole list with csv=true`,
};

export interface StatsQueryString {
  starttime?: number;
  endtime?: number;
  skiphistorydata: boolean;
  timespan?: number;
  values: number;
  sort?: string;
  reverse: boolean;
  page: number;
  count: number;
  csv: boolean;
  filter?: string;
  'mm-id'?: string;
  group?: number;
}

export interface ListParams {
  readonly sort: string | undefined;
  readonly descending: boolean;
  readonly page: number;
  readonly count: number;
  readonly csv: boolean;
  readonly filter: string;
}

export function toStatsQuery(q: StatsQueryString): StatsQuery {
  if (q.starttime !== undefined && q.endtime !== undefined && q.endtime <= q.starttime) {
    throw badParameter('endtime', 'parameter \'endtime\' must be later than starttime');
  }
  return { startSec: q.starttime, endSec: q.endtime, timespan: q.timespan, values: q.values, skipHistory: q.skiphistorydata };
}

export function toListParams(q: StatsQueryString): ListParams {
  return { sort: q.sort, descending: q.reverse, page: q.page, count: q.count, csv: q.csv, filter: q.filter ?? '' };
}
