/**
 * @module names/user-names
 * User-defined names of IP and MAC addresses, each with a category: persisted in the project's
 * SQLite database (`<data-dir>/wiremeter.db`, table `user_names`, created if missing) and mirrored
 * in memory for look-ups from answers (the names column of IP rows). Addresses are kept in one
 * canonical text form (IPv4 dotted, IPv6 RFC 5952, MAC lower-case with colons), so "0A:…" and
 * "0a:…" are one entry. Also the exchange formats: CSV lines `ip,192.168.0.1,category,name` /
 * `mac,00:11:22:33:44:55,category,name`, and plain IP lists (one address a line, `#` comments).
 *
 * The server opens one store per process and makes it the active one (`setActiveUserNames`), which
 * the analyses read: user names are per installation, not per user or per capture.
 */
import Database from 'better-sqlite3';
import { openProjectDb } from '../core/project-db.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { formatIpAddress, formatMac, parseIpAddress, parseMac } from '../core/addresses.js';

export type AddressKind = 'ip' | 'mac';
export const ADDRESS_KINDS: readonly AddressKind[] = ['ip', 'mac'];

export interface UserName {
  readonly kind: AddressKind;
  readonly address: string;
  readonly category: string;
  readonly name: string;
  /** Epoch seconds of the last change. */
  readonly updated: number;
}

export const USER_NAME_LIMITS = {
  maxEntries: 1_000_000,
  maxFieldChars: 256,
  /** Most problems reported back from one import. */
  maxReportedErrors: 20,
} as const;

export class UserNameError extends Error {
  constructor(readonly statusCode: 400 | 404 | 413, message: string) {
    super(message);
  }
}

/** The canonical text of an address, or null when `text` is not one of `kind`. */
export function canonicalAddress(kind: AddressKind, text: string): string | null {
  const t = text.trim();
  if (kind === 'mac') {
    const mac = parseMac(t);
    return mac === null ? null : formatMac(mac);
  }
  const a = parseIpAddress(t);
  return a === null ? null : formatIpAddress(a);
}

function checkField(what: string, value: string): string {
  const v = value.trim();
  if (v.length > USER_NAME_LIMITS.maxFieldChars) throw new UserNameError(400, `${what} longer than ${USER_NAME_LIMITS.maxFieldChars} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) throw new UserNameError(400, `${what} contains control characters`);
  return v;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS user_names (
  kind     TEXT NOT NULL CHECK (kind IN ('ip', 'mac')),
  address  TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  name     TEXT NOT NULL DEFAULT '',
  updated  INTEGER NOT NULL,
  PRIMARY KEY (kind, address)
) STRICT;`;

interface Row { kind: string; address: string; category: string; name: string; updated: number }

/** A CSV field, quoted when it needs to be (RFC 4180). */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface ImportReport {
  readonly added: number;
  readonly errors: readonly string[];
}

export class UserNames {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, UserName>();

  constructor(dataDir: string) {
    this.db = openProjectDb(dataDir, SCHEMA);
    for (const r of this.db.prepare('SELECT * FROM user_names').all() as Row[]) {
      const kind: AddressKind = r.kind === 'mac' ? 'mac' : 'ip';
      this.cache.set(`${kind} ${r.address}`, { kind, address: r.address, category: r.category, name: r.name, updated: r.updated });
    }
  }

  close(): void {
    this.db.close();
  }

  get size(): number {
    return this.cache.size;
  }

  /** Every entry, IPs first, by address. */
  list(kind?: AddressKind): UserName[] {
    return [...this.cache.values()].filter((u) => kind === undefined || u.kind === kind)
      .sort((a, b) => (a.kind === b.kind ? a.address.localeCompare(b.address) : a.kind === 'ip' ? -1 : 1));
  }

  /** The entry of a canonical address. */
  get(kind: AddressKind, address: string): UserName | undefined {
    return this.cache.get(`${kind} ${address}`);
  }

  /** The entry of an address in any accepted text form; throws (400) when it is not an address. */
  lookup(kind: AddressKind, address: string): UserName | undefined {
    const canonical = canonicalAddress(kind, address);
    if (canonical === null) throw new UserNameError(400, `not ${kind === 'ip' ? 'an IP' : 'a MAC'} address: ${address.slice(0, 64)}`);
    return this.get(kind, canonical);
  }

  /** Adds or replaces the entry of an address (any accepted text form). */
  put(kind: AddressKind, address: string, category: string, name: string): UserName {
    const canonical = canonicalAddress(kind, address);
    if (canonical === null) throw new UserNameError(400, `not ${kind === 'ip' ? 'an IP' : 'a MAC'} address: ${address.slice(0, 64)}`);
    const c = checkField('category', category), n = checkField('name', name);
    const key = `${kind} ${canonical}`;
    if (!this.cache.has(key) && this.cache.size >= USER_NAME_LIMITS.maxEntries) throw new UserNameError(413, `at most ${USER_NAME_LIMITS.maxEntries} names`);
    const entry: UserName = { kind, address: canonical, category: c, name: n, updated: Math.floor(Date.now() / 1000) };
    this.db.prepare('INSERT INTO user_names (kind, address, category, name, updated) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (kind, address) DO UPDATE SET category = excluded.category, name = excluded.name, updated = excluded.updated')
      .run(kind, canonical, c, n, entry.updated);
    this.cache.set(key, entry);
    return entry;
  }

  /** Removes the entry of an address; false when there was none. */
  delete(kind: AddressKind, address: string): boolean {
    const canonical = canonicalAddress(kind, address);
    if (canonical === null) throw new UserNameError(400, `not ${kind === 'ip' ? 'an IP' : 'a MAC'} address: ${address.slice(0, 64)}`);
    this.db.prepare('DELETE FROM user_names WHERE kind = ? AND address = ?').run(kind, canonical);
    return this.cache.delete(`${kind} ${canonical}`);
  }

  /** Removes every entry (of one kind); returns how many went. */
  clear(kind?: AddressKind): number {
    const before = this.cache.size;
    if (kind === undefined) this.db.prepare('DELETE FROM user_names').run();
    else this.db.prepare('DELETE FROM user_names WHERE kind = ?').run(kind);
    for (const [k, v] of this.cache) if (kind === undefined || v.kind === kind) this.cache.delete(k);
    return before - this.cache.size;
  }

  /** The whole list as CSV lines `kind,address,category,name`. */
  toCsv(): string {
    return this.list().map((u) => [u.kind, u.address, u.category, u.name].map(csvField).join(',')).join('\n') + (this.cache.size > 0 ? '\n' : '');
  }

  /**
   * Adds the entries of a CSV text (`ip|mac,address,category,name`; a header line starting with
   * "kind" or "type" and empty lines are skipped). Bad lines are reported, good ones kept; all in
   * one transaction.
   */
  importCsv(text: string): ImportReport {
    let records: string[][];
    try {
      records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, comment: '#' });
    } catch (err) {
      throw new UserNameError(400, `not CSV: ${err instanceof Error ? err.message.slice(0, 200) : 'parse error'}`);
    }
    const errors: string[] = [];
    let added = 0;
    this.db.transaction(() => {
      records.forEach((r, i) => {
        const kind = (r[0] ?? '').toLowerCase();
        if (i === 0 && (kind === 'kind' || kind === 'type')) return;
        try {
          if (kind !== 'ip' && kind !== 'mac') throw new UserNameError(400, `first field must be ip or mac, not '${kind.slice(0, 20)}'`);
          this.put(kind, r[1] ?? '', r[2] ?? '', r[3] ?? '');
          added++;
        } catch (err) {
          if (errors.length < USER_NAME_LIMITS.maxReportedErrors) errors.push(`record ${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
        }
      });
    })();
    return { added, errors };
  }

  /** Adds the addresses of a plain IP list (one a line, `#` starts a comment) with a category and name. */
  importIpList(text: string, category: string, name: string): ImportReport {
    const errors: string[] = [];
    let added = 0;
    this.db.transaction(() => {
      text.split(/\r?\n/).forEach((line, i) => {
        const address = line.replace(/#.*/, '').trim();
        if (address === '') return;
        try {
          this.put('ip', address, category, name);
          added++;
        } catch (err) {
          if (errors.length < USER_NAME_LIMITS.maxReportedErrors) errors.push(`line ${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
        }
      });
    })();
    return { added, errors };
  }
}

let active: UserNames | null = null;

/** Makes `names` the store the analyses read (null: none). */
export function setActiveUserNames(names: UserNames | null): void {
  active = names;
}

/** The user-defined names of this process, if a store is open. */
export function activeUserNames(): UserNames | null {
  return active;
}
