/**
 * A server-side table over one API list (`…_paged` and friends): sort, paging and filter happen on the
 * server (`sort`, `reverse`, `page`, `count`, `filter`), the global time range and slot are sent along.
 * Headless TanStack Table holds the columns and their visibility (column chooser, "counters combined"),
 * rows are keyboard-navigable (arrows, Enter opens), a filter error shows where the API found it.
 */
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from '@tanstack/react-table';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ApiFailure, apiUrl } from '../api/client';
import type { ListAnswer, Row } from '../api/types';
import { useRangeQuery } from '../state/app-state';
import { useCaptureAvailable } from '../state/capabilities';
import { useApi } from '../state/use-api';
import * as fmt from '../format';
import { GeoAttribution, hasCountry } from './GeoAttribution';
import { CaptureDialog, rowExpression, rowLifetime, rowTitle } from './CaptureDialog';
import { deriveColumns, rowTarget, type ColumnSpec } from './columns';

export interface DataTableProps {
  /** API path below /API, e.g. stats/modules/ip/ips_paged */
  readonly path: string;
  readonly title?: string;
  readonly defaultSort?: string;
  readonly initialFilter?: string;
  readonly testId?: string;
}

function loadVisibility(path: string): VisibilityState {
  try {
    const raw = localStorage.getItem(`wiremeter.columns.${path}`);
    const v: unknown = raw === null ? {} : JSON.parse(raw);
    return typeof v === 'object' && v !== null ? v as VisibilityState : {};
  } catch {
    return {};
  }
}

export function DataTable({ path, title, defaultSort = 'bytes', initialFilter = '', testId }: DataTableProps): ReactNode {
  const range = useRangeQuery();
  const navigate = useNavigate();
  const [sort, setSort] = useState(defaultSort);
  const [reverse, setReverse] = useState(true);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const [filterText, setFilterText] = useState(initialFilter);
  const [filter, setFilter] = useState(initialFilter);
  const [combined, setCombined] = useState(true);
  const [visibility, setVisibility] = useState<VisibilityState>(() => loadVisibility(path));
  const [capture, setCapture] = useState<{ expr: string; row: Readonly<Record<string, unknown>> } | undefined>(undefined);
  const captureOk = useCaptureAvailable();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => { setFilter(initialFilter); setFilterText(initialFilter); setPage(0); }, [initialFilter]);
  useEffect(() => {
    try { localStorage.setItem(`wiremeter.columns.${path}`, JSON.stringify(visibility)); } catch { /* ignored */ }
  }, [path, visibility]);

  const showGraph = visibility.history !== false;
  const query = useMemo(() => ({
    ...range, sort, reverse, page, count: pageSize, filter: filter === '' ? undefined : filter,
    ...(showGraph ? { values: 30 } : { skiphistorydata: true }),
  }), [range, sort, reverse, page, pageSize, filter, showGraph]);
  const answer = useApi<ListAnswer<Row>>(path, query);
  const rows = answer.data?.displayedItems ?? [];
  const sample = rows[0];
  const sampleKeys = sample ? Object.keys(sample).join(',') : '';
  const [specs, setSpecs] = useState<ColumnSpec[]>([]);
  useEffect(() => {
    if (sample !== undefined) setSpecs(deriveColumns(path, sample));
  // Columns change only when the row shape does.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, sampleKeys]);

  const columns = useMemo<ColumnDef<Row>[]>(() => specs.map((s) => ({
    id: s.id,
    header: s.header,
    cell: (ctx) => s.render(ctx.row.original),
    meta: s,
  })), [specs]);
  const effectiveVisibility = useMemo<VisibilityState>(() => {
    const v: VisibilityState = { ...visibility };
    for (const s of specs) {
      if (s.group === 'combined' && s.id !== 'bps') v[s.id] = combined && visibility[s.id] !== false;
      if (s.group === 'direction') v[s.id] = !combined && visibility[s.id] !== false;
    }
    return v;
  }, [visibility, specs, combined]);
  const table = useReactTable({
    data: rows as Row[],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    state: { columnVisibility: effectiveVisibility },
    onColumnVisibilityChange: setVisibility,
  });

  const err = answer.error;
  const filterError = err instanceof ApiFailure && err.body?.parameter === 'filter' ? err.body : undefined;
  const total = answer.data?.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  const onHeader = (s: ColumnSpec): void => {
    if (s.sortKey === undefined) return;
    if (sort.toLowerCase() === s.sortKey.toLowerCase()) setReverse(!reverse);
    else { setSort(s.sortKey); setReverse(s.numeric); }
    setPage(0);
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: Row): void => {
    const tr = e.currentTarget;
    if (e.key === 'ArrowDown') { (tr.nextElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { (tr.previousElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
    if (e.key === 'Enter' && e.target === tr) {
      const t = rowTarget(path, row);
      if (t?.to === '/connection/$id') void navigate({ to: t.to, params: t.params });
      else if (t?.to === '/ip/$ip') void navigate({ to: t.to, params: t.params });
      else if (t?.to === '/mac/$mac') void navigate({ to: t.to, params: t.params });
    }
  };
  const csv = apiUrl(path, { ...range, sort, reverse, filter: filter === '' ? undefined : filter, csv: true });

  return (
    <section className="datatable" data-testid={testId ?? 'datatable'}>
      <div className="table-tools">
        {title ? <h2>{title}</h2> : null}
        <form className="filter" onSubmit={(e) => { e.preventDefault(); setFilter(filterText.trim()); setPage(0); }}>
          <input
            aria-label="Filter" placeholder="filter: text, or (bytes>1e6 and name~foo)" value={filterText} data-testid="filter-input"
            onChange={(e) => { setFilterText(e.target.value); }} className={filterError ? 'invalid' : undefined}
          />
          <button type="submit">Filter</button>
          {filter !== '' ? <button type="button" onClick={() => { setFilter(''); setFilterText(''); setPage(0); }}>Clear</button> : null}
        </form>
        <label className="toggle"><input type="checkbox" checked={combined} onChange={(e) => { setCombined(e.target.checked); }} /> counters combined</label>
        <details className="chooser">
          <summary>Columns</summary>
          <div className="chooser-list">
            {table.getAllLeafColumns().map((c) => (
              <label key={c.id}><input type="checkbox" checked={visibility[c.id] !== false} onChange={(e) => { setVisibility({ ...visibility, [c.id]: e.target.checked }); }} /> {c.id}</label>
            ))}
          </div>
        </details>
        <a className="button" href={csv} download data-testid="csv-link">CSV</a>
      </div>
      {filterError ? (
        <div className="filter-error" role="alert" data-testid="filter-error">
          <pre>{filter}{'\n'}{' '.repeat(Math.max(0, Math.min(filter.length, filterError.position ?? 0)))}^</pre>
          <span>{filterError.error}</span>
        </div>
      ) : err ? <div className="error" role="alert">{err.message}</div> : null}
      <div className="table-scroll">
        <table>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const s = h.column.columnDef.meta as ColumnSpec | undefined;
                  const active = s?.sortKey?.toLowerCase() === sort.toLowerCase();
                  return (
                    <th key={h.id} className={s?.numeric ? 'num' : undefined} aria-sort={active ? (reverse ? 'descending' : 'ascending') : undefined}>
                      {s?.sortKey !== undefined
                        ? <button type="button" className="sort" onClick={() => { onHeader(s); }}>{flexRender(h.column.columnDef.header, h.getContext())}{active ? (reverse ? ' ▼' : ' ▲') : ''}</button>
                        : flexRender(h.column.columnDef.header, h.getContext())}
                    </th>
                  );
                })}
                {captureOk ? <th>PCAP</th> : null}
              </tr>
            ))}
          </thead>
          <tbody ref={body}>
            {table.getRowModel().rows.map((r) => {
              const expr = rowExpression(r.original);
              return (
                <tr key={r.id} tabIndex={0} onKeyDown={(e) => { onRowKey(e, r.original); }}>
                  {r.getVisibleCells().map((c) => {
                    const s = c.column.columnDef.meta as ColumnSpec | undefined;
                    return <td key={c.id} className={s?.numeric ? 'num' : undefined}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>;
                  })}
                  {captureOk ? <td>{expr !== undefined ? <button type="button" className="small" data-testid="row-pcap" onClick={() => { setCapture({ expr, row: r.original }); }}>PCAP</button> : null}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {answer.data && rows.length === 0 ? <p className="muted">no rows{filter !== '' ? ' match the filter' : ' in this time range'}</p> : null}
      </div>
      <div className="pager">
        <button type="button" disabled={page === 0} onClick={() => { setPage(0); }}>«</button>
        <button type="button" disabled={page === 0} onClick={() => { setPage(page - 1); }}>‹</button>
        <span data-testid="page-info">page {fmt.count(page + 1)} of {fmt.count(pages)} · {fmt.count(total)} rows{answer.data !== undefined && answer.data.unfilteredCount !== total ? ` (of ${fmt.count(answer.data.unfilteredCount)})` : ''}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => { setPage(page + 1); }}>›</button>
        <button type="button" disabled={page + 1 >= pages} onClick={() => { setPage(pages - 1); }}>»</button>
        <select aria-label="Rows per page" value={pageSize} onChange={(e) => { setPageSize(Number(e.target.value)); setPage(0); }}>
          {[10, 25, 50, 100].map((n) => <option key={n} value={n}>{n} rows</option>)}
        </select>
        {answer.loading ? <span className="muted">loading…</span> : null}
      </div>
      {hasCountry(sample) ? <GeoAttribution /> : null}
      {capture !== undefined ? <CaptureDialog expression={capture.expr} lifetime={rowLifetime(capture.row)} title={rowTitle(capture.row)} onClose={() => { setCapture(undefined); }} /> : null}
    </section>
  );
}
