// Runs the real bot in-process against a fake Bot API that records every outgoing call, so a
// feature test reads like a conversation: a person sends or presses, the test reads the replies.
import { DEFAULT_CASE_CYCLE } from '../../src/domain/casework/cycle.js';
import { DEFAULT_TOWNSHIPS, parseTownships } from '../../src/domain/places/townships.js';
import type { Update } from 'grammy/types';
import { createBot } from '../../src/bot/index.js';
import type { BotContext } from '../../src/bot/context.js';
import type { Bot } from 'grammy';
import { silentLogger } from '../../src/logger.js';
import { t, type Language } from '../../src/i18n.js';
import type { PersonRole } from '../../src/domain/people/roles.js';
import { createTestDb } from './db.js';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

interface InlineButton {
  text: string;
  callback_data?: string;
}

export interface SentMessage {
  chatId: number;
  messageId: number;
  text: string;
  buttons: InlineButton[];
}

export interface HarnessOptions {
  adminTelegramIds?: number[];
  defaultLanguage?: Language;
}

const BOT_INFO = {
  id: 42,
  is_bot: true as const,
  first_name: 'Safety Net',
  username: 'safety_net_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export async function createHarness(options: HarnessOptions = {}) {
  const testDb = await createTestDb();
  const calls: ApiCall[] = [];
  const failures: { method: string; chatId?: number; errorCode: number; description: string }[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;

  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    const payload = await readPayload(init?.body);
    calls.push({ method, payload });
    const failure = failures.find((f) => f.method === method && (f.chatId === undefined || f.chatId === payload.chat_id));
    const body = failure
      ? { ok: false, error_code: failure.errorCode, description: failure.description }
      : { ok: true, result: fakeResult(method, payload, () => nextMessageId++) };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

  const newBot = (): Bot<BotContext> =>
    createBot({
      token: '42:TEST',
      apiRoot: 'http://bot-api.invalid',
      botInfo: BOT_INFO,
      fetch: fakeFetch,
      deps: {
        db: testDb.db,
        hotPath: testDb.hotPath,
        logger: silentLogger,
        adminTelegramIds: new Set(options.adminTelegramIds ?? []),
        defaultLanguage: options.defaultLanguage ?? 'en',
        townships: parseTownships(DEFAULT_TOWNSHIPS),
        cases: DEFAULT_CASE_CYCLE,
      },
    });
  let bot = newBot();

  function sentMessages(chatId?: number): SentMessage[] {
    return calls
      .filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')
      .filter((c) => chatId === undefined || c.payload.chat_id === chatId)
      .map((c) => ({
        chatId: Number(c.payload.chat_id),
        messageId: Number(c.payload.message_id ?? 0),
        text: String(c.payload.text ?? ''),
        buttons: inlineButtons(c.payload.reply_markup),
      }));
  }

  const harness = {
    db: testDb.db,
    get bot() {
      return bot;
    },
    /** A new bot on the same database: what a process restart leaves behind. */
    restart() {
      bot = newBot();
    },
    calls,
    /** Makes the fake Bot API answer `method` (for one chat, or all) with an error from now on. */
    failWith(method: string, errorCode: number, description: string, chatId?: number) {
      failures.push({ method, errorCode, description, ...(chatId === undefined ? {} : { chatId }) });
    },
    async update(update: Omit<Update, 'update_id'>) {
      await bot.handleUpdate({ update_id: nextUpdateId++, ...update } as Update);
    },
    /** A person writes text in their private chat with the bot. */
    async send(userId: number, text: string, from: { languageCode?: string; firstName?: string } = {}) {
      await harness.update({
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: userId, type: 'private', first_name: from.firstName ?? 'Test' },
          from: user(userId, from),
          text,
          ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
        },
      });
    },
    /** A person presses a button (by its label or its callback data) on the latest message that has it. */
    async press(userId: number, label: string | { data: string }, from: { languageCode?: string } = {}) {
      const data = typeof label === 'string' ? undefined : label.data;
      const message = [...sentMessages(userId)]
        .reverse()
        .find((m) => m.buttons.some((b) => (data ? b.callback_data === data : b.text.includes(label as string))));
      const button = message?.buttons.find((b) => (data ? b.callback_data === data : b.text.includes(label as string)));
      const callbackData = data ?? button?.callback_data;
      if (!callbackData) throw new Error(`no button ${JSON.stringify(label)} in chat ${userId}`);
      await harness.update({
        callback_query: {
          id: String(nextUpdateId),
          chat_instance: String(userId),
          from: user(userId, from),
          data: callbackData,
          message: {
            message_id: message?.messageId || nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: userId, type: 'private', first_name: 'Test' },
            text: message?.text ?? '',
          },
        },
      } as Omit<Update, 'update_id'>);
    },
    /**
     * A person starts the bot, picks `language`, consents and, when `role` is given, chooses it:
     * the way in that every feature test takes before the part it tests.
     */
    async onboard(userId: number, language: Language = 'en', role?: PersonRole, from: { firstName?: string } = {}) {
      await harness.send(userId, '/start', from);
      await harness.press(userId, { data: `v1:lang:set:${language}` });
      await harness.press(userId, { data: 'v1:consent:yes' });
      if (role) await harness.press(userId, { data: `v1:role:set:${role}` });
    },
    /**
     * A consented applicant checks eligibility as one adult in town (45, income 1,200, medical
     * costs 900, no savings) — eligible for the allowance — and applies: the way into every
     * application and casework test.
     */
    async screenEligibleAdultAndApply(userId: number, language: Language = 'en') {
      const tap = (key: string) => harness.press(userId, t(language, key));
      await harness.send(userId, '/check');
      await tap('screening.option.area.urban');
      await tap('screening.option.residency.local');
      await harness.send(userId, '45'); // age
      await harness.send(userId, '1200'); // income
      await tap('screening.answer.yes'); // can work
      await tap('screening.option.disability.none');
      await tap('screening.answer.no'); // serious illness
      await tap('screening.answer.no'); // another member
      await harness.send(userId, '900'); // medical costs
      await harness.send(userId, '0'); // savings
      await tap('screening.option.housingCondition.safe');
      await tap('screening.option.recentHardship.none');
      await tap('screening.button.results');
      await tap('screening.button.apply');
    },
    sentMessages,
    lastMessage(chatId: number): SentMessage {
      const all = sentMessages(chatId);
      const last = all[all.length - 1];
      if (!last) throw new Error(`the bot sent nothing to chat ${chatId}`);
      return last;
    },
    callsTo(method: string): ApiCall[] {
      return calls.filter((c) => c.method === method);
    },
    clearCalls() {
      calls.length = 0;
    },
    close: () => testDb.close(),
  };
  return harness;
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

function user(id: number, from: { languageCode?: string; firstName?: string }) {
  return {
    id,
    is_bot: false as const,
    first_name: from.firstName ?? 'Test',
    ...(from.languageCode ? { language_code: from.languageCode } : {}),
  };
}

function inlineButtons(markup: unknown): InlineButton[] {
  if (!markup || typeof markup !== 'object' || !('inline_keyboard' in markup)) return [];
  return (markup as { inline_keyboard: InlineButton[][] }).inline_keyboard.flat();
}

async function readPayload(body: unknown): Promise<Record<string, unknown>> {
  if (typeof body === 'string') return JSON.parse(body) as Record<string, unknown>;
  if (body && typeof body === 'object' && Symbol.asyncIterator in body) {
    // Multipart (a file is attached): keep the raw text; tests look for field names and contents.
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    const raw = Buffer.concat(chunks).toString('utf8');
    const chatId = /name="chat_id"\r\n\r\n(-?\d+)/.exec(raw)?.[1];
    return { multipart: raw, ...(chatId ? { chat_id: Number(chatId) } : {}) };
  }
  return {};
}

function fakeResult(method: string, payload: Record<string, unknown>, nextId: () => number): unknown {
  const chat = { id: Number(payload.chat_id ?? 0), type: 'private', first_name: 'Test' };
  const message = { message_id: nextId(), date: Math.floor(Date.now() / 1000), chat, from: BOT_INFO };
  switch (method) {
    case 'sendMessage':
      return { ...message, text: payload.text };
    case 'sendDocument':
      return { ...message, document: { file_id: 'doc', file_unique_id: 'doc' } };
    case 'editMessageText':
      return { ...message, message_id: payload.message_id, text: payload.text };
    default:
      return true;
  }
}
