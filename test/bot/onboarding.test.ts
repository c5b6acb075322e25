import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const AMINA = 501;
let h: Harness;

beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [900] });
});
afterEach(async () => {
  await h.close();
});

describe('first conversation', () => {
  it('guesses the language from Telegram and asks in every language, storing nothing', async () => {
    await h.send(AMINA, '/start', { languageCode: 'ar' });
    const chooser = h.lastMessage(AMINA);
    expect(chooser.buttons[0]!.text).toBe('✓ العربية');
    expect(chooser.buttons.map((b) => b.callback_data)).toEqual(
      expect.arrayContaining(['v1:lang:set:en', 'v1:lang:set:zh', 'v1:lang:set:es', 'v1:lang:set:uk']),
    );
    // The prompt is readable whatever language the person reads.
    const lines = chooser.text.split('\n');
    expect(lines[0]).toBe(t('ar', 'language.choose'));
    for (const lang of ['en', 'zh', 'es', 'uk'] as const) expect(lines).toContain(t(lang, 'language.choose'));
    expect(await h.db.user.count()).toBe(0);
  });

  it('walks from /start to the role menu in Arabic, creating the person only at consent', async () => {
    await h.send(AMINA, '/start', { languageCode: 'ar' });
    await h.press(AMINA, { data: 'v1:lang:set:ar' });
    const notice = h.lastMessage(AMINA);
    expect(notice.buttons.map((b) => b.callback_data)).toEqual(['v1:consent:yes', 'v1:consent:no']);
    expect(notice.text).toContain('/export_me');
    expect(await h.db.user.count()).toBe(0);
    // Before consent only the language is remembered, in the session.
    const session = await h.db.session.findUnique({ where: { key: String(AMINA) } });
    expect(JSON.parse(session!.value)).toEqual({ lang: 'ar' });

    await h.press(AMINA, { data: 'v1:consent:yes' });
    const person = await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(AMINA) } });
    expect(person.language).toBe('ar');
    expect(person.role).toBeNull();
    expect(h.lastMessage(AMINA).buttons.map((b) => b.callback_data)).toEqual([
      'v1:role:set:applicant',
      'v1:role:set:volunteer',
      'v1:role:set:donor',
    ]);

    await h.press(AMINA, { data: 'v1:role:set:applicant' });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe('applicant');
    const menu = h.lastMessage(AMINA);
    expect(menu.buttons.map((b) => b.callback_data)).toContain('v1:menu:privacy');
    // Arabic, not English, apart from the product's name and /commands
    expect(menu.text.replace('Safety Net', '').replace(/\/\w+/g, '')).not.toMatch(/[A-Za-z]{4,}/);
    const actions = (await h.db.auditEvent.findMany()).map((e) => e.action);
    expect(actions).toEqual(['person.consented', 'person.role_chosen']);
  });

  it('remembers the person: /start again welcomes them back with their menu', async () => {
    await h.send(AMINA, '/start');
    await h.press(AMINA, { data: 'v1:lang:set:es' });
    await h.press(AMINA, { data: 'v1:consent:yes' });
    await h.press(AMINA, { data: 'v1:role:set:donor' });
    h.clearCalls();
    await h.send(AMINA, '/start', { firstName: 'Amina' });
    const texts = h.sentMessages(AMINA).map((m) => m.text);
    expect(texts[0]).toBe(t('es', 'start.welcome_back', { name: 'Amina' }));
    expect(h.lastMessage(AMINA).buttons.length).toBeGreaterThan(0);
  });

  it('declining stores nothing and says how to come back', async () => {
    await h.send(AMINA, '/start');
    await h.press(AMINA, { data: 'v1:lang:set:en' });
    await h.press(AMINA, { data: 'v1:consent:no' });
    expect(await h.db.user.count()).toBe(0);
    expect(h.lastMessage(AMINA).text).toContain('/start');
  });

  it('does not let a role be chosen before consent', async () => {
    await h.send(AMINA, '/start');
    await h.press(AMINA, { data: 'v1:role:set:volunteer' });
    expect(await h.db.user.count()).toBe(0);
    expect(h.lastMessage(AMINA).text).toContain('/start');
  });

  it('makes configured admins admin at consent', async () => {
    await h.send(900, '/start');
    await h.press(900, { data: 'v1:lang:set:en' });
    await h.press(900, { data: 'v1:consent:yes' });
    await h.press(900, { data: 'v1:role:set:volunteer' });
    expect((await h.db.user.findUniqueOrThrow({ where: { telegramId: 900n } })).staffRole).toBe('admin');
    expect(h.lastMessage(900).text).toContain('administrator');
  });

  it('changes language with /language and registers the chat command menu in it', async () => {
    await h.send(AMINA, '/start');
    await h.press(AMINA, { data: 'v1:lang:set:en' });
    await h.press(AMINA, { data: 'v1:consent:yes' });
    await h.send(AMINA, '/language');
    await h.press(AMINA, { data: 'v1:lang:set:zh' });
    expect((await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(AMINA) } })).language).toBe('zh');
    const commands = h.callsTo('setMyCommands').at(-1)!.payload;
    expect(commands.scope).toEqual({ type: 'chat', chat_id: AMINA });
    expect(JSON.stringify(commands.commands)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('/help differs by role', async () => {
    await h.send(AMINA, '/help');
    const before = h.lastMessage(AMINA).text;
    await h.send(AMINA, '/start');
    await h.press(AMINA, { data: 'v1:lang:set:en' });
    await h.press(AMINA, { data: 'v1:consent:yes' });
    await h.press(AMINA, { data: 'v1:role:set:volunteer' });
    await h.send(AMINA, '/help');
    const after = h.lastMessage(AMINA).text;
    expect(after).not.toBe(before);
    expect(after).toContain('volunteer');
    expect(after).toContain('/delete_me');
  });
});
