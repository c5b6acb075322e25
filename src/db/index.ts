// The data layer's public face. The rest of the app sees one client type, `Db`, whatever the
// provider: both generated clients come from the same prisma/models.prisma, so they are
// interchangeable at run time, and the provider choice stays inside src/db.
import type { Prisma, PrismaClient } from '../generated/sqlite/client.js';
import { readMigrations, runMigrations } from './migrations.js';
import { openPostgresClient, openPostgresMigrationStore } from './postgresql.js';
import { openSqliteClient, openSqliteMigrationStore } from './sqlite.js';
import type { DbProvider, DbTarget } from './target.js';

export { dbTargetFromUrl } from './target.js';
/**
 * Tagged SQL for `$executeRaw` / `$queryRaw` on either provider: values become bound parameters
 * in the provider's placeholder style (`?` or `$1`). `join` builds lists such as multi-row VALUES.
 */
export { join as sqlJoin, sqltag as sql } from '@prisma/client/runtime/client';
export type { DbProvider, DbTarget } from './target.js';

export type Db = PrismaClient;
/** The client handed to `db.$transaction(async (tx) => …)`. */
export type DbTx = Prisma.TransactionClient;

function sqliteFileOf(target: DbTarget): string {
  if (!target.sqliteFile) throw new Error('A sqlite DbTarget needs sqliteFile; build targets with dbTargetFromUrl()');
  return target.sqliteFile;
}

/** Applies the committed migrations that the database lacks. Safe to run from several processes at once. */
export async function deployMigrations(target: DbTarget): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(target.provider);
  const store =
    target.provider === 'sqlite'
      ? openSqliteMigrationStore(sqliteFileOf(target))
      : await openPostgresMigrationStore(target.url);
  return { applied: await runMigrations(store, migrations) };
}

export async function openDb(
  target: DbTarget,
  opts: { migrate?: boolean } = {},
): Promise<{ db: Db; provider: DbProvider; close(): Promise<void> }> {
  if (opts.migrate ?? true) await deployMigrations(target);
  const db =
    target.provider === 'sqlite'
      ? await openSqliteClient(sqliteFileOf(target))
      : // Same models, other provider: only the generated type names differ.
        ((await openPostgresClient(target.url)) as unknown as Db);
  return { db, provider: target.provider, close: () => db.$disconnect() };
}
