// Webhook mode: several instances behind a load balancer receive updates over HTTPS. Telegram
// sends the secret token in X-Telegram-Bot-Api-Secret-Token; any request without it gets 401.
import { serve, type ServerType } from '@hono/node-server';
import { webhookCallback, type Bot } from 'grammy';
import { Hono } from 'hono';
import type { BotContext } from '../../bot/context.js';
import { ALLOWED_UPDATES } from '../polling.js';

export interface WebhookOptions {
  webhookUrl: string;
  secretToken: string;
  host: string;
  port: number;
  /** Call setWebhook at start (every instance may: it is idempotent). */
  register?: boolean;
}

export function webhookApp(bot: Bot<BotContext>, path: string, secretToken: string): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok'));
  app.post(path, webhookCallback(bot, 'hono', { secretToken, onTimeout: 'return', timeoutMilliseconds: 25_000 }));
  return app;
}

export async function startWebhook(
  bot: Bot<BotContext>,
  options: WebhookOptions,
): Promise<{ server: ServerType; close(): Promise<void> }> {
  await bot.init();
  const path = new URL(options.webhookUrl).pathname || '/';
  const app = webhookApp(bot, path, options.secretToken);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
  });
  if (options.register !== false) {
    await bot.api.setWebhook(options.webhookUrl, {
      secret_token: options.secretToken,
      allowed_updates: [...ALLOWED_UPDATES],
    });
  }
  return {
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
