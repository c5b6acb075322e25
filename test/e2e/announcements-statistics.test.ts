// The real entry point in local mode: the demo admin (Olena, Ukrainian) announces to everybody
// with a Chinese translation; Wei (Chinese) receives it from the scheduler with its Stop button and
// stops announcements; Olena downloads the statistics CSV through the gateway's sendDocument.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { createTestTarget, type TestTarget } from '../helpers/db.js';
import { WebChat } from '../helpers/webchat.js';
import { freePort, startApp, waitUntilServing, type BotProcess } from '../../bench/lib/processes.js';

const WEI = 1002;
const OLENA = 1004; // admin in local mode
let database: TestTarget;
let app: BotProcess | undefined;

beforeAll(async () => {
  database = await createTestTarget();
});
afterAll(async () => {
  await app?.stop('SIGKILL');
  await database.drop();
});

async function onboard(chat: WebChat, lang: string) {
  await chat.send('/start');
  await chat.press({ data: `v1:lang:set:${lang}` });
  await chat.press({ data: 'v1:consent:yes' });
}

describe('announcements and statistics over the web chat', () => {
  it('announce → the scheduler delivers it with Stop; /export_stats sends a CSV file', async () => {
    const port = await freePort();
    app = startApp({ PORT: String(port), DATABASE_URL: database.target.url, REMINDER_TICK_SECONDS: '1', REMINDER_QUIET_HOURS: 'off' });
    await waitUntilServing(`http://127.0.0.1:${port}/api/users`, app);
    const url = `http://127.0.0.1:${port}`;
    const olena = new WebChat(url, OLENA, { timeoutMs: 15_000 });
    const wei = new WebChat(url, WEI, { timeoutMs: 15_000 });
    await onboard(olena, 'uk');
    await onboard(wei, 'zh');
    await wei.press({ data: 'v1:role:set:applicant' });

    await olena.send('/announce');
    await olena.waitFor(t('uk', 'announce.write', { max: 3000 }).split('\n')[0]!.replace(/<\/?b>/g, ''));
    await olena.send('Офіс зачинено в пʼятницю.');
    await olena.press({ data: 'v1:ann:tr' });
    await olena.press({ data: 'v1:ann:trl:zh' });
    await olena.send('办公室周五关闭。');
    await olena.press({ data: 'v1:ann:aud' });
    await olena.press({ data: 'v1:ann:to:all' });
    await olena.press({ data: 'v1:ann:send' });

    const received = await wei.waitFor('办公室周五关闭。', { timeoutMs: 20_000 });
    expect(received.inlineKeyboard?.flat().map((b) => b.callbackData)).toEqual(['v1:ann:off']);
    await wei.press({ data: 'v1:ann:off' });
    await wei.waitFor(t('zh', 'announce.optout.stopped').split('/')[0]!.trim());

    await olena.send('/export_stats');
    const document = await olena.waitFor((m) => Boolean(m.document));
    expect(document.document!.fileName).toMatch(/^safety-net-statistics-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await fetch(url + document.document!.url)).text();
    expect(csv.startsWith('section,category,status,measure,value\r\n')).toBe(true);
  }, 120_000);
});
