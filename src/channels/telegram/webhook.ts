// Webhook mode: several instances behind a load balancer receive updates over HTTPS. Telegram
// sends the secret token in X-Telegram-Bot-Api-Secret-Token; any request without it gets 401.
import { createServer, type RequestListener, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { BotContext } from '../../bot/context.js';
import type { Logger } from '../../logger.js';
import { ALLOWED_UPDATES } from '../polling.js';

export interface WebhookOptions {
  webhookUrl: string;
  secretToken: string;
  host: string;
  port: number;
  /** Call setWebhook at start (every instance may: it is idempotent). */
  register?: boolean;
}

/**
 * The webhook's request handler on Node's own HTTP server. It used to be a Hono app, but turning
 * each of Telegram's POSTs into a web Request (undici) and reading its body from there cost about
 * a tenth of a webhook instance's CPU in the PostgreSQL e2e benchmark; grammY reads the body
 * straight from the stream. `GET /healthz` is for the load balancer.
 */
export function webhookHandler(bot: Bot<BotContext>, path: string, secretToken: string, logger?: Logger): RequestListener {
  const handleUpdate = webhookCallback(bot, 'http', { secretToken, onTimeout: 'return', timeoutMilliseconds: 25_000 });
  return (req, res) => {
    const route = (req.url ?? '/').split('?')[0];
    if (route === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
    } else if (route === path && req.method === 'POST') {
      handleUpdate(req, res).catch((err: unknown) => {
        // A body that is not JSON is the sender's fault (400: Telegram does not retry it); anything
        // else is ours (500: Telegram retries, and the update is not lost).
        const malformed = err instanceof SyntaxError;
        if (!malformed) logger?.error({ err: err instanceof Error ? { type: err.name, message: err.message } : String(err) }, 'webhook update failed');
        if (!res.headersSent) res.writeHead(malformed ? 400 : 500).end();
        else res.end();
      });
    } else {
      res.writeHead(404).end();
    }
  };
}

export async function startWebhook(
  bot: Bot<BotContext>,
  options: WebhookOptions,
  logger?: Logger,
): Promise<{ server: Server; close(): Promise<void> }> {
  await bot.init();
  const path = new URL(options.webhookUrl).pathname || '/';
  const server = createServer(webhookHandler(bot, path, options.secretToken, logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  if (options.register !== false) {
    await bot.api.setWebhook(options.webhookUrl, {
      secret_token: options.secretToken,
      allowed_updates: [...ALLOWED_UPDATES],
    });
  }
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Telegram keeps its connections open: idle ones would hold close() up.
        server.closeIdleConnections();
      }),
  };
}
