// A fake Telegram Bot API server for resilience tests of the real process: it answers every
// method the bot calls, hands out updates by long polling, records what the bot sent, and can be
// told to fail (429 with retry_after, 5xx) or to answer slowly, the way Telegram sometimes does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentCall {
  method: string;
  chatId: number | null;
  text: string;
  payload: Record<string, unknown>;
  atMs: number;
}

export type Fault = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 };

export interface FakeBotApi {
  apiRoot: string;
  /** Every call the bot made, in order (answered or not). */
  calls: SentCall[];
  /** Calls that were answered OK. */
  delivered(method?: string): SentCall[];
  /** Queues an update for getUpdates. */
  push(update: Record<string, unknown>): void;
  /** The next calls of `method` fail with these, one each, in order. */
  failNext(method: string, faults: Fault[]): void;
  /** Every answer waits this long (a slow Telegram). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const BOT = { id: 123, is_bot: true, first_name: 'Safety Net', username: 'safety_net_bot' };

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startFakeBotApi(token: string): Promise<FakeBotApi> {
  const calls: SentCall[] = [];
  const ok = new Set<SentCall>();
  const updates: Record<string, unknown>[] = [];
  const waiting: (() => void)[] = [];
  const faults = new Map<string, Fault[]>();
  let delayMs = 0;
  let nextUpdateId = 1;
  let nextMessageId = 1;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const match = new RegExp(`^/bot${token.replace(':', '\\:')}/(\\w+)`).exec(req.url ?? '');
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (!match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
      const method = match[1]!;
      const payload = await body(req);
      if (method === 'getUpdates') {
        const offset = Number(payload.offset ?? 0);
        while (updates.length > 0 && Number(updates[0]!.update_id) < offset) updates.shift();
        if (updates.length === 0) {
          const timeout = Math.min(Number(payload.timeout ?? 0), 2) * 1000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout);
            waiting.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        return reply(200, { ok: true, result: updates.slice(0, 100) });
      }
      const call: SentCall = {
        method,
        chatId: payload.chat_id === undefined ? null : Number(payload.chat_id),
        text: typeof payload.text === 'string' ? payload.text : '',
        payload,
        atMs: Date.now(),
      };
      calls.push(call);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const fault = faults.get(method)?.shift();
      if (fault?.status === 429) {
        return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter}`, parameters: { retry_after: fault.retryAfter } });
      }
      if (fault) return reply(fault.status, { ok: false, error_code: fault.status, description: 'Bad Gateway' });
      ok.add(call);
      switch (method) {
        case 'getMe':
          return reply(200, { ok: true, result: BOT });
        case 'sendMessage':
        case 'sendDocument':
        case 'editMessageText':
          return reply(200, {
            ok: true,
            result: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: call.chatId, type: 'private' }, text: call.text },
          });
        default:
          return reply(200, { ok: true, result: true });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    delivered: (method) => calls.filter((c) => ok.has(c) && (method === undefined || c.method === method)),
    push(update) {
      updates.push({ update_id: nextUpdateId++, ...update });
      for (const wake of waiting.splice(0)) wake();
    },
    failNext(method, list) {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of waiting.splice(0)) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A private-chat text message from `userId`, as Telegram sends it. */
export function textUpdate(userId: number, text: string, languageCode = 'en'): Record<string, unknown> {
  return {
    message: {
      message_id: Math.floor(Math.random() * 1e9),
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'T' },
      from: { id: userId, is_bot: false, first_name: 'T', language_code: languageCode },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
    },
  };
}

/** A button press from `userId`. */
export function callbackUpdate(userId: number, data: string): Record<string, unknown> {
  return {
    callback_query: {
      id: String(Math.floor(Math.random() * 1e9)),
      chat_instance: String(userId),
      from: { id: userId, is_bot: false, first_name: 'T' },
      data,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: 'private', first_name: 'T' }, text: '' },
    },
  };
}
