/**
 * @module api/auth/authenticator
 * Who sends a request: HTTP Basic (scripts) or the session cookie (browsers). Basic checks go
 * through the login limiter and a short-lived cache of successful checks keyed by an HMAC of the
 * credentials (so a polling script does not pay argon2 on every request; cleared whenever a user
 * changes). Session requests that change state must carry the session's CSRF token.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AUTH_LIMITS } from '../../config/limits.js';
import { ApiError } from '../api-error.js';
import type { Principal } from './access.js';
import { LoginLimiter } from './login-limiter.js';
import { verifyPassword } from './passwords.js';
import { sameToken, SessionStore } from './sessions.js';
import type { UserDb } from './user-db.js';

export const SESSION_COOKIE = 'wm_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class Authenticator {
  readonly sessions = new SessionStore();
  readonly limiter = new LoginLimiter();
  private readonly cacheKey = randomBytes(32);
  private readonly basicCache = new Map<string, { user: string; expires: number }>();

  constructor(readonly users: UserDb) {}

  /** Forget cached credentials and end the sessions of `user` (after a change to it). */
  userChanged(user: string): void {
    this.basicCache.clear();
    this.sessions.endUser(user);
  }

  /** Check a name and password; 429 when throttled, 401 when wrong. */
  async checkPassword(address: string, name: string, password: string): Promise<Principal> {
    const wait = this.limiter.retryAfterSec(address, name);
    if (wait > 0) throw new ApiError(429, `too many failed logins; try again in ${wait} s`, undefined, { retryAfterSec: wait });
    const ok = name.length <= AUTH_LIMITS.maxUserNameChars && password.length <= AUTH_LIMITS.maxPasswordChars
      && await verifyPassword(this.users.hashOf(name), password);
    const user = ok ? this.users.get(name) : undefined;
    if (!user) {
      this.limiter.recordFailure(address, name);
      throw new ApiError(401, 'wrong user name or password');
    }
    return { name: user.name, role: user.role, pcap: user.pcap, session: undefined };
  }

  /** The principal of a request, or an ApiError (401, 403, 429). */
  async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header !== undefined) return this.basic(request.ip, header);
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token !== undefined) return this.session(request, token);
    throw new ApiError(401, 'authentication required (HTTP Basic, or the session cookie of POST /API/login)');
  }

  private async basic(address: string, header: string): Promise<Principal> {
    const m = /^Basic ([A-Za-z0-9+/=]{1,1024})$/i.exec(header.trim());
    if (!m) throw new ApiError(401, 'unsupported Authorization header (use Basic)');
    const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new ApiError(401, 'malformed Basic credentials');
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const key = createHmac('sha256', this.cacheKey).update(decoded).digest('base64');
    const cached = this.basicCache.get(key);
    if (cached && cached.expires > Date.now()) {
      const user = this.users.get(cached.user);
      if (user) return { name: user.name, role: user.role, pcap: user.pcap, session: undefined };
    }
    const principal = await this.checkPassword(address, name, password);
    if (this.basicCache.size >= AUTH_LIMITS.basicCacheEntries) this.basicCache.clear();
    this.basicCache.set(key, { user: principal.name, expires: Date.now() + AUTH_LIMITS.basicCacheMs });
    return principal;
  }

  private session(request: FastifyRequest, token: string): Principal {
    const s = this.sessions.get(token);
    const user = s ? this.users.get(s.user) : undefined;
    if (!s || !user) throw new ApiError(401, 'session expired or unknown; log in again');
    if (!SAFE_METHODS.has(request.method)) {
      const csrf = request.headers[CSRF_HEADER];
      if (typeof csrf !== 'string' || !sameToken(csrf, s.csrfToken)) {
        throw new ApiError(403, `a session request that changes state needs the ${CSRF_HEADER} header from the login answer`);
      }
    }
    return { name: user.name, role: user.role, pcap: user.pcap, session: s };
  }
}

/** Refuse state-changing requests that a browser sent from another site. */
export function checkSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new ApiError(403, 'cross-site request refused');
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new ApiError(403, 'bad Origin header');
  }
  if (host !== request.headers.host) throw new ApiError(403, 'cross-origin request refused');
}

/** The value of cookie `name` in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
