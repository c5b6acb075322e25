/**
 * Callback queries waiting for answerCallbackQuery. Each can be answered once; unanswered
 * ones are forgotten after a while, as Telegram does.
 */
import { randomBytes } from 'node:crypto';

const ANSWERABLE_FOR_MS = 15 * 60 * 1000;

interface PendingQuery {
  chatId: number;
  createdAt: number;
}

export class CallbackQueries {
  private readonly pending = new Map<string, PendingQuery>();

  /** Registers a new query from `chatId` and returns its id. */
  create(chatId: number): string {
    const now = Date.now();
    for (const [id, query] of this.pending) {
      if (now - query.createdAt > ANSWERABLE_FOR_MS) this.pending.delete(id);
    }
    // Telegram's ids are large decimal numbers in a string.
    const id = randomBytes(8).readBigUInt64BE().toString();
    this.pending.set(id, { chatId, createdAt: now });
    return id;
  }

  /** The chat that sent the query, or undefined if it is unknown, expired or already answered. */
  answer(id: string): number | undefined {
    const query = this.pending.get(id);
    this.pending.delete(id);
    if (!query || Date.now() - query.createdAt > ANSWERABLE_FOR_MS) return undefined;
    return query.chatId;
  }
}
