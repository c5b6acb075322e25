/** The Bot API methods the local gateway implements, by lower-cased name (Telegram's are case-insensitive). */
import type { BotApiParams } from './bot-api-params.js';
import { botMethods } from './bot-methods-bot.js';
import { fileMethods } from './bot-methods-files.js';
import { messageMethods } from './bot-methods-messages.js';
import type { GatewayState } from './gateway-state.js';

/** Returns the method's `result`, or throws BotApiError for `{ ok: false }`. */
export type BotApiMethod = (params: BotApiParams, state: GatewayState, signal: AbortSignal) => unknown;

export type BotApiMethods = Record<string, BotApiMethod>;

const byLowerCaseName = new Map<string, BotApiMethod>(
  Object.entries({ ...botMethods, ...messageMethods, ...fileMethods }).map(([name, method]) => [
    name.toLowerCase(),
    method,
  ]),
);

export function findBotApiMethod(name: string): BotApiMethod | undefined {
  return byLowerCaseName.get(name.toLowerCase());
}
