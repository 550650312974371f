/**
 * @module capture/capture-db
 * What the capture module keeps across restarts, in the project's SQLite database
 * (`<data-dir>/wiremeter.db`, its own tables): the last finished captures (at most
 * FINISHED_KEPT), recent filters per user (at most RECENT_KEPT each) and favorite filters per user
 * with descriptions. Without a data directory everything lives in an in-memory database.
 */
import Database from 'better-sqlite3';
import { openProjectDb } from '../core/project-db.js';
import type { Plan } from './planned-captures.js';

export const FINISHED_KEPT = 100;
export const RECENT_KEPT = 20;
export const FAVORITES_KEPT = 100;

export interface FinishedCapture {
  readonly id: number;
  readonly user: string;
  /** 'http' (download) or 'disk'. */
  readonly mode: string;
  /** 'live' (from the slot's analysis) or 'file' (re-read of the slot's capture file). */
  readonly source: string;
  readonly format: string;
  readonly expression: string;
  /** Wall-clock start and end, epoch seconds. */
  readonly started: number;
  readonly ended: number;
  readonly captured: number;
  readonly dropped: number;
  readonly ignored: number;
  readonly bytes: number;
  /** Bytes per second over the capture's wall-clock duration. */
  readonly throughput: number;
  /** Why it ended: 'completed', 'stopped', 'client closed', 'error: …'. */
  readonly reason: string;
  /** Captures to disk: the files written, relative to their directory. */
  readonly files?: readonly string[];
}

export const PROFILES_KEPT = 10;
export const RULES_PER_PROFILE = 10;

/** A capture profile: snap length by L7 protocol (registry name, or '*' for any), first match wins. */
export interface CaptureProfile {
  readonly name: string;
  readonly rules: readonly { readonly protocol: string; readonly snapLength: number }[];
}

export interface Favorite {
  readonly id: number;
  readonly expression: string;
  readonly description: string;
  readonly created: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS capture_finished (id INTEGER PRIMARY KEY, ended REAL NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS capture_recent (user TEXT NOT NULL, expression TEXT NOT NULL, used REAL NOT NULL, PRIMARY KEY (user, expression));
CREATE TABLE IF NOT EXISTS capture_favorite (id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, expression TEXT NOT NULL,
  description TEXT NOT NULL, created REAL NOT NULL, UNIQUE (user, expression));
CREATE TABLE IF NOT EXISTS capture_planned (id INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS capture_profile (name TEXT PRIMARY KEY, rules TEXT NOT NULL, created REAL NOT NULL);
`;

export class CaptureDb {
  private readonly db: Database.Database;

  /** `dataDir` undefined: an in-memory database (tests, the OpenAPI build). */
  constructor(dataDir: string | undefined) {
    this.db = openProjectDb(dataDir, SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  /** The next capture id (continues after a restart). */
  lastFinishedId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) AS n FROM capture_finished').get() as { n: number }).n;
  }

  /** Records a finished capture (dropped quietly once the database is closed: server shutdown). */
  addFinished(f: FinishedCapture): void {
    if (!this.db.open) return;
    this.db.prepare('INSERT OR REPLACE INTO capture_finished (id, ended, record) VALUES (?, ?, ?)').run(f.id, f.ended, JSON.stringify(f));
    this.db.prepare('DELETE FROM capture_finished WHERE id NOT IN (SELECT id FROM capture_finished ORDER BY ended DESC, id DESC LIMIT ?)').run(FINISHED_KEPT);
  }

  /** Newest first. */
  finished(): FinishedCapture[] {
    return (this.db.prepare('SELECT record FROM capture_finished ORDER BY ended DESC, id DESC').all() as { record: string }[])
      .map((r) => JSON.parse(r.record) as FinishedCapture);
  }

  clearFinished(): number {
    return this.db.prepare('DELETE FROM capture_finished').run().changes;
  }

  addRecent(user: string, expression: string, when: number): void {
    this.db.prepare('INSERT INTO capture_recent (user, expression, used) VALUES (?, ?, ?) ON CONFLICT (user, expression) DO UPDATE SET used = excluded.used')
      .run(user, expression, when);
    this.db.prepare('DELETE FROM capture_recent WHERE user = ? AND expression NOT IN (SELECT expression FROM capture_recent WHERE user = ? ORDER BY used DESC LIMIT ?)')
      .run(user, user, RECENT_KEPT);
  }

  /** Newest first. */
  recent(user: string): { expression: string; used: number }[] {
    return this.db.prepare('SELECT expression, used FROM capture_recent WHERE user = ? ORDER BY used DESC').all(user) as { expression: string; used: number }[];
  }

  clearRecent(user: string): number {
    return this.db.prepare('DELETE FROM capture_recent WHERE user = ?').run(user).changes;
  }

  favorites(user: string): Favorite[] {
    return this.db.prepare('SELECT id, expression, description, created FROM capture_favorite WHERE user = ? ORDER BY id').all(user) as Favorite[];
  }

  /** Adds (or re-describes) a favorite; undefined when the user already has FAVORITES_KEPT. */
  addFavorite(user: string, expression: string, description: string, when: number): Favorite | undefined {
    const existing = this.db.prepare('SELECT id FROM capture_favorite WHERE user = ? AND expression = ?').get(user, expression) as { id: number } | undefined;
    if (existing === undefined && this.favorites(user).length >= FAVORITES_KEPT) return undefined;
    this.db.prepare('INSERT INTO capture_favorite (user, expression, description, created) VALUES (?, ?, ?, ?) ON CONFLICT (user, expression) DO UPDATE SET description = excluded.description')
      .run(user, expression, description, when);
    return this.favorites(user).find((f) => f.expression === expression);
  }

  removeFavorite(user: string, id: number): boolean {
    return this.db.prepare('DELETE FROM capture_favorite WHERE user = ? AND id = ?').run(user, id).changes > 0;
  }

  plans(): Plan[] {
    return (this.db.prepare('SELECT id, record FROM capture_planned ORDER BY id').all() as { id: number; record: string }[])
      .map((r) => ({ ...(JSON.parse(r.record) as Omit<Plan, 'id'>), id: r.id }));
  }

  addPlan(plan: Omit<Plan, 'id'>): Plan {
    const id = Number(this.db.prepare('INSERT INTO capture_planned (record) VALUES (?)').run(JSON.stringify(plan)).lastInsertRowid);
    return { ...plan, id };
  }

  updatePlan(plan: Plan): void {
    if (!this.db.open) return;
    this.db.prepare('UPDATE capture_planned SET record = ? WHERE id = ?').run(JSON.stringify(plan), plan.id);
  }

  removePlan(id: number): boolean {
    return this.db.prepare('DELETE FROM capture_planned WHERE id = ?').run(id).changes > 0;
  }

  profiles(): CaptureProfile[] {
    return (this.db.prepare('SELECT name, rules FROM capture_profile ORDER BY created, name').all() as { name: string; rules: string }[])
      .map((r) => ({ name: r.name, rules: JSON.parse(r.rules) as CaptureProfile['rules'] }));
  }

  profile(name: string): CaptureProfile | undefined {
    return this.profiles().find((p) => p.name === name);
  }

  /** Creates or replaces a profile; false when PROFILES_KEPT others exist already. */
  saveProfile(profile: CaptureProfile, when: number): boolean {
    if (this.profile(profile.name) === undefined && this.profiles().length >= PROFILES_KEPT) return false;
    this.db.prepare('INSERT INTO capture_profile (name, rules, created) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET rules = excluded.rules')
      .run(profile.name, JSON.stringify(profile.rules), when);
    return true;
  }

  removeProfile(name: string): boolean {
    return this.db.prepare('DELETE FROM capture_profile WHERE name = ?').run(name).changes > 0;
  }

  clearFavorites(user: string): number {
    return this.db.prepare('DELETE FROM capture_favorite WHERE user = ?').run(user).changes;
  }
}
