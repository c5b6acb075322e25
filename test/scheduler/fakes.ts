// Test doubles for the scheduler: a clock that jumps instead of waiting, a Telegram that records
// every message (and fails on demand), and people to send to.
import type { Db } from '../../src/db/index.js';
import type { ReminderSender } from '../../src/scheduler/index.js';

export interface FakeClock {
  now(): Date;
  sleepUntil(ms: number): Promise<void>;
  set(date: Date | string): void;
  advance(ms: number): void;
  readonly ms: number;
}

export function fakeClock(start: Date | string): FakeClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    async sleepUntil(ms) {
      if (ms > t) t = ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    set(date) {
      t = new Date(date).getTime();
    },
    advance(ms) {
      t += ms;
    },
    get ms() {
      return t;
    },
  };
}

export interface SentReminder {
  chatId: number;
  text: string;
  /** From the buttons' callback data (v1:rem:done:<id>); null for messages without buttons. */
  reminderId: number | null;
  callbackData: string[];
  /** The (fake or real) clock's time when the send started. */
  atMs: number;
}

type BotApiError = { error_code: number; description: string };

export function fakeTelegram(now: () => number = () => Date.now()) {
  const sent: SentReminder[] = [];
  /** Per chat: errors to answer with, one per send, in order (the last one repeats if `sticky`). */
  const failures = new Map<number, { errors: (BotApiError | 'network')[]; sticky: boolean }>();
  let hook: ((chatId: number) => Promise<void>) | undefined;

  const sender: ReminderSender = {
    async sendMessage(chatId, text, other) {
      const atMs = now();
      if (hook) await hook(chatId);
      const failure = failures.get(chatId);
      const error = failure?.sticky && failure.errors.length === 1 ? failure.errors[0] : failure?.errors.shift();
      if (error === 'network') throw new Error('socket hang up');
      if (error) throw Object.assign(new Error(error.description), error);
      const callbackData = (other?.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? String(b.callback_data) : ''));
      const match = callbackData.map((d) => /^v1:rem:done:(\d+)$/.exec(d)).find(Boolean);
      sent.push({ chatId, text, reminderId: match ? Number(match[1]) : null, callbackData, atMs });
      return { message_id: sent.length };
    },
  };

  return {
    sender,
    sent,
    failWith(chatId: number, errors: (BotApiError | 'network')[], sticky = false) {
      failures.set(chatId, { errors: [...errors], sticky });
    },
    /** Runs before every send (e.g. to hang or count). */
    beforeSend(fn: ((chatId: number) => Promise<void>) | undefined) {
      hook = fn;
    },
    /** How many times each reminder id was sent. */
    countsById(): Map<number, number> {
      const counts = new Map<number, number>();
      for (const s of sent) if (s.reminderId !== null) counts.set(s.reminderId, (counts.get(s.reminderId) ?? 0) + 1);
      return counts;
    },
  };
}

let nextTelegramId = 5000;

export async function createPerson(
  db: Db,
  fields: { language?: string; timeZone?: string; staffRole?: string | null; firstName?: string; role?: string | null } = {},
): Promise<{ id: number; chatId: number }> {
  const telegramId = nextTelegramId++;
  const row = await db.user.create({
    data: {
      telegramId: BigInt(telegramId),
      chatId: BigInt(telegramId),
      language: fields.language ?? 'en',
      timeZone: fields.timeZone ?? 'UTC',
      staffRole: fields.staffRole ?? null,
      role: fields.role ?? 'applicant',
      firstName: fields.firstName ?? 'Test',
      consentedAt: new Date('2026-01-01T00:00:00Z'),
    },
  });
  return { id: row.id, chatId: telegramId };
}
