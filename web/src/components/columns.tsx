/**
 * Table columns derived from the rows an API list answers: identity fields link to their detail page,
 * the 4-value counters become packets/bytes/bit-rate columns (combined or per direction) sorted on the
 * server's sort keys, `history` becomes a sparkline, one level of nested objects is flattened.
 */
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { isCounters, isHistory, type Counters, type Row } from '../api/types';
import * as fmt from '../format';
import { Sparkline } from './Sparkline';

export type ColumnGroup = 'field' | 'combined' | 'direction' | 'graph';

export interface ColumnSpec {
  readonly id: string;
  readonly header: string;
  /** the API's `sort` value; undefined = not sortable */
  readonly sortKey: string | undefined;
  readonly group: ColumnGroup;
  readonly numeric: boolean;
  readonly render: (row: Row) => ReactNode;
  /** plain text of the cell (tests, titles) */
  readonly text: (row: Row) => string;
}

const TIME_FIELDS = new Set(['firstSeen', 'lastSeen', 'startTime', 'lastActivity', 'lastNewConnection', 'created']);
const COUNTER_SETS = new Set(['allTime', 'lastSecond', 'interval', 'intervalPerSecond']);

function counters(row: Row, key: string): Counters | undefined {
  const v = row[key];
  return isCounters(v) ? v : undefined;
}

function scalarText(key: string, v: unknown): string {
  if (typeof v === 'number' && TIME_FIELDS.has(key)) return fmt.time(v);
  if (typeof v === 'number' && key === 'duration') return fmt.duration(v);
  return fmt.cell(v);
}

/** Where a row's identity field leads. */
export type RowTarget =
  | { readonly to: '/connection/$id'; readonly params: { readonly id: string } }
  | { readonly to: '/ip/$ip'; readonly params: { readonly ip: string } }
  | { readonly to: '/mac/$mac'; readonly params: { readonly mac: string } };

export function rowTarget(path: string, row: Row): RowTarget | undefined {
  if (/connections(_paged)?$/.test(path) && (typeof row.id === 'number' || typeof row.id === 'string') && 'client' in row) {
    return { to: '/connection/$id', params: { id: String(row.id) } };
  }
  if (typeof row.ip === 'string') return { to: '/ip/$ip', params: { ip: row.ip } };
  if (typeof row.mac === 'string') return { to: '/mac/$mac', params: { mac: row.mac } };
  return undefined;
}

function linkCell(key: string, v: unknown, path: string, row: Row): ReactNode {
  const text = fmt.cell(v);
  if (typeof v !== 'string' && typeof v !== 'number') return text;
  if (key === 'ip' || key === 'client' || key === 'server' || key === 'srcIp' || key === 'dstIp') {
    return <Link to="/ip/$ip" params={{ ip: String(v) }}>{text}</Link>;
  }
  if (key === 'mac' || key === 'srcMac' || key === 'dstMac') return <Link to="/mac/$mac" params={{ mac: String(v) }}>{text}</Link>;
  if (key === 'id') {
    const t = rowTarget(path, row);
    if (t?.to === '/connection/$id') return <Link to="/connection/$id" params={{ id: String(v) }}>{text}</Link>;
  }
  return text;
}

const LINK_KEYS = new Set(['ip', 'client', 'server', 'srcIp', 'dstIp', 'mac', 'srcMac', 'dstMac', 'id']);

export function deriveColumns(path: string, sample: Row | undefined): ColumnSpec[] {
  if (sample === undefined) return [];
  const cols: ColumnSpec[] = [];
  let hasCounters = false;
  for (const [key, v] of Object.entries(sample)) {
    if (COUNTER_SETS.has(key) && isCounters(v)) { hasCounters = true; continue; }
    if (key === 'history') continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const sub of Object.keys(v)) {
        const get = (row: Row): unknown => {
          const o = row[key];
          return o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[sub] : undefined;
        };
        cols.push({
          // The API names a nested field's sort key in camel case (ttl.min → ttlMin); a list that has
          // none answers 400, shown above the table.
          id: `${key}.${sub}`, header: `${key} ${sub}`, sortKey: `${key}${sub.charAt(0).toUpperCase()}${sub.slice(1)}`, group: 'field',
          numeric: typeof (v as Record<string, unknown>)[sub] === 'number',
          render: (row) => fmt.cell(get(row)), text: (row) => fmt.cell(get(row)),
        });
      }
      continue;
    }
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) {
      const text = (row: Row): string => {
        const a = row[key];
        return Array.isArray(a) ? `${fmt.count(Number(a[0]))} pkt / ${fmt.bytes(Number(a[1]))}` : '';
      };
      cols.push({ id: key, header: key, sortKey: undefined, group: 'field', numeric: true, render: text, text });
      continue;
    }
    cols.push({
      id: key, header: key, sortKey: key, group: 'field', numeric: typeof v === 'number' && !TIME_FIELDS.has(key),
      render: (row) => (LINK_KEYS.has(key) ? linkCell(key, row[key], path, row) : scalarText(key, row[key])),
      text: (row) => scalarText(key, row[key]),
    });
  }
  if (hasCounters) {
    const c = (i: 0 | 1 | 2 | 3) => (row: Row): number => counters(row, 'interval')?.[i] ?? 0;
    const sum = (a: 0 | 1, row: Row): number => (counters(row, 'interval')?.[a] ?? 0) + (counters(row, 'interval')?.[a + 2] ?? 0);
    const rate = (row: Row): number => {
      const ps = counters(row, 'intervalPerSecond');
      return ps ? (ps[1] + ps[3]) * 8 : 0;
    };
    const num = (id: string, header: string, sortKey: string, group: ColumnGroup, get: (r: Row) => number, f: (n: number) => string): ColumnSpec => ({
      id, header, sortKey, group, numeric: true, render: (r) => f(get(r)), text: (r) => f(get(r)),
    });
    cols.push(
      num('packets', 'packets', 'packets', 'combined', (r) => sum(0, r), fmt.count),
      num('bytes', 'bytes', 'bytes', 'combined', (r) => sum(1, r), fmt.bytes),
      num('rxPackets', 'rx packets', 'rxpackets', 'direction', c(0), fmt.count),
      num('rxBytes', 'rx bytes', 'rxbytes', 'direction', c(1), fmt.bytes),
      num('txPackets', 'tx packets', 'txpackets', 'direction', c(2), fmt.count),
      num('txBytes', 'tx bytes', 'txbytes', 'direction', c(3), fmt.bytes),
      num('bps', 'bit/s', 'bps', 'combined', rate, fmt.bits),
      {
        id: 'history', header: 'history', sortKey: undefined, group: 'graph', numeric: false,
        render: (row) => (isHistory(row.history) ? <Sparkline history={row.history} /> : null), text: () => '',
      },
    );
  }
  return cols;
}
