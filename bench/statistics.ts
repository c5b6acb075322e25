// `npm run bench -- statistics [--applications N] [--people N]`: how long /stats, /export_stats
// and /transparency take on a district-sized database, and how long an announcement to everybody
// takes to queue. SQLite in a temp file, or PostgreSQL when DATABASE_URL is postgresql://… (a
// scratch database is created there and dropped). Targets: a figure in under 2 s for 20,000
// applications; an announcement queued for 20,000 people in under 5 s.
import { performance } from 'node:perf_hooks';
import { newAnnouncementKey, sendAnnouncement } from '../src/domain/announcements/index.js';
import { evaluate } from '../src/domain/screening/index.js';
import { collectStatistics, statisticsCsv, toTransparencySummary } from '../src/domain/statistics/index.js';
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
    const townships = ['riverside', 'hillview', 'eastgate', 'lakeside'];
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
    const total = Math.max(applications, people);
    const rows = Array.from({ length: total }, (_, i) => ({
      telegramId: BigInt(10_000_000 + i),
      chatId: BigInt(10_000_000 + i),
      language: ['en', 'zh', 'es', 'ar', 'uk'][i % 5]!,
      role: ['applicant', 'volunteer', 'donor'][i % 3]!,
      consentedAt: new Date(),
      ...(i === 0 ? { staffRole: 'admin' } : {}),
    }));
    for (let i = 0; i < rows.length; i += 1000) await db.user.createMany({ data: rows.slice(i, i + 1000) });
    const ids = (await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
    const apps = Array.from({ length: applications }, (_, i) => {
      const s = stored[i % stored.length]!;
      const status = statuses[i % statuses.length]!;
      return {
        reference: `SN-2026-${String(i + 1).padStart(6, '0')}`,
        personId: ids[i]!,
        status,
        ...s,
        township: townships[i % townships.length]!,
        approvedMonthlyMinor: status === 'approved' ? 40_000 : null,
      };
    });
    for (let i = 0; i < apps.length; i += 1000) await db.application.createMany({ data: apps.slice(i, i + 1000) });

    await collectStatistics(db, { townships }); // warm-up
    let start = performance.now();
    const stats = await collectStatistics(db, { townships });
    const collectMs = performance.now() - start;
    start = performance.now();
    const csv = statisticsCsv(stats, (c) => c);
    toTransparencySummary(stats);
    const renderMs = performance.now() - start;
    start = performance.now();
    const sent = await sendAnnouncement(db, ids[0]!, { key: newAnnouncementKey(ids[0]!), text: 'Bench', translations: { zh: '测试' }, audience: { group: 'all' } }, townships);
    const announceMs = performance.now() - start;

    console.log(`statistics on ${testDb.provider}: ${applications.toLocaleString('en')} applications, ${total.toLocaleString('en')} people`);
    const verdict = (ms: number, target: number) => (ms <= target ? 'meets' : 'ABOVE');
    console.log(`  collect (all sections)   ${collectMs.toFixed(0).padStart(6)} ms   target ≤ ${STATS_TARGET_MS} ms (${verdict(collectMs, STATS_TARGET_MS)})`);
    console.log(`  CSV + public summary     ${renderMs.toFixed(0).padStart(6)} ms   (${csv.split('\r\n').length - 2} CSV rows)`);
    console.log(`  announce to everybody    ${announceMs.toFixed(0).padStart(6)} ms   target ≤ ${ANNOUNCE_TARGET_MS} ms (${verdict(announceMs, ANNOUNCE_TARGET_MS)}; ${sent.ok ? sent.scheduled : 0} reminders queued)`);
  } finally {
    await testDb.close();
  }
}
