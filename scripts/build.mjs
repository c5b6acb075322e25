// Compiles src/ to dist/ for `npm start` (its prestart): plain JavaScript in the same layout, one
// esbuild transform per file and no bundling, so a path next to a module (e.g.
// new URL('../locales/', import.meta.url)) points where it did from src/; files other than .ts
// (funds.json) are copied. Running the TypeScript through tsx instead costs the bot ~45 MiB of
// resident memory (tsx's loader thread and esbuild) and about a second of start-up.
// Tests, `npm run dev` and the CLI commands still run the TypeScript directly.
// A dist/ built from the same sources is left alone, so re-runs take a few milliseconds. A lock
// (dist.lock) lets several processes call it at once (the e2e tests' workers, two `npm start`s).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(root, 'src');
const DIST = join(root, 'dist');
const LOCK = join(root, 'dist.lock');
const STAMP = '.source-hash';
const OPTIONS = { format: 'esm', platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };

async function sources() {
  const entries = await readdir(SRC, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(SRC, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

async function sourceHash(files) {
  const hash = createHash('sha256').update(`${esbuildVersion}\n${JSON.stringify(OPTIONS)}\n${await readFile(fileURLToPath(import.meta.url))}`);
  for (const file of files) hash.update(`\0${file}\0`).update(await readFile(join(SRC, file)));
  return hash.digest('hex');
}

async function withLock(work) {
  for (const deadline = Date.now() + 60_000; ; ) {
    try {
      await mkdir(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock left by a build that died: builds take about a second.
      const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 30_000) await rm(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${LOCK} is held by another build; remove it if no build is running`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function compile() {
  const files = await sources();
  const hash = await sourceHash(files);
  const current = await readFile(join(DIST, STAMP), 'utf8').catch(() => '');
  if (current === hash) return 'dist/ up to date';
  const started = performance.now();
  // Built beside, then swapped in: a dist/ is always whole.
  const next = `${DIST}.next`;
  await rm(next, { recursive: true, force: true });
  const typescript = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await build({ ...OPTIONS, entryPoints: typescript.map((f) => join(SRC, f)), outbase: SRC, outdir: next });
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    await mkdir(dirname(join(next, file)), { recursive: true });
    await copyFile(join(SRC, file), join(next, file));
  }
  await writeFile(join(next, STAMP), hash);
  await rm(DIST, { recursive: true, force: true });
  await rename(next, DIST);
  return `dist/ built from ${typescript.length} files in ${Math.round(performance.now() - started)} ms`;
}

try {
  const result = await withLock(compile);
  if (!process.argv.includes('--quiet')) console.log(result);
} catch (err) {
  console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
