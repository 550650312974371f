/**
 * The REST client of the web UI: every call goes to the public /API with the session cookie; state-changing
 * calls carry the CSRF token from the login. Failures are `ApiFailure`s carrying the status and the API's JSON
 * error body (a table filter's 400 names the character position). A 401 tells the app to show the login.
 */

export interface ApiErrorBody {
  readonly error: string;
  readonly parameter?: string;
  readonly position?: number;
  readonly expected?: readonly string[];
}

export class ApiFailure extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | undefined;
  constructor(status: number, body: ApiErrorBody | undefined, fallback: string) {
    super(body?.error ?? fallback);
    this.name = 'ApiFailure';
    this.status = status;
    this.body = body;
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

/** Called on any 401 (session expired or logged out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** `/API/<path>?<query>`; undefined values are left out. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/API/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { error?: unknown }).error === 'string';
}

async function request(method: string, path: string, query: Query, body: unknown, signal?: AbortSignal): Promise<unknown> {
  // X-Requested-With: a 401 then carries no Basic challenge (no browser login dialog over the UI).
  const headers: Record<string, string> = { accept: 'application/json', 'x-requested-with': 'wiremeter-ui' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'OPTIONS' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (signal) init.signal = signal;
  const res = await fetch(apiUrl(path, query), init);
  if (res.status === 204) return undefined;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && path !== 'login') onUnauthorized?.();
    throw new ApiFailure(res.status, isErrorBody(parsed) ? parsed : undefined, `${method} ${path}: HTTP ${res.status}`);
  }
  return parsed;
}

export function apiGet<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  return request('GET', path, query, undefined, signal) as Promise<T>;
}

export async function apiOptions(path: string, query: Query = {}): Promise<readonly string[]> {
  const r = await request('OPTIONS', path, query, undefined) as { subResources?: unknown } | undefined;
  const list = r?.subResources;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}

export function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request(method, path, {}, body) as Promise<T>;
}
