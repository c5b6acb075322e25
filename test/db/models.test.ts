import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

describe('User', () => {
  it('round-trips Telegram ids beyond 2^53 and fills in defaults', async () => {
    const { db } = testDb;
    const telegramId = 9_007_199_254_740_993n;
    const chatId = -1_001_234_567_890n;
    const consentedAt = new Date('2025-01-02T03:04:05.678Z');
    const created = await db.user.create({ data: { telegramId, chatId, language: 'uk', consentedAt } });

    const found = await db.user.findUniqueOrThrow({ where: { telegramId } });
    expect(found).toEqual(created);
    expect(found).toMatchObject({ telegramId, chatId, language: 'uk', consentedAt, timeZone: 'UTC', active: true });
    expect(found.role).toBeNull();
    expect(found.createdAt).toBeInstanceOf(Date);
  });

  it('keeps telegramId unique', async () => {
    const { db } = testDb;
    const data = { telegramId: 42n, chatId: 42n, language: 'en', consentedAt: new Date() };
    await db.user.create({ data });
    await expect(db.user.create({ data })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('rolls back an interactive transaction that throws', async () => {
    const { db } = testDb;
    const failing = db.$transaction(async (tx) => {
      await tx.user.create({ data: { telegramId: 7n, chatId: 7n, language: 'en', consentedAt: new Date() } });
      throw new Error('changed my mind');
    });
    await expect(failing).rejects.toThrow('changed my mind');
    expect(await db.user.findUnique({ where: { telegramId: 7n } })).toBeNull();
  });
});

describe('Session', () => {
  it('stores, replaces and deletes values by key', async () => {
    const { db } = testDb;
    await db.session.create({ data: { key: 'chat:1', value: '{"step":"language"}' } });
    await db.session.upsert({
      where: { key: 'chat:1' },
      create: { key: 'chat:1', value: '{}' },
      update: { value: '{"step":"consent"}' },
    });
    const session = await db.session.findUnique({ where: { key: 'chat:1' } });
    expect(session).toEqual({ key: 'chat:1', value: '{"step":"consent"}' });
    await db.session.delete({ where: { key: 'chat:1' } });
    expect(await db.session.count()).toBe(0);
  });
});

describe('AuditEvent', () => {
  it('defaults details to an empty JSON object and the time to now', async () => {
    const { db } = testDb;
    const before = Date.now();
    const event = await db.auditEvent.create({ data: { action: 'person.consented', subjectType: 'User' } });
    expect(event.details).toBe('{}');
    expect(event.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});
