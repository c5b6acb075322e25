// Builds one Prisma schema per database provider and generates its client:
//   prisma/providers/<provider>.prisma + prisma/models.prisma -> prisma/.build/<provider>/schema.prisma
//   -> src/generated/<provider>/
// A generated client is tied to one provider, hence one per provider. Runs from `npm postinstall`
// and `npm run db:generate`; offline (see prisma.config.ts for why `prisma generate` works here).
// A client whose schema and Prisma version are unchanged is left alone, so re-runs are instant.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const PROVIDERS = ['sqlite', 'postgresql'];
const root = new URL('../', import.meta.url);
const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const prismaVersion = require('prisma/package.json').version;

// Keep in step with schemaFiles() in src/db/dev/migration-plan.ts, which builds the same text
// in memory to plan migrations.
async function composeSchema(provider) {
  const header = await readFile(new URL(`prisma/providers/${provider}.prisma`, root), 'utf8');
  const models = await readFile(new URL('prisma/models.prisma', root), 'utf8');
  return `${header}\n${models}`;
}

async function readOrEmpty(url) {
  return readFile(url, 'utf8').catch((err) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
}

async function generate(provider) {
  const schema = await composeSchema(provider);
  const schemaUrl = new URL(`prisma/.build/${provider}/schema.prisma`, root);
  const stampUrl = new URL(`src/generated/${provider}/.schema-hash`, root);
  const hash = createHash('sha256').update(`${prismaVersion}\n${schema}`).digest('hex');
  if ((await readOrEmpty(stampUrl)) === hash) return `${provider}: up to date`;

  await mkdir(new URL('.', schemaUrl), { recursive: true });
  await writeFile(schemaUrl, schema);
  const started = performance.now();
  try {
    await promisify(execFile)(process.execPath, [prismaCli, 'generate', '--schema', fileURLToPath(schemaUrl)], {
      cwd: fileURLToPath(root),
    });
  } catch (err) {
    throw new Error(`prisma generate failed for ${provider}:\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: err });
  }
  await writeFile(stampUrl, hash);
  return `${provider}: generated in ${Math.round(performance.now() - started)} ms`;
}

// Both providers at once: each run is mostly CLI start-up time.
const results = await Promise.allSettled(PROVIDERS.map(generate));
for (const result of results) {
  if (result.status === 'fulfilled') console.log(`prisma client ${result.value}`);
  else console.error(result.reason.message);
}
if (results.some((result) => result.status === 'rejected')) process.exitCode = 1;
