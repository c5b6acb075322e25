// A fake Telegram Bot API for the end-to-end benchmarks and the resilience tests of the real
// process: just enough of the protocol for a bot to start, long-poll (getUpdates) or receive
// webhooks, and answer. Simulated users push updates into it and read the bot's messages back from
// it; it notes when each update was made available and when the bot's first call answering that
// chat arrived, which is the latency the benches report. Tests may also have it record every call
// and fail (429 with retry_after, 5xx) or answer slowly, the way Telegram sometimes does; none of
// that costs anything on the benches' path while it is not asked for.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InlineKeyboardMarkup, Message, Update, UserFromGetMe } from 'grammy/types';

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'Safety Net',
  username: 'safety_net_bench_bot',
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

/** What a chat sees of the bot: a new message or an edit, with its buttons' callback data. */
export interface BotMessage {
  kind: 'sent' | 'edited';
  messageId: number;
  text: string;
  buttons: string[];
  markup?: InlineKeyboardMarkup;
}

/** Where webhook updates go: one receiver per bot instance, chosen per chat so a chat stays on one. */
export interface WebhookTarget {
  url: string;
  secretToken: string;
}

type Delivery = { mode: 'polling' } | { mode: 'webhook'; targets: WebhookTarget[] };

/** An update as a test or a simulated user writes it: the fake numbers it. */
export type NewUpdate = Omit<Update, 'update_id'>;

/** A call the bot made (recorded only when the fake was started with `record`). */
export interface SentCall {
  method: string;
  chatId: number | null;
  text: string;
  payload: Record<string, unknown>;
  atMs: number;
}

export type Fault = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 };

export interface FakeBotApiOptions {
  /** Keep every call the bot makes (but getUpdates) in `calls`. */
  record?: boolean;
}

interface Pending {
  availableAt: number;
}

export class FakeBotApi {
  private readonly server: Server;
  private readonly queue: Update[] = [];
  private readonly pollers = new Set<() => void>();
  private readonly inboxes = new Map<number, (m: BotMessage) => void>();
  private readonly pending = new Map<number, Pending>();
  private readonly callbackChats = new Map<string, number>();
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private delivery: Delivery = { mode: 'polling' };
  /** Milliseconds from an update being available to the bot's first call for that chat. */
  readonly latencies: number[] = [];
  /** Time of the first getUpdates call or webhook registration: the bot is listening. */
  listeningAt: number | null = null;
  /** First sendMessage per chat (the start-up bench waits for it). */
  private readonly firstSends = new Map<number, (at: number) => void>();
  webhookErrors = 0;
  /** Every call the bot made but getUpdates, in order, answered or not (with `record` only). */
  readonly calls: SentCall[] = [];
  private readonly answeredOk = new Set<SentCall>();
  private readonly faults = new Map<string, Fault[]>();
  private delayMs = 0;

  private constructor(
    private readonly token: string,
    private readonly record: boolean,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(token: string, options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const api = new FakeBotApi(token, options.record ?? false);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  deliverBy(delivery: Delivery): void {
    this.delivery = delivery;
  }

  /** Bot messages for `chatId` go to `listener` (one listener per chat). */
  subscribe(chatId: number, listener: (m: BotMessage) => void): void {
    this.inboxes.set(chatId, listener);
  }

  /** Resolves with the time of the bot's first sendMessage to `chatId`. */
  firstSendTo(chatId: number): Promise<number> {
    return new Promise((resolve) => this.firstSends.set(chatId, resolve));
  }

  resetLatencies(): void {
    this.latencies.length = 0;
  }

  /** The recorded calls that were answered OK (of `method`, or all). */
  delivered(method?: string): SentCall[] {
    return this.calls.filter((c) => this.answeredOk.has(c) && (method === undefined || c.method === method));
  }

  /** The next calls of `method` fail with these, one each, in order. */
  failNext(method: string, faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Every answer but getUpdates waits this long (a slow Telegram). */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- Updates from the simulated users -------------------------------------------------------

  sendText(user: SimUser, text: string): void {
    this.deliver(user.id, textUpdate(user.id, text, { firstName: user.firstName, languageCode: user.languageCode, messageId: this.nextMessageId++ }));
  }

  press(user: SimUser, message: BotMessage, data: string): void {
    const id = `${user.id}:${this.nextUpdateId}`;
    this.callbackChats.set(id, user.id);
    this.deliver(user.id, callbackUpdate(user.id, data, { firstName: user.firstName, languageCode: user.languageCode, message, id }));
  }

  /** Makes an update available to the bot as it is (built with textUpdate or callbackUpdate, say). */
  push(update: NewUpdate): void {
    this.deliver(update.message?.chat.id ?? update.callback_query?.from.id ?? 0, update);
  }

  private deliver(chatId: number, newUpdate: NewUpdate): void {
    const update = newUpdate as Update;
    update.update_id = this.nextUpdateId++;
    this.pending.set(chatId, { availableAt: performance.now() });
    if (this.delivery.mode === 'polling') {
      this.queue.push(update);
      for (const wake of this.pollers) wake();
      return;
    }
    const targets = this.delivery.targets;
    const target = targets[chatId % targets.length]!;
    void fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': target.secretToken },
      body: JSON.stringify(update),
    }).then(
      async (response) => {
        if (!response.ok) this.webhookErrors++;
        await response.arrayBuffer();
      },
      () => this.webhookErrors++,
    );
  }

  // --- The Bot API --------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!match || match[1] !== this.token) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = match[2]!;
    const body = chunks.length ? parseJson(Buffer.concat(chunks).toString()) : {};
    // Recording, a delay and faults, for the tests that ask for them: three flag checks otherwise.
    const call = this.record && method !== 'getUpdates' ? this.note(method, body) : undefined;
    if (this.delayMs > 0 && method !== 'getUpdates') await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const fault = this.faults.size > 0 ? this.nextFault(method) : undefined;
    if (fault) return reply(res, fault.status, faultAnswer(fault));
    if (call) this.answeredOk.add(call);
    const result = await this.call(method, body);
    reply(res, 200, { ok: true, result });
  }

  private note(method: string, payload: Record<string, unknown>): SentCall {
    const call: SentCall = {
      method,
      chatId: payload.chat_id === undefined ? null : Number(payload.chat_id),
      text: typeof payload.text === 'string' ? payload.text : '',
      payload,
      atMs: Date.now(),
    };
    this.calls.push(call);
    return call;
  }

  private nextFault(method: string): Fault | undefined {
    const queued = this.faults.get(method);
    const fault = queued?.shift();
    if (queued?.length === 0) this.faults.delete(method);
    return fault;
  }

  private async call(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return BOT_INFO;
      case 'getUpdates':
        this.listeningAt ??= performance.now();
        return this.getUpdates(Number(p.offset ?? 0), Number(p.limit ?? 100), Number(p.timeout ?? 0));
      case 'setWebhook':
        this.listeningAt ??= performance.now();
        return true;
      case 'sendMessage': {
        const chatId = Number(p.chat_id);
        const message = this.outgoing('sent', this.nextMessageId++, p);
        this.answered(chatId);
        this.firstSends.get(chatId)?.(performance.now());
        this.firstSends.delete(chatId);
        this.inboxes.get(chatId)?.(message);
        return wireMessage(chatId, message);
      }
      case 'sendDocument': {
        const chatId = Number(p.chat_id);
        this.answered(chatId);
        return { ...wireMessage(chatId, this.outgoing('sent', this.nextMessageId++, p)), document: { file_id: 'doc', file_unique_id: 'doc' } };
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const chatId = Number(p.chat_id);
        const message = this.outgoing('edited', Number(p.message_id), p);
        this.answered(chatId);
        this.inboxes.get(chatId)?.(message);
        return wireMessage(chatId, message);
      }
      case 'answerCallbackQuery': {
        const chatId = this.callbackChats.get(String(p.callback_query_id));
        this.callbackChats.delete(String(p.callback_query_id));
        if (chatId !== undefined) this.answered(chatId);
        return true;
      }
      default:
        // setMyCommands, deleteWebhook, sendChatAction, …: accepted and otherwise ignored.
        return true;
    }
  }

  private outgoing(kind: BotMessage['kind'], messageId: number, p: Record<string, unknown>): BotMessage {
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    const buttons = (markup?.inline_keyboard ?? []).flat().flatMap((b) => ('callback_data' in b && b.callback_data ? [b.callback_data] : []));
    return { kind, messageId, text: String(p.text ?? ''), buttons, ...(markup ? { markup } : {}) };
  }

  /** The bot's first call for a chat since its last update: that update's latency. */
  private answered(chatId: number): void {
    const pending = this.pending.get(chatId);
    if (!pending) return;
    this.pending.delete(chatId);
    this.latencies.push(performance.now() - pending.availableAt);
  }

  private async getUpdates(offset: number, limit: number, timeoutSeconds: number): Promise<Update[]> {
    // Confirmed updates (below the offset) are gone for good, as on Telegram.
    while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    if (this.queue.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.pollers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutSeconds * 1000);
        this.pollers.add(wake);
      });
    }
    while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    return this.queue.slice(0, limit);
  }
}

export interface SimUser {
  id: number;
  firstName: string;
  languageCode: string;
}

/** Who writes, and the number of their message; by default a person called T writing in English. */
export interface Sender {
  firstName?: string;
  languageCode?: string;
  messageId?: number;
}

/** A private-chat text message from `userId`, as Telegram sends it. */
export function textUpdate(userId: number, text: string, from: Sender = {}): NewUpdate {
  const firstName = from.firstName ?? 'T';
  return {
    message: {
      message_id: from.messageId ?? Math.floor(Math.random() * 1e9),
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: firstName },
      from: { id: userId, is_bot: false, first_name: firstName, language_code: from.languageCode ?? 'en' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
    },
  };
}

/** A press by `userId` of the button with `data` under `message` (an empty one by default). */
export function callbackUpdate(userId: number, data: string, from: Sender & { message?: BotMessage; id?: string } = {}): NewUpdate {
  const firstName = from.firstName ?? 'T';
  const message = from.message;
  return {
    callback_query: {
      id: from.id ?? String(Math.floor(Math.random() * 1e9)),
      from: { id: userId, is_bot: false, first_name: firstName, ...(from.languageCode ? { language_code: from.languageCode } : {}) },
      chat_instance: String(userId),
      data,
      message: {
        message_id: message?.messageId ?? 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: 'private', first_name: firstName },
        from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
        text: message?.text ?? '',
        ...(message?.markup ? { reply_markup: message.markup } : {}),
      } as Message.TextMessage,
    },
  };
}

function wireMessage(chatId: number, m: BotMessage): Message.TextMessage {
  return {
    message_id: m.messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: 'private', first_name: 'User' },
    from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
    text: m.text,
    ...(m.markup ? { reply_markup: m.markup } : {}),
  } as Message.TextMessage;
}

function faultAnswer(fault: Fault): unknown {
  return fault.status === 429
    ? { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter}`, parameters: { retry_after: fault.retryAfter } }
    : { ok: false, error_code: fault.status, description: 'Bad Gateway' };
}

/** A JSON body; anything else (a multipart upload) reads as no parameters. */
function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
