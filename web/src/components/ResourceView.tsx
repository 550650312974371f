/** One API resource, whatever it is: a list becomes a DataTable, an object an ObjectView. */
import type { ReactNode } from 'react';
import type { Row } from '../api/types';
import { useRangeQuery } from '../state/app-state';
import { timespanFor } from '../state/time-range';
import { useAppState } from '../state/app-state';
import { useApi } from '../state/use-api';
import { DataTable } from './DataTable';
import { ObjectView } from './ObjectView';

export function ResourceView({ path, initialFilter, title }: { readonly path: string; readonly initialFilter?: string; readonly title?: string }): ReactNode {
  const range = useRangeQuery();
  const { interval } = useAppState();
  // `…_paged` is a list by name; anything else is probed once (a one-row page), and lists then page themselves.
  const known = path.endsWith('_paged');
  const probe = useApi<Row>(known ? undefined : path, { ...range, count: 1, values: 300, timespan: timespanFor(interval, 300) });
  if (known) return <DataTable path={path} initialFilter={initialFilter ?? ''} {...(title ? { title } : {})} />;
  if (probe.error) {
    return <div className="error" role="alert">{probe.error.message}</div>;
  }
  if (probe.data === undefined) return <p className="muted">loading…</p>;
  if (Array.isArray(probe.data.displayedItems)) {
    return <DataTable path={path} initialFilter={initialFilter ?? ''} {...(title ? { title } : {})} />;
  }
  return <ObjectView value={probe.data} />;
}
