// Several scheduler instances on one database, each with its own client, ticking at the same
// time: every due reminder goes out exactly once, and an instance that dies mid-batch loses
// nothing. Meant for PostgreSQL (FOR UPDATE SKIP LOCKED); it holds on SQLite too, where claims
// are single write transactions that SQLite runs one at a time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/index.js';
import { silentLogger } from '../../src/logger.js';
import { reserveSendSlots } from '../../src/domain/reminders/queue.js';
import { ReminderScheduler, systemClock, type ReminderSender } from '../../src/scheduler/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { fakeTelegram } from './fakes.js';

let testDb: TestDb;
const clients: { db: Db; close(): Promise<void> }[] = [];

beforeAll(async () => {
  testDb = await createTestDb();
  for (let i = 0; i < 2; i++) clients.push(await openDb(testDb.target, { migrate: false }));
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await testDb?.close();
});
beforeEach(async () => {
  await testDb.db.reminder.deleteMany();
  await testDb.db.user.deleteMany();
  await testDb.db.outboundThrottle.deleteMany();
});

/** `count` people, one due reminder each (ids returned). */
async function seed(count: number): Promise<number[]> {
  const { db } = testDb;
  const base = 700_000;
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      telegramId: BigInt(base + i),
      chatId: BigInt(base + i),
      language: ['en', 'zh', 'es', 'ar', 'uk'][i % 5]!,
      consentedAt: new Date(),
    })),
  });
  const people = await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const dueAt = new Date(Date.now() - 60_000);
  await db.reminder.createMany({
    data: people.map((p, i) => ({ personId: p.id, kind: 'custom', dueAt, payload: JSON.stringify({ text: `r${i}` }), dedupeKey: `c:${i}` })),
  });
  return (await db.reminder.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id);
}

function instances(sender: (i: number) => ReminderSender, leaseSeconds = 60): ReminderScheduler[] {
  return [testDb.db, ...clients.map((c) => c.db)].map(
    (db, i) =>
      new ReminderScheduler({
        db,
        provider: testDb.provider,
        sender: sender(i),
        logger: silentLogger,
        clock: systemClock,
        instanceId: `s${i}`,
        settings: { ratePerSecond: 1000, leaseSeconds, quietHours: null, escalationDays: {} },
        // Small batches, so the three instances interleave many claims.
        // A dead instance renews no claims: the victim (instance 0 when leases are short) never does.
        tuning: { batchSeconds: 0.03, ...(leaseSeconds < 60 && i === 0 ? { renewEveryMs: 2 ** 31 - 1 } : {}) },
      }),
  );
}

describe('three schedulers at once', () => {
  it('send every due reminder exactly once', async () => {
    const ids = await seed(300);
    const tg = fakeTelegram();
    const schedulers = instances(() => tg.sender);
    const reports = await Promise.all(schedulers.map((s) => s.tick()));

    expect([...tg.countsById().entries()].sort(([a], [b]) => a - b)).toEqual(ids.map((id) => [id, 1]));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(300);
    expect(await testDb.db.reminder.count({ where: { status: 'sent' } })).toBe(300);
    // They really shared the work.
    expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('lose nothing when one of them dies mid-batch: the others take over when its lease expires', async () => {
    const ids = await seed(150);
    const tg = fakeTelegram();
    let deadSends = 0;
    const dead: ReminderSender = {
      async sendMessage(chatId, text, other) {
        // Accepts ten messages, then hangs for ever: the process is gone.
        if (++deadSends > 10) await new Promise(() => undefined);
        return tg.sender.sendMessage(chatId, text, other);
      },
    };
    const [victim, ...survivors] = instances((i) => (i === 0 ? dead : tg.sender), 1);
    // The victim claims first; it renews nothing (see instances()).
    void victim!.tick();
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await testDb.db.reminder.count({ where: { status: { not: 'sent' } } })) > 0) {
      await Promise.all(survivors.map((s) => s.tick()));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(deadSends).toBeGreaterThan(10); // the victim did claim, send and die
    const counts = tg.countsById();
    expect(ids.filter((id) => !counts.has(id))).toEqual([]); // nothing lost
    // At least once: a message Telegram accepted from the victim but whose "sent" mark did not
    // land before its lease ran out may go again — never more than the ten the victim sent.
    expect([...counts.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(10);
    expect(await testDb.db.reminder.count({ where: { status: 'sent' } })).toBe(150);
  });

  it('take turns on the shared pace: reserved send windows never overlap, with a guard between instances', async () => {
    const dbs = [testDb.db, ...clients.map((c) => c.db)];
    const nowMs = Date.now();
    const windows = (
      await Promise.all(
        dbs.map(async (db, i) => {
          const mine: { start: number; end: number; holder: string }[] = [];
          for (let k = 0; k < 20; k++) {
            const count = 5 + k;
            const start = await reserveSendSlots(db, testDb.provider, { count, intervalMs: 40, nowMs, holder: `c${i}`, guardMs: 50 });
            mine.push({ start, end: start + count * 40, holder: `c${i}` });
          }
          return mine;
        }),
      )
    ).flat();
    windows.sort((a, b) => a.start - b.start);
    expect(windows[0]!.start).toBe(nowMs);
    for (let i = 1; i < windows.length; i++) {
      const [before, after] = [windows[i - 1]!, windows[i]!];
      expect(after.start).toBe(before.end + (after.holder === before.holder ? 0 : 50));
    }
  });
});
