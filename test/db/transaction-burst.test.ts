// A rush (hundreds of people pressing "I agree" at once after an announcement) queues more
// interactive transactions than the database serves at once: SQLite runs them one at a time,
// PostgreSQL as many as the pool has connections. Past Prisma's default wait of 2 s the late
// ones failed and those people saw "something went wrong"; they must wait their turn instead.
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/db.js';

const database = useTestDb();

const HOLD_MS = 250;

describe('a burst of transactions', () => {
  it('waits for the database rather than failing once it takes longer than 2 s to get a turn', async () => {
    // SQLite: one at a time; PostgreSQL: the test pools have 3 connections. Either way the last
    // transaction gets its turn about 3 s after the first.
    const count = database().provider === 'sqlite' ? 12 : 36;
    const results = await Promise.allSettled(
      Array.from({ length: count }, (_, i) =>
        database().db.$transaction(async (tx) => {
          await tx.session.create({ data: { key: `burst-${i}`, value: '{}' } });
          await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await database().db.session.count({ where: { key: { startsWith: 'burst-' } } })).toBe(count);
  }, 30_000);
});
