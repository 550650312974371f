/**
 * Any API object as readable fields: scalars as a definition list, 4-value counters as a small
 * rx/tx table, history series as a chart with a bps/pps switch (or, for L7 answers with `figures`, one line
 * per named figure), nested objects recursively and arrays of
 * objects as a simple table.
 */
import type { ReactNode } from 'react';
import { isCounters, isHistory, type Row } from '../api/types';
import * as fmt from '../format';
import { useAppState } from '../state/app-state';
import { FiguresChart } from './FiguresChart';
import { HistoryChart } from './HistoryChart';

const TIME_FIELDS = new Set(['firstSeen', 'lastSeen', 'startTime', 'lastActivity', 'lastNewConnection', 'created', 'time']);

function scalar(key: string, v: unknown): string {
  if (typeof v === 'number' && TIME_FIELDS.has(key)) return fmt.time(v);
  if (typeof v === 'number' && key === 'duration') return fmt.duration(v);
  return v === null ? '–' : fmt.cell(v);
}

function CounterTable({ entries }: { readonly entries: readonly (readonly [string, readonly [number, number, number, number]])[] }): ReactNode {
  return (
    <table className="counters">
      <thead><tr><th /><th className="num">rx packets</th><th className="num">rx bytes</th><th className="num">tx packets</th><th className="num">tx bytes</th></tr></thead>
      <tbody>
        {entries.map(([k, c]) => (
          <tr key={k}><th>{k}</th><td className="num">{fmt.count(c[0])}</td><td className="num">{fmt.bytes(c[1])}</td><td className="num">{fmt.count(c[2])}</td><td className="num">{fmt.bytes(c[3])}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** Sets the global range to an entity's first … last activity (its graph then shows just that). */
function ZoomToActivity({ first, last }: { readonly first: number; readonly last: number }): ReactNode {
  const { setRange } = useAppState();
  return (
    <button type="button" data-testid="zoom-activity" onClick={() => { setRange({ kind: 'custom', start: Math.floor(first), end: Math.floor(last) + 1 }); }}>
      Zoom to its activity ({fmt.time(first)} … {fmt.time(last)})
    </button>
  );
}

export function ObjectView({ value, depth = 0 }: { readonly value: Row; readonly depth?: number }): ReactNode {
  const scalars: [string, unknown][] = [];
  const counters: [string, readonly [number, number, number, number]][] = [];
  const nested: [string, Row][] = [];
  const lists: [string, readonly Row[]][] = [];
  const charts: ReactNode[] = [];
  // L7 answers name their history's columns in `figures` (not the traffic counters' rx/tx layout).
  const figures = Array.isArray(value.figures) && value.figures.every((f) => typeof f === 'string') ? value.figures : undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'figures' && figures !== undefined) continue;
    if (isCounters(v)) counters.push([k, v]);
    else if (isHistory(v) && figures !== undefined) charts.push(<FiguresChart key={k} history={v} figures={figures} />);
    else if (isHistory(v)) charts.push(<HistoryChart key={k} title={k === 'history' ? 'history' : k} history={v} />);
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) lists.push([k, v as Row[]]);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) nested.push([k, v as Row]);
    else scalars.push([k, v]);
  }
  const first = value.firstSeen;
  const last = value.lastSeen;
  return (
    <div className={`object depth-${depth}`}>
      {depth === 0 && typeof first === 'number' && typeof last === 'number' && charts.length > 0 ? <div className="actions"><ZoomToActivity first={first} last={last} /></div> : null}
      {scalars.length > 0 ? (
        <dl className="fields">
          {scalars.map(([k, v]) => <div key={k}><dt>{k}</dt><dd data-field={k}>{scalar(k, v)}</dd></div>)}
        </dl>
      ) : null}
      {counters.length > 0 ? <CounterTable entries={counters} /> : null}
      {charts}
      {nested.map(([k, v]) => (
        <section key={k} className="nested"><h3>{k}</h3><ObjectView value={v} depth={depth + 1} /></section>
      ))}
      {lists.map(([k, rows]) => {
        const keys = Object.keys(rows[0] ?? {});
        return (
          <section key={k} className="nested">
            <h3>{k}</h3>
            <table className="plain">
              <thead><tr>{keys.map((c) => <th key={c}>{c}</th>)}</tr></thead>
              <tbody>{rows.map((r, i) => <tr key={i}>{keys.map((c) => <td key={c}>{isCounters(r[c]) ? (r[c] as readonly number[]).map((n) => fmt.count(n)).join(' / ') : scalar(c, r[c])}</td>)}</tr>)}</tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
