/**
 * @module core/project-db
 * The one SQLite file of a data directory (`<data-dir>/wiremeter.db`) that users, names, capture
 * history and analysis profiles share, each in its own tables: opened the same way everywhere
 * (directory created private, write-ahead log, a busy timeout since several handles share the
 * file), with the caller's schema applied. No data directory: an in-memory database.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const PROJECT_DB_FILE = 'wiremeter.db';

export function openProjectDb(dataDir: string | undefined, schema: string): Database.Database {
  let db: Database.Database;
  if (dataDir === undefined) {
    db = new Database(':memory:');
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = new Database(join(dataDir, PROJECT_DB_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 2000');
  }
  db.exec(schema);
  return db;
}
