// `npm run bench -- memory [--users N] [--mid M]`: the resident memory of the bot's process
// (as `npm start` runs it, long polling a fake Bot API, SQLite) after N distinct people (default 10,000)
// have sessions and M of them (default 500) are in the middle of the questionnaire.
// The people are seeded as consented applicants with a session row (the database's work is not
// what is measured), then every one of them sends /start through the bot, so the process has
// read and written each one's person and session; M of them then answer the first questions.
// Memory is read from /proc (RSS, and its peak) and, after a forced GC, from the process itself
// (bench/lib/memory-probe.mjs, SIGUSR2).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dbTargetFromUrl, openDb } from '../src/db/index.js';
import { FakeBotApi } from './lib/fake-bot-api.js';
import { loadAverage, residentMemory, startApp, waitFor, type BotProcess } from './lib/processes.js';
import { Applicant } from './lib/sim-users.js';

const TOKEN = '4242:bench-token';
const TARGET_MIB = 300;
const FIRST_CHAT_ID = 800_000_000;
const AT_ONCE = 200;
const ANSWERS_MID_WAY = 4;
const LANGUAGES = ['en', 'zh', 'es', 'ar', 'uk'];

export default async function memoryBenchmark(args: string[]): Promise<void> {
  const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const users = option('--users', 10_000);
  const mid = option('--mid', 500);
  if (!Number.isInteger(users) || !Number.isInteger(mid) || users < 1 || mid < 0 || mid > users) {
    throw new Error('usage: npm run bench -- memory [--users N] [--mid M ≤ N]');
  }
  console.log(`memory: ${users.toLocaleString('en')} people with sessions, ${mid} of them mid-questionnaire; SQLite, long polling`);
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load ${await loadAverage()}`);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'sn-bench-memory-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  const api = await FakeBotApi.start(TOKEN);
  let bot: BotProcess | undefined;
  try {
    await seed(url, users);
    bot = startApp({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: url, REMINDER_QUIET_HOURS: 'off' }, [
      '--expose-gc',
      '--import',
      './bench/lib/memory-probe.mjs',
    ]);
    await waitFor('long polling', () => api.listeningAt !== null, bot);
    const started = await residentMemory(bot.child.pid!);

    const people = Array.from({ length: users }, (_, i) => new Applicant(api, FIRST_CHAT_ID + i, i));
    const menus = new Array<Awaited<ReturnType<Applicant['welcomeBack']>>>(users);
    const began = performance.now();
    await inBatches(users, async (i) => (menus[i] = await people[i]!.welcomeBack()));
    const seconds = (performance.now() - began) / 1000;
    await inBatches(mid, (i) => people[i]!.screening(menus[i]!, ANSWERS_MID_WAY));

    const before = await residentMemory(bot.child.pid!);
    const probe = await probeAfterGc(bot);
    const after = await residentMemory(bot.child.pid!);
    const mib = (bytes: number) => bytes / 2 ** 20;
    const ok = after.rssMiB <= TARGET_MIB && after.peakMiB <= TARGET_MIB;
    console.log(`  ${users.toLocaleString('en')} × /start in ${seconds.toFixed(1)} s (${Math.round(users / seconds)}/s), then ${mid} × ${ANSWERS_MID_WAY} answers`);
    console.log(`  resident (RSS) after start-up            ${started.rssMiB.toFixed(0)} MiB`);
    console.log(`  resident (RSS) after the work            ${before.rssMiB.toFixed(0)} MiB`);
    console.log(
      `  resident (RSS) after a GC                ${after.rssMiB.toFixed(0)} MiB   target ≤ ${TARGET_MIB} MB (${after.rssMiB <= TARGET_MIB ? 'meets' : 'ABOVE'})`,
    );
    console.log(`  peak resident (VmHWM) during the run     ${after.peakMiB.toFixed(0)} MiB   target ≤ ${TARGET_MIB} MB (${after.peakMiB <= TARGET_MIB ? 'meets' : 'ABOVE'})`);
    console.log(`  heap used after a GC                     ${mib(probe.heapUsed).toFixed(1)} MiB (heap total ${mib(probe.heapTotal).toFixed(1)} MiB, external ${mib(probe.external).toFixed(1)} MiB)`);
    console.log(`  ${ok ? 'meets' : 'ABOVE'} the target; load ${await loadAverage()}`);
  } finally {
    await bot?.stop();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `work(0…count-1)`, AT_ONCE at a time, like that many people writing at the same moment. */
async function inBatches(count: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < count) await work(nextIndex++);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, count) }, worker));
}

/** Consented applicants with a session each, written directly (applies the migrations first). */
async function seed(url: string, users: number): Promise<void> {
  const { db, close } = await openDb(dbTargetFromUrl(url));
  try {
    const now = new Date();
    const chunk = 1000;
    for (let from = 0; from < users; from += chunk) {
      const ids = Array.from({ length: Math.min(chunk, users - from) }, (_, i) => FIRST_CHAT_ID + from + i);
      await db.user.createMany({
        data: ids.map((id, i) => ({
          telegramId: BigInt(id),
          chatId: BigInt(id),
          language: LANGUAGES[(from + i) % LANGUAGES.length]!,
          role: 'applicant',
          consentedAt: now,
        })),
      });
      await db.session.createMany({ data: ids.map((id) => ({ key: String(id), value: '{}' })) });
    }
  } finally {
    await close();
  }
}

async function probeAfterGc(bot: BotProcess): Promise<{ rss: number; heapUsed: number; heapTotal: number; external: number }> {
  const seen = bot.output().length;
  bot.child.kill('SIGUSR2');
  let line: RegExpExecArray | null = null;
  await waitFor('reporting its memory', () => (line = /^MEMORY (.*)$/m.exec(bot.output().slice(seen))) !== null, bot, 10_000);
  return JSON.parse(line![1]!) as { rss: number; heapUsed: number; heapTotal: number; external: number };
}
