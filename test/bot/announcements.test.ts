// Announcements and statistics in the chat. A coordinator writes an announcement, adds a Chinese
// translation, survives a restart, picks the audience, sees the preview per language and sends it
// (a double tap sends once); a recipient stops announcements with the button under one. Every
// staff action is refused, changing nothing, to applicants, volunteers, donors, people without a
// role and people who never consented; caseworkers may see statistics but not announce.
// Assertions are on data and callback data rather than English wording.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t, type Language } from '../../src/i18n.js';
import { renderReminder } from '../../src/bot/views/reminders.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const ADMIN = 900; // admin by configuration
const COORDINATOR = 901;
const CASEWORKER = 902;
const APPLICANT = 720; // reads Chinese
const VOLUNTEER = 721; // reads Ukrainian
const DONOR = 722; // reads Spanish
const NO_ROLE = 723; // consented, chose no role
const STRANGER = 724; // never consented

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [ADMIN] });
});
afterEach(async () => {
  await h.close();
});

async function staff(id: number, staffRole: 'coordinator' | 'caseworker') {
  await h.onboard(id, 'en');
  await h.db.user.update({ where: { telegramId: BigInt(id) }, data: { staffRole } });
}

const userId = async (telegramId: number) => (await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } })).id;
const buttons = (chatId: number) => h.lastMessage(chatId).buttons.map((b) => b.callback_data);
const answers = () => h.callsTo('answerCallbackQuery').map((c) => c.payload.text);
const session = async (chatId: number) => JSON.parse((await h.db.session.findUnique({ where: { key: String(chatId) } }))?.value ?? '{}');

describe('/announce', () => {
  it('text → translation → (restart) → audience → preview per language → send once', async () => {
    await staff(COORDINATOR, 'coordinator');
    await h.onboard(APPLICANT, 'zh', 'applicant');
    await h.onboard(DONOR, 'es', 'donor');
    await h.onboard(VOLUNTEER, 'uk', 'volunteer');
    h.clearCalls();

    await h.send(COORDINATOR, '/announce');
    expect(buttons(COORDINATOR)).toEqual(['v1:ann:cancel']);
    await h.send(COORDINATOR, 'The office is closed on Friday <b>only</b>.');
    expect(buttons(COORDINATOR)).toEqual(['v1:ann:tr', 'v1:ann:aud', 'v1:ann:cancel']);
    // What people typed is shown as text, never as markup.
    expect(h.lastMessage(COORDINATOR).text).toContain('&lt;b&gt;only&lt;/b&gt;');

    await h.press(COORDINATOR, { data: 'v1:ann:tr' });
    expect(buttons(COORDINATOR)).toEqual(['v1:ann:trl:zh', 'v1:ann:trl:es', 'v1:ann:trl:ar', 'v1:ann:trl:uk', 'v1:ann:edit']);
    await h.press(COORDINATOR, { data: 'v1:ann:trl:zh' });
    await h.send(COORDINATOR, '办公室周五关闭。');

    // A restart in the middle: /announce brings the draft back, translation included.
    h.restart();
    await h.send(COORDINATOR, '/announce');
    expect(h.lastMessage(COORDINATOR).text).toContain('中文');
    expect(buttons(COORDINATOR)).toContain('v1:ann:aud');

    await h.press(COORDINATOR, { data: 'v1:ann:aud' });
    expect(buttons(COORDINATOR)).toEqual([
      'v1:ann:to:all',
      'v1:ann:to:applicants',
      'v1:ann:to:recipients',
      'v1:ann:to:volunteers',
      'v1:ann:to:donors',
      'v1:ann:to:t-riverside',
      'v1:ann:to:t-hillview',
      'v1:ann:to:t-eastgate',
      'v1:ann:to:t-lakeside',
      'v1:ann:edit',
    ]);
    h.clearCalls();
    await h.press(COORDINATOR, { data: 'v1:ann:to:all' });
    const previews = h.sentMessages(COORDINATOR).map((m) => m.text);
    // One preview per language the audience reads (the coordinator reads English), then the
    // summary with the count and Send.
    expect(previews.some((p) => p.includes('办公室周五关闭。'))).toBe(true);
    expect(previews.filter((p) => p.includes('The office is closed on Friday')).length).toBe(3); // en, es, uk get the original
    expect(previews.every((p) => !p.includes('<b>only'))).toBe(true);
    expect(buttons(COORDINATOR)).toEqual(['v1:ann:send', 'v1:ann:aud', 'v1:ann:edit', 'v1:ann:cancel']);

    await h.press(COORDINATOR, { data: 'v1:ann:send' });
    await h.press(COORDINATOR, { data: 'v1:ann:send' }); // a double tap
    expect(answers().at(-1)).toBe(t('en', 'announce.not_available'));
    const rows = await h.db.reminder.findMany({ where: { kind: 'announcement' }, include: { person: true } });
    expect(rows).toHaveLength(4); // coordinator, applicant, donor, volunteer
    const byChat = new Map(rows.map((r) => [Number(r.person.chatId), JSON.parse(r.payload).text as string]));
    expect(byChat.get(APPLICANT)).toBe('办公室周五关闭。');
    expect(byChat.get(DONOR)).toBe('The office is closed on Friday <b>only</b>.');
    const audit = await h.db.auditEvent.findMany({ where: { action: 'announcement.scheduled' } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ recipients: 4, audience: 'all', translations: ['zh'] });
    expect((await session(COORDINATOR)).announce).toBeUndefined();
  });

  it('a township audience reaches people with an application there; Cancel sends nothing', async () => {
    await staff(COORDINATOR, 'coordinator');
    await h.onboard(APPLICANT, 'zh', 'applicant');
    await h.onboard(DONOR, 'es', 'donor');
    const applicant = await userId(APPLICANT);
    await h.db.application.create({
      data: { reference: 'SN-2026-000001', personId: applicant, status: 'submitted', household: '{}', screening: '{}', area: 'rural', township: 'hillview' },
    });
    await h.send(COORDINATOR, '/announce');
    await h.send(COORDINATOR, 'Hillview: the bridge is closed.');
    await h.press(COORDINATOR, { data: 'v1:ann:aud' });
    await h.press(COORDINATOR, { data: 'v1:ann:to:t-hillview' });
    await h.press(COORDINATOR, { data: 'v1:ann:send' });
    expect((await h.db.reminder.findMany({ where: { kind: 'announcement' } })).map((r) => r.personId)).toEqual([applicant]);

    await h.send(COORDINATOR, '/announce');
    await h.send(COORDINATOR, 'Never mind.');
    await h.press(COORDINATOR, { data: 'v1:ann:cancel' });
    await h.press(COORDINATOR, { data: 'v1:ann:aud' }); // the draft is gone
    expect(answers().at(-1)).toBe(t('en', 'announce.not_available'));
    expect(await h.db.reminder.count({ where: { kind: 'announcement' } })).toBe(1);
  });

  it('a forged township, an overlong text and a staff member demoted mid-draft change nothing', async () => {
    await staff(COORDINATOR, 'coordinator');
    await h.send(COORDINATOR, '/announce');
    await h.send(COORDINATOR, 'x'.repeat(3001));
    expect(h.lastMessage(COORDINATOR).text).toBe(t('en', 'announce.too_long', { max: 3000 }));
    await h.send(COORDINATOR, 'Hello');
    await h.press(COORDINATOR, { data: 'v1:ann:to:t-atlantis' });
    expect(answers().at(-1)).toBe(t('en', 'announce.not_available'));
    await h.press(COORDINATOR, { data: 'v1:ann:to:t-../../x' });
    expect(answers().at(-1)).toBe(t('en', 'errors.stale_button'));
    await h.press(COORDINATOR, { data: 'v1:ann:to:all' });
    await h.db.user.update({ where: { telegramId: BigInt(COORDINATOR) }, data: { staffRole: null } });
    await h.press(COORDINATOR, { data: 'v1:ann:send' });
    expect(answers().at(-1)).toBe(t('en', 'announce.not_available'));
    expect(await h.db.reminder.count()).toBe(0);
  });
});

describe('stopping announcements', () => {
  it('the button under an announcement stops them and cancels queued ones; /announcements on resumes', async () => {
    await h.onboard(APPLICANT, 'zh', 'applicant');
    const id = await userId(APPLICANT);
    // The message people get carries the Stop button.
    const message = renderReminder('zh', { id: 1, kind: 'announcement', payload: { text: 'x' } }, { timeZone: 'UTC' });
    expect(message.keyboard?.inline_keyboard.flat().map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(['v1:ann:off']);
    await h.db.reminder.create({ data: { personId: id, kind: 'announcement', dueAt: new Date(), payload: '{"text":"x"}', dedupeKey: 'announce:1:aaaaaaaaaaaa:' + id } });

    await h.press(APPLICANT, { data: 'v1:ann:off' });
    expect((await h.db.user.findUniqueOrThrow({ where: { id } })).announcementsOptOut).toBe(true);
    expect((await h.db.reminder.findFirstOrThrow({ where: { personId: id } })).status).toBe('cancelled');
    expect(buttons(APPLICANT)).toEqual(['v1:ann:on']);
    expect(h.lastMessage(APPLICANT).text).toBe(t('zh', 'announce.optout.stopped'));

    await h.send(APPLICANT, '/privacy');
    expect(h.lastMessage(APPLICANT).text).toContain(t('zh', 'announce.privacy.stopped'));
    await h.send(APPLICANT, '/export_me');
    expect(String(h.callsTo('sendDocument').at(-1)!.payload.multipart)).toContain('"announcementsOptOut": true');

    await h.send(APPLICANT, '/announcements on');
    expect((await h.db.user.findUniqueOrThrow({ where: { id } })).announcementsOptOut).toBe(false);
    await h.send(APPLICANT, '/announcements');
    expect(buttons(APPLICANT)).toEqual(['v1:ann:off']);
  });

  it('before consent there is nothing to stop', async () => {
    await h.send(STRANGER, '/announcements off');
    expect(h.lastMessage(STRANGER).text).toBe(t('en', 'consent.required'));
    await h.press(STRANGER, { data: 'v1:ann:off' });
    expect(await h.db.user.count()).toBe(0);
  });
});

describe('/stats, /export_stats and /transparency', () => {
  async function someApplications() {
    await h.onboard(APPLICANT, 'zh', 'applicant');
    const personId = await userId(APPLICANT);
    await h.db.application.create({
      data: { reference: 'SN-2026-000009', personId, status: 'approved', household: '{}', screening: '{}', area: 'urban', township: '=cmd|calc', approvedMonthlyMinor: 40_000 },
    });
  }

  it('staff see the figures in their language and get a CSV file', async () => {
    await someApplications();
    await staff(CASEWORKER, 'caseworker');
    await h.send(CASEWORKER, '/stats');
    const text = h.lastMessage(CASEWORKER).text;
    expect(text).toContain(t('en', 'statistics.title'));
    expect(text).toContain(t('en', 'statistics.volunteers_active'));
    expect(text).not.toContain(t('en', 'statistics.not_available'));
    await h.send(CASEWORKER, '/export_stats');
    const upload = String(h.callsTo('sendDocument').at(-1)!.payload.multipart);
    expect(upload).toMatch(/filename="?safety-net-statistics-\d{4}-\d{2}-\d{2}\.csv/);
    expect(upload).toContain('section,category,status,measure,value\r\n');
    expect(upload).toContain('applications,all,approved,households,1\r\n');
    // A stored code that looks like a formula is defused.
    expect(upload).toContain("township,'=cmd|calc,all,households,1\r\n");
    // One township: `/stats Hillview` counts only its cases (none here).
    await h.send(CASEWORKER, '/export_stats Hillview');
    const hillview = String(h.callsTo('sendDocument').at(-1)!.payload.multipart);
    expect(hillview).toContain('applications,all,all,households,0\r\n');
    expect(hillview).not.toContain('applications,all,approved,households,1\r\n');
  });

  it('everybody, even before consent, sees the public summary with small counts hidden', async () => {
    await someApplications();
    await h.send(STRANGER, '/transparency', { languageCode: 'es' });
    const text = h.lastMessage(STRANGER).text;
    expect(text).toContain(t('es', 'statistics.public.title'));
    expect(text).toContain('&lt;5');
    expect(text).not.toContain('SN-2026');
  });
});

describe('authorisation: every staff action, for everybody who is not allowed', () => {
  const WIZARD = ['v1:ann:tr', 'v1:ann:trl:zh', 'v1:ann:aud', 'v1:ann:to:all', 'v1:ann:to:t-riverside', 'v1:ann:send', 'v1:ann:edit', 'v1:ann:cancel'];

  const people: [string, number, (id: number) => Promise<void>][] = [
    ['applicant', APPLICANT, (id) => h.onboard(id, 'zh', 'applicant')],
    ['volunteer', VOLUNTEER, (id) => h.onboard(id, 'uk', 'volunteer')],
    ['donor', DONOR, (id) => h.onboard(id, 'es', 'donor')],
    ['person with no role', NO_ROLE, (id) => h.onboard(id, 'en')],
    ['person who never consented', STRANGER, async () => undefined],
  ];

  for (const [who, id, setUp] of people) {
    it(`${who}: /announce, its buttons, /stats and /export_stats are refused and change nothing`, async () => {
      await h.onboard(DONOR === id ? APPLICANT : DONOR, 'es', 'donor'); // somebody to announce to
      await setUp(id);
      const lang = ((await h.db.user.findUnique({ where: { telegramId: BigInt(id) } }))?.language ?? 'en') as Language;
      const auditBefore = await h.db.auditEvent.count();
      h.clearCalls();

      await h.send(id, '/announce');
      expect(h.lastMessage(id).text).toBe(t(lang, 'announce.not_available'));
      await h.send(id, 'Free text after /announce is not an announcement');
      for (const data of WIZARD) await h.press(id, { data });
      expect(answers().slice(-WIZARD.length)).toEqual(WIZARD.map(() => t(lang, 'announce.not_available')));
      await h.send(id, '/stats');
      expect(h.lastMessage(id).text).toBe(t(lang, 'statistics.staff_only'));
      await h.send(id, '/export_stats');
      expect(h.lastMessage(id).text).toBe(t(lang, 'statistics.staff_only'));

      expect(h.callsTo('sendDocument')).toHaveLength(0);
      expect(await h.db.reminder.count()).toBe(0);
      expect(await h.db.auditEvent.count()).toBe(auditBefore);
      expect((await session(id)).announce).toBeUndefined();
    });
  }

  it('caseworker: statistics yes, announcements no', async () => {
    await staff(CASEWORKER, 'caseworker');
    h.clearCalls();
    await h.send(CASEWORKER, '/announce');
    expect(h.lastMessage(CASEWORKER).text).toBe(t('en', 'announce.not_available'));
    for (const data of WIZARD) await h.press(CASEWORKER, { data });
    expect(await h.db.reminder.count()).toBe(0);
    await h.send(CASEWORKER, '/stats');
    expect(h.lastMessage(CASEWORKER).text).toContain(t('en', 'statistics.title'));
  });

  it('the configured admin may announce', async () => {
    await h.onboard(ADMIN, 'en');
    await h.send(ADMIN, '/announce');
    expect(buttons(ADMIN)).toEqual(['v1:ann:cancel']);
  });
});
