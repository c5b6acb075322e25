/** The gateway's Bot API answers like Telegram: results, errors, long polling, files. */
import { Api, GrammyError, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../../../src/channels/local/gateway.js';
import { WebChat } from '../../helpers/webchat.js';
import { BOT_INFO, DEMO_USERS, TOKEN, VOLUNTEER } from './test-bot.js';

let gateway: LocalGateway;
let api: Api;
let chat: WebChat;

beforeEach(async () => {
  gateway = await startLocalGateway({ host: '127.0.0.1', port: 0, token: TOKEN, botInfo: BOT_INFO, demoUsers: DEMO_USERS });
  api = new Api(TOKEN, { apiRoot: gateway.apiRoot });
  chat = new WebChat(gateway.url, VOLUNTEER.id);
});

afterEach(async () => {
  await gateway.close();
});

/** The Telegram error a call fails with, as grammY reports it. */
async function failure(call: Promise<unknown>): Promise<{ error_code: number; description: string }> {
  const error = await call.then(
    () => expect.unreachable('the call should have failed'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GrammyError);
  const { error_code, description } = error as GrammyError;
  return { error_code, description };
}

async function rawCall(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gateway.apiRoot}${path}`, init);
  return { status: response.status, body: await response.json() };
}

describe('Telegram-like answers', () => {
  it('introduces the bot with getMe, also with the method name in another case', async () => {
    expect(await api.getMe()).toMatchObject({ ...BOT_INFO, is_bot: true });
    expect(await rawCall(`/bot${TOKEN}/GETME`)).toMatchObject({ status: 200, body: { ok: true, result: { id: BOT_INFO.id } } });
  });

  it('refuses a wrong token with 401 Unauthorized', async () => {
    const stranger = new Api('123:wrong', { apiRoot: gateway.apiRoot });
    expect(await failure(stranger.getMe())).toEqual({ error_code: 401, description: 'Unauthorized' });
  });

  it('answers an unknown method with 404 Not Found: method not found', async () => {
    expect(await rawCall(`/bot${TOKEN}/sendTelepathy`, { method: 'POST' })).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found: method not found' },
    });
  });

  it('sends a message of 4096 characters and refuses 4097 with "message is too long"', async () => {
    const sent = await api.sendMessage(VOLUNTEER.id, 'x'.repeat(4096));
    expect(sent).toMatchObject({ message_id: 1, chat: { id: VOLUNTEER.id, type: 'private' }, from: { id: BOT_INFO.id, is_bot: true } });
    expect(await failure(api.sendMessage(VOLUNTEER.id, 'x'.repeat(4097)))).toEqual({
      error_code: 400,
      description: 'Bad Request: message is too long',
    });
  });

  it('refuses unknown chats, empty text and invalid markup the way Telegram does', async () => {
    expect(await failure(api.sendMessage(42, 'hi'))).toEqual({ error_code: 400, description: 'Bad Request: chat not found' });
    expect(await failure(api.sendMessage(VOLUNTEER.id, ''))).toEqual({ error_code: 400, description: 'Bad Request: message text is empty' });
    expect(await failure(api.sendMessage(VOLUNTEER.id, '<b>bold', { parse_mode: 'HTML' }))).toEqual({
      error_code: 400,
      description: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    });
    expect(await failure(api.sendMessage(VOLUNTEER.id, 'Done.', { parse_mode: 'MarkdownV2' }))).toEqual({
      error_code: 400,
      description: `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`,
    });
    const tooMuchData = { inline_keyboard: [[{ text: 'Go', callback_data: 'x'.repeat(65) }]] };
    expect(await failure(api.sendMessage(VOLUNTEER.id, 'hi', { reply_markup: tooMuchData }))).toEqual({
      error_code: 400,
      description: 'Bad Request: BUTTON_DATA_INVALID',
    });
  });

  it('edits, refuses an edit that changes nothing, and deletes', async () => {
    const sent = await api.sendMessage(VOLUNTEER.id, 'first', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    const edited = await api.editMessageText(VOLUNTEER.id, sent.message_id, '<i>second</i>', { parse_mode: 'HTML' });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: '<i>second</i>' });
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    expect(edited).not.toHaveProperty('reply_markup');
    expect(await failure(api.editMessageText(VOLUNTEER.id, sent.message_id, '<i>second</i>', { parse_mode: 'HTML' }))).toMatchObject({
      error_code: 400,
      description: expect.stringMatching(/^Bad Request: message is not modified/),
    });
    expect(await chat.waitFor((message) => message.text === 'second', { since: 'start' })).toMatchObject({
      entities: [{ type: 'italic', offset: 0, length: 6 }],
    });

    expect(await api.deleteMessage(VOLUNTEER.id, sent.message_id)).toBe(true);
    expect(await failure(api.deleteMessage(VOLUNTEER.id, sent.message_id))).toEqual({
      error_code: 400,
      description: 'Bad Request: message to delete not found',
    });
    expect(await chat.messages()).toEqual([]);
  });

  it("takes formatting from an entities array too, as grammY's fmt sends it", async () => {
    await api.sendMessage(VOLUNTEER.id, 'Hello world', {
      entities: [
        { type: 'bold', offset: 0, length: 5 },
        { type: 'text_link', offset: 6, length: 5, url: 'javascript:alert(1)' },
      ],
    });
    expect(await chat.waitFor('Hello world', { since: 'start' })).toMatchObject({
      entities: [{ type: 'bold', offset: 0, length: 5 }],
    });
  });

  it('accepts parameters in the query string, as a urlencoded form and as JSON', async () => {
    const keyboard = encodeURIComponent(JSON.stringify({ inline_keyboard: [[{ text: 'Yes', callback_data: 'yes' }]] }));
    const viaQuery = await rawCall(`/bot${TOKEN}/sendMessage?chat_id=${VOLUNTEER.id}&text=query&reply_markup=${keyboard}`);
    expect(viaQuery.body).toMatchObject({ ok: true, result: { text: 'query', reply_markup: { inline_keyboard: [[{ text: 'Yes' }]] } } });

    const viaForm = await rawCall(`/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(VOLUNTEER.id), text: 'form' }),
    });
    expect(viaForm.body).toMatchObject({ ok: true, result: { text: 'form' } });

    const badJson = await rawCall(`/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id":',
    });
    expect(badJson).toMatchObject({ status: 400, body: { ok: false, error_code: 400 } });
  });

  it('stores uploaded documents and photos, serves them via getFile, and reuses file_ids', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 hello');
    const sent = await api.sendDocument(VOLUNTEER.id, new InputFile(bytes, 'letter; final.pdf'));
    expect(sent.document).toMatchObject({ file_name: 'letter; final.pdf', mime_type: 'application/pdf', file_size: bytes.length });

    const file = await api.getFile(sent.document?.file_id ?? '');
    const download = await fetch(`${gateway.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ''}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await fetch(`${gateway.apiRoot}/file/bot${TOKEN}/documents/nothing.pdf`)).status).toBe(404);
    expect(await failure(api.getFile('no-such-file'))).toEqual({ error_code: 400, description: 'Bad Request: invalid file_id' });

    const again = await api.sendDocument(VOLUNTEER.id, sent.document?.file_id ?? '', { caption: 'again' });
    expect(again.document?.file_id).toBe(sent.document?.file_id);
    expect(await failure(api.sendPhoto(VOLUNTEER.id, new InputFile(bytes, 'not-an-image.png')))).toEqual({
      error_code: 400,
      description: 'Bad Request: IMAGE_PROCESS_FAILED',
    });
  });

  it('keeps command lists per scope and language', async () => {
    await api.setMyCommands([{ command: 'start', description: 'Start' }]);
    await api.setMyCommands([{ command: 'start', description: 'Empezar' }], { language_code: 'es' });
    expect(await api.getMyCommands({ language_code: 'es' })).toEqual([{ command: 'start', description: 'Empezar' }]);
    expect(await api.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }]);
    expect(await failure(api.setMyCommands([{ command: 'Bad Command', description: 'x' }]))).toMatchObject({ error_code: 400 });
    expect(await api.setWebhook('https://example.org/hook')).toBe(true);
    expect(await api.deleteWebhook()).toBe(true);
  });
});

describe('getUpdates long polling', () => {
  const poll = (params: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${gateway.apiRoot}/bot${TOKEN}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      ...(signal ? { signal } : {}),
    }).then(async (response) => (await response.json()) as { ok: boolean; result?: Update[]; error_code?: number });

  it('returns as soon as an update arrives, and drops it once confirmed by offset', async () => {
    const started = Date.now();
    const waiting = poll({ timeout: 10 });
    await chat.send('/start');
    const { result } = await waiting;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toHaveLength(1);
    const update = result?.[0];
    expect(update?.message).toMatchObject({
      text: '/start',
      from: { id: VOLUNTEER.id, is_bot: false, first_name: VOLUNTEER.firstName, language_code: 'en' },
      chat: { id: VOLUNTEER.id, type: 'private' },
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    });

    expect((await poll({ timeout: 0 })).result).toHaveLength(1); // not confirmed yet
    expect((await poll({ offset: (update?.update_id ?? 0) + 1, timeout: 0 })).result).toEqual([]);
  });

  it('delivers only the allowed update kinds', async () => {
    await chat.send('hello');
    await chat.setBlocked(true);
    const { result } = await poll({ allowed_updates: ['my_chat_member'], timeout: 0 });
    expect(result?.map((update) => Object.keys(update).filter((key) => key !== 'update_id'))).toEqual([['my_chat_member']]);
  });

  it('ends a long poll with 409 Conflict when a second one starts, like a second bot instance', async () => {
    const controllers = [new AbortController(), new AbortController()];
    const polls = controllers.map((controller) => poll({ timeout: 10 }, controller.signal));
    // Whichever reached the gateway first is the one terminated.
    expect(await Promise.race(polls)).toEqual({
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    for (const controller of controllers) controller.abort();
    await Promise.allSettled(polls);
  });

  it('answers pending long polls when the gateway closes', async () => {
    const updates = poll({ timeout: 30 });
    const events = fetch(`${gateway.url}/api/chats/${VOLUNTEER.id}/events?cursor=0&wait=30`).then((response) => response.json());
    // Give both requests time to reach the server even on a loaded machine (50 ms was not).
    await new Promise((resolve) => setTimeout(resolve, 500));
    await gateway.close();
    // Answered at close, empty: without that they would hang for their 30 s and fail the test.
    expect(await updates).toEqual({ ok: true, result: [] });
    expect(await events).toEqual({ cursor: 0, events: [] });
  });
});
