/**
 * The Telegram Bot API subset, mounted at `<url>/telegram` (the bot's `client.apiRoot`):
 *
 *   GET|POST /bot<token>/<method>             → { ok: true, result } | { ok: false, error_code, description }
 *   GET      /file/bot<token>/<file_path>     → the file's bytes (file_path from getFile)
 *
 * Status codes and descriptions are Telegram's, so the bot's error handling can be tried.
 */
import { Hono, type Context } from 'hono';
import { BotApiError } from './bot-api-error.js';
import { readBotApiParams } from './bot-api-params.js';
import { BodyTooLargeError } from './request-body.js';
import { findBotApiMethod } from './bot-methods.js';
import type { GatewayState } from './gateway-state.js';
import type { GatewayLogger } from './logger.js';

/** Telegram's limit for files a bot uploads. */
const MAX_BOT_REQUEST_BYTES = 50 * 1024 * 1024;

function failure(c: Context, error: BotApiError): Response {
  return c.json({ ok: false, error_code: error.errorCode, description: error.description }, error.errorCode);
}

export function botApiRoutes(state: GatewayState, token: string, logger: GatewayLogger): Hono {
  const app = new Hono();
  const expectedSegment = `bot${token}`;

  app.get('/file/:botSegment/:filePath{.+}', (c) => {
    if (c.req.param('botSegment') !== expectedSegment) return failure(c, new BotApiError(401, 'Unauthorized'));
    const file = state.files.byPath(c.req.param('filePath'));
    if (!file) return failure(c, new BotApiError(404, 'Not Found'));
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': 'application/octet-stream',
      'content-length': String(file.bytes.byteLength),
    });
  });

  app.on(['GET', 'POST'], '/:botSegment/:method', async (c) => {
    if (c.req.param('botSegment') !== expectedSegment) return failure(c, new BotApiError(401, 'Unauthorized'));
    const methodName = c.req.param('method');
    const method = findBotApiMethod(methodName);
    if (!method) return failure(c, new BotApiError(404, 'Not Found: method not found'));
    // Read the signal before awaiting, so a client that hangs up aborts its long poll.
    const { signal } = c.req.raw;
    try {
      const params = await readBotApiParams(c.req.raw, MAX_BOT_REQUEST_BYTES);
      const result = await method(params, state, signal);
      return c.json({ ok: true, result });
    } catch (caught) {
      const error = caught instanceof BodyTooLargeError ? new BotApiError(413, 'Request Entity Too Large') : caught;
      if (!(error instanceof BotApiError)) throw error;
      // The description can quote the bot's text (parse errors), so only the code is logged.
      logger.warn({ method: methodName, errorCode: error.errorCode }, 'local gateway: Bot API call failed');
      return failure(c, error);
    }
  });

  app.onError((error, c) => {
    logger.warn({ err: error, path: c.req.routePath }, 'local gateway: unexpected error in the Bot API');
    return c.json({ ok: false, error_code: 500, description: 'Internal Server Error' }, 500);
  });

  return app;
}
