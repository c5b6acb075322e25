// Outgoing Bot API calls: HTML formatting by default, and the people who blocked the bot
// marked unreachable so the scheduler stops writing to them.
import type { Transformer } from 'grammy';
import type { Logger } from '../logger.js';

const FORMATTED_METHODS = new Set(['sendMessage', 'editMessageText', 'sendDocument', 'sendPhoto']);

/** Every locale string is written in Telegram's HTML subset; user values are escaped by i18n. */
export const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  if (FORMATTED_METHODS.has(method) && payload && typeof payload === 'object' && !('parse_mode' in payload)) {
    return prev(method, { ...payload, parse_mode: 'HTML' } as typeof payload, signal);
  }
  return prev(method, payload, signal);
};

/** Bot API answers 403 when the person blocked the bot (or deleted their account). */
export function detectBlockedChats(onBlocked: (chatId: number) => Promise<void>, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const chatId = payload && typeof payload === 'object' && 'chat_id' in payload ? payload.chat_id : undefined;
    if (!result.ok && result.error_code === 403 && typeof chatId === 'number') {
      // Chat ids identify people: they stay out of the log.
      logger.info({ method }, 'chat unreachable (403); marking the person inactive');
      await onBlocked(chatId).catch((err: unknown) => logger.error({ err }, 'could not mark chat inactive'));
    }
    return result;
  };
}

/**
 * Editing a message into exactly what it shows already (a double tap, a filter button pressed
 * twice) is refused by Telegram with 400 "message is not modified". For the person nothing is
 * wrong: the screen is right. Treated as done, so no feature has to special-case it.
 */
export const ignoreUnchangedEdits: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (!result.ok && result.error_code === 400 && method.startsWith('editMessage') && /message is not modified/i.test(result.description)) {
    return { ok: true, result: true } as unknown as typeof result;
  }
  return result;
};
