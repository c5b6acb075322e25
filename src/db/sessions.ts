// Conversation state (model Session: a chat's key and its JSON), read and usually written on
// every update: the bot's hottest path. It goes straight to the driver with prepared statements
// instead of through Prisma's query pipeline, which costs 0.25–0.4 ms of CPU per query here
// against 5–10 µs (`npm run bench -- e2e`, issue 8). Same table, same rows: Prisma still sees
// them. Nothing else is read or written this way.
import Database from 'better-sqlite3';
import type pg from 'pg';

export interface SessionRows {
  /** The stored JSON of a chat's session, if any. */
  read(key: string): Promise<string | undefined>;
  write(key: string, json: string): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** How long a session write waits for another connection's write lock before it fails. */
const SQLITE_LOCK_WAIT_MS = 5000;

/**
 * SQLite: a connection of its own on the database file (WAL, so its reads never wait). Its
 * statements run synchronously, so it never holds the write lock across an await. It must not
 * wait for the lock synchronously either: Prisma's connection in this same process may hold it
 * in an open transaction, which can only finish if the event loop runs. So the busy timeout is
 * zero, and a locked write is retried after a pause, letting that transaction commit.
 */
export function openSqliteSessionRows(file: string): SessionRows {
  const conn = new Database(file, { timeout: 0 });
  conn.pragma('journal_mode = WAL');
  // Prepared at first use: the table may not exist yet when the database is opened unmigrated.
  let statements: ReturnType<typeof prepareSessionStatements> | undefined;
  const sql = () => (statements ??= prepareSessionStatements(conn));
  return {
    read: (key) => whenUnlocked(() => sql().select.get(key)),
    write: (key, json) => whenUnlocked(() => void sql().upsert.run(key, json)),
    delete: (key) => whenUnlocked(() => void sql().remove.run(key)),
    close: async () => void conn.close(),
  };
}

function prepareSessionStatements(conn: Database.Database) {
  return {
    select: conn.prepare<[string], string>('SELECT "value" FROM "Session" WHERE "key" = ?').pluck(),
    upsert: conn.prepare<[string, string]>(
      'INSERT INTO "Session" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"',
    ),
    remove: conn.prepare<[string]>('DELETE FROM "Session" WHERE "key" = ?'),
  };
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

/** Runs `statement`, retrying while the database is locked (1, 2, 4 … 50 ms apart) up to SQLITE_LOCK_WAIT_MS. */
async function whenUnlocked<T>(statement: () => T): Promise<T> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return statement();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** PostgreSQL: named (server-side prepared) statements on the pool Prisma uses too. */
export function postgresSessionRows(pool: pg.Pool): SessionRows {
  return {
    async read(key) {
      const result = await pool.query<{ value: string }>({
        name: 'session-read',
        text: 'SELECT "value" FROM "Session" WHERE "key" = $1',
        values: [key],
      });
      return result.rows[0]?.value;
    },
    async write(key, json) {
      await pool.query({
        name: 'session-write',
        text: 'INSERT INTO "Session" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"',
        values: [key, json],
      });
    },
    async delete(key) {
      await pool.query({ name: 'session-delete', text: 'DELETE FROM "Session" WHERE "key" = $1', values: [key] });
    },
    // The pool is Prisma's as well: openDb ends it after Prisma disconnects.
    close: async () => undefined,
  };
}
