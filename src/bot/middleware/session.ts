// Sessions live in the database (model Session), keyed by chat, so a restart or another
// instance continues a conversation where it stopped.
import { session, type MiddlewareFn, type StorageAdapter } from 'grammy';
import type { HotPath } from '../../db/index.js';
import type { BotContext, SessionData } from '../context.js';

/** Chats whose last known stored session this process remembers (to skip writes that change nothing). */
const REMEMBERED_CHATS = 5000;

/**
 * Session rows, read and written as JSON. Every update reads its chat's row first; the adapter
 * remembers what it read (or last wrote) and does not write the same value back: most updates —
 * a button that only shows something, a command — leave the session as it was, and each skipped
 * write is a database round trip saved. Another instance's write is seen at the next read, so a
 * skipped write never hides it.
 */
export function sessionStorage<T>(rows: HotPath): StorageAdapter<T> {
  const known = new Map<string, string>();
  const remember = (key: string, json: string | undefined) => {
    known.delete(key);
    if (json === undefined) return;
    known.set(key, json);
    if (known.size > REMEMBERED_CHATS) known.delete(known.keys().next().value!);
  };
  return {
    async read(key) {
      const json = await rows.readSession(key);
      remember(key, json);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      if (known.get(key) === json) return;
      await rows.writeSession(key, json);
      remember(key, json);
    },
    async delete(key) {
      remember(key, undefined);
      await rows.deleteSession(key);
    },
  };
}

export function sessionKey(ctx: { chat?: { id: number } | undefined }): string | undefined {
  return ctx.chat ? String(ctx.chat.id) : undefined;
}

/** Calls that show the person something: after one of them, the state behind it must survive. */
const SHOWING = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'sendDocument', 'sendPhoto', 'answerCallbackQuery']);

/**
 * The session middleware, which also writes the session before the bot shows the person anything
 * that depends on it. The session plugin writes only when the handler is done: a process killed
 * (-9, a crash, a deploy) between the reply and that write would show the next question while
 * remembering the previous one, and after the restart the person would be asked again. The
 * plugin's own write at the end then finds nothing new to write.
 */
export function databaseSession(rows: HotPath): MiddlewareFn<BotContext>[] {
  const storage = sessionStorage<SessionData>(rows);
  const plugin = session<SessionData, BotContext>({ initial: () => ({}), storage, getSessionKey: sessionKey });
  const writeBeforeShowing: MiddlewareFn<BotContext> = async (ctx, next) => {
    const key = sessionKey(ctx);
    if (key === undefined) return next();
    // Installed on this update's context only.
    ctx.api.config.use(async (prev, method, payload, signal) => {
      const current = SHOWING.has(method) ? ctx.session : undefined;
      if (current !== undefined && current !== null) await storage.write(key, current);
      return prev(method, payload, signal);
    });
    await next();
  };
  return [plugin, writeBeforeShowing];
}
