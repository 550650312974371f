/**
 * The frame of every page: the top bar (slot, time range, live/pause, search, theme, user) and the
 * navigation of the modules the server has (OPTIONS /API/stats/modules), grouped Generic/L2/L3/L4/L7.
 */
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { apiGet, apiOptions } from '../api/client';
import type { SystemInfo } from '../api/types';
import { useAppState } from '../state/app-state';
import { useCaptureAvailable } from '../state/capabilities';
import { PRESETS, type RangePreset } from '../state/time-range';
import * as fmt from '../format';
import { groupModules, label } from './modules';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const MAC = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;

function toInput(sec: number): string {
  return new Date(sec * 1000).toISOString().slice(0, 19);
}

function TimeRangePicker(): ReactNode {
  const { range, setRange, interval } = useAppState();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const value = range.kind === 'preset' ? range.preset : 'custom';
  return (
    <div className="range">
      <select
        aria-label="Time range" value={value} data-testid="range-select"
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'custom') {
            if (interval) setRange({ kind: 'custom', start: interval.start, end: interval.end });
          } else setRange({ kind: 'preset', preset: v as RangePreset });
        }}
      >
        {PRESETS.map((p) => <option key={p.preset} value={p.preset}>{p.label}</option>)}
        <option value="custom">custom</option>
      </select>
      {range.kind === 'custom' ? (
        <form className="custom-range" onSubmit={(e) => {
          e.preventDefault();
          const s = Date.parse(`${start || toInput(range.start)}Z`) / 1000;
          const t = Date.parse(`${end || toInput(range.end)}Z`) / 1000;
          if (Number.isFinite(s) && Number.isFinite(t) && t > s) setRange({ kind: 'custom', start: s, end: t });
        }}>
          <input type="datetime-local" step="1" aria-label="Start (UTC)" defaultValue={toInput(range.start)} key={`s${range.start}`} onChange={(e) => { setStart(e.target.value); }} />
          <input type="datetime-local" step="1" aria-label="End (UTC)" defaultValue={toInput(range.end)} key={`e${range.end}`} onChange={(e) => { setEnd(e.target.value); }} />
          <button type="submit">Apply</button>
        </form>
      ) : null}
      <span className="muted range-text" data-testid="range-text">{interval ? `${fmt.time(interval.start)} … ${fmt.time(interval.end)} UTC` : 'no packets yet'}</span>
    </div>
  );
}

function SearchBox({ modules }: { readonly modules: readonly string[] }): ReactNode {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  return (
    <form className="search" role="search" onSubmit={(e) => {
      e.preventDefault();
      const s = q.trim();
      if (s === '') return;
      if (IPV4.test(s) || (s.includes(':') && !MAC.test(s) && /^[0-9a-f:.[\]]+$/i.test(s))) void navigate({ to: '/ip/$ip', params: { ip: s } });
      else if (MAC.test(s)) void navigate({ to: '/mac/$mac', params: { mac: s.toLowerCase().replace(/-/g, ':') } });
      else {
        const m = modules.find((x) => x === s.toLowerCase() || label(x).toLowerCase() === s.toLowerCase());
        if (m !== undefined) void navigate({ to: '/modules/$module', params: { module: m }, search: {} });
        else void navigate({ to: '/modules/$module', params: { module: 'ip' }, search: { tab: 'ips_paged', filter: s } });
      }
      setQ('');
    }}>
      <input type="search" aria-label="Search IP, MAC, name or module" placeholder="IP, MAC, name, module…" value={q} onChange={(e) => { setQ(e.target.value); }} data-testid="search" />
    </form>
  );
}

export function Layout(): ReactNode {
  const st = useAppState();
  const captureOk = useCaptureAvailable();
  const [info, setInfo] = useState<{ data: SystemInfo | undefined }>({ data: undefined });
  useEffect(() => {
    apiGet<SystemInfo>('system/info').then((data) => { setInfo({ data }); }).catch(() => undefined);
  }, [st.slotsVersion]);
  const [modules, setModules] = useState<string[]>([]);
  useEffect(() => {
    apiOptions('stats/modules', { 'mm-id': `:${st.slot}` }).then((m) => { setModules([...m]); }).catch(() => { setModules([]); });
  }, [st.slot, info.data]);
  const slots = info.data?.slots ?? [];
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">wiremeter</Link>
        <select aria-label="Analysis slot" value={st.slot} onChange={(e) => { st.setSlot(Number(e.target.value)); }} data-testid="slot-select">
          {slots.length === 0 ? <option value={st.slot}>slot {st.slot}</option> : null}
          {slots.map((s) => <option key={s.id} value={s.id}>{s.id === 0 ? 'live' : `slot ${s.id}`}: {s.description}</option>)}
        </select>
        <TimeRangePicker />
        <button type="button" onClick={() => { st.setPaused(!st.paused); }} aria-pressed={st.paused} data-testid="pause">{st.paused ? '▶ resume live' : '❚❚ pause'}</button>
        <SearchBox modules={modules} />
        <span className="spacer" />
        <button type="button" onClick={() => { st.setTheme(st.theme === 'dark' ? 'light' : 'dark'); }} data-testid="theme-toggle" aria-label="Switch theme">{st.theme === 'dark' ? '☀ light' : '☾ dark'}</button>
        <span className="user">{st.session?.user}</span>
        <button type="button" onClick={() => { void st.logout(); }}>Log out</button>
      </header>
      <nav className="sidenav" aria-label="Modules">
        <Link to="/" activeOptions={{ exact: true }}>Dashboard</Link>
        {groupModules(modules).map((g) => (
          <div key={g.name} className="navgroup">
            <h4>{g.name}</h4>
            {g.modules.map((m) => <Link key={m} to="/modules/$module" params={{ module: m }} search={{}} data-testid={`nav-${m}`}>{label(m)}</Link>)}
          </div>
        ))}
        <div className="navgroup">
          <h4>System</h4>
          <Link to="/upload" data-testid="nav-upload">Upload</Link>
          {captureOk === true ? <Link to="/capture" data-testid="nav-capture">Capture</Link> : null}
          <Link to="/settings">Settings</Link>
        </div>
      </nav>
      <main className="content"><Outlet /></main>
    </div>
  );
}
