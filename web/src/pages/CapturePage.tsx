/**
 * The capture page: a simple filter (IP, port, L4 and L7 protocol fields that build an expression) or an
 * expert one (the filter language, checked while typed), which opens the capture dialog; the running
 * captures of every session (with stop), the finished ones, the user's recent filters and favorites.
 * Lists refresh every 2 s while the page is open.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { apiGet, apiSend } from '../api/client';
import { CaptureDialog } from '../components/CaptureDialog';
import { FilterInput, useFilterCheck } from '../components/FilterInput';
import * as fmt from '../format';
import { useCaptureAvailable } from '../state/capabilities';

interface Running {
  readonly id: number; readonly user: string; readonly clientAddress: string; readonly slot: number; readonly mode: string; readonly source: string;
  readonly format: string; readonly expression: string; readonly started: number; readonly captured: number; readonly dropped: number; readonly bytes: number;
}
interface Finished {
  readonly id: number; readonly user: string; readonly mode: string; readonly format: string; readonly expression: string; readonly started: number;
  readonly ended: number; readonly captured: number; readonly dropped: number; readonly bytes: number; readonly reason: string;
}
interface Recent { readonly expression: string; readonly used?: number }
interface Favorite { readonly id: number; readonly expression: string; readonly description: string }

/** The expression of the simple form's fields, joined by `and`. */
export function simpleExpression(f: { ip: string; port: string; l4: string; l7: string }): string {
  const parts: string[] = [];
  if (f.ip.trim() !== '') parts.push(`ip == ${f.ip.trim()}`);
  if (f.port.trim() !== '') parts.push(`port == ${f.port.trim()}`);
  if (f.l4 !== '') parts.push(`l4Protocol == ${f.l4}`);
  if (f.l7.trim() !== '') parts.push(`l7Protocol == ${f.l7.trim()}`);
  return parts.join(' and ');
}

/** The array `key` of `path`'s answer (shapes as in docs/openapi.json), refreshed every 2 s. */
function useList(path: string, key: string): { items: readonly unknown[]; reload: () => void } {
  const [items, setItems] = useState<readonly unknown[]>([]);
  const reload = useCallback(() => {
    apiGet<Record<string, unknown>>(path).then((r) => { const v = r[key]; setItems(Array.isArray(v) ? v as unknown[] : []); }).catch(() => undefined);
  }, [path, key]);
  useEffect(() => {
    reload();
    const id = window.setInterval(reload, 2000);
    return () => { window.clearInterval(id); };
  }, [reload]);
  return { items, reload };
}

function recentExpression(r: unknown): string | undefined {
  if (typeof r === 'string') return r;
  if (typeof r === 'object' && r !== null && typeof (r as Recent).expression === 'string') return (r as Recent).expression;
  return undefined;
}

export function CapturePage(): ReactNode {
  const available = useCaptureAvailable();
  const [mode, setMode] = useState<'simple' | 'expert'>('simple');
  const [simple, setSimple] = useState({ ip: '', port: '', l4: '', l7: '' });
  const [expert, setExpert] = useState('');
  const expression = mode === 'simple' ? simpleExpression(simple) : expert;
  const check = useFilterCheck(expression);
  const [dialog, setDialog] = useState<string | undefined>(undefined);
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const currentList = useList('data/modules/capture/current', 'captures');
  const finishedList = useList('data/modules/capture/finished', 'captures');
  const recent = useList('data/modules/capture/recent', 'filters');
  const favoritesList = useList('data/modules/capture/favorites', 'favorites');
  const act = (p: Promise<unknown>, after: () => void): void => {
    p.then(() => { setError(undefined); after(); }).catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); });
  };
  const use = (expr: string): void => { setMode('expert'); setExpert(expr); };

  if (available === false) return <div className="page" data-testid="capture-page"><h1>Packet capture</h1><p className="muted">Packet capture needs the pcap permission.</p></div>;
  return (
    <div className="page" data-testid="capture-page">
      <h1>Packet capture</h1>
      {error !== undefined ? <p className="error" role="alert">{error}</p> : null}
      <section>
        <div role="tablist" className="tablist">
          <button type="button" role="tab" aria-selected={mode === 'simple'} data-testid="capture-simple" onClick={() => { setMode('simple'); }}>Simple</button>
          <button type="button" role="tab" aria-selected={mode === 'expert'} data-testid="capture-expert" onClick={() => { setExpert(expression); setMode('expert'); }}>Expert</button>
        </div>
        {mode === 'simple' ? (
          <div className="simple-filter">
            <label>IP (address, CIDR, addr:port) <input aria-label="IP" value={simple.ip} onChange={(e) => { setSimple({ ...simple, ip: e.target.value }); }} /></label>
            <label>Port <input aria-label="Port" value={simple.port} onChange={(e) => { setSimple({ ...simple, port: e.target.value }); }} /></label>
            <label>L4 protocol <select aria-label="L4 protocol" value={simple.l4} onChange={(e) => { setSimple({ ...simple, l4: e.target.value }); }}>
              {['', 'TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP'].map((p) => <option key={p} value={p}>{p === '' ? 'any' : p}</option>)}
            </select></label>
            <label>L7 protocol <input aria-label="L7 protocol" placeholder="DNS, TLS, HTTP…" value={simple.l7} onChange={(e) => { setSimple({ ...simple, l7: e.target.value }); }} /></label>
          </div>
        ) : null}
        <FilterInput label={mode === 'simple' ? 'Expression' : 'Expert filter'} value={expression} onChange={(v) => { setMode('expert'); setExpert(v); }} check={check} testId="capture-filter" placeholder="empty = every packet" />
        <div className="actions">
          <button type="button" className="primary" disabled={check?.valid === false} onClick={() => { setDialog(expression); }} data-testid="capture-open">Capture…</button>
          <input aria-label="Favorite description" placeholder="description" value={description} onChange={(e) => { setDescription(e.target.value); }} />
          <button type="button" disabled={check?.valid !== true || expression.trim() === ''} onClick={() => { act(apiSend('POST', 'data/modules/capture/favorites', { expression, description }), () => { setDescription(''); favoritesList.reload(); }); }}>☆ Save as favorite</button>
        </div>
      </section>
      <section data-testid="capture-current">
        <h2>Running captures</h2>
        {(currentList.items as readonly Running[]).length === 0 ? <p className="muted">none</p> : (
          <table className="plain">
            <thead><tr><th>id</th><th>user</th><th>client</th><th>slot</th><th>mode</th><th>filter</th><th>started</th><th className="num">packets</th><th className="num">dropped</th><th className="num">bytes</th><th /></tr></thead>
            <tbody>{(currentList.items as readonly Running[]).map((c) => (
              <tr key={c.id}><td>{c.id}</td><td>{c.user}</td><td>{c.clientAddress}</td><td>{c.slot}</td><td>{c.mode} ({c.source}, {c.format})</td><td className="mono">{c.expression}</td>
                <td>{fmt.time(c.started)}</td><td className="num">{fmt.count(c.captured)}</td><td className="num">{fmt.count(c.dropped)}</td><td className="num">{fmt.bytes(c.bytes)}</td>
                <td><button type="button" className="small" onClick={() => { act(apiSend('DELETE', `data/modules/capture/current/${c.id}`), currentList.reload); }}>Stop</button></td></tr>
            ))}</tbody>
          </table>
        )}
      </section>
      <section data-testid="capture-favorites">
        <h2>Favorites</h2>
        {(favoritesList.items as readonly Favorite[]).length === 0 ? <p className="muted">none</p> : (
          <ul className="filter-list">{(favoritesList.items as readonly Favorite[]).map((f) => (
            <li key={f.id}><button type="button" className="linklike mono" onClick={() => { use(f.expression); }}>{f.expression}</button> <span className="muted">{f.description}</span>{' '}
              <button type="button" className="small" aria-label={`Remove favorite ${f.expression}`} onClick={() => { act(apiSend('DELETE', `data/modules/capture/favorites/${f.id}`), favoritesList.reload); }}>✕</button></li>
          ))}</ul>
        )}
      </section>
      <section data-testid="capture-recent">
        <h2>Recent filters</h2>
        {recent.items.length === 0 ? <p className="muted">none</p> : (
          <ul className="filter-list">{recent.items.map(recentExpression).filter((e): e is string => e !== undefined).map((e) => (
            <li key={e}><button type="button" className="linklike mono" onClick={() => { use(e); }}>{e === '' ? '(every packet)' : e}</button></li>
          ))}</ul>
        )}
      </section>
      <section data-testid="capture-finished">
        <h2>Finished captures</h2>
        {(finishedList.items as readonly Finished[]).length === 0 ? <p className="muted">none</p> : (
          <table className="plain">
            <thead><tr><th>id</th><th>user</th><th>mode</th><th>filter</th><th>started</th><th>ended</th><th className="num">packets</th><th className="num">dropped</th><th className="num">bytes</th><th>end</th></tr></thead>
            <tbody>{(finishedList.items as readonly Finished[]).map((c) => (
              <tr key={c.id}><td>{c.id}</td><td>{c.user}</td><td>{c.mode} ({c.format})</td><td className="mono">{c.expression}</td><td>{fmt.time(c.started)}</td><td>{fmt.time(c.ended)}</td>
                <td className="num">{fmt.count(c.captured)}</td><td className="num">{fmt.count(c.dropped)}</td><td className="num">{fmt.bytes(c.bytes)}</td><td>{c.reason}</td></tr>
            ))}</tbody>
          </table>
        )}
      </section>
      {dialog !== undefined ? <CaptureDialog expression={dialog} onClose={() => { setDialog(undefined); }} /> : null}
    </div>
  );
}
