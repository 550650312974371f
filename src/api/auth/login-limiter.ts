/**
 * @module api/auth/login-limiter
 * Throttles failed logins (Basic or session): at most N failures per client address, and 4·N
 * per user name, in a fixed window; beyond that the client gets 429 until the window ends,
 * without a password check (so guessing costs the server nothing). Bounded: the oldest entries
 * are evicted when too many clients are tracked.
 */
import { AUTH_LIMITS } from '../../config/limits.js';

interface Window { start: number; failures: number }

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly perAddress: number = AUTH_LIMITS.failuresPerWindow,
    private readonly windowMs: number = AUTH_LIMITS.failureWindowMs,
  ) {}

  private keys(address: string, user: string): [string, number][] {
    return [[`a:${address}`, this.perAddress], [`u:${user}`, this.perAddress * 4]];
  }

  /** Seconds until this address/user may try again, or 0 when it may try now. */
  retryAfterSec(address: string, user: string): number {
    const now = this.now();
    let wait = 0;
    for (const [key, limit] of this.keys(address, user)) {
      const w = this.windows.get(key);
      if (w && now - w.start < this.windowMs && w.failures >= limit) wait = Math.max(wait, Math.ceil((w.start + this.windowMs - now) / 1000));
    }
    return wait;
  }

  recordFailure(address: string, user: string): void {
    const now = this.now();
    for (const [key] of this.keys(address, user)) {
      let w = this.windows.get(key);
      if (!w || now - w.start >= this.windowMs) {
        this.windows.delete(key);
        w = { start: now, failures: 0 };
        this.windows.set(key, w);
      }
      w.failures++;
    }
    while (this.windows.size > AUTH_LIMITS.trackedClients * 2) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
  }
}
