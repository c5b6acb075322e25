/**
 * A tiny grammY bot wired to a local gateway, for the gateway's own tests (not the real
 * Safety Net bot): /start with an inline keyboard, edits on callbacks, a document, a
 * deleted message, a reply keyboard, file acknowledgements and Arabic text.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { Bot, InlineKeyboard, InputFile, Keyboard } from 'grammy';
import type { ChatMemberUpdated } from 'grammy/types';
import { startLocalGateway, type DemoUser, type LocalGateway } from '../../../src/channels/local/gateway.js';

export const TOKEN = 'local:safety-net';
export const BOT_INFO = { id: 900_000_001, first_name: 'Safety Net', username: 'safety_net_local_bot' };

export const APPLICANT: DemoUser = { id: 1001, firstName: 'Amina', languageCode: 'ar', label: 'Applicant' };
export const VOLUNTEER: DemoUser = { id: 1002, firstName: 'Victor', languageCode: 'en', label: 'Volunteer' };
export const DONOR: DemoUser = { id: 1003, firstName: 'Dana', languageCode: 'en', label: 'Donor' };
export const CASEWORKER: DemoUser = { id: 1004, firstName: 'Carla', languageCode: 'es', label: 'Caseworker' };
export const DEMO_USERS = [APPLICANT, VOLUNTEER, DONOR, CASEWORKER];

export const FORM_PDF = new TextEncoder().encode('%PDF-1.4\n% a tiny test form\n%%EOF\n');
export const ARABIC_GREETING = 'مرحبا! كيف يمكنني مساعدتك اليوم؟';

export interface TestChannel {
  gateway: LocalGateway;
  bot: Bot;
  /** my_chat_member updates the bot received (block / unblock). */
  memberUpdates: ChatMemberUpdated[];
  /** Errors thrown by the bot's handlers; tests expect none. */
  handlerErrors: unknown[];
  stop(): Promise<void>;
}

export async function startTestChannel(options: { maxUploadBytes?: number } = {}): Promise<TestChannel> {
  const gateway = await startLocalGateway({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    botInfo: BOT_INFO,
    demoUsers: DEMO_USERS,
    ...options,
  });
  const bot = new Bot(TOKEN, { client: { apiRoot: gateway.apiRoot } });
  const memberUpdates: ChatMemberUpdated[] = [];
  const handlerErrors: unknown[] = [];
  installHandlers(bot, gateway, memberUpdates, handlerErrors);
  let runner: RunnerHandle | undefined;
  try {
    await bot.init();
    await bot.api.setMyCommands([
      { command: 'start', description: 'Start over' },
      { command: 'help', description: 'What I can do' },
    ]);
    await bot.api.setMyCommands([{ command: 'start', description: 'ابدأ من جديد' }], { language_code: 'ar' });
    runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'] } } });
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const handle = runner;
  return {
    gateway,
    bot,
    memberUpdates,
    handlerErrors,
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
      await gateway.close();
    },
  };
}

function installHandlers(
  bot: Bot,
  gateway: LocalGateway,
  memberUpdates: ChatMemberUpdated[],
  handlerErrors: unknown[],
): void {
  bot.command('start', (ctx) =>
    ctx.reply(`Welcome, <b>${ctx.from?.first_name ?? 'friend'}</b>! What would you like to do?`, {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().text('Apply', 'apply').row().text('Get the form', 'form'),
    }),
  );

  bot.command('arabic', (ctx) => ctx.reply(ARABIC_GREETING));

  bot.command('temp', async (ctx) => {
    const temporary = await ctx.reply('This message will disappear');
    await ctx.api.deleteMessage(ctx.chat.id, temporary.message_id);
    await ctx.reply('The temporary message is gone');
  });

  bot.command('keyboard', (ctx) =>
    ctx.reply('Pick one', { reply_markup: new Keyboard().text('Yes').text('No').row().requestContact('Share my phone').oneTime() }),
  );

  bot.callbackQuery('apply', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Application started' });
    await ctx.editMessageText('Your application has started ✅', {
      reply_markup: new InlineKeyboard().text('Cancel', 'cancel'),
    });
  });

  bot.callbackQuery('cancel', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Cancelled', show_alert: true });
    await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  });

  bot.callbackQuery('form', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.replyWithChatAction('upload_document');
    await ctx.replyWithDocument(new InputFile(FORM_PDF, 'application form.pdf'), { caption: 'Here is the form' });
  });

  bot.on('message:document', async (ctx) => {
    // Download it like a real bot would, to prove the bytes made the round trip.
    const file = await ctx.getFile();
    const response = await fetch(`${gateway.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ''}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    await ctx.reply(`Got your document ${ctx.message.document.file_name ?? ''} (${bytes.byteLength} bytes)`);
  });

  bot.on('message:photo', (ctx) => {
    const largest = ctx.message.photo.at(-1);
    return ctx.reply(`Got your photo ${largest?.width ?? 0}x${largest?.height ?? 0}${ctx.message.caption ? `: ${ctx.message.caption}` : ''}`);
  });

  bot.on('message:contact', (ctx) =>
    ctx.reply(`Thanks, I have your number ${ctx.message.contact.phone_number}`, { reply_markup: { remove_keyboard: true } }),
  );

  bot.on('edited_message:text', (ctx) => ctx.reply(`You changed your message to: ${ctx.editedMessage.text}`));

  bot.on('message:text', (ctx) => ctx.reply(`You said: ${ctx.message.text}`));

  bot.on('message', (ctx) => ctx.reply("Sorry, I can't handle that kind of message yet."));

  bot.on('my_chat_member', (ctx) => {
    memberUpdates.push(ctx.myChatMember);
  });

  bot.catch((error) => {
    handlerErrors.push(error.error);
  });
}
