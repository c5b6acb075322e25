// The real entry point in local mode, driven over the web chat's HTTP API like a person would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { createTestTarget, type TestTarget } from '../helpers/db.js';
import { WebChat } from '../helpers/webchat.js';
import { freePort, startApp, waitUntilServing, type BotProcess } from '../../bench/lib/processes.js';

const APPLICANT = 1001; // a demo user whose Telegram app is in Arabic
let database: TestTarget;
let app: BotProcess | undefined;

beforeAll(async () => {
  database = await createTestTarget();
});
afterAll(async () => {
  await app?.stop('SIGKILL');
  await database.drop();
});

async function start(port: number): Promise<BotProcess> {
  const started = startApp({ PORT: String(port), DATABASE_URL: database.target.url });
  await waitUntilServing(`http://127.0.0.1:${port}/api/users`, started);
  return started;
}

describe('npm start in local mode', () => {
  it('serves the web chat; a person starts in Arabic, consents, picks a role and is remembered after a restart', async () => {
    const port = await freePort();
    app = await start(port);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    const chat = new WebChat(`http://127.0.0.1:${port}`, APPLICANT, { timeoutMs: 15_000 });
    await chat.send('/start');
    await chat.waitFor(t('ar', 'language.choose'));
    await chat.press('✓ العربية');
    await chat.waitFor(/\/export_me/);
    await chat.press(t('ar', 'consent.agree'));
    await chat.waitFor(t('ar', 'role.choose'));
    await chat.press(t('ar', 'role.applicant'));
    const menu = await chat.waitFor((m) => Boolean(m.inlineKeyboard?.flat().some((b) => b.text === t('ar', 'menu.button.check'))));
    expect(menu.text).toContain('أنت هنا');

    // The command menu was registered in Arabic for this person.
    expect((await chat.commands()).map((c) => c.description)).toContain(t('ar', 'commands.privacy'));

    expect(await app.stop('SIGTERM')).toBe(0);

    app = await start(port);
    const again = new WebChat(`http://127.0.0.1:${port}`, APPLICANT, { timeoutMs: 15_000 });
    await again.send('/start');
    await again.waitFor(t('ar', 'start.welcome_back', { name: 'Amina' }));
    await again.waitFor((m) => Boolean(m.inlineKeyboard?.flat().some((b) => b.text === t('ar', 'menu.button.check'))));
  }, 90_000);
});
