// Programming errors: logged with the update id (never the update's content) and answered with
// a short apology, so no update can crash the process or leave a person without an answer.
import type { BotError } from 'grammy';
import { t } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';

/** Only what helps an operator: never payloads, which can hold what a person wrote. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}

export function handleBotError(logger: Logger) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    logger.error({ updateId: ctx.update.update_id, error: describeError(err.error) }, 'update failed');
    if (!ctx.chat || ctx.chat.type !== 'private') return;
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      await ctx.reply(t(ctx.lang ?? 'en', 'errors.apology'));
    } catch (replyError) {
      logger.warn({ updateId: ctx.update.update_id, error: describeError(replyError) }, 'could not send the apology');
    }
  };
}
