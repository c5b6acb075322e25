// Applies the committed migrations (prisma/migrations/<provider>/<name>/migration.sql) at start-up.
//
// Why a runner of our own rather than the wasm schema engine's applyMigrations: loading the engine
// costs ~70 ms and 5 MB of wasm on every start; on SQLite it locks the file exclusively
// (PRAGMA locking_mode=EXCLUSIVE); on PostgreSQL its advisory lock goes through a connection pool, so
// lock and work may run on different connections; and it applies scripts outside any transaction.
// This runner applies all pending migrations in ONE transaction that also holds the deploy lock:
// either all of them land or none does, and a second process starting at the same time waits,
// then finds nothing left to do. It keeps Prisma's `_prisma_migrations` table exactly as the
// engine does (same DDL, sha256 checksum of the file, one finished row per migration), so the
// official CLI (`prisma migrate status|deploy|resolve`) keeps working on the same database.
//
// Consequence for authors: migration.sql must not contain its own BEGIN/COMMIT, nor statements
// that cannot run in a transaction (e.g. CREATE INDEX CONCURRENTLY).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbProvider } from './target.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url));

export interface Migration {
  /** Folder name, `<UTC timestamp>_<name>`; the order of application. */
  name: string;
  sql: string;
  /** sha256 of migration.sql, hex, as Prisma computes it. */
  checksum: string;
}

/** The columns of a `_prisma_migrations` row that deploying looks at. */
export interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** One provider's connection to the database being migrated. */
export interface MigrationStore {
  /** Runs `work` in one transaction holding the deploy lock; commits when it resolves. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Creates `_prisma_migrations` when missing. */
  rows(): Promise<MigrationRow[]>;
  /** Runs the script and records it as applied. */
  apply(migration: Migration): Promise<void>;
  close(): Promise<void>;
}

export async function readMigrations(provider: DbProvider): Promise<Migration[]> {
  const dir = path.join(MIGRATIONS_DIR, provider);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

function pendingMigrations(migrations: Migration[], rows: MigrationRow[]): Migration[] {
  // Prisma's own CLI records a failed migration as started but neither finished nor rolled back;
  // like `prisma migrate deploy`, refuse to go on until someone has looked at it.
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations: repair the database, ` +
        'then mark it with `prisma migrate resolve --applied|--rolled-back`',
    );
  }
  const applied = new Set(rows.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
  return migrations.filter((migration) => !applied.has(migration.name));
}

/** Applies what is pending and closes the store. Returns the names applied, in order. */
export async function runMigrations(store: MigrationStore, migrations: Migration[]): Promise<string[]> {
  try {
    return await store.transaction(async () => {
      const pending = pendingMigrations(migrations, await store.rows());
      for (const migration of pending) {
        try {
          await store.apply(migration);
        } catch (err) {
          // The message only, not the error: drivers attach row values (PostgreSQL's `detail`,
          // e.g. a duplicated Telegram id) that must not end up in logs.
          const reason = err instanceof Error ? err.message : String(err);
          throw new Error(`Migration ${migration.name} failed, so none was applied: ${reason}`);
        }
      }
      return pending.map((migration) => migration.name);
    });
  } finally {
    await store.close();
  }
}
