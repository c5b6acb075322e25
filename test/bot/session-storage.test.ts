// The session storage: a write that would store what the update read is skipped, so an update
// that changed nothing never overwrites what another instance wrote meanwhile (and saves a round
// trip); a changed session is written. Underneath, the rows go straight to the driver
// (src/db/sessions.ts): Prisma must see the same rows, and on SQLite a write must wait for a
// transaction Prisma holds open in the same process instead of failing or freezing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionStorage } from '../../src/bot/middleware/session.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

const stored = async (key: string) => (await testDb.db.session.findUnique({ where: { key } }))?.value;

describe('sessionStorage', () => {
  it('writes a changed session, skips an unchanged one, and deletes', async () => {
    const storage = sessionStorage<{ step?: number }>(testDb.sessions);
    expect(await storage.read('7')).toBeUndefined();
    await storage.write('7', { step: 1 });
    expect(await stored('7')).toBe('{"step":1}');

    // Another instance moves the conversation on after this update read it…
    expect(await storage.read('7')).toEqual({ step: 1 });
    await testDb.db.session.update({ where: { key: '7' }, data: { value: '{"step":2}' } });
    // …this update changed nothing: its write is skipped and does not undo the other's.
    await storage.write('7', { step: 1 });
    expect(await stored('7')).toBe('{"step":2}');
    // A real change is written.
    await storage.write('7', { step: 3 });
    expect(await stored('7')).toBe('{"step":3}');

    await storage.delete('7');
    expect(await stored('7')).toBeUndefined();
    await storage.write('7', { step: 3 });
    expect(await stored('7')).toBe('{"step":3}');
  });
});

describe('session rows', () => {
  it('reads what Prisma wrote, and Prisma reads what they wrote', async () => {
    await testDb.db.session.create({ data: { key: 'p1', value: '{"lang":"zh"}' } });
    expect(await testDb.sessions.read('p1')).toBe('{"lang":"zh"}');
    await testDb.sessions.write('p1', '{"lang":"ar"}');
    await testDb.sessions.write('p2', '{"lang":"uk"}');
    expect(await stored('p1')).toBe('{"lang":"ar"}');
    expect(await stored('p2')).toBe('{"lang":"uk"}');
    await testDb.sessions.delete('p2');
    expect(await stored('p2')).toBeUndefined();
    expect(await testDb.sessions.read('p2')).toBeUndefined();
  });

  it('a write during an open Prisma transaction waits for its commit, and neither is lost', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const transaction = testDb.db.$transaction(async (tx) => {
      await tx.session.upsert({ where: { key: 'tx' }, create: { key: 'tx', value: 'in transaction' }, update: {} });
      inside();
      await released; // holds the write lock (SQLite) while the event loop runs on
    });
    await entered;
    const write = testDb.sessions.write('w1', 'while locked');
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
