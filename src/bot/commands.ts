// The command menu, registered per language: Telegram shows each person the list in their app's
// language, and after they choose a language here, in that language for their chat.
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { SUPPORTED_LANGUAGES, t, type Language } from '../i18n.js';

const COMMANDS = [
  'start',
  'check',
  'documents',
  'status',
  'help_request',
  'volunteer',
  'tasks',
  'my_tasks',
  'funds',
  'pledge',
  'my_pledges',
  'calendar',
  'transparency',
  'help',
  'language',
  'role',
  'privacy',
  'export_me',
  'delete_me',
] as const;

export function commandsFor(lang: Language): BotCommand[] {
  return COMMANDS.map((command) => ({ command, description: t(lang, `commands.${command}`) }));
}

export async function registerCommands(api: Api, defaultLanguage: Language): Promise<void> {
  await api.setMyCommands(commandsFor(defaultLanguage));
  for (const lang of SUPPORTED_LANGUAGES) {
    await api.setMyCommands(commandsFor(lang), { language_code: lang });
  }
}

export async function registerChatCommands(api: Api, chatId: number, lang: Language): Promise<void> {
  await api.setMyCommands(commandsFor(lang), { scope: { type: 'chat', chat_id: chatId } });
}
