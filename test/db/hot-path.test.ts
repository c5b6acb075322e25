// The hot path (src/db/hot-path.ts) reads and writes sessions and reads user rows straight
// through the driver. It must agree with Prisma, which does everything else, on both providers:
// the same rows, the same values in the same types. On SQLite a write must wait for a transaction
// Prisma holds open in the same process, without failing and without freezing the event loop.
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/db.js';

const database = useTestDb();

const stored = async (key: string) => (await database().db.session.findUnique({ where: { key } }))?.value;

describe('hot path: sessions', () => {
  it('reads what Prisma wrote, and Prisma reads what it wrote', async () => {
    await database().db.session.create({ data: { key: 'p1', value: '{"lang":"zh"}' } });
    expect(await database().hotPath.readSession('p1')).toBe('{"lang":"zh"}');
    await database().hotPath.writeSession('p1', '{"lang":"ar"}');
    await database().hotPath.writeSession('p2', '{"lang":"uk"}');
    expect(await stored('p1')).toBe('{"lang":"ar"}');
    expect(await stored('p2')).toBe('{"lang":"uk"}');
    await database().hotPath.deleteSession('p2');
    expect(await stored('p2')).toBeUndefined();
    expect(await database().hotPath.readSession('p2')).toBeUndefined();
  });

  it('a write during an open Prisma transaction waits for its commit, and neither is lost', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const transaction = database().db.$transaction(async (tx) => {
      await tx.session.upsert({ where: { key: 'tx' }, create: { key: 'tx', value: 'in transaction' }, update: {} });
      inside();
      await released; // holds the write lock (SQLite) while the event loop runs on
    });
    await entered;
    const write = database().hotPath.writeSession('w1', 'while locked');
    // The waiting write does not freeze the event loop (a lock wait inside SQLite would): a
    // 30 ms timer fires on time, give or take a loaded machine.
    const timerSet = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(performance.now() - timerSet).toBeLessThan(1000);
    release();
    await Promise.all([transaction, write]);
    expect(await stored('tx')).toBe('in transaction');
    expect(await stored('w1')).toBe('while locked');
  });
});

describe('hot path: user rows', () => {
  it('gives every column exactly as Prisma does', async () => {
    // A Telegram id beyond 2^31 and 2^53-safe; every optional column set on one, unset on the other.
    const full = await database().db.user.create({
      data: {
        telegramId: 7_123_456_789n,
        chatId: -1_001_234_567_890n,
        language: 'uk',
        role: 'volunteer',
        staffRole: 'caseworker',
        staffTownships: 'riverside,hillview',
        firstName: 'Олена',
        timeZone: 'Europe/Kyiv',
        consentedAt: new Date('2026-03-01T23:59:58.123Z'),
        active: false,
        inactiveAt: new Date('2026-06-30T00:00:00.007Z'),
        announcementsOptOut: true,
      },
    });
    const bare = await database().db.user.create({
      data: { telegramId: 42n, chatId: 42n, language: 'en', consentedAt: new Date('2026-11-29T10:00:00.000Z') },
    });
    for (const row of [full, bare]) {
      const viaPrisma = await database().db.user.findUnique({ where: { telegramId: row.telegramId } });
      const direct = await database().hotPath.findUser(Number(row.telegramId));
      expect(direct).toStrictEqual(viaPrisma);
    }
    expect(await database().hotPath.findUser(999)).toBeNull();
  });

  it('sees a change Prisma made at once (a staff role removed, say)', async () => {
    await database().db.user.create({ data: { telegramId: 77n, chatId: 77n, language: 'es', staffRole: 'admin', consentedAt: new Date() } });
    expect((await database().hotPath.findUser(77))?.staffRole).toBe('admin');
    await database().db.user.update({ where: { telegramId: 77n }, data: { staffRole: null } });
    expect((await database().hotPath.findUser(77))?.staffRole).toBeNull();
  });
});
