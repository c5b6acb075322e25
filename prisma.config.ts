// Configuration of the official Prisma CLI. Day-to-day work does not need it directly:
// `npm run db:generate`, `npm run db:migrate` and `npm run db:deploy` wrap everything.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// The CLI downloads a native schema engine before most commands, and that download host is
// unreachable here. `prisma generate` never runs the engine but insists that the file exists, so
// point it at a stub that fails loudly if anything does try to run it. Set the variable yourself
// to use a real engine binary (e.g. `prisma migrate status` on a machine with one).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./prisma/no-schema-engine.sh', import.meta.url));

// One schema and one migration history per provider (see prisma/providers/); pick the one that
// matches DATABASE_URL, as src/db does, so CLI commands look at the right history.
const url = process.env.DATABASE_URL || 'file:./data/safetynet.db';
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: `prisma/.build/${provider}/schema.prisma`,
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url },
});
