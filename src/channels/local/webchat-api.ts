/**
 * The web chat API, mounted at `/api`, used by the page and by end-to-end tests
 * (test/helpers/webchat.ts). JSON in and out; shapes are in webchat-types.ts. Errors are
 * `{ "error": "<message for the person>" }` with a 4xx status.
 *
 *   GET   /api/users                              → { users: WebChatUser[], maxUploadBytes }
 *   GET   /api/chats/:userId                      → ChatSnapshot (all messages, reply keyboard, cursor)
 *   GET   /api/chats/:userId/events?cursor=N&wait=S
 *         Long poll: answers as soon as events after `cursor` exist, or after `wait` seconds
 *         (default 25, max 50; 0 = don't wait) → ChatEventsResponse
 *         { cursor, events: ChatEvent[] } or, when the cursor is too old, { cursor, resync: true }.
 *   GET   /api/chats/:userId/commands             → { commands } the bot set for this user's language
 *   POST  /api/chats/:userId/messages             { text, replyToMessageId? } → 201 { message }
 *         The bot gets a `message` update (with bot_command/url/… entities like Telegram's).
 *   PATCH /api/chats/:userId/messages/:messageId  { text } → { message }; the bot gets `edited_message`.
 *   POST  /api/chats/:userId/callbacks            { messageId, data } → 202 { callbackQueryId }
 *         Presses the inline button with that callback_data; the bot gets `callback_query`,
 *         and its answerCallbackQuery arrives as a `toast` event.
 *   POST  /api/chats/:userId/files                multipart/form-data: file, caption?, asDocument?
 *         → 201 { message }. JPEG/PNG/WebP become a `photo`, anything else a `document`;
 *         413 with a readable message above the upload limit.
 *   POST  /api/chats/:userId/stickers             { emoji? } → 201 { message } with a `sticker`.
 *   POST  /api/chats/:userId/contact              → 201 { message } with a `contact` (fictional number),
 *         what a `request_contact` keyboard button sends.
 *   PUT   /api/chats/:userId/blocked              { blocked: boolean } → { blocked }; the bot gets
 *         `my_chat_member` (kicked / member), and its sends to this chat fail with 403 meanwhile.
 *   GET   /api/files/:fileId                      → the file (photos inline, anything else as a download)
 */
import { Hono, type Context } from 'hono';
import type { ChatState } from './chat-store.js';
import { sniffPhotoType } from './file-store.js';
import type { GatewayState } from './gateway-state.js';
import type { GatewayLogger } from './logger.js';
import { multipartBoundary, MultipartError, parseMultipart } from './multipart.js';
import {
  editText,
  pressButton,
  readableSize,
  sendSticker,
  sendText,
  setBlocked,
  shareContact,
  uploadFile,
  WebChatActionError,
} from './person-actions.js';
import { BodyTooLargeError, readBody } from './request-body.js';

const DEFAULT_WAIT_SECONDS = 25;
const MAX_WAIT_SECONDS = 50;
/** Room for the multipart envelope and caption around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

type JsonObject = Record<string, unknown>;

function chatOf(state: GatewayState, c: Context): ChatState {
  const chat = state.chats.get(Number(c.req.param('userId')));
  if (!chat) throw new WebChatActionError(404, 'There is no such demo user.');
  return chat;
}

async function readJson(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WebChatActionError(400, 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebChatActionError(400, 'The request body must be a JSON object.');
  }
  return value as JsonObject;
}

function stringField(body: JsonObject, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new WebChatActionError(400, `"${name}" must be a string.`);
  return value;
}

function optionalInteger(body: JsonObject, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new WebChatActionError(400, `"${name}" must be an integer.`);
  }
  return value;
}

function tooLarge(maxBytes: number): string {
  return `The file is too large. You can send files up to ${readableSize(maxBytes)}.`;
}

export function webChatRoutes(state: GatewayState, logger: GatewayLogger): Hono {
  const app = new Hono();

  app.get('/users', (c) =>
    c.json({ users: state.chats.all().map((chat) => chat.webChatUser()), maxUploadBytes: state.maxUploadBytes }),
  );

  app.get('/chats/:userId', (c) => c.json(chatOf(state, c).snapshot()));

  app.get('/chats/:userId/events', async (c) => {
    const chat = chatOf(state, c);
    const cursor = Number(c.req.query('cursor') ?? '0');
    const wait = Number(c.req.query('wait') ?? DEFAULT_WAIT_SECONDS);
    if (!Number.isSafeInteger(cursor) || cursor < 0 || !Number.isFinite(wait)) {
      throw new WebChatActionError(400, '"cursor" and "wait" must be numbers.');
    }
    const waitMs = Math.min(Math.max(wait, 0), MAX_WAIT_SECONDS) * 1000;
    return c.json(await chat.log.wait(cursor, waitMs, c.req.raw.signal));
  });

  app.get('/chats/:userId/commands', (c) => {
    const chat = chatOf(state, c);
    return c.json({ commands: state.commands.forPrivateChat(chat.chat.id, chat.user.language_code) });
  });

  app.post('/chats/:userId/messages', async (c) => {
    const chat = chatOf(state, c);
    const body = await readJson(c);
    const message = sendText(state, chat, stringField(body, 'text'), optionalInteger(body, 'replyToMessageId'));
    return c.json({ message }, 201);
  });

  app.patch('/chats/:userId/messages/:messageId', async (c) => {
    const chat = chatOf(state, c);
    const body = await readJson(c);
    const message = editText(state, chat, Number(c.req.param('messageId')), stringField(body, 'text'));
    return c.json({ message });
  });

  app.post('/chats/:userId/callbacks', async (c) => {
    const chat = chatOf(state, c);
    const body = await readJson(c);
    const messageId = optionalInteger(body, 'messageId');
    if (messageId === undefined) throw new WebChatActionError(400, '"messageId" is required.');
    const callbackQueryId = pressButton(state, chat, messageId, stringField(body, 'data'));
    return c.json({ callbackQueryId }, 202);
  });

  app.post('/chats/:userId/files', async (c) => {
    const chat = chatOf(state, c);
    const boundary = multipartBoundary(c.req.header('content-type'));
    if (!boundary) throw new WebChatActionError(400, 'Send the file as multipart/form-data.');
    let body;
    try {
      body = parseMultipart(await readBody(c.req.raw, state.maxUploadBytes + MULTIPART_OVERHEAD_BYTES), boundary);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        logger.warn({ route: 'upload', reason: 'too large' }, 'local gateway: web chat upload refused');
        throw new WebChatActionError(413, tooLarge(state.maxUploadBytes));
      }
      if (error instanceof MultipartError) throw new WebChatActionError(400, 'The upload could not be read.');
      throw error;
    }
    const file = body.files.get('file');
    if (!file) throw new WebChatActionError(400, 'Choose a file to send.');
    const caption = body.fields.get('caption');
    const message = uploadFile(state, chat, {
      fileName: file.filename || 'file',
      contentType: file.contentType,
      bytes: file.bytes,
      ...(caption !== undefined ? { caption } : {}),
      asDocument: body.fields.get('asDocument') === 'true',
    });
    return c.json({ message }, 201);
  });

  app.post('/chats/:userId/stickers', async (c) => {
    const chat = chatOf(state, c);
    const body = await readJson(c);
    const emoji = typeof body.emoji === 'string' && body.emoji !== '' ? body.emoji : '👍';
    return c.json({ message: sendSticker(state, chat, emoji) }, 201);
  });

  app.post('/chats/:userId/contact', (c) => c.json({ message: shareContact(state, chatOf(state, c)) }, 201));

  app.put('/chats/:userId/blocked', async (c) => {
    const chat = chatOf(state, c);
    const body = await readJson(c);
    if (typeof body.blocked !== 'boolean') throw new WebChatActionError(400, '"blocked" must be true or false.');
    setBlocked(state, chat, body.blocked);
    return c.json({ blocked: chat.blocked });
  });

  app.get('/files/:fileId', (c) => {
    const file = state.files.byId(c.req.param('fileId'));
    if (!file) return c.json({ error: 'That file no longer exists.' }, 404);
    // Only real raster images are shown inline; everything else (an uploaded .html or .svg
    // too) is a download, so nothing uploaded can run as a page on this origin.
    const image = sniffPhotoType(file.bytes);
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': image ?? 'application/octet-stream',
      'content-disposition': `${image ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
    });
  });

  app.onError((error, c) => {
    if (error instanceof WebChatActionError) return c.json({ error: error.message }, error.status);
    logger.warn({ err: error, path: c.req.routePath }, 'local gateway: unexpected error in the web chat API');
    return c.json({ error: 'Something went wrong in the local gateway.' }, 500);
  });

  return app;
}
