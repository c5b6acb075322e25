// `npm run bench -- startup [--runs N]`: from spawning the bot's process (as `npm start` runs it:
// dist/main.js, built before the clock starts; SQLite, long polling a fake Bot API) to its first
// reply to /start, with the migrations already applied (one unmeasured start applies them).
// N starts (default 5); prints the median and the slowest. `npm start` itself first checks that
// dist/ is up to date (~0.3 s; a rebuild ~1 s).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FakeBotApi } from './lib/fake-bot-api.js';
import { loadAverage, percentile, startApp, waitFor } from './lib/processes.js';

const TOKEN = '4242:bench-token';
const TARGET_SECONDS = 3;
const FIRST_CHAT_ID = 900_000_000;

export default async function startupBenchmark(args: string[]): Promise<void> {
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('usage: npm run bench -- startup [--runs N]');
  console.log(`startup: spawn → first reply to /start, migrations already applied; SQLite, long polling; ${runs} starts`);
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load ${await loadAverage()}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sn-bench-startup-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  try {
    await firstReplyAfter(url, FIRST_CHAT_ID); // applies the migrations, seeds the funds
    const seconds: number[] = [];
    for (let run = 1; run <= runs; run++) {
      seconds.push(await firstReplyAfter(url, FIRST_CHAT_ID + run));
      console.log(`  start ${run}: ${seconds.at(-1)!.toFixed(2)} s   (load ${await loadAverage()})`);
    }
    const median = percentile(seconds, 50);
    const slowest = Math.max(...seconds);
    console.log(
      `  median ${median.toFixed(2)} s, slowest ${slowest.toFixed(2)} s   target ≤ ${TARGET_SECONDS} s (${slowest <= TARGET_SECONDS ? 'meets' : median <= TARGET_SECONDS ? 'median meets, slowest ABOVE' : 'ABOVE'})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Seconds from spawn to the bot's first message to a person whose /start waits in the queue
 * before the process exists (as after a deploy: people keep writing while the bot restarts).
 */
async function firstReplyAfter(url: string, chatId: number): Promise<number> {
  const api = await FakeBotApi.start(TOKEN);
  api.sendText({ id: chatId, firstName: 'Ana', languageCode: 'en' }, '/start');
  const replied = api.firstSendTo(chatId);
  const spawnedAt = performance.now();
  const bot = startApp({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: url, REMINDER_QUIET_HOURS: 'off' });
  try {
    let repliedAt: number | null = null;
    void replied.then((at) => (repliedAt = at));
    await waitFor('its first reply', () => repliedAt !== null, bot, 60_000);
    return (repliedAt! - spawnedAt) / 1000;
  } finally {
    await bot.stop();
    await api.close();
  }
}
