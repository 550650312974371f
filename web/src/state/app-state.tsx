/**
 * Application-wide state shared by every page: the session, the analysis slot, the global time range,
 * live refresh (a tick when the packet clock moved, polled every 2 s unless paused), the packet clock and the colour theme. Choices persist in
 * localStorage; `useRangeQuery()` gives the `mm-id`/`starttime`/`endtime` query every page sends.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiGet, apiSend, setCsrfToken, setUnauthorizedHandler, type Query } from '../api/client';
import type { PacketClock, Session } from '../api/types';
import { resolveRange, type Interval, type RangeChoice } from './time-range';

export type Theme = 'light' | 'dark';

export interface AppState {
  readonly session: Session | undefined;
  readonly sessionChecked: boolean;
  readonly login: (user: string, password: string) => Promise<void>;
  readonly logout: () => Promise<void>;
  readonly slot: number;
  readonly setSlot: (slot: number) => void;
  /** Increments when the list of slots may have changed (an upload, a deleted slot): the top bar refetches it. */
  readonly slotsVersion: number;
  readonly refreshSlots: () => void;
  readonly range: RangeChoice;
  readonly setRange: (range: RangeChoice) => void;
  readonly interval: Interval | undefined;
  readonly clock: PacketClock | undefined;
  readonly paused: boolean;
  readonly setPaused: (paused: boolean) => void;
  /** Increments on each live refresh; pages refetch when it changes. */
  readonly tick: number;
  readonly theme: Theme;
  readonly setTheme: (theme: Theme) => void;
}

const Ctx = createContext<AppState | undefined>(undefined);

function stored<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = localStorage.getItem(`wiremeter.${key}`);
    if (raw === null) return fallback;
    const v: unknown = JSON.parse(raw);
    return valid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, value: unknown): void {
  try {
    localStorage.setItem(`wiremeter.${key}`, JSON.stringify(value));
  } catch {
    // storage full or disabled: the choice lasts for this page only
  }
}

const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';
const isSlot = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isRange = (v: unknown): v is RangeChoice => {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r.kind === 'preset') return ['1m', '10m', '1h', '1d', 'all'].includes(r.preset as string);
  return r.kind === 'custom' && typeof r.start === 'number' && typeof r.end === 'number';
};

const defaultTheme = (): Theme => (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

export function AppStateProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [sessionChecked, setSessionChecked] = useState(false);
  const [slot, setSlotState] = useState(() => stored('slot', 0, isSlot));
  const [range, setRangeState] = useState<RangeChoice>(() => stored('range', { kind: 'preset', preset: 'all' }, isRange));
  const [theme, setThemeState] = useState<Theme>(() => stored('theme', defaultTheme(), isTheme));
  const [paused, setPaused] = useState(false);
  const [tick, setTick] = useState(0);
  const [clock, setClock] = useState<PacketClock | undefined>(undefined);
  const [slotsVersion, setSlotsVersion] = useState(0);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      store('loggedIn', false);
      setCsrfToken(undefined);
      setSession(undefined);
    });
    // Ask for the session only when this browser logged in before: a first visit goes straight to the
    // login form instead of provoking a 401.
    if (!stored('loggedIn', false, (v): v is boolean => typeof v === 'boolean')) {
      setSessionChecked(true);
      return () => { setUnauthorizedHandler(undefined); };
    }
    apiGet<Session>('session')
      .then((s) => { setCsrfToken(s.csrfToken); setSession(s); })
      .catch(() => { setSession(undefined); store('loggedIn', false); })
      .finally(() => { setSessionChecked(true); });
    return () => { setUnauthorizedHandler(undefined); };
  }, []);

  // Live refresh: the packet clock is polled every 2 s; pages refetch (tick) only when it moved, so a
  // finished capture costs one small request per poll and a busy table is not re-sorted for nothing.
  const [poll, setPoll] = useState(0);
  useEffect(() => {
    if (session === undefined || paused) return undefined;
    const id = window.setInterval(() => { setPoll((t) => t + 1); }, 2000);
    return () => { window.clearInterval(id); };
  }, [session, paused]);

  useEffect(() => {
    if (session === undefined) return;
    apiGet<PacketClock>('stats/time', { 'mm-id': `:${slot}` })
      .then((c) => {
        setClock((old) => {
          if (old?.time === c.time && old.firstPacketTime === c.firstPacketTime && old.lastPacketTime === c.lastPacketTime) return old;
          if (old !== undefined) setTick((t) => t + 1);
          return c;
        });
      })
      .catch(() => { setClock(undefined); });
  }, [session, slot, poll]);

  const login = useCallback(async (user: string, password: string) => {
    const s = await apiSend<Session>('POST', 'login', { user, password });
    setCsrfToken(s.csrfToken);
    setSession(s);
    store('loggedIn', true);
  }, []);
  const logout = useCallback(async () => {
    await apiSend('POST', 'logout').catch(() => undefined);
    store('loggedIn', false);
    setCsrfToken(undefined);
    setSession(undefined);
  }, []);
  const setSlot = useCallback((s: number) => { setSlotState(s); store('slot', s); setClock(undefined); }, []);
  const refreshSlots = useCallback(() => { setSlotsVersion((v) => v + 1); }, []);
  const setRange = useCallback((r: RangeChoice) => { setRangeState(r); store('range', r); }, []);
  const setTheme = useCallback((t: Theme) => { setThemeState(t); store('theme', t); }, []);

  const interval = useMemo(() => resolveRange(range, clock), [range, clock]);
  const value = useMemo<AppState>(() => ({
    session, sessionChecked, login, logout, slot, setSlot, slotsVersion, refreshSlots, range, setRange, interval, clock, paused, setPaused, tick, theme, setTheme,
  }), [session, sessionChecked, login, logout, slot, setSlot, slotsVersion, refreshSlots, range, setRange, interval, clock, paused, tick, theme, setTheme]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppState(): AppState {
  const s = useContext(Ctx);
  if (s === undefined) throw new Error('useAppState outside AppStateProvider');
  return s;
}

/** The slot and interval every statistics request carries. */
export function useRangeQuery(): Query {
  const { slot, interval } = useAppState();
  return useMemo(() => ({
    'mm-id': `:${slot}`,
    starttime: interval?.start,
    endtime: interval?.end,
  }), [slot, interval]);
}
