// Shared by the services: a transaction that can end early without a trace, and the id check
// for values that come from callback data.
import type { Db, DbTx } from '../db/index.js';

/** Largest value of a 32-bit Int column (PostgreSQL INTEGER). */
const MAX_ID = 2_147_483_647;
export const isId = (id: unknown): id is number => Number.isInteger(id) && (id as number) > 0 && (id as number) <= MAX_ID;

/**
 * Prisma's limits, in milliseconds: how long to wait for a connection to start the transaction
 * (default 2,000) and how long it may run (default 5,000). Raise them where a burst of callers
 * contends for one row, so that the losers queue and get their answer instead of an error.
 */
export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
}

/** Carries a result out of a transaction that must leave the database as it was. */
class Rollback {
  constructor(readonly result: unknown) {}
}

/**
 * Runs `work` in a transaction. `rollback(result)` ends it without a trace, returning `result`:
 * for refusals, and for calls that turn out to change nothing.
 */
export async function transaction<T>(
  db: Db,
  work: (tx: DbTx, rollback: (result: T) => never) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  try {
    return await db.$transaction(
      (tx) =>
        work(tx, (result) => {
          throw new Rollback(result);
        }),
      options,
    );
  } catch (err) {
    if (err instanceof Rollback) return err.result as T;
    throw err;
  }
}
