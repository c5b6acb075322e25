// 1,200 odd or malformed updates, generated from a fixed seed so a failure can be replayed:
// none may make handleUpdate reject or leave an unhandled rejection behind.
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20261129);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const TEXTS = [
  '', ' ', '/start', '/start payload', '/START', '/help@safety_net_test_bot', '/language', '/role', '/privacy',
  '/export_me', '/delete_me', '/unknown', '/', '//', 'hello', 'مرحبا', '你好', '\u202Eevil', '\u0000null', '😀'.repeat(500),
  'x'.repeat(4096), '<b>not html</b>', '&amp;', '{{name}}', '${process.exit()}', '\n\n\n', 'DROP TABLE "User";',
];
const CALLBACKS = [
  '', 'v1', 'v1:', 'v1:lang', 'v1:lang:set', 'v1:lang:set:ar', 'v1:lang:set:../../etc', 'v1:consent:yes',
  'v1:consent:no', 'v1:role:set:donor', 'v1:role:set:admin', 'v1:delete:yes', 'v1:delete:no', 'v1:menu:privacy',
  'v1:menu:role', 'v1:menu:language', 'x'.repeat(64), 'v9:anything', '💥',
];
const USER_IDS = [1, 2, 3, 2 ** 40, -7, 0];

function randomUser() {
  const id = pick(USER_IDS);
  return {
    id,
    is_bot: random() < 0.05,
    first_name: pick(['A', '', 'Ω'.repeat(64), '<script>']),
    ...(random() < 0.7 ? { language_code: pick(['ar', 'zh-hans', 'es-MX', 'uk', 'ru', '', 'xx-YY-ZZ']) } : {}),
  };
}

function randomChat(userId: number) {
  return pick([
    { id: userId, type: 'private', first_name: 'A' },
    { id: -100123, type: 'supergroup', title: 'g' },
    { id: -5, type: 'group', title: 'g' },
    { id: -1001, type: 'channel', title: 'c' },
  ]);
}

function randomUpdate(): Record<string, unknown> {
  const user = randomUser();
  const chat = randomChat(user.id);
  const message = {
    message_id: Math.floor(random() * 1000),
    date: Math.floor(Date.now() / 1000),
    chat,
    ...(random() < 0.95 ? { from: user } : {}),
    ...pick<Record<string, unknown>>([
      { text: pick(TEXTS) },
      { text: pick(TEXTS), entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
      { text: pick(TEXTS), entities: [{ type: 'bot_command', offset: 50, length: 999 }] },
      { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } },
      { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] },
      { document: { file_id: 'd', file_unique_id: 'd' }, caption: pick(TEXTS) },
      { location: { latitude: 0, longitude: 0 } },
      { contact: { phone_number: '+100', first_name: 'x' } },
      { voice: { file_id: 'v', file_unique_id: 'v', duration: 1 } },
      {},
    ]),
  };
  return pick<Record<string, unknown>>([
    { message },
    { message },
    { edited_message: { ...message, edit_date: 1 } },
    { channel_post: { ...message, chat: { id: -1001, type: 'channel', title: 'c' } } },
    {
      callback_query: {
        id: String(random()),
        chat_instance: 'i',
        from: user,
        data: pick(CALLBACKS),
        ...(random() < 0.85 ? { message: { ...message, text: 'old' } } : {}),
      },
    },
    {
      my_chat_member: {
        chat,
        from: user,
        date: 0,
        old_chat_member: { status: 'member', user },
        new_chat_member: { status: pick(['kicked', 'member', 'left', 'administrator', 'weird']), user },
      },
    },
    { inline_query: { id: '1', from: user, query: pick(TEXTS), offset: '' } },
    { poll: { id: 'p', question: 'q', options: [], total_voter_count: 0 } },
    { unknown_future_update: { anything: true } },
    {},
  ]);
}

let h: Harness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  h = await createHarness();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h.close();
});

describe('fuzz', () => {
  it('survives 1,200 odd or malformed updates', async () => {
    const failures: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const update = randomUpdate();
      if (i % 97 === 0) h.failWith(pick(['sendMessage', 'editMessageText', 'answerCallbackQuery']), pick([400, 403]), 'x', pick(USER_IDS));
      try {
        await h.update(update as Omit<Update, 'update_id'>);
      } catch (err) {
        failures.push(`#${i} ${JSON.stringify(update).slice(0, 200)}: ${String(err)}`);
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(failures).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
