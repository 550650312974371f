/**
 * @module api/uploads/profile-db
 * Analysis profiles: named sets of settings overrides chosen per upload, kept in SQLite
 * (`<data-dir>/wiremeter.db`, table `analysis_profiles`, its own connection beside the user
 * database's). Settings are validated on the way in, so what is stored is always well-formed.
 * Every setting is applied: `tunnelView`, `packetLengthAccounting` (wire or captured length),
 * `vlanHandling` (separate: VLAN tags accounted; ignore: frames analysed as untagged) and
 * `detailLevel` (full: every module; reduced: the L2–L4 modules only). NOT_YET_EFFECTIVE is empty
 * and stays in the answer for clients that read it.
 */
import Database from 'better-sqlite3';
import { openProjectDb } from '../../core/project-db.js';
import { isTunnelView, type TunnelView } from '../../analysis/tunnel-view.js';

export const VLAN_HANDLING = ['separate', 'ignore'] as const;
export const PACKET_LENGTH_ACCOUNTING = ['wire', 'captured'] as const;
export const DETAIL_LEVELS = ['full', 'reduced'] as const;

export interface ProfileSettings {
  readonly tunnelView?: TunnelView;
  readonly vlanHandling?: (typeof VLAN_HANDLING)[number];
  readonly packetLengthAccounting?: (typeof PACKET_LENGTH_ACCOUNTING)[number];
  readonly detailLevel?: (typeof DETAIL_LEVELS)[number];
}

/** Settings a profile may hold that the analysis does not apply yet. */
export const NOT_YET_EFFECTIVE: readonly (keyof ProfileSettings)[] = [];

export interface AnalysisProfile {
  readonly name: string;
  readonly settings: ProfileSettings;
  readonly updated: number;
}

export class ProfileError extends Error {
  constructor(readonly statusCode: 400 | 404, message: string, readonly parameter?: string) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS analysis_profiles (
  name     TEXT PRIMARY KEY NOT NULL,
  settings TEXT NOT NULL,
  updated  INTEGER NOT NULL
) STRICT;`;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], key: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ProfileError(400, `${key} must be one of ${allowed.join(', ')}`, key);
}

/** Checks settings from a request (an object with only the known keys). */
export function parseSettings(input: unknown): ProfileSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ProfileError(400, 'settings must be an object', 'settings');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['tunnelView', 'vlanHandling', 'packetLengthAccounting', 'detailLevel'].includes(key)) throw new ProfileError(400, `unknown setting '${key}'`, key);
  }
  const tv = o.tunnelView;
  if (tv !== undefined && (typeof tv !== 'string' || !isTunnelView(tv))) throw new ProfileError(400, 'tunnelView must be one of all, outer, inner', 'tunnelView');
  const out: { -readonly [K in keyof ProfileSettings]: ProfileSettings[K] } = {};
  if (tv !== undefined) out.tunnelView = tv;
  const vlan = oneOf(o.vlanHandling, VLAN_HANDLING, 'vlanHandling');
  if (vlan !== undefined) out.vlanHandling = vlan;
  const len = oneOf(o.packetLengthAccounting, PACKET_LENGTH_ACCOUNTING, 'packetLengthAccounting');
  if (len !== undefined) out.packetLengthAccounting = len;
  const detail = oneOf(o.detailLevel, DETAIL_LEVELS, 'detailLevel');
  if (detail !== undefined) out.detailLevel = detail;
  return out;
}

export class ProfileDb {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openProjectDb(dataDir, SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  list(): AnalysisProfile[] {
    const rows = this.db.prepare('SELECT name, settings, updated FROM analysis_profiles ORDER BY name').all() as { name: string; settings: string; updated: number }[];
    return rows.map((r) => ({ name: r.name, settings: parseSettings(JSON.parse(r.settings)), updated: r.updated }));
  }

  get(name: string): AnalysisProfile | undefined {
    const r = this.db.prepare('SELECT name, settings, updated FROM analysis_profiles WHERE name = ?').get(name) as { name: string; settings: string; updated: number } | undefined;
    return r ? { name: r.name, settings: parseSettings(JSON.parse(r.settings)), updated: r.updated } : undefined;
  }

  /** Creates or replaces profile `name`. */
  put(name: string, settings: ProfileSettings): AnalysisProfile {
    if (!NAME.test(name)) throw new ProfileError(400, 'a profile name is 1 … 64 of A-Z a-z 0-9 _ . -', 'name');
    const updated = Math.floor(Date.now() / 1000);
    this.db.prepare('INSERT INTO analysis_profiles (name, settings, updated) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET settings = excluded.settings, updated = excluded.updated')
      .run(name, JSON.stringify(settings), updated);
    return { name, settings, updated };
  }

  delete(name: string): void {
    if (this.db.prepare('DELETE FROM analysis_profiles WHERE name = ?').run(name).changes === 0) throw new ProfileError(404, `no analysis profile '${name}'`);
  }
}
