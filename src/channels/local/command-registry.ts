/**
 * The bot's command lists per scope and language (setMyCommands), and which list a person's
 * client shows in its command menu.
 */
import type { BotCommand } from 'grammy/types';
import { badRequest } from './bot-api-error.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stable key for a BotCommandScope; an absent scope is the default scope. */
function scopeKey(scope: unknown): string {
  if (scope === undefined) return 'default';
  if (!isRecord(scope) || typeof scope.type !== 'string') throw badRequest("can't parse BotCommandScope JSON object");
  const target = scope.chat_id ?? '';
  const member = scope.user_id ?? '';
  return [scope.type, String(target), String(member)].filter(Boolean).join(':');
}

export function parseCommands(value: unknown): BotCommand[] {
  if (!Array.isArray(value)) throw badRequest('parameter "commands" must be an Array of BotCommand');
  return value.map((item): BotCommand => {
    if (!isRecord(item) || typeof item.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(item.command)) {
      throw badRequest('BOT_COMMAND_INVALID');
    }
    if (typeof item.description !== 'string' || item.description.length < 1 || item.description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command: item.command, description: item.description };
  });
}

export class CommandRegistry {
  private readonly lists = new Map<string, BotCommand[]>();

  set(scope: unknown, languageCode: string | undefined, commands: BotCommand[]): void {
    const key = `${scopeKey(scope)}|${languageCode ?? ''}`;
    if (commands.length === 0) this.lists.delete(key);
    else this.lists.set(key, commands);
  }

  get(scope: unknown, languageCode: string | undefined): BotCommand[] {
    return this.lists.get(`${scopeKey(scope)}|${languageCode ?? ''}`) ?? [];
  }

  /** Telegram's lookup order for a private chat: chat, all private chats, default; each with the language first. */
  forPrivateChat(chatId: number, languageCode: string | undefined): BotCommand[] {
    const scopes = [`chat:${chatId}`, 'all_private_chats', 'default'];
    for (const scope of scopes) {
      for (const language of languageCode ? [languageCode, ''] : ['']) {
        const list = this.lists.get(`${scope}|${language}`);
        if (list) return list;
      }
    }
    return [];
  }
}
