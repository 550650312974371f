/**
 * @module api/auth/sessions
 * Browser sessions in memory: a random 256-bit token (the HttpOnly cookie) and a random CSRF
 * token (returned by login, required in the X-CSRF-Token header of state-changing requests).
 * Sessions end on logout, after the idle time, after the absolute lifetime, when their user is
 * deleted or changed; the oldest go first when there are too many.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AUTH_LIMITS } from '../../config/limits.js';

export interface Session {
  readonly token: string;
  readonly csrfToken: string;
  readonly user: string;
  readonly created: number;
  lastUsed: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  create(user: string): Session {
    const now = this.now();
    const s: Session = { token: randomBytes(32).toString('base64url'), csrfToken: randomBytes(32).toString('base64url'), user, created: now, lastUsed: now };
    this.sessions.set(s.token, s);
    while (this.sessions.size > AUTH_LIMITS.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return s;
  }

  /** The live session of `token`, touched; undefined when unknown or expired. */
  get(token: string): Session | undefined {
    const s = this.sessions.get(token);
    if (!s) return undefined;
    const now = this.now();
    if (now - s.lastUsed > AUTH_LIMITS.sessionIdleMs || now - s.created > AUTH_LIMITS.sessionMaxMs) {
      this.sessions.delete(token);
      return undefined;
    }
    s.lastUsed = now;
    return s;
  }

  delete(token: string): void {
    this.sessions.delete(token);
  }

  /** End every session of `user` (deleted, demoted, password changed). */
  endUser(user: string): void {
    for (const [token, s] of this.sessions) if (s.user === user) this.sessions.delete(token);
  }
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
