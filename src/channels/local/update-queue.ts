/**
 * The bot's pending updates with Telegram's getUpdates semantics: an update stays queued
 * until the bot confirms it by asking for a higher offset; a long poll returns as soon as
 * an update arrives; a second concurrent long poll ends the first with 409 Conflict.
 */
import type { Update } from 'grammy/types';
import { BotApiError } from './bot-api-error.js';

/** The update kinds this gateway produces, i.e. the keys of Update besides update_id. */
export type UpdatePayload = Omit<Update, 'update_id'>;

/** Telegram's default when allowed_updates is an empty list or was never set. */
const EXCLUDED_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export interface GetUpdatesRequest {
  offset?: number;
  limit: number;
  timeoutSeconds: number;
  allowedUpdates?: string[];
  /** Aborted when the bot gives up on the request (e.g. bot.stop()). */
  signal: AbortSignal;
}

interface PendingPoll {
  request: GetUpdatesRequest;
  resolve(updates: Update[]): void;
  reject(error: BotApiError): void;
  timer: NodeJS.Timeout;
}

export class UpdateQueue {
  private queued: Update[] = [];
  private nextUpdateId = 1;
  /** Persists between calls, as on Telegram: undefined means "the default set". */
  private allowedUpdates: Set<string> | undefined;
  private poll: PendingPoll | undefined;
  private closed = false;

  push(payload: UpdatePayload): void {
    if (this.closed) return;
    this.queued.push({ update_id: this.nextUpdateId++, ...payload });
    const poll = this.poll;
    if (!poll) return;
    const updates = this.select(poll.request);
    if (updates.length > 0) this.settle(poll, updates);
  }

  async take(request: GetUpdatesRequest): Promise<Update[]> {
    if (request.allowedUpdates !== undefined) {
      this.allowedUpdates = request.allowedUpdates.length > 0 ? new Set(request.allowedUpdates) : undefined;
    }
    this.confirm(request.offset);
    const ready = this.select(request);
    if (ready.length > 0 || request.timeoutSeconds <= 0 || this.closed || request.signal.aborted) return ready;

    if (this.poll) {
      this.settleWithError(
        this.poll,
        new BotApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'),
      );
    }
    return new Promise<Update[]>((resolve, reject) => {
      const poll: PendingPoll = {
        request,
        resolve,
        reject,
        timer: setTimeout(() => this.settle(poll, []), request.timeoutSeconds * 1000),
      };
      this.poll = poll;
      request.signal.addEventListener('abort', () => this.settle(poll, []), { once: true });
    });
  }

  /** Answers a pending long poll with no updates; later calls return at once. */
  close(): void {
    this.closed = true;
    if (this.poll) this.settle(this.poll, []);
  }

  /** Updates below a positive offset are confirmed; a negative offset keeps only the last -offset. */
  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    this.queued = offset > 0
      ? this.queued.filter((update) => update.update_id >= offset)
      : this.queued.slice(offset);
  }

  private isAllowed(update: Update): boolean {
    const kind = Object.keys(update).find((key) => key !== 'update_id') ?? '';
    return this.allowedUpdates ? this.allowedUpdates.has(kind) : !EXCLUDED_BY_DEFAULT.has(kind);
  }

  private select(request: GetUpdatesRequest): Update[] {
    // Telegram never delivers kinds the bot did not ask for, so drop them for good.
    this.queued = this.queued.filter((update) => this.isAllowed(update));
    return this.queued.slice(0, request.limit);
  }

  private settle(poll: PendingPoll, updates: Update[]): void {
    if (this.poll !== poll) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    poll.resolve(updates);
  }

  private settleWithError(poll: PendingPoll, error: BotApiError): void {
    if (this.poll !== poll) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    poll.reject(error);
  }
}
