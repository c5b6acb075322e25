// `npm run bench -- pledges [--pledges N]`: what the pledge sweep costs each scheduler tick. Every
// instance runs sweepPledges on every tick (REMINDER_TICK_SECONDS, 5 s by default), so an idle
// sweep (nothing to generate, nothing overdue) must stay far below a tick. Measured on a SQLite
// file with N monthly pledges (instalments generated, reminders scheduled): the first sweep a
// month later (generating the next instalments and turning unpaid ones overdue) and idle sweeps.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dbTargetFromUrl, openDb } from '../src/db/index.js';
import { createPledge, DEFAULT_PLEDGE_SETTINGS, seedFunds, sweepPledges } from '../src/domain/donations/index.js';

const IDLE_TARGET_MS = 50;

export default async function pledgesBenchmark(args: string[]): Promise<void> {
  const countArg = args.indexOf('--pledges');
  const count = countArg >= 0 ? Number(args[countArg + 1]) : 5000;
  if (!(Number.isInteger(count) && count > 0)) throw new Error('usage: npm run bench -- pledges [--pledges N]');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'sn-bench-'));
  const database = await openDb(dbTargetFromUrl(`file:${path.join(dir, 'bench.db')}`));
  const { db } = database;
  try {
    await seedFunds(db, 'CNY');
    const made = new Date('2027-01-02T08:00:00Z');
    let started = performance.now();
    for (let i = 0; i < count; i++) {
      const person = await db.user.create({ data: { telegramId: BigInt(10_000 + i), chatId: BigInt(10_000 + i), language: 'en', consentedAt: made } });
      const day = String((i % 28) + 3).padStart(2, '0');
      const result = await createPledge(db, person.id, { fundCode: 'general', amountMinor: 100_00, frequency: 'monthly', startDate: `2027-01-${day}`, anonymous: true }, DEFAULT_PLEDGE_SETTINGS, made);
      if (!result.ok) throw new Error(result.error);
    }
    const createMs = performance.now() - started;
    const instalments = await db.pledgeInstalment.count();
    const reminders = await db.reminder.count();

    // A month later: the next instalments come within the horizon, January's unpaid ones are overdue.
    const later = new Date('2027-02-10T08:00:00Z');
    let generated = 0;
    let overdue = 0;
    started = performance.now();
    for (;;) {
      const report = await sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, later, 100);
      generated += report.generated;
      overdue += report.overdue;
      if (report.generated === 0 && report.overdue === 0) break;
    }
    const catchUpMs = performance.now() - started;

    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      await sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, later, 100);
      idle.push(performance.now() - started);
    }
    idle.sort((a, b) => a - b);
    const median = idle[Math.floor(idle.length / 2)]!;

    console.log(`pledges: ${count.toLocaleString('en')} monthly pledges on SQLite`);
    console.log(`  create             ${(count / (createMs / 1000)).toFixed(0).padStart(8)} pledges/s (${instalments} instalments, ${reminders} reminders)`);
    console.log(`  catch-up sweeps    ${catchUpMs.toFixed(0).padStart(8)} ms in all: ${generated} instalments generated, ${overdue} turned overdue`);
    console.log(
      `  idle sweep         ${median.toFixed(1).padStart(8)} ms median (max ${idle.at(-1)!.toFixed(1)})   target ≤ ${IDLE_TARGET_MS} ms per tick (${median <= IDLE_TARGET_MS ? 'meets' : 'BELOW'})`,
    );
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
