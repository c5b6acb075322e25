import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookApp } from '../../src/channels/telegram/webhook.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const SECRET = 'a-secret-of-sufficient-length';
let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
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

function post(app: ReturnType<typeof webhookApp>, body: unknown, secret?: string) {
  return app.request('/telegram/hook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });
}

describe('webhook', () => {
  it('refuses a request without the secret token (401) and does not process it', async () => {
    const app = webhookApp(h.bot, '/telegram/hook', SECRET);
    expect((await post(app, startUpdate(1))).status).toBe(401);
    expect((await post(app, startUpdate(2), 'wrong-secret-wrong-secret')).status).toBe(401);
    expect(h.sentMessages()).toEqual([]);
  });

  it('processes a request with the right secret token', async () => {
    const app = webhookApp(h.bot, '/telegram/hook', SECRET);
    const response = await post(app, startUpdate(3), SECRET);
    expect(response.status).toBe(200);
    const chooser = h.lastMessage(55);
    expect(chooser.buttons[0]!.text).toBe('✓ 中文');
  });

  it('answers health checks for the load balancer', async () => {
    const app = webhookApp(h.bot, '/telegram/hook', SECRET);
    expect(await (await app.request('/healthz')).text()).toBe('ok');
  });
});
