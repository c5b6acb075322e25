// The data layer's public face. The rest of the app sees one client type, `Db`, whatever the
// provider: both generated clients come from the same prisma/models.prisma, so they are
// interchangeable at run time, and the provider choice stays inside src/db.
import type { Prisma, PrismaClient } from '../generated/sqlite/client.js';
import { readMigrations, runMigrations } from './migrations.js';
import { openPostgresClient, openPostgresMigrationStore } from './postgresql.js';
import { openSqliteHotPath, postgresHotPath, type HotPath } from './hot-path.js';
import { openSqliteClient, openSqliteMigrationStore } from './sqlite.js';
import type { DbProvider, DbTarget } from './target.js';

export { dbTargetFromUrl } from './target.js';
/**
 * Tagged SQL for `$executeRaw` / `$queryRaw` on either provider: values become bound parameters
 * in the provider's placeholder style (`?` or `$1`). `join` builds lists such as multi-row VALUES.
 */
export { join as sqlJoin, sqltag as sql } from '@prisma/client/runtime/client';
export type { DbProvider, DbTarget } from './target.js';
export type { HotPath } from './hot-path.js';

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

export interface OpenDb {
  db: Db;
  provider: DbProvider;
  /** What every update reads and writes, straight to the driver (src/db/hot-path.ts). */
  hotPath: HotPath;
  close(): Promise<void>;
}

export async function openDb(target: DbTarget, opts: { migrate?: boolean } = {}): Promise<OpenDb> {
  if (opts.migrate ?? true) await deployMigrations(target);
  if (target.provider === 'sqlite') {
    const file = sqliteFileOf(target);
    const db = await openSqliteClient(file);
    const hotPath = openSqliteHotPath(file);
    return {
      db,
      provider: target.provider,
      hotPath,
      close: async () => {
        await hotPath.close();
        await db.$disconnect();
      },
    };
  }
  const { client, pool } = await openPostgresClient(target.url);
  return {
    // Same models, other provider: only the generated type names differ.
    db: client as unknown as Db,
    provider: target.provider,
    hotPath: postgresHotPath(pool),
    close: async () => {
      await client.$disconnect();
      await pool.end();
    },
  };
}
