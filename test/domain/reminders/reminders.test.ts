// The reminder service other features call: schedule once per key, cancel, list, answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ReminderInputError,
  cancelReminders,
  respondToReminder,
  scheduleReminder,
  upcomingReminders,
  type ScheduleReminderInput,
} from '../../../src/domain/reminders/index.js';
import { erasePerson } from '../../../src/domain/people/people.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';

let testDb: TestDb;
let personId: number;
let otherId: number;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

let nextTelegramId = 1;
async function person(timeZone = 'UTC'): Promise<number> {
  const id = nextTelegramId++;
  return (await testDb.db.user.create({ data: { telegramId: BigInt(id), chatId: BigInt(id), language: 'en', timeZone, consentedAt: new Date() } })).id;
}

beforeEach(async () => {
  await testDb.db.reminder.deleteMany();
  await testDb.db.auditEvent.deleteMany();
  await testDb.db.user.deleteMany();
  personId = await person('Asia/Shanghai');
  otherId = await person();
});

function task(key: string, overrides: Partial<ScheduleReminderInput> = {}): ScheduleReminderInput {
  return { personId, kind: 'task_checkin', dueAt: new Date('2026-05-01T02:00:00Z'), payload: { task: 'Home visit' }, dedupeKey: key, ...overrides };
}

/** As the scheduler would: the reminder went out at `sentAt`. */
async function markSentAt(id: number, sentAt: string): Promise<void> {
  await testDb.db.reminder.update({ where: { id }, data: { status: 'sent', sentAt: new Date(sentAt) } });
}

describe('scheduleReminder', () => {
  it('creates a reminder once per dedupe key, with an audit event', async () => {
    const first = await scheduleReminder(testDb.db, { ...task('visit:12'), actorId: otherId });
    const again = await scheduleReminder(testDb.db, task('visit:12', { dueAt: new Date('2027-01-01T00:00:00Z') }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const row = await testDb.db.reminder.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ status: 'pending', kind: 'task_checkin', dueAt: new Date('2026-05-01T02:00:00Z'), attempts: 0 });
    expect(JSON.parse(row.payload)).toEqual({ task: 'Home visit' });
    const audit = await testDb.db.auditEvent.findMany({ where: { action: 'reminder.scheduled' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: otherId, subjectType: 'reminder', subjectId: String(first.id) });
  });

  it('is a no-op for the same key even when scheduled at the same moment', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => scheduleReminder(testDb.db, task('race:1'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await testDb.db.reminder.count()).toBe(1);
  });

  it('refuses unknown kinds, payloads that do not fit the kind and empty keys', async () => {
    const bad: Partial<ScheduleReminderInput>[] = [
      { kind: 'escalation' as never },
      { kind: 'nonsense' as never },
      { payload: {} },
      { payload: { task: 'x', extra: 'y' } },
      { kind: 'review_due', payload: { reference: 'SN-1', date: '1 May' } },
      { kind: 'payment_day', payload: { amountMinor: 100 } },
      { kind: 'custom', payload: { text: 'x'.repeat(3001) } },
      { dedupeKey: ' ' },
      { dueAt: new Date('nope') },
      { recurrence: 'weekly' as never },
    ];
    for (const overrides of bad) await expect(scheduleReminder(testDb.db, task('bad', overrides))).rejects.toBeInstanceOf(ReminderInputError);
    expect(await testDb.db.reminder.count()).toBe(0);
  });

  it('starts a series for a recurring reminder', async () => {
    const { id } = await scheduleReminder(testDb.db, {
      personId,
      kind: 'payment_day',
      dueAt: new Date('2026-05-15T01:00:00Z'),
      dedupeKey: 'payment:1',
      recurrence: 'monthly',
    });
    expect(await testDb.db.reminder.findUniqueOrThrow({ where: { id } })).toMatchObject({
      recurrence: 'monthly',
      seriesKey: 'payment:1',
      seriesStart: new Date('2026-05-15T01:00:00Z'),
      occurrence: 0,
    });
  });
});

describe('cancelReminders', () => {
  it('cancels what is not sent yet, by person or by key prefix', async () => {
    const a = await scheduleReminder(testDb.db, task('app:1:review'));
    const b = await scheduleReminder(testDb.db, task('app:1:docs'));
    const c = await scheduleReminder(testDb.db, task('app:2:review'));
    const sent = await scheduleReminder(testDb.db, task('app:1:sent'));
    await markSentAt(sent.id, '2026-04-01T00:00:00Z');
    const others = await scheduleReminder(testDb.db, task('other', { personId: otherId }));

    expect(await cancelReminders(testDb.db, { dedupeKeyPrefix: 'app:1:', reason: 'application_withdrawn' })).toBe(2);
    const status = async (id: number) => (await testDb.db.reminder.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(a.id), await status(b.id), await status(c.id), await status(sent.id)]).toEqual(['cancelled', 'cancelled', 'pending', 'sent']);

    expect(await cancelReminders(testDb.db, { personId })).toBe(1);
    expect(await status(c.id)).toBe('cancelled');
    expect(await status(others.id)).toBe('pending');
    expect(await testDb.db.auditEvent.count({ where: { action: 'reminders.cancelled' } })).toBe(2);
    await expect(cancelReminders(testDb.db, {})).rejects.toBeInstanceOf(ReminderInputError);
  });
});

describe('upcomingReminders', () => {
  it('lists the person’s pending reminders soonest first, with the total', async () => {
    for (let day = 5; day >= 1; day--) await scheduleReminder(testDb.db, task(`d${day}`, { dueAt: new Date(`2026-05-0${day}T02:00:00Z`) }));
    const done = await scheduleReminder(testDb.db, task('done'));
    await markSentAt(done.id, '2026-04-01T00:00:00Z');
    await scheduleReminder(testDb.db, task('theirs', { personId: otherId }));

    const { reminders, total } = await upcomingReminders(testDb.db, personId, { limit: 3 });
    expect(total).toBe(5);
    expect(reminders.map((r) => r.dueAt.toISOString().slice(0, 10))).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
    expect(reminders[0]).toMatchObject({ kind: 'task_checkin', payload: { task: 'Home visit' }, recurrence: null });
  });
});

describe('respondToReminder', () => {
  it('records the recipient’s answer once', async () => {
    const { id } = await scheduleReminder(testDb.db, task('r'));
    await markSentAt(id, '2026-05-01T02:00:00Z');
    const now = new Date('2026-05-01T03:00:00Z');
    expect(await respondToReminder(testDb.db, { personId, reminderId: id, response: 'done', now })).toEqual({ ok: true, response: 'done', kind: 'task_checkin' });
    expect(await respondToReminder(testDb.db, { personId, reminderId: id, response: 'not_relevant', now })).toEqual({ ok: false, error: 'already_answered' });
    expect(await testDb.db.reminder.findUniqueOrThrow({ where: { id } })).toMatchObject({ response: 'done', respondedAt: now, escalationDueAt: null });
    expect(await testDb.db.auditEvent.count({ where: { action: 'reminder.answered', actorId: personId } })).toBe(1);
  });

  it('does not let anyone else answer, nor answer what was not sent', async () => {
    const { id } = await scheduleReminder(testDb.db, task('mine'));
    expect(await respondToReminder(testDb.db, { personId, reminderId: id, response: 'done' })).toEqual({ ok: false, error: 'not_found' });
    await markSentAt(id, '2026-05-01T02:00:00Z');
    expect(await respondToReminder(testDb.db, { personId: otherId, reminderId: id, response: 'done' })).toEqual({ ok: false, error: 'not_found' });
    expect(await respondToReminder(testDb.db, { personId, reminderId: 999_999, response: 'done' })).toEqual({ ok: false, error: 'not_found' });
    expect((await testDb.db.reminder.findUniqueOrThrow({ where: { id } })).response).toBeNull();
  });

  it('snoozes to tomorrow at the time the reminder arrived, in the person’s time zone', async () => {
    const { id } = await scheduleReminder(testDb.db, task('visit:9', { escalateToId: otherId }));
    await markSentAt(id, '2026-05-01T02:00:00Z'); // 10:00 in Shanghai
    const lateEvening = new Date('2026-05-01T15:00:00Z'); // 23:00 there
    const result = await respondToReminder(testDb.db, { personId, reminderId: id, response: 'snoozed', now: lateEvening });
    expect(result).toEqual({ ok: true, response: 'snoozed', kind: 'task_checkin', snoozedUntil: new Date('2026-05-02T02:00:00Z') });
    const copy = await testDb.db.reminder.findUniqueOrThrow({ where: { dedupeKey: `visit:9/snooze-${id}` } });
    expect(copy).toMatchObject({ status: 'pending', dueAt: new Date('2026-05-02T02:00:00Z'), kind: 'task_checkin', escalateToId: otherId });
    expect(JSON.parse(copy.payload)).toEqual({ task: 'Home visit' });

    // Snoozing the copy again keeps one suffix, under the original prefix.
    await markSentAt(copy.id, '2026-05-02T02:00:00Z');
    await respondToReminder(testDb.db, { personId, reminderId: copy.id, response: 'snoozed', now: new Date('2026-05-02T03:00:00Z') });
    expect(await testDb.db.reminder.count({ where: { dedupeKey: `visit:9/snooze-${copy.id}` } })).toBe(1);
    expect(await cancelReminders(testDb.db, { dedupeKeyPrefix: 'visit:9' })).toBe(1);
  });

  it('does not offer answers for announcements', async () => {
    const { id } = await scheduleReminder(testDb.db, { personId, kind: 'announcement', dueAt: new Date(), payload: { text: 'Hello' }, dedupeKey: 'a:1' });
    await markSentAt(id, '2026-05-01T02:00:00Z');
    expect(await respondToReminder(testDb.db, { personId, reminderId: id, response: 'done' })).toEqual({ ok: false, error: 'not_found' });
  });
});

describe('erasure', () => {
  it('removes the person’s reminders with them', async () => {
    await scheduleReminder(testDb.db, task('gone:1'));
    await scheduleReminder(testDb.db, task('stays', { personId: otherId }));
    await erasePerson(testDb.db, personId);
    expect(await testDb.db.reminder.count()).toBe(1);
  });
});
