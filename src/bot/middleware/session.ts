// Sessions live in the database (model Session), keyed by chat, so a restart or another
// instance continues a conversation where it stopped.
import { session, type StorageAdapter } from 'grammy';
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
