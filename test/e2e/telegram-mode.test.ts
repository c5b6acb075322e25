// With BOT_TOKEN and TELEGRAM_API_ROOT the real entry point long-polls that root like Telegram.
// The local gateway stands in for Telegram: it speaks the same Bot API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../../src/channels/local/gateway.js';
import { t } from '../../src/i18n.js';
import { createTestTarget, type TestTarget } from '../helpers/db.js';
import { WebChat } from '../helpers/webchat.js';
import { startApp, type BotProcess } from '../../bench/lib/processes.js';

const TOKEN = '123:abc';
let fakeTelegram: LocalGateway;
let database: TestTarget;
let app: BotProcess | undefined;

beforeAll(async () => {
  database = await createTestTarget();
  fakeTelegram = await startLocalGateway({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    botInfo: { id: 123, first_name: 'Safety Net', username: 'safety_net_bot' },
    demoUsers: [{ id: 77, firstName: 'Olena', languageCode: 'uk', label: 'Telegram user' }],
  });
});
afterAll(async () => {
  await app?.stop('SIGKILL');
  await fakeTelegram.close();
  await database.drop();
});

describe('Telegram mode', () => {
  it('long-polls the configured Bot API root and answers /start with a language keyboard', async () => {
    app = startApp({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fakeTelegram.apiRoot, DATABASE_URL: database.target.url });
    const chat = new WebChat(fakeTelegram.url, 77, { timeoutMs: 20_000 });
    await chat.send('/start');
    const chooser = await chat.waitFor(t('uk', 'language.choose'));
    expect(chooser.inlineKeyboard?.flat()[0]?.text).toBe('✓ Українська');
    expect(await app.stop('SIGTERM')).toBe(0);
  }, 60_000);
});

describe('bad configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Configuration error: PORT: /m],
    [{ DATABASE_URL: 'mysql://root@localhost/x' }, /^Configuration error: DATABASE_URL/m],
    [{ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'http://insecure.example.org/hook' }, /^Configuration error: WEBHOOK_URL: /m],
  ])('%j stops start-up with one clear line', async (env, expected) => {
    const failing = startApp(env);
    expect(await failing.exited).toBe(1);
    expect(failing.output().trim()).toMatch(expected);
    expect(failing.output().trim().split('\n')).toHaveLength(1);
  }, 30_000);
});
