/**
 * Settings: the theme, one's own password, (admins) users and roles via /API/system/users, user-defined names,
 * analysis profiles (admins) and capture profiles (pcap permission).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { apiGet, apiSend } from '../api/client';
import type { User } from '../api/types';
import * as fmt from '../format';
import { useAppState } from '../state/app-state';
import { useCaptureAvailable } from '../state/capabilities';
import { AnalysisProfilesSection, CaptureProfilesSection, NamesSection } from './SettingsSections';

function Users(): ReactNode {
  const [users, setUsers] = useState<readonly User[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<'user' | 'admin'>('user');
  const reload = useCallback(() => {
    apiGet<User[]>('system/users').then((u) => { setUsers(u); }).catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); });
  }, []);
  useEffect(() => { reload(); }, [reload]);
  const act = (p: Promise<unknown>): void => {
    p.then(() => { setError(undefined); reload(); }).catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); });
  };
  return (
    <section data-testid="users">
      <h2>Users and roles</h2>
      {error !== undefined ? <p className="error" role="alert">{error}</p> : null}
      <table className="plain">
        <thead><tr><th>user</th><th>role</th><th>pcap permission</th><th>created</th><th /></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.name}>
              <td>{u.name}</td>
              <td>
                <select aria-label={`role of ${u.name}`} value={u.role} onChange={(e) => { act(apiSend('PATCH', `system/users/${encodeURIComponent(u.name)}`, { role: e.target.value })); }}>
                  <option value="user">user</option><option value="admin">admin</option>
                </select>
              </td>
              <td><input type="checkbox" aria-label={`pcap permission of ${u.name}`} checked={u.pcap} onChange={(e) => { act(apiSend('PATCH', `system/users/${encodeURIComponent(u.name)}`, { pcap: e.target.checked })); }} /></td>
              <td>{fmt.time(u.created)}</td>
              <td><button type="button" onClick={() => { if (window.confirm(`Delete user ${u.name}?`)) act(apiSend('DELETE', `system/users/${encodeURIComponent(u.name)}`)); }}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={(e) => {
        e.preventDefault();
        act(apiSend('POST', 'system/users', { name, password, role }).then(() => { setName(''); setPassword(''); }));
      }}>
        <h3>Add a user</h3>
        <input aria-label="New user name" placeholder="name" value={name} onChange={(e) => { setName(e.target.value); }} required />
        <input aria-label="New user password" placeholder="password" type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); }} required />
        <select aria-label="New user role" value={role} onChange={(e) => { setRole(e.target.value === 'admin' ? 'admin' : 'user'); }}><option value="user">user</option><option value="admin">admin</option></select>
        <button type="submit">Add</button>
      </form>
    </section>
  );
}

function Password(): ReactNode {
  const [oldPassword, setOld] = useState('');
  const [password, setPassword] = useState('');
  const [msg, setMsg] = useState<string | undefined>(undefined);
  return (
    <form className="inline-form" onSubmit={(e) => {
      e.preventDefault();
      apiSend('PUT', 'system/password', { oldPassword, password })
        .then(() => { setMsg('password changed'); setOld(''); setPassword(''); })
        .catch((err: unknown) => { setMsg(err instanceof Error ? err.message : String(err)); });
    }}>
      <h2>My password</h2>
      <input aria-label="Current password" type="password" autoComplete="current-password" value={oldPassword} onChange={(e) => { setOld(e.target.value); }} required />
      <input aria-label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); }} required />
      <button type="submit">Change</button>
      {msg !== undefined ? <span className="muted"> {msg}</span> : null}
    </form>
  );
}

export function SettingsPage(): ReactNode {
  const { session, theme, setTheme } = useAppState();
  const captureOk = useCaptureAvailable();
  const admin = session?.role === 'admin';
  return (
    <div className="page" data-testid="settings-page">
      <h1>Settings</h1>
      <section>
        <h2>Theme</h2>
        <label><input type="radio" name="theme" checked={theme === 'light'} onChange={() => { setTheme('light'); }} /> light</label>{' '}
        <label><input type="radio" name="theme" checked={theme === 'dark'} onChange={() => { setTheme('dark'); }} /> dark</label>
      </section>
      <Password />
      {session?.role === 'admin' ? <Users /> : <p className="muted">Users and roles are managed by an admin.</p>}
      <NamesSection admin={admin} />
      {admin ? <AnalysisProfilesSection /> : null}
      {captureOk === true ? <CaptureProfilesSection /> : null}
    </div>
  );
}
