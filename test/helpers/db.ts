// A fresh database per call, so test files can run in parallel without seeing each other's rows:
// a SQLite file in its own temp directory, or, when TEST_DATABASE_URL names a PostgreSQL server,
// a new database on that server (dropped again by close()).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { dbTargetFromUrl, openDb, type Db, type DbProvider, type HotPath, type DbTarget } from '../../src/db/index.js';

export interface TestTarget {
  target: DbTarget;
  /** Deletes the database; call after closing every client on it. */
  drop(): Promise<void>;
}

export interface TestDb {
  db: Db;
  hotPath: HotPath;
  provider: DbProvider;
  target: DbTarget;
  close(): Promise<void>;
}

async function withAdminClient(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A new, empty database on a PostgreSQL server (from a URL of the server where databases may be
 * created), dropped by `drop`. Tests keep each pool small (`connectionLimit: 3`): many test files
 * share the server's connection limit at once. The benchmarks use it too, with their own prefix.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  { prefix = 'sn_test', connectionLimit }: { prefix?: string; connectionLimit?: number } = {},
): Promise<TestTarget> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (connectionLimit !== undefined) url.searchParams.set('connection_limit', String(connectionLimit));
  return {
    target: dbTargetFromUrl(url.href),
    drop: () => withAdminClient(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function createSqliteFile(): Promise<TestTarget> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sn-test-'));
  return {
    target: dbTargetFromUrl(`file:${path.join(dir, 'test.db')}`),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** An empty, unmigrated database of the provider under test. */
export async function createTestTarget(): Promise<TestTarget> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return createSqliteFile();
  if (dbTargetFromUrl(serverUrl).provider !== 'postgresql') {
    throw new Error('TEST_DATABASE_URL must be a postgresql:// URL (of a server where it may create databases)');
  }
  return createPostgresDatabase(serverUrl, { connectionLimit: 3 });
}

/** A migrated database of the provider under test, with an open client. */
export async function createTestDb(): Promise<TestDb> {
  const { target, drop } = await createTestTarget();
  try {
    const { db, provider, hotPath, close } = await openDb(target);
    return {
      db,
      hotPath,
      provider,
      target,
      close: async () => {
        await close();
        await drop();
      },
    };
  } catch (err) {
    await drop();
    throw err;
  }
}

/** A migrated database for a test file: opened before its tests, closed and dropped after them. */
export function useTestDb(): () => TestDb {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => {
    await testDb?.close();
  });
  return () => {
    if (!testDb) throw new Error('useTestDb: the database is opened in beforeAll');
    return testDb;
  };
}
