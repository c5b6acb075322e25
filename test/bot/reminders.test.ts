// Reminders in the chat, end to end in-process: the scheduler sends through the real bot API
// (against the harness's fake Bot API), the person answers with the buttons, /calendar lists
// what is coming in their language and time zone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleReminder } from '../../src/domain/reminders/index.js';
import { formatDateTime, t, type Language } from '../../src/i18n.js';
import { silentLogger } from '../../src/logger.js';
import { ReminderScheduler } from '../../src/scheduler/index.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const PERSON = 8100;
const OTHER = 8200;
let h: Harness;
let now: Date;

beforeEach(async () => {
  h = await createHarness();
  now = new Date('2026-05-04T10:00:00Z'); // 18:00 in Shanghai, 13:00 in Kyiv: daytime for everyone here
});
afterEach(async () => {
  await h.close();
});

/** An applicant in `lang` living in `timeZone`; resolves with their person id. */
async function onboard(id: number, lang: Language = 'en', timeZone = 'UTC'): Promise<number> {
  await h.onboard(id, lang, 'applicant');
  const user = await h.db.user.update({ where: { telegramId: BigInt(id) }, data: { timeZone } });
  return user.id;
}

function scheduler(): ReminderScheduler {
  const clock = { now: () => now, sleepUntil: async (ms: number) => void (now = new Date(Math.max(ms, now.getTime()))) };
  return new ReminderScheduler({
    db: h.db,
    provider: process.env.TEST_DATABASE_URL ? 'postgresql' : 'sqlite',
    sender: h.bot.api,
    logger: silentLogger,
    clock,
    settings: { ratePerSecond: 1000 },
  });
}

async function remind(personId: number, key: string, dueAt = now) {
  return scheduleReminder(h.db, { personId, kind: 'document_expiry', dueAt, payload: { item: 'identity', date: '2026-06-30' }, dedupeKey: key });
}

describe('reminders in the chat', () => {
  it('arrive in the person’s language with Done, Remind me tomorrow and Not relevant', async () => {
    const personId = await onboard(PERSON, 'zh', 'Asia/Shanghai');
    const { id } = await remind(personId, 'doc:1');
    h.clearCalls();
    await scheduler().tick();
    const message = h.lastMessage(PERSON);
    expect(message.text).toContain(t('zh', 'reminders.kind.document_expiry'));
    expect(message.text).toContain(t('zh', 'documents.item.identity'));
    expect(message.buttons.map((b) => b.callback_data)).toEqual([`v1:rem:done:${id}`, `v1:rem:snooze:${id}`, `v1:rem:skip:${id}`]);
    expect(h.callsTo('sendMessage')[0]!.payload.parse_mode).toBe('HTML');
  });

  it('Done records the answer, removes the buttons and cannot be pressed twice', async () => {
    const personId = await onboard(PERSON);
    const { id } = await remind(personId, 'doc:2');
    await scheduler().tick();
    h.clearCalls();
    await h.press(PERSON, { data: `v1:rem:done:${id}` });
    expect(h.lastMessage(PERSON).text).toBe(t('en', 'reminders.answered.done'));
    expect(h.callsTo('editMessageReplyMarkup')).toHaveLength(1);
    expect(await h.db.reminder.findUniqueOrThrow({ where: { id } })).toMatchObject({ response: 'done' });

    await h.press(PERSON, { data: `v1:rem:skip:${id}` });
    expect(h.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe(t('en', 'reminders.already_answered'));
    expect((await h.db.reminder.findUniqueOrThrow({ where: { id } })).response).toBe('done');
  });

  it('Remind me tomorrow snoozes to the same local time tomorrow and says when', async () => {
    const personId = await onboard(PERSON, 'en', 'Asia/Shanghai');
    const { id } = await remind(personId, 'doc:3');
    await scheduler().tick();
    await h.press(PERSON, { data: `v1:rem:snooze:${id}` });
    const copy = await h.db.reminder.findFirstOrThrow({ where: { dedupeKey: `doc:3/snooze-${id}` } });
    // Answered now (real time); due tomorrow at 18:00 Shanghai time, when it arrived.
    expect(copy.dueAt.toISOString().slice(11)).toBe('10:00:00.000Z');
    expect(copy.dueAt.getTime() - Date.now()).toBeGreaterThan(0);
    expect(copy.dueAt.getTime() - Date.now()).toBeLessThanOrEqual(2 * 86_400_000);
    expect(h.lastMessage(PERSON).text).toBe(t('en', 'reminders.answered.snoozed', { date: formatDateTime('en', copy.dueAt, 'Asia/Shanghai') }));
  });

  it('ignores a button pressed by someone else, or with forged data', async () => {
    const personId = await onboard(PERSON);
    await onboard(OTHER);
    const { id } = await remind(personId, 'doc:4');
    await scheduler().tick();
    await h.press(OTHER, { data: `v1:rem:done:${id}` });
    await h.press(OTHER, { data: 'v1:rem:done:abc' });
    expect(h.callsTo('answerCallbackQuery').slice(-2).map((c) => c.payload.text)).toEqual([t('en', 'errors.stale_button'), t('en', 'errors.stale_button')]);
    expect((await h.db.reminder.findUniqueOrThrow({ where: { id } })).response).toBeNull();
  });

  it('/calendar lists upcoming reminders in the person’s language and time zone', async () => {
    const personId = await onboard(PERSON, 'es', 'Europe/Kyiv');
    await h.send(PERSON, '/calendar');
    expect(h.lastMessage(PERSON).text).toBe(t('es', 'reminders.calendar.empty'));

    const due = new Date('2026-06-01T06:00:00Z');
    await remind(personId, 'doc:5', due);
    await scheduleReminder(h.db, { personId, kind: 'payment_day', dueAt: new Date('2026-06-15T06:00:00Z'), dedupeKey: 'pay:1', recurrence: 'monthly' });
    await h.send(PERSON, '/calendar');
    const text = h.lastMessage(PERSON).text;
    expect(text).toContain(formatDateTime('es', due, 'Europe/Kyiv'));
    expect(formatDateTime('es', due, 'Europe/Kyiv')).toContain('9:00');
    expect(text).toContain(t('es', 'documents.item.identity'));
    expect(text).toContain(t('es', 'reminders.recurrence.monthly'));
    expect(text.indexOf(t('es', 'reminders.kind.document_expiry'))).toBeLessThan(text.indexOf(t('es', 'reminders.kind.payment_day')));
  });

  it('asks for consent before showing a calendar', async () => {
    await h.send(PERSON, '/calendar');
    expect(h.lastMessage(PERSON).text).toBe(t('en', 'consent.required'));
  });

  it('a person who blocked the bot (403) becomes inactive and their reminders are cancelled', async () => {
    const personId = await onboard(PERSON);
    const { id } = await remind(personId, 'doc:6');
    const later = await remind(personId, 'doc:7', new Date('2026-07-01T02:00:00Z'));
    h.failWith('sendMessage', 403, 'Forbidden: bot was blocked by the user', PERSON);
    const report = await scheduler().tick();
    expect(report.cancelled).toBe(2);
    expect(await h.db.user.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ active: false });
    expect((await h.db.reminder.findUniqueOrThrow({ where: { id } })).status).toBe('cancelled');
    expect((await h.db.reminder.findUniqueOrThrow({ where: { id: later.id } })).status).toBe('cancelled');
  });
});
