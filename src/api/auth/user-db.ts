/**
 * @module api/auth/user-db
 * Users in SQLite (`<data-dir>/wiremeter.db`, better-sqlite3): name, role (admin | user), the
 * separate pcap permission, and the argon2id hash. Guards the invariant that at least one admin
 * remains. Synchronous (SQLite in-process); hashing happens before the calls, never inside.
 */
import Database from 'better-sqlite3';
import { openProjectDb } from '../../core/project-db.js';

export type Role = 'admin' | 'user';
export const ROLES: readonly Role[] = ['admin', 'user'];

export interface UserRecord {
  readonly name: string;
  readonly role: Role;
  /** May capture and extract packets (admins always may). */
  readonly pcap: boolean;
  readonly created: number;
}

interface UserRow { name: string; role: string; pcap: number; created: number; hash: string }

export class UserDbError extends Error {
  constructor(readonly statusCode: 404 | 409, message: string) {
    super(message);
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  name    TEXT PRIMARY KEY NOT NULL,
  role    TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  pcap    INTEGER NOT NULL DEFAULT 0 CHECK (pcap IN (0, 1)),
  hash    TEXT NOT NULL,
  created INTEGER NOT NULL
) STRICT;`;

function toRecord(row: UserRow): UserRecord {
  return { name: row.name, role: row.role === 'admin' ? 'admin' : 'user', pcap: row.pcap === 1, created: row.created };
}

export class UserDb {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openProjectDb(dataDir, SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): UserRecord[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toRecord);
  }

  get(name: string): UserRecord | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** The stored hash, for verification. */
  hashOf(name: string): string | undefined {
    return (this.db.prepare('SELECT hash FROM users WHERE name = ?').get(name) as { hash: string } | undefined)?.hash;
  }

  create(name: string, role: Role, pcap: boolean, hash: string): UserRecord {
    if (this.get(name)) throw new UserDbError(409, `user '${name}' exists`);
    this.db.prepare('INSERT INTO users (name, role, pcap, hash, created) VALUES (?, ?, ?, ?, ?)')
      .run(name, role, pcap ? 1 : 0, hash, Math.floor(Date.now() / 1000));
    return this.get(name) as UserRecord;
  }

  update(name: string, change: { readonly role?: Role; readonly pcap?: boolean; readonly hash?: string }): UserRecord {
    return this.db.transaction(() => {
      const user = this.get(name);
      if (!user) throw new UserDbError(404, `no user '${name}'`);
      if (change.role === 'user' && user.role === 'admin' && this.admins() === 1) throw new UserDbError(409, `'${name}' is the last admin`);
      this.db.prepare('UPDATE users SET role = ?, pcap = ?, hash = coalesce(?, hash) WHERE name = ?')
        .run(change.role ?? user.role, (change.pcap ?? user.pcap) ? 1 : 0, change.hash ?? null, name);
      return this.get(name) as UserRecord;
    })();
  }

  delete(name: string): void {
    this.db.transaction(() => {
      const user = this.get(name);
      if (!user) throw new UserDbError(404, `no user '${name}'`);
      if (user.role === 'admin' && this.admins() === 1) throw new UserDbError(409, `'${name}' is the last admin`);
      this.db.prepare('DELETE FROM users WHERE name = ?').run(name);
    })();
  }

  private admins(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").get() as { n: number }).n;
  }
}
