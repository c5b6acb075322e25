import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbTargetFromUrl, deployMigrations, openDb, type DbTarget } from '../../src/db/index.js';
import { readMigrations, runMigrations, type Migration } from '../../src/db/migrations.js';
import { openPostgresMigrationStore } from '../../src/db/postgresql.js';
import { openSqliteMigrationStore } from '../../src/db/sqlite.js';
import { createTestTarget, type TestTarget } from '../helpers/db.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshTarget(): Promise<DbTarget> {
  const fresh: TestTarget = await createTestTarget();
  cleanups.push(fresh.drop);
  return fresh.target;
}

/** A client on `target` that leaves the schema alone, to look at what deploying did. */
async function inspect(target: DbTarget) {
  const opened = await openDb(target, { migrate: false });
  cleanups.push(opened.close);
  return opened.db;
}

interface MigrationRecord {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: unknown;
  applied_steps_count: number | bigint;
}

const committed = await readMigrations(dbTargetFromUrl(process.env.TEST_DATABASE_URL).provider);
const committedNames = committed.map((migration) => migration.name);

describe('deployMigrations', () => {
  it('applies every committed migration to a fresh database, then has nothing left to do', async () => {
    const target = await freshTarget();
    expect(committedNames.length).toBeGreaterThan(0);
    expect(await deployMigrations(target)).toEqual({ applied: committedNames });
    expect(await deployMigrations(target)).toEqual({ applied: [] });
  });

  it("records them in _prisma_migrations exactly as Prisma's engine does", async () => {
    const target = await freshTarget();
    await deployMigrations(target);
    const rows = await (await inspect(target)).$queryRawUnsafe<MigrationRecord[]>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count ' +
        'FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(committedNames);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(committed[i]!.sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it('refuses to go on past a migration that Prisma recorded as failed', async () => {
    const target = await freshTarget();
    await deployMigrations(target);
    // What `prisma migrate deploy` leaves behind when a script fails.
    await (await inspect(target)).$executeRawUnsafe(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) ' +
        "VALUES ('f', 'x', '20990101000000_broken', CURRENT_TIMESTAMP)",
    );
    await expect(deployMigrations(target)).rejects.toThrow(/20990101000000_broken is recorded as failed/);
  });

  it('applies pending migrations all or nothing', async () => {
    const target = await freshTarget();
    const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: name });
    const store =
      target.provider === 'sqlite'
        ? openSqliteMigrationStore(target.sqliteFile!)
        : await openPostgresMigrationStore(target.url);
    const broken = [
      migration('1_fine', 'CREATE TABLE "Fine" (id INTEGER PRIMARY KEY);'),
      migration('2_broken', 'CREATE TABLE "Half" (id INTEGER PRIMARY KEY); SELECT * FROM "Nowhere";'),
    ];
    await expect(runMigrations(store, broken)).rejects.toThrow(/Migration 2_broken failed, so none was applied/);

    const db = await inspect(target);
    await expect(db.$queryRawUnsafe('SELECT * FROM "Fine"')).rejects.toThrow();
    await expect(db.$queryRawUnsafe('SELECT * FROM "Half"')).rejects.toThrow();
    expect(await deployMigrations(target)).toEqual({ applied: committedNames });
  });
});

describe('SQLite connection settings', () => {
  it('uses WAL (synchronous NORMAL, even on a new file), a busy timeout and foreign keys', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sn-wal-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // A directory that does not exist yet: openDb creates it.
    const db = await inspect(dbTargetFromUrl(`file:${path.join(dir, 'nested', 'bot.db')}`));
    expect(await db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1n }]);
    expect(await db.$queryRawUnsafe('PRAGMA busy_timeout')).toEqual([{ timeout: 5000n }]);
    expect(await db.$queryRawUnsafe('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1n }]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL deploys that start together', () => {
  it('all succeed and apply each migration once', async () => {
    const target = await freshTarget();
    const results = await Promise.all([1, 2, 3].map(() => deployMigrations(target)));
    const applied = results.map((result) => result.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([committedNames, [], []]);
    const rows = await (await inspect(target)).$queryRawUnsafe<{ n: bigint }[]>(
      'SELECT count(*) AS n FROM _prisma_migrations',
    );
    expect(Number(rows[0]!.n)).toBe(committedNames.length);
  });
});
