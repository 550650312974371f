/** One connection: every field, its traffic graph, zoom to its lifetime, and a PCAP button. */
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import type { Row } from '../api/types';
import { CaptureDialog, rowExpression } from '../components/CaptureDialog';
import { ObjectView } from '../components/ObjectView';
import { useAppState, useRangeQuery } from '../state/app-state';
import { useCaptureAvailable } from '../state/capabilities';
import { timespanFor } from '../state/time-range';
import { useApi } from '../state/use-api';

const route = getRouteApi('/connection/$id');

export function ConnectionPage(): ReactNode {
  const { id } = route.useParams();
  const { setRange, interval } = useAppState();
  const range = useRangeQuery();
  const conn = useApi<Row>(`stats/modules/connections/connections/${encodeURIComponent(id)}`, { ...range, values: 300, timespan: timespanFor(interval, 300) });
  const captureOk = useCaptureAvailable();
  const [capture, setCapture] = useState(false);
  const c = conn.data;
  const start = typeof c?.startTime === 'number' ? c.startTime : undefined;
  const last = typeof c?.lastActivity === 'number' ? c.lastActivity : undefined;
  const expr = c ? rowExpression(c) : undefined;
  return (
    <div className="page" data-testid="connection-page">
      <h1>Connection {id}{c && typeof c.client === 'string' && typeof c.server === 'string' ? (
        <span className="subtitle"> <Link to="/ip/$ip" params={{ ip: c.client }}>{c.client}</Link>:{typeof c.clientPort === 'number' ? c.clientPort : ''} → <Link to="/ip/$ip" params={{ ip: c.server }}>{c.server}</Link>:{typeof c.serverPort === 'number' ? c.serverPort : ''}</span>
      ) : null}</h1>
      <div className="actions">
        {start !== undefined && last !== undefined ? (
          <button type="button" data-testid="zoom-lifetime" onClick={() => { setRange({ kind: 'custom', start: Math.floor(start), end: Math.floor(last) + 1 }); }}>Zoom to its lifetime</button>
        ) : null}
        {captureOk && expr !== undefined ? <button type="button" data-testid="entity-pcap" onClick={() => { setCapture(true); }}>PCAP</button> : null}
              </div>
      {conn.error ? <div className="error" role="alert">{conn.error.message}</div> : null}
      {c ? <ObjectView value={c} /> : conn.error ? null : <p className="muted">loading…</p>}
      {capture && expr !== undefined ? <CaptureDialog expression={expr} lifetime={start !== undefined && last !== undefined ? { start, end: last } : undefined} title={`connection-${id}`} onClose={() => { setCapture(false); }} /> : null}
    </div>
  );
}
