// Long polling with @grammyjs/runner: updates of different chats run concurrently; createBot()
// already sequentializes per chat.
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { BotContext } from '../bot/context.js';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

export async function startPolling(bot: Bot<BotContext>): Promise<RunnerHandle> {
  await bot.init();
  // A webhook left by an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  return run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
}
