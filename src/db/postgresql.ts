// PostgreSQL: for deployments that outgrow one file or need several processes.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PrismaClient } from '../generated/postgresql/client.js';
import type { MigrationRow, MigrationStore } from './migrations.js';
import { pgPoolSize, TRANSACTION_OPTIONS } from './target.js';

// The key Prisma's own migrate commands lock: our deploys and theirs exclude each other.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Verbatim from Prisma's schema engine, so its CLI recognises the table.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

/** The Prisma client and the pool it runs on (which src/db/sessions.ts shares); the caller ends the pool after disconnecting. */
export async function openPostgresClient(url: string): Promise<{ client: PrismaClient; pool: pg.Pool }> {
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import('../generated/postgresql/client.js'),
    import('@prisma/adapter-pg'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: pgPoolSize(url) });
  const client = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  await client.$connect();
  return { client, pool };
}

export async function openPostgresMigrationStore(url: string): Promise<MigrationStore> {
  // One plain connection, not a pool: the lock and the work must share a session.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async transaction(work) {
      await client.query('BEGIN');
      try {
        // Transaction-scoped: released by COMMIT/ROLLBACK, and by the server if this process dies.
        await client.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // The original error is the one worth reporting; a dead connection rolls back by itself.
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async rows() {
      const table = await client.query<{ exists: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM pg_tables ' +
          "WHERE schemaname = current_schema() AND tablename = '_prisma_migrations') AS exists",
      );
      if (!table.rows[0]?.exists) await client.query(MIGRATIONS_TABLE_DDL);
      const rows = await client.query<MigrationRow>(
        'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
      );
      return rows.rows;
    },
    async apply(migration) {
      const startedAt = new Date();
      // No parameters: pg uses the simple query protocol, which runs a multi-statement script.
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count) ' +
          'VALUES ($1, $2, $3, clock_timestamp(), $4, 1)',
        [randomUUID(), migration.checksum, startedAt, migration.name],
      );
    },
    async close() {
      await client.end();
    },
  };
}
