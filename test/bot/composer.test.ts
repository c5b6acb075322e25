// FeatureComposer must behave as grammY's Composer does: same order, same filters, the same
// refusal of a second next(), errors reaching the caller. Only the cost of the walk differs.
import { Composer, Context, type NextFunction } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { FeatureComposer } from '../../src/bot/composer.js';

const me = { id: 1, is_bot: true, first_name: 'Bot', username: 'bot' } as UserFromGetMe;

function contextOf(update: Omit<Update, 'update_id'>): Context {
  return new Context({ update_id: 1, ...update } as Update, {} as never, me);
}
const text = (body: string) =>
  contextOf({
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 5, type: 'private', first_name: 'A' },
      from: { id: 5, is_bot: false, first_name: 'A' },
      text: body,
      ...(body.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: body.length }] } : {}),
    },
  });
const press = (data: string) =>
  contextOf({
    callback_query: { id: '1', chat_instance: '1', data, from: { id: 5, is_bot: false, first_name: 'A' } },
  });

/** The same registrations on either kind of composer; returns what ran, in order. */
async function trace(make: () => Composer<Context>, ctx: Context): Promise<string[]> {
  const seen: string[] = [];
  const composer = make();
  composer.use(async (_ctx, next) => {
    seen.push('first');
    await next();
    seen.push('first, after');
  });
  const privateChats = composer.chatType('private');
  privateChats.command('check', () => void seen.push('command'));
  privateChats.callbackQuery(/^v1:scr:a:(\d+)$/, (c) => void seen.push(`button ${c.match[1]}`));
  composer.filter(async () => false, () => void seen.push('async filter, false'));
  composer.drop(() => false).on('message:text', async (c, next) => {
    seen.push(`text ${c.message.text}`);
    await next();
  });
  composer.callbackQuery('v1:menu:check', () => void seen.push('menu'));
  composer.use(() => void seen.push('last'));
  await composer.middleware()(ctx, async () => void seen.push('past the end'));
  return seen;
}

describe('FeatureComposer', () => {
  it.each([
    ['a command', () => text('/check')],
    ['plain text', () => text('hello')],
    ['a matching button', () => press('v1:scr:a:7')],
    ['another button', () => press('v1:menu:check')],
    ['an unknown button', () => press('v1:zzz')],
  ])('runs %s through the same handlers in the same order as grammY', async (_label, ctx) => {
    const expected = await trace(() => new Composer<Context>(), ctx());
    expect(await trace(() => new FeatureComposer<Context>(), ctx())).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
  });

  it('reaches the next middleware after its last one, and nested composers chain', async () => {
    const outer = new FeatureComposer<Context>();
    const inner = new FeatureComposer<Context>();
    const seen: string[] = [];
    inner.use((_ctx, next) => (seen.push('inner'), next()));
    outer.use(inner);
    outer.use((_ctx, next) => (seen.push('outer'), next()));
    await outer.middleware()(text('x'), async () => void seen.push('after'));
    expect(seen).toEqual(['inner', 'outer', 'after']);
  });

  it('refuses a second next() and passes errors to the caller', async () => {
    const twice = new FeatureComposer<Context>();
    twice.use(async (_ctx, next: NextFunction) => {
      await next();
      await next();
    });
    await expect(twice.middleware()(text('x'), async () => {})).rejects.toThrow('`next` already called before!');

    const failing = new FeatureComposer<Context>();
    failing.on('message:text', () => {
      throw new Error('boom');
    });
    await expect(failing.middleware()(text('x'), async () => {})).rejects.toThrow('boom');
  });
});
