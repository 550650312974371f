/**
 * @module modules/names/name-rows
 * The list of name-book entries (IP, name, source, count, first and last seen) as served by the
 * names module's learned_paged and the DNS module's resolved_paged: one schema, one set of columns.
 */
import type { NameEntry } from '../../names/name-book.js';
import type { ListView } from '../resource.js';
import { rowListView } from '../row-list.js';
import { int, objectSchema, str } from '../traffic-schema.js';

export const NAME_ROW_SCHEMA = objectSchema({ ip: str, name: str, source: str, count: int, firstSeen: int, lastSeen: int });

/** A sortable, filterable list view of name-book entries; the search text is IP, name and source. */
export function nameRowsView(entries: readonly NameEntry[]): ListView {
  return rowListView(entries, [
    { name: 'ip', type: 'string', value: (r) => r.ip },
    { name: 'name', type: 'string', value: (r) => r.name },
    { name: 'source', type: 'string', value: (r) => r.source },
    { name: 'count', type: 'number', value: (r) => r.count },
    { name: 'firstSeen', type: 'number', value: (r) => r.firstSeen },
    { name: 'lastSeen', type: 'number', value: (r) => r.lastSeen },
  ], (r) => `${r.ip} ${r.name} ${r.source}`, (r) => ({ ip: r.ip, name: r.name, source: r.source, count: r.count, firstSeen: r.firstSeen, lastSeen: r.lastSeen }));
}
