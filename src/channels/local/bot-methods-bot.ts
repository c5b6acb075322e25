/** Bot API methods about the bot itself: identity, updates, webhook, commands, menu. */
import { badRequest } from './bot-api-error.js';
import type { BotApiMethods } from './bot-methods.js';
import { parseCommands } from './command-registry.js';

const MAX_POLL_SECONDS = 50;

function allowedUpdatesOf(value: unknown): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw badRequest('field "allowed_updates" must be an Array of String');
  }
  return value;
}

/** Accepted and ignored: they only change how Telegram's own apps present the bot. */
const acceptedNoOp = () => true;

export const botMethods: BotApiMethods = {
  getMe: (_params, state) => state.bot,

  async getUpdates(params, state, signal) {
    const limit = params.integer('limit') ?? 100;
    const timeout = params.integer('timeout') ?? 0;
    const offset = params.integer('offset');
    return state.updates.take({
      ...(offset !== undefined ? { offset } : {}),
      limit: Math.min(Math.max(limit, 1), 100),
      timeoutSeconds: Math.min(Math.max(timeout, 0), MAX_POLL_SECONDS),
      allowedUpdates: allowedUpdatesOf(params.json('allowed_updates')),
      signal,
    });
  },

  // There is no webhook delivery here; long polling is always on.
  setWebhook: acceptedNoOp,
  deleteWebhook: acceptedNoOp,
  setChatMenuButton: acceptedNoOp,
  setMyDescription: acceptedNoOp,
  setMyShortDescription: acceptedNoOp,
  setMyName: acceptedNoOp,

  setMyCommands(params, state) {
    const commands = parseCommands(params.json('commands'));
    state.commands.set(params.json('scope'), params.string('language_code') || undefined, commands);
    return true;
  },

  getMyCommands: (params, state) =>
    state.commands.get(params.json('scope'), params.string('language_code') || undefined),

  deleteMyCommands(params, state) {
    state.commands.set(params.json('scope'), params.string('language_code') || undefined, []);
    return true;
  },
};
