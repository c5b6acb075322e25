// A fake Telegram Bot API for the end-to-end benchmarks: just enough of the protocol for a bot to
// start, long-poll (getUpdates) or receive webhooks, and answer. Simulated users push updates into
// it and read the bot's messages back from it; it notes when each update was made available and
// when the bot's first call answering that chat arrived, which is the latency the benches report.
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

  private constructor(private readonly token: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(token: string): Promise<FakeBotApi> {
    const api = new FakeBotApi(token);
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

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- Updates from the simulated users -------------------------------------------------------

  sendText(user: SimUser, text: string): void {
    const entities = text.startsWith('/') ? [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] : undefined;
    this.push(user.id, {
      update_id: 0,
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: 'private', first_name: user.firstName },
        from: { id: user.id, is_bot: false, first_name: user.firstName, language_code: user.languageCode },
        text,
        ...(entities ? { entities } : {}),
      },
    });
  }

  press(user: SimUser, message: BotMessage, data: string): void {
    const id = `${user.id}:${this.nextUpdateId}`;
    this.callbackChats.set(id, user.id);
    this.push(user.id, {
      update_id: 0,
      callback_query: {
        id,
        from: { id: user.id, is_bot: false, first_name: user.firstName, language_code: user.languageCode },
        chat_instance: String(user.id),
        data,
        message: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: user.id, type: 'private', first_name: user.firstName },
          from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
          text: message.text,
          ...(message.markup ? { reply_markup: message.markup } : {}),
        } as Message.TextMessage,
      },
    });
  }

  private push(chatId: number, update: Update): void {
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
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const result = await this.call(match[2]!, body);
    reply(res, 200, { ok: true, result });
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

function reply(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
