// Which database to use, decided from DATABASE_URL alone.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DbProvider = 'sqlite' | 'postgresql';

export interface DbTarget {
  provider: DbProvider;
  url: string;
  /** Absolute path of the database file; set for sqlite only. */
  sqliteFile?: string;
}

const DEFAULT_SQLITE_FILE = 'data/safetynet.db';
const DEFAULT_PG_POOL_SIZE = 10;

/**
 * Interactive transactions wait up to 10 s for a connection (Prisma's default is 2 s) and may
 * run 10 s (default 5 s). In a rush — hundreds of people pressing "I agree" within a second,
 * after an announcement — the pool is busy for more than 2 s, and failing their updates would
 * make them start over; waiting a little longer serves them all.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;
const ACCEPTED =
  'accepted: empty (SQLite at ./data/safetynet.db), file:<path> (SQLite) or postgres:// / postgresql:// (PostgreSQL)';

function urlError(problem: string): Error {
  return new Error(`DATABASE_URL ${problem}; ${ACCEPTED}`);
}

function sqliteTarget(file: string): DbTarget {
  return { provider: 'sqlite', url: `file:${file}`, sqliteFile: file };
}

// file:///abs/path is a real URL; file:./rel and file:/abs are Prisma's SQLite convention. A query
// string (Prisma examples add ?connection_limit=1 and the like) means nothing to SQLite: dropped.
function sqliteFileFromUrl(url: string): string {
  if (!url.startsWith('file://')) return url.slice('file:'.length).split('?')[0]!;
  try {
    return fileURLToPath(url);
  } catch {
    throw urlError('is not a valid file:// URL');
  }
}

/** Relative SQLite paths are resolved against `cwd`. Never echoes the URL: it may hold a password. */
export function dbTargetFromUrl(url: string | undefined, cwd: string = process.cwd()): DbTarget {
  if (!url) return sqliteTarget(path.resolve(cwd, DEFAULT_SQLITE_FILE));

  if (url.startsWith('file:')) {
    const file = sqliteFileFromUrl(url);
    if (!file) throw urlError('has no file path after "file:"');
    return sqliteTarget(path.resolve(cwd, file));
  }

  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url)) throw urlError('is not a valid postgresql:// URL');
    pgPoolSize(url); // reject a bad connection_limit now rather than at first query
    return { provider: 'postgresql', url };
  }

  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
  throw urlError(scheme ? `has an unsupported scheme "${scheme}"` : 'is not a URL');
}

/**
 * Pool size for PostgreSQL: the `connection_limit` URL parameter (the name Prisma has always used),
 * or a default that suits a single bot process.
 */
export function pgPoolSize(url: string): number {
  const limit = new URL(url).searchParams.get('connection_limit');
  if (limit === null) return DEFAULT_PG_POOL_SIZE;
  const size = Number(limit);
  if (!Number.isInteger(size) || size < 1) throw urlError('has a connection_limit that is not a positive integer');
  return size;
}
