// npm run db:deploy: applies the committed migrations to the DATABASE_URL database (SQLite at
// ./data/safetynet.db when unset). The app does the same at start; this is for release pipelines
// that migrate before starting, and for checking a database by hand.
import { dbTargetFromUrl, deployMigrations, type DbTarget } from '../db/index.js';

// Names the database without the credentials a URL may hold.
function describe(target: DbTarget): string {
  if (target.provider === 'sqlite') return `SQLite ${target.sqliteFile}`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

try {
  const target = dbTargetFromUrl(process.env.DATABASE_URL?.trim() || undefined);
  const { applied } = await deployMigrations(target);
  console.log(`${describe(target)}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
