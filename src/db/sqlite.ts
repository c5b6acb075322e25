// SQLite: the default store, one file, through better-sqlite3.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PrismaClient } from '../generated/sqlite/client.js';
import type { MigrationRow, MigrationStore } from './migrations.js';
import { TRANSACTION_OPTIONS } from './target.js';

// How long a connection waits for another one's write lock before failing with SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 5000;

// Verbatim from Prisma's schema engine, so its CLI recognises the table.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`;

// The timestamp text Prisma's engine writes through the better-sqlite3 adapter.
function timestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

function createParentDir(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
}

export async function openSqliteClient(file: string): Promise<PrismaClient> {
  createParentDir(file);
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import('../generated/sqlite/client.js'),
    import('@prisma/adapter-better-sqlite3'),
  ]);
  // The adapter keeps a single connection per client, so these pragmas hold for all its queries.
  const db = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  // WAL: readers never block the writer, and a bot is mostly reads between short writes.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  // In WAL mode NORMAL loses nothing to a crashed or killed process (a commit is in the WAL
  // before it returns); only a power cut may undo the last commits. FULL would add an fsync to
  // every commit, and better-sqlite3 waits for it on the event loop. A connection opened on a
  // WAL file gets NORMAL anyway; the very first one on a new file would not, so say it.
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

export function openSqliteMigrationStore(file: string): MigrationStore {
  createParentDir(file);
  const conn = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  // Prisma applies SQLite migrations with foreign keys off, so that redefining a table (create
  // new, copy, DROP old, rename) does not cascade deletes into the tables referring to it. The
  // pragma is ignored inside a transaction, so set it now and check the result before commit.
  conn.pragma('foreign_keys = OFF');
  return {
    async transaction(work) {
      // IMMEDIATE takes the write lock now: a concurrent deploy waits here, then finds no work.
      conn.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        const violations = conn.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) throw new Error(`${violations.length} rows would break foreign keys`);
        conn.exec('COMMIT');
        return result;
      } catch (err) {
        if (conn.inTransaction) conn.exec('ROLLBACK');
        throw err;
      }
    },
    async rows() {
      const exists = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
        .get();
      if (!exists) conn.exec(MIGRATIONS_TABLE_DDL);
      return conn
        .prepare('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at')
        .all() as MigrationRow[];
    },
    async apply(migration) {
      const startedAt = timestamp();
      conn.exec(migration.sql);
      conn
        .prepare(
          'INSERT INTO "_prisma_migrations" ' +
            '(id, checksum, started_at, finished_at, migration_name, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
        )
        .run(randomUUID(), migration.checksum, startedAt, timestamp(), migration.name);
    },
    async close() {
      conn.close();
    },
  };
}
