// `npm run bench -- statistics [--applications N] [--people N]`: how long /stats, /export_stats
// and /transparency take on a district-sized database, and how long an announcement to everybody
// takes to queue. SQLite in a temp file, or PostgreSQL when DATABASE_URL is postgresql://… (a
// scratch database is created there and dropped). Targets: a figure in under 2 s for 20,000
// applications; an announcement queued for 20,000 people in under 5 s.
// Each operation also prints the heap it needed: the heap used before it (after a GC, when run
// with --expose-gc), its peak while the operation ran (sampled every millisecond and at its ends,
// so it includes garbage not yet collected) and the rise between the two. The bot runs these very
// functions, so the rise is what they add to the bot's own heap. Run it under the bot's heap
// limits to see that they fit: NODE_OPTIONS='--expose-gc --max-old-space-size=…' npm run bench -- statistics
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { newAnnouncementKey, sendAnnouncement } from '../src/domain/announcements/index.js';
import { evaluate } from '../src/domain/screening/index.js';
import { collectStatistics, statisticsCsv, toTransparencySummary } from '../src/domain/statistics/index.js';
import type { Db } from '../src/db/index.js';
import { createTestDb } from '../test/helpers/db.js';

const STATS_TARGET_MS = 2000;
const ANNOUNCE_TARGET_MS = 5000;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`${name} expects a positive whole number`);
  return value;
}

export default async function statisticsBenchmark(args: string[]): Promise<void> {
  const applications = option(args, '--applications', 20_000);
  const people = option(args, '--people', 20_000);
  if (process.env.DATABASE_URL?.startsWith('postgres')) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  const testDb = await createTestDb();
  const { db } = testDb;
  try {
    const total = Math.max(applications, people);
    const adminId = await seed(db, applications, total);
    console.log(`statistics on ${testDb.provider}: ${applications.toLocaleString('en')} applications, ${total.toLocaleString('en')} people`);
    console.log(`  heap limit ${mib(v8.getHeapStatistics().heap_size_limit)} MiB${gc ? '' : ' (no --expose-gc: "before" includes garbage)'}`);
    const verdict = (ms: number, target: number) => (ms <= target ? 'meets' : 'ABOVE');
    await collectStatistics(db, { townships }); // warm-up
    const collect = await measured(() => collectStatistics(db, { townships }));
    console.log(`  collect (all sections)   ${collect.ms.toFixed(0).padStart(6)} ms   target ≤ ${STATS_TARGET_MS} ms (${verdict(collect.ms, STATS_TARGET_MS)})   ${heapLine(collect.heap)}`);
    const stats = collect.value;
    const render = await measured(() => {
      const csv = statisticsCsv(stats, (c) => c);
      toTransparencySummary(stats);
      return csv;
    });
    console.log(`  CSV + public summary     ${render.ms.toFixed(0).padStart(6)} ms   (${render.value.split('\r\n').length - 2} CSV rows)   ${heapLine(render.heap)}`);
    const announce = await measured(() =>
      sendAnnouncement(db, adminId, { key: newAnnouncementKey(adminId), text: 'Bench', translations: { zh: '测试' }, audience: { group: 'all' } }, townships),
    );
    const sent = announce.value;
    console.log(
      `  announce to everybody    ${announce.ms.toFixed(0).padStart(6)} ms   target ≤ ${ANNOUNCE_TARGET_MS} ms (${verdict(announce.ms, ANNOUNCE_TARGET_MS)}; ${sent.ok ? sent.scheduled : 0} reminders queued)   ${heapLine(announce.heap)}`,
    );
  } finally {
    await testDb.close();
  }
}

const townships = ['riverside', 'hillview', 'eastgate', 'lakeside'];

/**
 * `total` people (the first an admin) and `applications` applications; returns the admin's id.
 * Small chunks, made one at a time: Prisma's debug module keeps the arguments of its last 100
 * debug calls (about 25 queries, each with its plan) even when debugging is off, and a plan for
 * 1,000 rows is ~5 MiB. Some small queries at the end push the seeding's plans out, as the
 * bot's own queries would.
 */
async function seed(db: Db, applications: number, total: number): Promise<number> {
  const CHUNK = 250;
  const statuses = ['submitted', 'under_review', 'needs_documents', 'approved', 'approved', 'rejected', 'withdrawn', 'draft'];
  const households = [0, 1, 2, 3].map((extra) => ({
    area: extra % 2 ? ('rural' as const) : ('urban' as const),
    residency: 'local' as const,
    members: Array.from({ length: 1 + extra }, (_, i) => ({ age: 30 + i * 10, monthlyIncome: 100 * i, disability: 'none' as const, seriousIllness: false, student: false, canWork: true })),
    monthlyExpenses: { medical: 0 },
    savings: 0,
    hasSupporter: true,
    housingCondition: 'safe' as const,
    recentHardship: 'none' as const,
  }));
  const stored = households.map((h) => ({ household: JSON.stringify(h), screening: JSON.stringify(evaluate(h, '2026-01-15')), area: h.area }));
  const person = (i: number) => ({
    telegramId: BigInt(10_000_000 + i),
    chatId: BigInt(10_000_000 + i),
    language: ['en', 'zh', 'es', 'ar', 'uk'][i % 5]!,
    role: ['applicant', 'volunteer', 'donor'][i % 3]!,
    consentedAt: new Date(),
    ...(i === 0 ? { staffRole: 'admin' } : {}),
  });
  const application = (i: number, personId: number) => {
    const s = stored[i % stored.length]!;
    const status = statuses[i % statuses.length]!;
    return {
      reference: `SN-2026-${String(i + 1).padStart(6, '0')}`,
      personId,
      status,
      ...s,
      township: townships[i % townships.length]!,
      approvedMonthlyMinor: status === 'approved' ? 40_000 : null,
    };
  };
  const chunk = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  for (let i = 0; i < total; i += CHUNK) await db.user.createMany({ data: chunk(i, Math.min(i + CHUNK, total)).map(person) });
  const ids = (await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
  for (let i = 0; i < applications; i += CHUNK) {
    await db.application.createMany({ data: chunk(i, Math.min(i + CHUNK, applications)).map((n) => application(n, ids[n]!)) });
  }
  for (let i = 0; i < 30; i++) await db.user.count();
  return ids[0]!;
}

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const heapUsed = () => v8.getHeapStatistics().used_heap_size;

interface HeapFigures {
  before: number;
  peak: number;
  /** After a GC once it finished (only with --expose-gc). */
  after: number | null;
}

const heapLine = (h: HeapFigures) =>
  `heap ${mib(h.before)} → peak ${mib(h.peak)} MiB (+${mib(h.peak - h.before)})${h.after === null ? '' : `, ${mib(h.after)} after a GC`}`;

/** Runs `work` once: its time, and the heap used before it and at its peak (sampled every ms). */
async function measured<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number; heap: HeapFigures }> {
  gc?.();
  const before = heapUsed();
  let peak = before;
  const sample = () => (peak = Math.max(peak, heapUsed()));
  const sampler = setInterval(sample, 1);
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    sample();
    clearInterval(sampler);
    gc?.();
    return { value, ms, heap: { before, peak, after: gc ? heapUsed() : null } };
  } finally {
    clearInterval(sampler);
  }
}
