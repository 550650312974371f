/**
 * Settings sections beyond users: user-defined names (`/API/system/names`: table, add/edit/delete, CSV
 * download and upload; admins write, everyone reads), analysis profiles (`/API/system/analysis-profiles`,
 * admins) and capture profiles (`/API/data/modules/capture/profiles`, snap length per L7 protocol: the
 * capture module's settings, pcap permission).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiFailure, apiGet, apiSend, getCsrfToken } from '../api/client';
import * as fmt from '../format';

interface NameEntry { readonly kind: 'ip' | 'mac'; readonly address: string; readonly category: string; readonly name: string; readonly updated: number }

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function postCsv(text: string): Promise<{ added: number; errors: readonly string[]; total: number }> {
  const headers: Record<string, string> = { 'content-type': 'text/csv', 'x-requested-with': 'wiremeter-ui', accept: 'application/json' };
  const csrf = getCsrfToken();
  if (csrf !== undefined) headers['x-csrf-token'] = csrf;
  const res = await fetch('/API/system/names/csv', { method: 'POST', headers, body: text, credentials: 'same-origin' });
  const body = await res.json() as { added?: number; errors?: string[]; total?: number; error?: string };
  if (!res.ok) throw new ApiFailure(res.status, typeof body.error === 'string' ? { error: body.error } : undefined, `CSV upload: HTTP ${res.status}`);
  return { added: body.added ?? 0, errors: body.errors ?? [], total: body.total ?? 0 };
}

export function NamesSection({ admin }: { readonly admin: boolean }): ReactNode {
  const [names, setNames] = useState<readonly NameEntry[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [info, setInfo] = useState<string | undefined>(undefined);
  const [form, setForm] = useState({ kind: 'ip' as 'ip' | 'mac', address: '', category: '', name: '' });
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [edit, setEdit] = useState({ category: '', name: '' });
  const reload = useCallback(() => {
    apiGet<NameEntry[]>('system/names').then((n) => { setNames(n); }).catch((e: unknown) => { setError(message(e)); });
  }, []);
  useEffect(() => { reload(); }, [reload]);
  const act = (p: Promise<unknown>, after?: () => void): void => {
    p.then(() => { setError(undefined); after?.(); reload(); }).catch((e: unknown) => { setError(message(e)); });
  };
  const key = (n: NameEntry): string => `${n.kind}/${n.address}`;
  return (
    <section data-testid="names">
      <h2>User-defined names <span className="hint">({fmt.count(names.length)})</span></h2>
      {error !== undefined ? <p className="error" role="alert" data-testid="names-error">{error}</p> : null}
      {info !== undefined ? <p className="muted" role="status" data-testid="names-info">{info}</p> : null}
      <div className="actions">
        <a className="button" href="/API/system/names/csv" download="names.csv" data-testid="names-csv">Download CSV</a>
        {admin ? (
          <label className="button">Upload CSV… <input type="file" accept=".csv,text/csv,text/plain" aria-label="Names CSV file" className="hidden-file" onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f === undefined) return;
            void f.text().then((t) => {
              act(postCsv(t).then((r) => { setInfo(`added ${r.added} of ${r.total}${r.errors.length > 0 ? `; ${r.errors.join('; ')}` : ''}`); }));
            });
          }} /></label>
        ) : null}
      </div>
      <table className="plain">
        <thead><tr><th>kind</th><th>address</th><th>category</th><th>name</th><th>updated</th>{admin ? <th /> : null}</tr></thead>
        <tbody>
          {names.map((n) => (
            <tr key={key(n)} data-address={n.address}>
              <td>{n.kind}</td><td className="mono">{n.address}</td>
              {editing === key(n) ? (
                <>
                  <td><input aria-label={`category of ${n.address}`} value={edit.category} onChange={(e) => { setEdit({ ...edit, category: e.target.value }); }} /></td>
                  <td><input aria-label={`name of ${n.address}`} value={edit.name} onChange={(e) => { setEdit({ ...edit, name: e.target.value }); }} /></td>
                </>
              ) : <><td>{n.category}</td><td>{n.name}</td></>}
              <td>{fmt.time(n.updated)}</td>
              {admin ? (
                <td className="row-actions">
                  {editing === key(n)
                    ? <button type="button" className="small" onClick={() => { act(apiSend('PUT', `system/names/${n.kind}/${encodeURIComponent(n.address)}`, edit), () => { setEditing(undefined); }); }}>Save</button>
                    : <button type="button" className="small" onClick={() => { setEditing(key(n)); setEdit({ category: n.category, name: n.name }); }}>Edit</button>}
                  <button type="button" className="small" onClick={() => { act(apiSend('DELETE', `system/names/${n.kind}/${encodeURIComponent(n.address)}`)); }}>Delete</button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? (
        <form className="inline-form" onSubmit={(e) => {
          e.preventDefault();
          act(apiSend('POST', 'system/names', form), () => { setForm({ ...form, address: '', name: '' }); });
        }}>
          <h3>Add a name</h3>
          <select aria-label="Name kind" value={form.kind} onChange={(e) => { setForm({ ...form, kind: e.target.value === 'mac' ? 'mac' : 'ip' }); }}><option value="ip">IP</option><option value="mac">MAC</option></select>
          <input aria-label="Name address" placeholder="address" value={form.address} onChange={(e) => { setForm({ ...form, address: e.target.value }); }} required />
          <input aria-label="Name category" placeholder="category" value={form.category} onChange={(e) => { setForm({ ...form, category: e.target.value }); }} />
          <input aria-label="Name name" placeholder="name" value={form.name} onChange={(e) => { setForm({ ...form, name: e.target.value }); }} required />
          <button type="submit">Add</button>
        </form>
      ) : <p className="muted">Names are changed by an admin.</p>}
    </section>
  );
}

interface Profile { readonly name: string; readonly settings: Readonly<Record<string, string>>; readonly updated: number }
const PROFILE_SETTINGS: readonly { key: string; values: readonly string[] }[] = [
  { key: 'tunnelView', values: ['all', 'outer', 'inner'] },
  { key: 'vlanHandling', values: ['separate', 'ignore'] },
  { key: 'packetLengthAccounting', values: ['wire', 'captured'] },
  { key: 'detailLevel', values: ['full', 'reduced'] },
];

export function AnalysisProfilesSection(): ReactNode {
  const [profiles, setProfiles] = useState<readonly Profile[]>([]);
  const [notYet, setNotYet] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const reload = useCallback(() => {
    apiGet<{ profiles: Profile[]; notYetEffective?: string[] }>('system/analysis-profiles')
      .then((r) => { setProfiles(r.profiles); setNotYet(r.notYetEffective ?? []); })
      .catch((e: unknown) => { setError(message(e)); });
  }, []);
  useEffect(() => { reload(); }, [reload]);
  const act = (p: Promise<unknown>): void => { p.then(() => { setError(undefined); reload(); }).catch((e: unknown) => { setError(message(e)); }); };
  return (
    <section data-testid="analysis-profiles">
      <h2>Analysis profiles <span className="hint">(chosen per upload)</span></h2>
      {error !== undefined ? <p className="error" role="alert">{error}</p> : null}
      <table className="plain">
        <thead><tr><th>name</th><th>settings</th><th>updated</th><th /></tr></thead>
        <tbody>{profiles.map((p) => (
          <tr key={p.name}><td>{p.name}</td><td className="mono">{Object.entries(p.settings).map(([k, v]) => `${k}=${v}`).join(', ') || '(defaults)'}</td><td>{fmt.time(p.updated)}</td>
            <td className="row-actions">
              <button type="button" className="small" onClick={() => { setName(p.name); setSettings({ ...p.settings }); }}>Edit</button>
              <button type="button" className="small" onClick={() => { act(apiSend('DELETE', `system/analysis-profiles/${encodeURIComponent(p.name)}`)); }}>Delete</button>
            </td></tr>
        ))}</tbody>
      </table>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); act(apiSend('PUT', `system/analysis-profiles/${encodeURIComponent(name)}`, settings)); }}>
        <h3>Save a profile</h3>
        <input aria-label="Profile name" placeholder="name" value={name} onChange={(e) => { setName(e.target.value); }} required maxLength={64} />
        {PROFILE_SETTINGS.map((s) => (
          <label key={s.key}>{s.key}{notYet.includes(s.key) ? ' (not applied yet)' : ''}{' '}
            <select aria-label={s.key} value={settings[s.key] ?? ''} onChange={(e) => {
              const v = e.target.value;
              setSettings(Object.fromEntries([...Object.entries(settings).filter(([k]) => k !== s.key), ...(v === '' ? [] : [[s.key, v]])]) as Record<string, string>);
            }}>
              <option value="">default</option>
              {s.values.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </label>
        ))}
        <button type="submit">Save</button>
      </form>
    </section>
  );
}

interface Rule { readonly protocol: string; readonly snapLength: number }
interface CaptureProfile { readonly name: string; readonly rules: readonly Rule[] }

/** `SIP=65535, *=96` ↔ rules */
export function parseRules(text: string): Rule[] {
  return text.split(',').map((p) => p.trim()).filter((p) => p !== '').map((p) => {
    const [protocol = '', snap = ''] = p.split('=').map((x) => x.trim());
    return { protocol, snapLength: Number(snap) };
  });
}

export function CaptureProfilesSection(): ReactNode {
  const [profiles, setProfiles] = useState<readonly CaptureProfile[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [rules, setRules] = useState('');
  const reload = useCallback(() => {
    apiGet<{ profiles: CaptureProfile[] }>('data/modules/capture/profiles').then((r) => { setProfiles(r.profiles); }).catch((e: unknown) => { setError(message(e)); });
  }, []);
  useEffect(() => { reload(); }, [reload]);
  const act = (p: Promise<unknown>): void => { p.then(() => { setError(undefined); reload(); }).catch((e: unknown) => { setError(message(e)); }); };
  return (
    <section data-testid="capture-profiles">
      <h2>Capture profiles <span className="hint">(snap length by L7 protocol, first matching rule wins)</span></h2>
      {error !== undefined ? <p className="error" role="alert">{error}</p> : null}
      <table className="plain">
        <thead><tr><th>name</th><th>rules</th><th /></tr></thead>
        <tbody>{profiles.map((p) => (
          <tr key={p.name}><td>{p.name}</td><td className="mono">{p.rules.map((r) => `${r.protocol}=${r.snapLength}`).join(', ')}</td>
            <td className="row-actions">
              <button type="button" className="small" onClick={() => { setName(p.name); setRules(p.rules.map((r) => `${r.protocol}=${r.snapLength}`).join(', ')); }}>Edit</button>
              <button type="button" className="small" onClick={() => { act(apiSend('DELETE', `data/modules/capture/profiles/${encodeURIComponent(p.name)}`)); }}>Delete</button>
            </td></tr>
        ))}</tbody>
      </table>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); act(apiSend('PUT', `data/modules/capture/profiles/${encodeURIComponent(name)}`, { rules: parseRules(rules) })); }}>
        <h3>Save a capture profile</h3>
        <input aria-label="Capture profile name" placeholder="name" value={name} onChange={(e) => { setName(e.target.value); }} required maxLength={64} />
        <input aria-label="Capture profile rules" className="mono" placeholder="SIP=65535, *=96" value={rules} onChange={(e) => { setRules(e.target.value); }} required />
        <button type="submit">Save</button>
      </form>
    </section>
  );
}
