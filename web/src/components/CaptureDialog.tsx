/**
 * The capture dialog behind every PCAP button: the packets matching an expression (built from the row: an
 * IP, a MAC, a connection's 5-tuple) over a time range with quick buttons (the global range, the last
 * minutes of packet time, the entity's lifetime), snap length, capture profile, file type, name and comment.
 * The expression is checked while typed (`capture/validate`). The download is an ordinary link to
 * `/API/data/modules/capture` (the session cookie goes with it), so the browser streams it to disk.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { apiGet, apiUrl } from '../api/client';
import { useAppState } from '../state/app-state';
import * as fmt from '../format';
import { FilterInput, useFilterCheck } from './FilterInput';

export interface Lifetime { readonly start: number; readonly end: number }

function toInput(sec: number): string {
  return new Date(Math.floor(sec) * 1000).toISOString().slice(0, 19);
}

function fromInput(v: string): number | undefined {
  const t = Date.parse(`${v}Z`) / 1000;
  return Number.isFinite(t) ? t : undefined;
}

/** The capture's download URL; times in seconds (packet time), sent as µs. */
export function captureUrl(o: {
  readonly expression: string; readonly start: number; readonly end: number; readonly slot: number; readonly snap: number;
  readonly type: 'pcap' | 'pcapng'; readonly name: string; readonly comment: string; readonly profile: string;
}): string {
  return apiUrl('data/modules/capture', {
    expression: o.expression,
    startTime: Math.floor(o.start * 1_000_000),
    endTime: Math.ceil(o.end * 1_000_000),
    snapPacketLength: o.snap > 0 ? o.snap : undefined,
    format: o.type,
    filename: `${o.name}.${o.type}`,
    comment: o.type === 'pcapng' && o.comment !== '' ? o.comment : undefined,
    profile: o.profile !== '' ? o.profile : undefined,
    'mm-id': `:${o.slot}`,
  });
}

export function CaptureDialog({ expression, onClose, lifetime, title }: {
  readonly expression: string;
  readonly onClose: () => void;
  /** the entity's first and last packet time, offered as a quick button */
  readonly lifetime?: Lifetime | undefined;
  readonly title?: string | undefined;
}): ReactNode {
  const { interval, slot, clock } = useAppState();
  const now = Math.floor(clock?.time ?? Date.now() / 1000) + 1;
  const first = Math.floor(clock?.firstPacketTime ?? now - 600);
  const [start, setStart] = useState(interval?.start ?? first);
  const [end, setEnd] = useState(interval?.end ?? now);
  const [snap, setSnap] = useState(0);
  const [type, setType] = useState<'pcap' | 'pcapng'>('pcapng');
  const [name, setName] = useState(() => (title ?? 'capture').replace(/[^\w.-]+/g, '_'));
  const [comment, setComment] = useState('');
  const [profile, setProfile] = useState('');
  const [profiles, setProfiles] = useState<readonly string[]>([]);
  const [expr, setExpr] = useState(expression);
  const check = useFilterCheck(expr);
  useEffect(() => {
    apiGet<{ profiles: { name: string }[] }>('data/modules/capture/profiles')
      .then((r) => { setProfiles(r.profiles.map((p) => p.name)); })
      .catch(() => { setProfiles([]); });
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => { window.removeEventListener('keydown', onKey); };
  }, [onClose]);
  const quick = (s: number, e: number): void => { setStart(s); setEnd(e); };
  const href = captureUrl({ expression: expr, start, end, slot, snap, type, name, comment, profile });
  const ok = check?.valid !== false && end > start;
  return (
    <div className="modal-backdrop" role="presentation" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-label="Capture packets" data-testid="capture-dialog" onClick={(e) => { e.stopPropagation(); }}>
        <h2>Capture packets{title !== undefined ? <span className="subtitle">{title}</span> : null}</h2>
        <FilterInput label="Expression" value={expr} onChange={setExpr} check={check} testId="capture-expression" />
        <div className="quick">
          {interval ? <button type="button" onClick={() => { quick(interval.start, interval.end); }}>global range</button> : null}
          {[60, 600, 3600].map((s) => <button key={s} type="button" onClick={() => { quick(now - s, now); }}>last {fmt.duration(s)}</button>)}
          <button type="button" onClick={() => { quick(first, now); }}>everything</button>
          {lifetime ? <button type="button" data-testid="capture-lifetime" onClick={() => { quick(Math.floor(lifetime.start), Math.floor(lifetime.end) + 1); }}>its lifetime</button> : null}
        </div>
        <div className="capture-times">
          <label>From (UTC) <input type="datetime-local" step="1" value={toInput(start)} onChange={(e) => { const t = fromInput(e.target.value); if (t !== undefined) setStart(t); }} /></label>
          <label>to <input type="datetime-local" step="1" value={toInput(end)} onChange={(e) => { const t = fromInput(e.target.value); if (t !== undefined) setEnd(t); }} /></label>
          <span className="muted"> {fmt.duration(end - start)}</span>
        </div>
        <label>Snap length (bytes, 0 = whole packets) <input type="number" min={0} max={65535} value={snap} onChange={(e) => { setSnap(Math.max(0, Math.floor(Number(e.target.value) || 0))); }} /></label>
        <label>Capture profile{' '}
          <select aria-label="Capture profile" value={profile} onChange={(e) => { setProfile(e.target.value); }}>
            <option value="">none</option>
            {profiles.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label>Type <select aria-label="Type" value={type} onChange={(e) => { setType(e.target.value === 'pcap' ? 'pcap' : 'pcapng'); }}><option value="pcapng">pcapng</option><option value="pcap">pcap</option></select></label>
        <label>File name <input aria-label="File name" value={name} onChange={(e) => { setName(e.target.value.replace(/[^\w.%-]/g, '_')); }} /></label>
        {type === 'pcapng' ? <label>Comment <input aria-label="Comment" value={comment} maxLength={500} onChange={(e) => { setComment(e.target.value); }} /></label> : null}
        <div className="actions">
          {ok
            ? <a className="button primary" href={href} download={`${name}.${type}`} data-testid="capture-download" onClick={() => { window.setTimeout(onClose, 0); }}>Download</a>
            : <button type="button" className="primary" disabled>Download</button>}
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

function addrPort(ip: string, port: number | undefined): string {
  if (port === undefined) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** A row's capture expression in the filter language: a connection's 5-tuple, an IP or a MAC. */
export function rowExpression(row: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof row.client === 'string' && typeof row.server === 'string') {
    const proto = typeof row.l4Protocol === 'string' ? row.l4Protocol : undefined;
    const ports = (proto === 'TCP' || proto === 'UDP' || proto === 'SCTP') && typeof row.clientPort === 'number' && typeof row.serverPort === 'number';
    const parts = [
      `ip == ${addrPort(row.client, ports ? row.clientPort as number : undefined)}`,
      `ip == ${addrPort(row.server, ports ? row.serverPort as number : undefined)}`,
    ];
    if (proto !== undefined && proto !== '') parts.push(`l4Protocol == ${proto}`);
    return parts.join(' and ');
  }
  if (typeof row.ip === 'string') return `ip == ${row.ip}`;
  if (typeof row.mac === 'string') return `mac == ${row.mac}`;
  return undefined;
}

/** A row's first and last packet time, when it has them. */
export function rowLifetime(row: Readonly<Record<string, unknown>>): Lifetime | undefined {
  const s = row.firstSeen ?? row.startTime;
  const e = row.lastSeen ?? row.lastActivity;
  return typeof s === 'number' && typeof e === 'number' ? { start: s, end: e } : undefined;
}

/** A short name of the row for the dialog's title and the default file name. */
export function rowTitle(row: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof row.client === 'string' && typeof row.server === 'string') return `${row.client}-${row.server}`;
  if (typeof row.ip === 'string') return row.ip;
  if (typeof row.mac === 'string') return row.mac;
  return undefined;
}
