// The two reads every update makes — the chat's session (model Session, a key and its JSON) and
// the sender's user row — and the session write most updates make: the bot's hottest path. They
// go straight to the driver with prepared statements instead of through Prisma's query
// pipeline, which costs 0.25–0.4 ms of CPU per query here against 5–10 µs (measured for
// `npm run bench -- e2e`, issue 8). Same tables, same rows: everything else reads and writes them
// through Prisma, and test/db/hot-path.test.ts checks both ways agree on both providers.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { User } from '../generated/sqlite/client.js';

export interface HotPath {
  /** The stored JSON of a chat's session, if any. */
  readSession(key: string): Promise<string | undefined>;
  writeSession(key: string, json: string): Promise<void>;
  deleteSession(key: string): Promise<void>;
  /** The user row of a Telegram user, as `db.user.findUnique({ where: { telegramId } })` gives it. */
  findUser(telegramId: number): Promise<User | null>;
  close(): Promise<void>;
}

// Every column of model User, in the names Prisma gives them.
const USER_COLUMNS = [
  'id', 'telegramId', 'chatId', 'language', 'role', 'staffRole', 'staffTownships', 'firstName', 'timeZone',
  'consentedAt', 'active', 'inactiveAt', 'announcementsOptOut', 'createdAt', 'updatedAt',
].map((column) => `"${column}"`).join(', ');

const SELECT_SESSION = 'SELECT "value" FROM "Session" WHERE "key" = ';
const UPSERT_SESSION = 'INSERT INTO "Session" ("key", "value") VALUES ';
const ON_CONFLICT = ' ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"';
const DELETE_SESSION = 'DELETE FROM "Session" WHERE "key" = ';
const SELECT_USER = `SELECT ${USER_COLUMNS} FROM "User" WHERE "telegramId" = `;

/** How long a session write waits for another connection's write lock before it fails. */
const SQLITE_LOCK_WAIT_MS = 5000;

/**
 * SQLite: a connection of its own on the database file (WAL, so its reads never wait). Its
 * statements run synchronously, so it never holds the write lock across an await. It must not
 * wait for the lock synchronously either: Prisma's connection in this same process may hold it
 * in an open transaction, which can only finish if the event loop runs. So the busy timeout is
 * zero, and a locked statement is retried after a pause, letting that transaction commit.
 */
export function openSqliteHotPath(file: string): HotPath {
  const conn = new Database(file, { timeout: 0 });
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL'); // as Prisma's connection: src/db/sqlite.ts says why
  // Prepared at first use: the tables may not exist yet when the database is opened unmigrated.
  let statements: ReturnType<typeof prepareSqlite> | undefined;
  const sql = () => (statements ??= prepareSqlite(conn));
  return {
    readSession: (key) => whenUnlocked(() => sql().selectSession.get(key)),
    writeSession: (key, json) => whenUnlocked(() => void sql().upsertSession.run(key, json)),
    deleteSession: (key) => whenUnlocked(() => void sql().deleteSession.run(key)),
    async findUser(telegramId) {
      const row = await whenUnlocked(() => sql().selectUser.get(BigInt(telegramId)));
      return row ? userFromSqlite(row) : null;
    },
    close: async () => void conn.close(),
  };
}

function prepareSqlite(conn: Database.Database) {
  return {
    selectSession: conn.prepare<[string], string>(`${SELECT_SESSION}?`).pluck(),
    upsertSession: conn.prepare<[string, string]>(`${UPSERT_SESSION}(?, ?)${ON_CONFLICT}`),
    deleteSession: conn.prepare<[string]>(`${DELETE_SESSION}?`),
    // Ids as BigInt, as Prisma reads them: telegram ids exceed 2^31.
    selectUser: conn.prepare<[bigint], Record<string, unknown>>(`${SELECT_USER}?`).safeIntegers(true),
  };
}

/**
 * A SQLite row in Prisma's types: booleans are stored as 0/1, dates as the ISO text Prisma
 * writes (or milliseconds, its other format), integers come as BigInt (safeIntegers).
 */
function userFromSqlite(row: Record<string, unknown>): User {
  const date = (value: unknown) => (typeof value === 'bigint' ? new Date(Number(value)) : new Date(String(value)));
  return {
    id: Number(row.id),
    telegramId: row.telegramId as bigint,
    chatId: row.chatId as bigint,
    language: row.language as string,
    role: row.role as string | null,
    staffRole: row.staffRole as string | null,
    staffTownships: row.staffTownships as string | null,
    firstName: row.firstName as string | null,
    timeZone: row.timeZone as string,
    consentedAt: date(row.consentedAt),
    active: Number(row.active) === 1,
    inactiveAt: row.inactiveAt === null ? null : date(row.inactiveAt),
    announcementsOptOut: Number(row.announcementsOptOut) === 1,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
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
export function postgresHotPath(pool: pg.Pool): HotPath {
  return {
    async readSession(key) {
      const result = await pool.query<{ value: string }>({ name: 'session-read', text: `${SELECT_SESSION}$1`, values: [key] });
      return result.rows[0]?.value;
    },
    async writeSession(key, json) {
      await pool.query({ name: 'session-write', text: `${UPSERT_SESSION}($1, $2)${ON_CONFLICT.replace('excluded', 'EXCLUDED')}`, values: [key, json] });
    },
    async deleteSession(key) {
      await pool.query({ name: 'session-delete', text: `${DELETE_SESSION}$1`, values: [key] });
    },
    async findUser(telegramId) {
      const result = await pool.query<User>({
        name: 'user-by-telegram-id',
        text: `${SELECT_USER}$1`,
        values: [String(telegramId)],
        types: { getTypeParser: postgresTypeParser },
      });
      return result.rows[0] ?? null;
    },
    // The pool is Prisma's as well: openDb ends it after Prisma disconnects.
    close: async () => undefined,
  };
}

const INT8 = 20;
const TIMESTAMP = 1114;

/**
 * Columns in Prisma's types: BIGINT as BigInt (pg's default is a string), and TIMESTAMP(3) —
 * without a time zone, which Prisma writes in UTC — read as UTC, not as the process's local time.
 */
const postgresTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === INT8) return (text: string) => BigInt(text);
  if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
  return pg.types.getTypeParser(oid, format as 'text');
}) as typeof pg.types.getTypeParser;
