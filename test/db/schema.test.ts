// The committed migrations, prisma/models.prisma and Prisma's own tooling must agree.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { deployMigrations } from '../../src/db/index.js';
import {
  MODELS_FILE,
  PROVIDERS,
  SNAPSHOT_FILE,
  migrationList,
  planMigration,
  schemaFiles,
} from '../../src/db/dev/migration-plan.js';
import { postgresDatabase, sqliteFile, withSchemaEngine } from '../../src/db/dev/schema-engine.js';
import { createTestTarget, type TestTarget } from '../helpers/db.js';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

let fresh: TestTarget | undefined;
afterEach(async () => {
  await fresh?.drop();
  fresh = undefined;
});

describe('committed migrations', () => {
  it.each(PROVIDERS)('match prisma/models.prisma for %s (else: npm run db:migrate -- --name …)', async (provider) => {
    expect(await planMigration(provider, await readFile(MODELS_FILE, 'utf8'))).toBeNull();
  });

  it('have a models snapshot that the SQLite history reproduces', async () => {
    // The PostgreSQL plan starts from the snapshot; this keeps it honest without a server.
    expect(await planMigration('sqlite', await readFile(SNAPSHOT_FILE, 'utf8'))).toBeNull();
  });
});

describe("Prisma's schema engine on a database we migrated", () => {
  it('sees a clean, complete migration history', async () => {
    fresh = await createTestTarget();
    const { target } = fresh;
    await deployMigrations(target);
    const adapter = target.provider === 'sqlite' ? sqliteFile(target.sqliteFile!) : postgresDatabase(target.url);
    const diagnosis = await withSchemaEngine(adapter, async (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList: await migrationList(target.provider),
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      }),
    );
    expect(diagnosis).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('finds exactly prisma/models.prisma in the PostgreSQL schema', async () => {
    fresh = await createTestTarget();
    const { target } = fresh;
    await deployMigrations(target);
    const files = await schemaFiles('postgresql', await readFile(MODELS_FILE, 'utf8'));
    const diff = await withSchemaEngine(postgresDatabase(target.url), (engine) =>
      engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: process.cwd() },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    expect(diff.stdout).toBe('-- This is an empty migration.\n');
    expect(diff.exitCode).toBe(0);
  });
});
