/**
 * The capture dialog behind every PCAP button: the packets matching an expression (the row's IP, MAC or
 * connection) over a time range with quick buttons, snap length, file type and name. The download is an
 * ordinary link to /API/data/modules/capture, so the browser streams it to disk.
 */
import { useState, type ReactNode } from 'react';
import { apiUrl } from '../api/client';
import { useAppState } from '../state/app-state';
import * as fmt from '../format';

export function CaptureDialog({ expression, onClose, lifetime }: {
  readonly expression: string;
  readonly onClose: () => void;
  /** a connection's first and last packet time, offered as a quick button */
  readonly lifetime?: { readonly start: number; readonly end: number } | undefined;
}): ReactNode {
  const { interval, slot, clock } = useAppState();
  const now = Math.floor(clock?.time ?? Date.now() / 1000) + 1;
  const [start, setStart] = useState(interval?.start ?? now - 600);
  const [end, setEnd] = useState(interval?.end ?? now);
  const [snap, setSnap] = useState(0);
  const [type, setType] = useState<'pcap' | 'pcapng'>('pcap');
  const [name, setName] = useState('capture');
  const [expr, setExpr] = useState(expression);
  const quick = (sec: number): void => { setStart(now - sec); setEnd(now); };
  const href = apiUrl('data/modules/capture', {
    expression: expr,
    starttime: start * 1_000_000,
    endtime: end * 1_000_000,
    snaplen: snap > 0 ? snap : undefined,
    format: type,
    filename: `${name}.${type}`,
    fromCaptureBuffer: true,
    'mm-id': `:${slot}`,
  });
  return (
    <div className="modal-backdrop" role="presentation" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-label="Capture packets" onClick={(e) => { e.stopPropagation(); }}>
        <h2>Capture packets</h2>
        <label>Expression <input value={expr} onChange={(e) => { setExpr(e.target.value); }} /></label>
        <div className="quick">
          {[60, 600, 3600].map((s) => <button key={s} type="button" onClick={() => { quick(s); }}>last {fmt.duration(s)}</button>)}
          {lifetime ? <button type="button" onClick={() => { setStart(Math.floor(lifetime.start)); setEnd(Math.ceil(lifetime.end) + 1); }}>its lifetime</button> : null}
        </div>
        <p className="muted">{fmt.time(start)} … {fmt.time(end)} (UTC)</p>
        <label>Snap length (bytes, 0 = whole packets) <input type="number" min={0} value={snap} onChange={(e) => { setSnap(Number(e.target.value)); }} /></label>
        <label>Type <select value={type} onChange={(e) => { setType(e.target.value === 'pcapng' ? 'pcapng' : 'pcap'); }}><option value="pcap">pcap</option><option value="pcapng">pcapng</option></select></label>
        <label>File name <input value={name} onChange={(e) => { setName(e.target.value.replace(/[^\w.-]/g, '_')); }} /></label>
        <div className="actions">
          <a className="button primary" href={href} download={`${name}.${type}`} onClick={onClose}>Download</a>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

/** A row's capture expression. */
export function rowExpression(row: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof row.client === 'string' && typeof row.server === 'string') {
    const parts = [`ip==${row.client}`, `ip==${row.server}`];
    if (typeof row.clientPort === 'number' && typeof row.serverPort === 'number') parts.push(`port==${row.clientPort}`, `port==${row.serverPort}`);
    return parts.join(' and ');
  }
  if (typeof row.ip === 'string') return `ip==${row.ip}`;
  if (typeof row.mac === 'string') return `mac==${row.mac}`;
  return undefined;
}
