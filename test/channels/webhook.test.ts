// The webhook server (src/channels/telegram/webhook.ts) on a real port: Telegram's POSTs with the
// secret token are processed, anything else is refused without touching the bot, and a broken
// request gets an answer rather than a hanging connection.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookHandler } from '../../src/channels/telegram/webhook.js';
import { silentLogger } from '../../src/logger.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const SECRET = 'a-secret-of-sufficient-length';
let h: Harness;
let server: Server;
let root: string;

beforeEach(async () => {
  h = await createHarness();
  server = createServer(webhookHandler(h.bot, '/telegram/hook', SECRET, silentLogger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

const startUpdate = (updateId: number) => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 55, type: 'private', first_name: 'W' },
    from: { id: 55, is_bot: false, first_name: 'W', language_code: 'zh' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
});

function post(body: string, secret?: string, path = '/telegram/hook') {
  return fetch(`${root}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body,
  });
}

describe('webhook', () => {
  it('refuses a request without the secret token (401) and does not process it', async () => {
    expect((await post(JSON.stringify(startUpdate(1)))).status).toBe(401);
    expect((await post(JSON.stringify(startUpdate(2)), 'wrong-secret-wrong-secret')).status).toBe(401);
    expect(h.sentMessages()).toEqual([]);
  });

  it('processes a request with the right secret token', async () => {
    const response = await post(JSON.stringify(startUpdate(3)), SECRET);
    expect(response.status).toBe(200);
    const chooser = h.lastMessage(55);
    expect(chooser.buttons[0]!.text).toBe('✓ 中文');
  });

  it('answers a body that is not JSON with 400, other paths and methods with 404', async () => {
    expect((await post('{"update_id": 4, "message": ', SECRET)).status).toBe(400);
    expect((await post(JSON.stringify(startUpdate(5)), SECRET, '/elsewhere')).status).toBe(404);
    expect((await fetch(`${root}/telegram/hook`)).status).toBe(404);
    expect(h.sentMessages()).toEqual([]);
    // The server is still there for the next update.
    expect((await post(JSON.stringify(startUpdate(6)), SECRET)).status).toBe(200);
  });

  it('answers health checks for the load balancer', async () => {
    const response = await fetch(`${root}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });
});
