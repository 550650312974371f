/**
 * `useApi(path, query)`: GET a resource, refetching when the path, the query or the live tick changes.
 * The previous answer stays on screen while the next one loads, so live refresh does not flicker.
 */
import { useEffect, useState } from 'react';
import { apiGet, ApiFailure, type Query } from '../api/client';
import { useAppState } from './app-state';

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: ApiFailure | Error | undefined;
  readonly loading: boolean;
}

interface Held<T> extends ApiState<T> {
  readonly key: string;
}

export function useApi<T>(path: string | undefined, query: Query = {}, live = true): ApiState<T> {
  const { tick } = useAppState();
  const key = JSON.stringify(query);
  // What identifies the resource: the path and query without the moving time range.
  const { starttime: _s, endtime: _e, ...rest } = query;
  const full = `${path ?? ''}?${JSON.stringify(rest)}`;
  const [state, setState] = useState<Held<T>>({ key: full, data: undefined, error: undefined, loading: path !== undefined });
  const liveTick = live ? tick : 0;
  useEffect(() => {
    if (path === undefined) return undefined;
    const ctrl = new AbortController();
    const id = full;
    setState((s) => ({ ...s, loading: true }));
    apiGet<T>(path, JSON.parse(key) as Query, ctrl.signal)
      .then((data) => { setState({ key: id, data, error: undefined, loading: false }); })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setState((s) => ({ key: id, data: s.key === id ? s.data : undefined, error: e instanceof Error ? e : new Error(String(e)), loading: false }));
      });
    return () => { ctrl.abort(); };
  }, [path, key, full, liveTick]);
  // An answer to an earlier path or query is kept only while the same resource reloads (live tick).
  if (state.key !== full) return { data: undefined, error: undefined, loading: true };
  return state;
}
