// `npm run bench -- e2e [--users K]`: K simulated people (default 200) at once, each onboarding
// (/start, language, consent, applicant) and then answering the eligibility questionnaire to its
// results, through the Bot API protocol against a local fake Bot API (bench/lib/fake-bot-api.ts).
// The application is the real entry point (src/main.ts) in a child process.
//  - SQLite: one instance long-polling, on a temporary database file.
//  - PostgreSQL, when DATABASE_URL is postgresql://: two instances in webhook mode on a throwaway
//    database, each chat's updates posted to one of them (chat id parity).
// In the same run, the baseline: a bare grammY bot (in-memory session, trivial reply + keyboard,
// bench/lib/baseline-bot.ts) over the same transport, given the same number of updates in the
// same shape (each person's sequence of texts and presses), also after a warm-up.
// Latency is from an update being made available (returned by getUpdates is later: this counts
// the wait for the poll too) to the bot's first call answering that chat; the "screen" latency is
// to the message the person acts on next.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dbTargetFromUrl } from '../src/db/index.js';
import { FakeBotApi, type WebhookTarget } from './lib/fake-bot-api.js';
import { answersHealthz, freePort, loadAverage, percentile, startApp, startBaseline, waitFor, type BotProcess } from './lib/processes.js';
import { Applicant, Chat, replay, type UpdateKind } from './lib/sim-users.js';

const TOKEN = '4242:bench-token';
const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
const TARGET_RATE = 500;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 0.3;
const FIRST_CHAT_ID = 700_000_000;

interface Phase {
  updates: number;
  seconds: number;
  latencies: number[];
  screenLatencies: number[];
}

let profileArgs: string[] = [];

const rateOf = (p: Phase) => p.updates / p.seconds;

export default async function e2eBenchmark(args: string[]): Promise<void> {
  const usersAt = args.indexOf('--users');
  const users = usersAt >= 0 ? Number(args[usersAt + 1]) : 200;
  // `--cpu-prof DIR` / `--heap-prof DIR`: the application's processes write V8 CPU or sampled
  // allocation profiles there (node --cpu-prof / --heap-prof), to find where the time goes.
  for (const kind of ['--cpu-prof', '--heap-prof']) {
    const at = args.indexOf(kind);
    if (at >= 0) profileArgs.push(kind, `${kind}-dir`, path.resolve(args[at + 1] ?? 'profiles'));
  }
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
  if (!Number.isInteger(users) || users < 1 || (only !== null && only !== 'sqlite' && only !== 'postgresql')) {
    throw new Error('usage: npm run bench -- e2e [--users K] [--only sqlite|postgresql] [--cpu-prof DIR] [--heap-prof DIR]');
  }
  console.log(`e2e: ${users} simulated people each onboard, then answer the screening questionnaire to its results`);
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load ${await loadAverage()}`);

  if (only !== 'postgresql') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sn-bench-e2e-'));
    try {
      await compare('sqlite, 1 instance, long polling', users, 'polling', [`file:${path.join(dir, 'bench.db')}`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (only === 'sqlite') return;
  const url = process.env.DATABASE_URL;
  if (url && dbTargetFromUrl(url).provider === 'postgresql') {
    const { url: dbUrl, drop } = await freshPostgres(url);
    try {
      await compare('postgresql, 2 instances, webhooks', users, 'webhook', [dbUrl, dbUrl]);
    } finally {
      await drop();
    }
  } else {
    console.log('  postgresql: skipped (set DATABASE_URL=postgresql://… to run two instances in webhook mode)');
  }
}

/** The application, then the baseline, on the same transport; prints both and the ratio. */
async function compare(label: string, users: number, transport: 'polling' | 'webhook', databases: string[]): Promise<void> {
  console.log(`  ${label}:`);
  const app = await applicationRun(users, transport, databases);
  const baseline = await baselineRun(app.kinds, transport, databases.length);
  const load = await loadAverage();
  const ratio = rateOf(app.screening) / rateOf(baseline);
  const p95 = percentile(app.screening.latencies, 95);
  line('onboarding (not a target)', app.onboarding);
  line('questionnaire', app.screening);
  console.log(
    `    updates/s ${rateOf(app.screening).toFixed(0)}   target ≥ ${TARGET_RATE} (${rateOf(app.screening) >= TARGET_RATE ? 'meets' : 'BELOW'});` +
      `   p95 ${p95.toFixed(1)} ms   target < ${TARGET_P95_MS} ms (${p95 < TARGET_P95_MS ? 'meets' : 'ABOVE'})`,
  );
  line('baseline, bare grammY', baseline);
  console.log(`    ratio to the baseline ${ratio.toFixed(2)}   target ≥ ${TARGET_RATIO} (${ratio >= TARGET_RATIO ? 'meets' : 'BELOW'})   load ${load}`);
}

function line(what: string, p: Phase): void {
  console.log(
    `    ${what.padEnd(26)} ${p.updates.toString().padStart(6)} updates in ${p.seconds.toFixed(2)} s = ${rateOf(p).toFixed(0).padStart(5)}/s;` +
      `  first answer p50 ${percentile(p.latencies, 50).toFixed(1)} ms, p95 ${percentile(p.latencies, 95).toFixed(1)} ms;` +
      `  next screen p50 ${percentile(p.screenLatencies, 50).toFixed(1)} ms, p95 ${percentile(p.screenLatencies, 95).toFixed(1)} ms`,
  );
}

interface Deployment {
  api: FakeBotApi;
  stop(): Promise<void>;
}

/** One bot per database URL (or per instance), listening through `transport`, ready for updates. */
async function deploy(transport: 'polling' | 'webhook', instances: { start: (env: Record<string, string>) => BotProcess }[]): Promise<Deployment> {
  const api = await FakeBotApi.start(TOKEN);
  const bots: BotProcess[] = [];
  const stop = async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await api.close();
  };
  try {
    if (transport === 'polling') {
      const bot = instances[0]!.start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
      bots.push(bot);
      await waitFor('long polling', () => api.listeningAt !== null, bot);
    } else {
      const targets: WebhookTarget[] = [];
      // One after the other: the first applies the migrations, the second finds them applied.
      for (const instance of instances) {
        const port = await freePort();
        const bot = instance.start({
          BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: api.apiRoot,
          WEBHOOK_URL: 'https://bench.example.org/hook',
          WEBHOOK_SECRET,
          HOST: '127.0.0.1',
          PORT: String(port),
        });
        bots.push(bot);
        await waitFor('serving its webhook', () => answersHealthz(port), bot);
        targets.push({ url: `http://127.0.0.1:${port}/hook`, secretToken: WEBHOOK_SECRET });
      }
      api.deliverBy({ mode: 'webhook', targets });
    }
    return { api, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Runs `work` for every chat at once and measures the phase. */
async function phase<T extends { kinds: UpdateKind[]; screenLatencies: number[] }>(
  api: FakeBotApi,
  chats: T[],
  work: (chat: T) => Promise<unknown>,
): Promise<Phase> {
  api.resetLatencies();
  const sentBefore = chats.map((c) => c.kinds.length);
  const screensBefore = chats.map((c) => c.screenLatencies.length);
  const started = performance.now();
  await Promise.all(chats.map(work));
  const seconds = (performance.now() - started) / 1000;
  return {
    updates: chats.reduce((n, c, i) => n + c.kinds.length - sentBefore[i]!, 0),
    seconds,
    latencies: [...api.latencies],
    screenLatencies: chats.flatMap((c, i) => c.screenLatencies.slice(screensBefore[i])),
  };
}

async function applicationRun(users: number, transport: 'polling' | 'webhook', databases: string[]) {
  const deployment = await deploy(
    transport,
    databases.map((DATABASE_URL) => ({
      start: (env) => startApp({ ...env, DATABASE_URL, REMINDER_QUIET_HOURS: 'off' }, profileArgs),
    })),
  );
  try {
    const people = Array.from({ length: users }, (_, i) => new Applicant(deployment.api, FIRST_CHAT_ID + i, i));
    const menus = new Map<Applicant, Awaited<ReturnType<Applicant['onboard']>>>();
    const onboarding = await phase(deployment.api, people.map((p) => p.chat), async (chat) => {
      const person = people.find((p) => p.chat === chat)!;
      menus.set(person, await person.onboard());
    });
    const kindsBefore = people.map((p) => p.chat.kinds.length);
    const screening = await phase(deployment.api, people.map((p) => p.chat), (chat) => {
      const person = people.find((p) => p.chat === chat)!;
      return person.screening(menus.get(person)!);
    });
    return { onboarding, screening, kinds: people.map((p, i) => p.chat.kinds.slice(kindsBefore[i])) };
  } finally {
    await deployment.stop();
  }
}

async function baselineRun(kinds: UpdateKind[][], transport: 'polling' | 'webhook', instances: number): Promise<Phase> {
  const deployment = await deploy(transport, Array.from({ length: instances }, () => ({ start: startBaseline })));
  try {
    const chats = kinds.map((_, i) => new Chat(deployment.api, FIRST_CHAT_ID + i, 'en'));
    // The same warm-up as the application's onboarding: four updates per person, not measured.
    await phase(deployment.api, chats, (chat) => replay(chat, ['text', 'press', 'press', 'press']));
    return await phase(deployment.api, chats, (chat) => replay(chat, kinds[chats.indexOf(chat)]!));
  } finally {
    await deployment.stop();
  }
}

async function freshPostgres(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sn_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
