/**
 * @module api/settings/settings-db
 * Persisted system settings: the `settings` table (key → JSON value) in `<data-dir>/wiremeter.db`,
 * its own connection beside the user and profile databases'. Today one key: `interfaces`, the
 * live capture's interfaces and which of them form a link. Values are validated on the way in
 * and on the way out, so a hand-edited database cannot start a capture on garbage.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { openProjectDb } from '../../core/project-db.js';

/** The live capture's interfaces and links, as stored and as the API shows them. */
export interface InterfaceSettings {
  /** Interfaces analysed live into slot 0, in order (interface id = position). */
  readonly interfaces: readonly string[];
  /** Which interfaces form a link (each group a list of names); the rest pair in order. */
  readonly links: readonly (readonly string[])[];
}

export class SettingsError extends Error {
  constructor(message: string, readonly parameter: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

const INTERFACE_NAME = /^[A-Za-z0-9_.:@-]{1,64}$/;
const MAX_INTERFACES = 16;

/**
 * Checks interface settings from a request or the database. With `mustExist`, each interface must
 * be a network interface of this machine (/sys/class/net, where there is one).
 */
export function parseInterfaceSettings(input: unknown, mustExist = false): InterfaceSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new SettingsError('settings must be an object', 'interfaces');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) if (key !== 'interfaces' && key !== 'links') throw new SettingsError(`unknown setting '${key}'`, key);
  const names = o.interfaces;
  if (!Array.isArray(names) || names.length > MAX_INTERFACES) throw new SettingsError(`interfaces must be a list of at most ${MAX_INTERFACES} names`, 'interfaces');
  const interfaces: string[] = [];
  for (const n of names as unknown[]) {
    if (typeof n !== 'string' || !INTERFACE_NAME.test(n)) throw new SettingsError(`'${String(n).slice(0, 64)}' is not an interface name`, 'interfaces');
    if (interfaces.includes(n)) throw new SettingsError(`interface '${n}' is named twice`, 'interfaces');
    if (mustExist && existsSync('/sys/class/net') && !existsSync(`/sys/class/net/${n}`)) throw new SettingsError(`this machine has no network interface '${n}'`, 'interfaces');
    interfaces.push(n);
  }
  const rawLinks = o.links ?? [];
  if (!Array.isArray(rawLinks)) throw new SettingsError('links must be a list of lists of interface names', 'links');
  const links: string[][] = [];
  const linked = new Set<string>();
  for (const group of rawLinks as unknown[]) {
    if (!Array.isArray(group) || group.length === 0) throw new SettingsError('each link is a non-empty list of interface names', 'links');
    const names2: string[] = [];
    for (const n of group as unknown[]) {
      if (typeof n !== 'string' || !interfaces.includes(n)) throw new SettingsError(`link names '${String(n).slice(0, 64)}', which is not one of the interfaces`, 'links');
      if (linked.has(n)) throw new SettingsError(`interface '${n}' is in two links`, 'links');
      linked.add(n);
      names2.push(n);
    }
    links.push(names2);
  }
  return { interfaces, links };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (
  key     TEXT PRIMARY KEY NOT NULL,
  value   TEXT NOT NULL,
  updated INTEGER NOT NULL
) STRICT;`;

export class SettingsDb {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openProjectDb(dataDir, SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  /** The stored interface settings, or null when none were ever saved. */
  interfaces(): InterfaceSettings | null {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get('interfaces') as { value: string } | undefined;
    return r === undefined ? null : parseInterfaceSettings(JSON.parse(r.value));
  }

  saveInterfaces(settings: InterfaceSettings): void {
    this.db.prepare('INSERT INTO settings (key, value, updated) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated')
      .run('interfaces', JSON.stringify(settings), Math.floor(Date.now() / 1000));
  }
}
