// Development-time only (npm run db:migrate, tests); the running app never imports src/db/dev.
// Prisma's schema engine compiled to wasm, which works where the native engine binary cannot be
// downloaded. It talks to databases through driver adapters; the adapters below work around the
// traps found in prisma 7.10.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

export type SchemaEngine = wasmBindings.SchemaEngine;

// The runtime's WebAssembly object: our lib setting (ES2023, no DOM) and @types/node 20 lack its types.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let wasmReady: Promise<void> | undefined;

// The package's entry point imports the .wasm file as an ES module, which Node 20 cannot do, so
// instantiate it by hand with the generated bindings as its imports.
async function instantiateWasm(): Promise<void> {
  const bindingsFile = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(path.join(path.dirname(bindingsFile), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmBindings });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
}

/** Runs `work` with an engine on `adapter`, then frees the engine and closes what it connected. */
export async function withSchemaEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  wasmReady ??= instantiateWasm();
  await wasmReady;
  const connections: SqlDriverAdapter[] = [];
  const track = (connection: SqlDriverAdapter) => {
    connections.push(connection);
    return connection;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => track(await adapter.connect()),
    connectToShadowDb: async () => track(await adapter.connectToShadowDb()),
  };
  const ignoreLogs = () => undefined;
  const engine = await wasmBindings.SchemaEngine.new(
    { datamodels: undefined },
    ignoreLogs,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(connections.map((connection) => connection.dispose()));
  }
}

/**
 * PostgreSQL without a server, for diffs between two datamodels: the engine only probes the
 * server version when it starts. Answer that probe; anything else is a bug worth failing on.
 */
export function serverlessPostgres(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string) => Promise.reject(new Error(`serverless PostgreSQL adapter cannot run: ${what}`));
  const connection: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: 'safety-net-serverless',
    async queryRaw(query) {
      if (!query.sql.includes('version()')) return refuse(query.sql);
      // Any supported version will do: the generated SQL does not depend on it for our models.
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, 'PostgreSQL 15.0', 150000]],
      };
    },
    executeRaw: (query) => refuse(query.sql),
    executeScript: (script) => refuse(script),
    startTransaction: () => refuse('a transaction'),
    dispose: async () => undefined,
  };
  return {
    provider: 'postgres',
    adapterName: connection.adapterName,
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  };
}

/** SQLite in memory: a throwaway main database and a shadow one to replay migrations into. */
export function inMemorySqlite(): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url: ':memory:' });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const shadow = await factory.connectToShadowDb();
      // Trap: the engine replays whole migration files through executeRaw, but better-sqlite3
      // prepares one statement at a time. Run parameterless SQL that fails that way as a script.
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (err) {
          if (query.args.length > 0) throw err;
          await shadow.executeScript(query.sql);
          return 0;
        }
      };
      return shadow;
    },
  };
}

/** An existing SQLite file, e.g. to ask the engine what it thinks of our migration history. */
export function sqliteFile(file: string): SqlMigrationAwareDriverAdapterFactory {
  return new PrismaBetterSqlite3({ url: file });
}

/** An existing PostgreSQL database, for the same purpose. */
export function postgresDatabase(url: string): SqlMigrationAwareDriverAdapterFactory {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // Trap: catalog queries return the internal "char" type (OID 18), which adapter-pg refuses to
  // deserialize. Its text form is all the engine needs, so label it as text (OID 25).
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  pool.query = (async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  }) as typeof pool.query;
  return new PrismaPg(pool, { disposeExternalPool: true });
}
