// The Bot API HTTP client (src/bot/bot-api-fetch.ts) against a real local HTTP server: what grammY
// sends (JSON text, a multipart stream) arrives intact, error answers are still read as JSON,
// and a cancelled or failed call rejects instead of hanging.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { InputFile } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botApiFetch } from '../../src/bot/bot-api-fetch.js';
import { createBot } from '../../src/bot/index.js';
import { BOT_INFO } from '../../bench/lib/fake-bot-api.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: unknown;
}

let server: Server;
let root: string;
const received: Received[] = [];
let answer: (r: Received) => { status: number; body: string; delayMs?: number } = () => ({ status: 200, body: '{"ok":true,"result":true}' });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const r: Received = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), socket: req.socket };
    received.push(r);
    const { status, body, delayMs } = answer(r);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('botApiFetch', () => {
  it('posts JSON text (any script) and reads the answer; calls reuse one connection', async () => {
    received.length = 0;
    answer = () => ({ status: 200, body: '{"ok":true,"result":{"message_id":7}}' });
    const body = JSON.stringify({ chat_id: 1, text: '申请 · مرحبا · Заява' });
    for (let i = 0; i < 3; i++) {
      const res = await botApiFetch(`${root}/bot42:T/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.ok).toBe(true);
      expect(await res.json()).toEqual({ ok: true, result: { message_id: 7 } });
    }
    expect(received.map((r) => [r.method, r.url, r.body])).toEqual(Array(3).fill(['POST', '/bot42:T/sendMessage', body]));
    expect(received[0]!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(new Set(received.map((r) => r.socket)).size).toBe(1);
  });

  it('reads an error answer as JSON too (grammY turns it into a GrammyError)', async () => {
    answer = () => ({ status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":3}}' });
    const res = await botApiFetch(`${root}/bot42:T/sendMessage`, { method: 'POST', body: '{}' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
  });

  it('pipes a stream body (a multipart upload)', async () => {
    received.length = 0;
    answer = () => ({ status: 200, body: '{"ok":true,"result":true}' });
    const res = await botApiFetch(`${root}/bot42:T/sendDocument`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: Readable.from(['--b\r\n', 'part one', '\r\n--b--\r\n']),
    });
    expect(res.ok).toBe(true);
    expect(received[0]!.body).toBe('--b\r\npart one\r\n--b--\r\n');
    expect(received[0]!.headers['content-type']).toBe('multipart/form-data; boundary=b');
  });

  it('rejects when cancelled, when nobody listens, and on a body that is not JSON', async () => {
    answer = () => ({ status: 200, body: '{}', delayMs: 2000 });
    const controller = new AbortController();
    const call = botApiFetch(`${root}/bot42:T/getUpdates`, { method: 'POST', body: '{}', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toThrow(/abort/i);

    await expect(botApiFetch('http://127.0.0.1:1/bot42:T/getMe', { method: 'POST', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);

    answer = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    const res = await botApiFetch(`${root}/bot42:T/getMe`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('carries grammY calls: a message, and a document upload', async () => {
    received.length = 0;
    answer = (r) => ({
      status: 200,
      body: JSON.stringify({ ok: true, result: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: r.url.endsWith('sendMessage') ? 'x' : undefined } }),
    });
    const bot = createBot({
      token: '42:T',
      apiRoot: root,
      botInfo: BOT_INFO,
      deps: {} as never,
    });
    await bot.api.sendMessage(5, 'Hello — 你好');
    await bot.api.sendDocument(5, new InputFile(Buffer.from('receipt body'), 'receipt.html'));
    expect(JSON.parse(received[0]!.body)).toMatchObject({ chat_id: 5, text: 'Hello — 你好' });
    expect(received[1]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[1]!.body).toContain('receipt body');
    expect(received[1]!.body).toMatch(/filename="?receipt.html/);
  });
});
