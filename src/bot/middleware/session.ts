// Sessions live in the database (model Session), keyed by chat, so a restart or another
// instance continues a conversation where it stopped.
import { session, type MiddlewareFn, type StorageAdapter } from 'grammy';
import type { Db } from '../../db/index.js';
import type { BotContext, SessionData } from '../context.js';

export function prismaSessionStorage<T>(db: Db): StorageAdapter<T> {
  return {
    async read(key) {
      const row = await db.session.findUnique({ where: { key } });
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      await db.session.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
    },
    async delete(key) {
      await db.session.deleteMany({ where: { key } });
    },
  };
}

export function sessionKey(ctx: { chat?: { id: number } | undefined }): string | undefined {
  return ctx.chat ? String(ctx.chat.id) : undefined;
}

export function databaseSession(db: Db) {
  return session<SessionData, BotContext>({
    initial: () => ({}),
    storage: prismaSessionStorage<SessionData>(db),
    getSessionKey: sessionKey,
  });
}

/** Calls that show the person something: after one of them, the state behind it must survive. */
const SHOWING = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'sendDocument', 'sendPhoto', 'answerCallbackQuery']);

/**
 * Writes the session before the bot shows the person anything that depends on it. The session
 * plugin writes only when the handler is done: a process killed (-9, a crash, a deploy) between
 * the reply and that write would show the next question while remembering the previous one, and
 * after the restart the person would be asked again. Only a changed session is written, once per
 * change; the plugin's own write at the end stays.
 */
export function saveSessionBeforeShowing(db: Db): MiddlewareFn<BotContext> {
  const storage = prismaSessionStorage<SessionData>(db);
  return async (ctx, next) => {
    const key = sessionKey(ctx);
    if (key === undefined) return next();
    let saved = JSON.stringify(ctx.session ?? null);
    // Installed on this update's context only.
    ctx.api.config.use(async (prev, method, payload, signal) => {
      if (SHOWING.has(method)) {
        const current = ctx.session;
        const json = JSON.stringify(current ?? null);
        if (json !== saved && current !== undefined && current !== null) {
          await storage.write(key, current);
          saved = json;
        }
      }
      return prev(method, payload, signal);
    });
    await next();
  };
}
