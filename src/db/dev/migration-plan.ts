// Development-time only: the SQL that would bring each provider's committed migrations up to
// prisma/models.prisma, worked out offline.
//  - SQLite: the engine replays the committed migrations into an in-memory shadow database and
//    diffs the result against the models, so the committed SQL itself is checked.
//  - PostgreSQL: no server needed. The engine diffs the models as they were when the last
//    migration was made (SNAPSHOT_FILE) against the current ones. With TEST_DATABASE_URL the
//    tests also check the committed PostgreSQL SQL against the models on a real server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiffTarget, MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { MIGRATIONS_DIR, readMigrations, type Migration } from '../migrations.js';
import type { DbProvider } from '../target.js';
import { inMemorySqlite, serverlessPostgres, withSchemaEngine } from './schema-engine.js';

export const PROVIDERS: readonly DbProvider[] = ['sqlite', 'postgresql'];
export const PRISMA_DIR = path.dirname(MIGRATIONS_DIR);
export const MODELS_FILE = path.join(PRISMA_DIR, 'models.prisma');
/** prisma/models.prisma as of the latest migration; written by `npm run db:migrate`. */
export const SNAPSHOT_FILE = path.join(MIGRATIONS_DIR, 'models.prisma.snapshot');

/** Same text as scripts/prisma-generate.mjs writes to prisma/.build/<provider>/schema.prisma. */
export async function schemaFiles(provider: DbProvider, models: string): Promise<SchemaContainer[]> {
  const header = await readFile(path.join(PRISMA_DIR, 'providers', `${provider}.prisma`), 'utf8');
  return [{ path: 'schema.prisma', content: `${header}\n${models}` }];
}

async function datamodel(provider: DbProvider, models: string): Promise<DiffTarget> {
  return { tag: 'schemaDatamodel', files: await schemaFiles(provider, models) };
}

function unlessMissing<T>(fallback: T) {
  return (err: NodeJS.ErrnoException): T => {
    if (err.code === 'ENOENT') return fallback;
    throw err;
  };
}

/** The committed migrations of `provider` (none yet is fine), as the engine takes them. */
export async function migrationList(provider: DbProvider): Promise<MigrationList> {
  const baseDir = path.join(MIGRATIONS_DIR, provider);
  const migrations = await readMigrations(provider).catch(unlessMissing<Migration[]>([]));
  const lockfile = await readFile(path.join(baseDir, 'migration_lock.toml'), 'utf8').catch(unlessMissing(null));
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
}

/** The schema the committed migrations of `provider` produce. */
async function committedSchema(provider: DbProvider): Promise<DiffTarget> {
  const migrations = await migrationList(provider);
  // No history yet: a schema without models. (The engine's "empty" source would also emit
  // CREATE SCHEMA "public", which needs a privilege that app users often lack.)
  if (migrations.migrationDirectories.length === 0) return datamodel(provider, '');
  if (provider === 'sqlite') return { tag: 'migrations', ...migrations };
  return datamodel(provider, await readFile(SNAPSHOT_FILE, 'utf8'));
}

/** The migration script `provider` needs to match `models`, or null when it already does. */
export async function planMigration(provider: DbProvider, models: string): Promise<string | null> {
  const from = await committedSchema(provider);
  const to = await datamodel(provider, models);
  const adapter = provider === 'sqlite' ? inMemorySqlite() : serverlessPostgres();
  const result = await withSchemaEngine(adapter, (engine) =>
    engine.diff({ from, to, script: true, exitCode: true, filters: { externalTables: [], externalEnums: [] } }),
  );
  // exitCode 2 means "the schemas differ", as with `prisma migrate diff --exit-code`.
  return result.exitCode === 2 ? result.stdout : null;
}
