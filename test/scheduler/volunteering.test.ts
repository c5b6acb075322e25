// Volunteering through the scheduler: the stale-claim sweep runs at the start of a tick and its
// messages go out in the same tick, in each recipient's language, with the buttons that act on the
// task; a failing sweep does not stop the sending; an unanswered pairing reminder escalates to the
// coordinator who made the pairing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_DAYS } from '../../src/domain/reminders/index.js';
import {
  claimTask,
  createPairing,
  DEFAULT_VOLUNTEERING_SETTINGS as SETTINGS,
  sweepStaleClaims,
} from '../../src/domain/volunteering/index.js';
import { t } from '../../src/i18n.js';
import { silentLogger } from '../../src/logger.js';
import { ReminderScheduler, type Sweep } from '../../src/scheduler/index.js';
import { approvedVolunteer, openTask, person, submittedCase } from '../domain/volunteering/support.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { fakeClock, fakeTelegram } from './fakes.js';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

const DAY = 86_400_000;

function scheduler(clock: ReturnType<typeof fakeClock>, tg: ReturnType<typeof fakeTelegram>, sweeps: Sweep[]) {
  return new ReminderScheduler({
    db: testDb.db,
    provider: testDb.provider,
    sender: tg.sender,
    logger: silentLogger,
    clock,
    // No quiet hours: the test is about what is sent, not when.
    settings: { ratePerSecond: 1000, leaseSeconds: 60, quietHours: null, escalationDays: DEFAULT_ESCALATION_DAYS },
    sweeps,
  });
}

const chatOf = async (personId: number) => Number((await testDb.db.user.findUniqueOrThrow({ where: { id: personId } })).chatId);

describe('the stale-claim sweep in the scheduler', () => {
  it('asks the volunteer to check in, then releases the claim, in the same ticks that find them', async () => {
    const { db } = testDb;
    const coordinator = await person(db, { staffRole: 'coordinator', language: 'uk' });
    const volunteer = await approvedVolunteer(db, coordinator);
    await db.user.update({ where: { id: volunteer }, data: { language: 'es' } });
    const { taskId } = await openTask(db, coordinator);
    const start = new Date('2026-04-01T09:00:00Z');
    await claimTask(db, volunteer, taskId, start);

    const clock = fakeClock(start);
    const tg = fakeTelegram(() => clock.ms);
    let counted = 0;
    const broken: Sweep = { name: 'broken', run: () => Promise.reject(new Error('boom')) };
    const counting: Sweep = { name: 'counting', run: async () => void counted++ };
    const s = scheduler(clock, tg, [broken, counting, { name: 'stale', run: (now) => sweepStaleClaims(db, now, SETTINGS) }]);

    clock.set(new Date(start.getTime() + 3 * DAY));
    await s.tick();
    const volunteerChat = await chatOf(volunteer);
    const nudge = tg.sent.find((m) => m.chatId === volunteerChat)!;
    expect(nudge.text).toContain(t('es', 'volunteering.reminder.checkin_due', { id: taskId }));
    expect(nudge.callbackData).toEqual([`v1:vol:checkin:${taskId}`, `v1:vol:done:${taskId}`, `v1:vol:unclaim:${taskId}`]);
    expect(counted).toBe(1); // the sweeps after a failing one still ran

    clock.set(new Date(start.getTime() + 5 * DAY));
    await s.tick();
    expect((await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('open');
    const texts = tg.sent.map((m) => [m.chatId, m.text]);
    expect(texts).toContainEqual([volunteerChat, expect.stringContaining(t('es', 'volunteering.reminder.released', { id: taskId }))]);
    expect(texts).toContainEqual([await chatOf(coordinator), expect.stringContaining(t('uk', 'volunteering.reminder.released_staff', { id: taskId }))]);

    // Nothing more to do: another tick sends nothing new.
    const count = tg.sent.length;
    await s.tick();
    expect(tg.sent.length).toBe(count);
  });

  it('escalates an unanswered pairing reminder to the coordinator who paired them', async () => {
    const { db } = testDb;
    const coordinator = await person(db, { staffRole: 'coordinator' });
    const volunteer = await approvedVolunteer(db, coordinator);
    const { reference } = await submittedCase(db);
    const start = new Date('2026-05-04T09:00:00Z');
    const paired = await createPairing(db, coordinator, { volunteerId: volunteer, reference, frequency: 'weekly' }, SETTINGS, start);
    if (!paired.ok) throw new Error(paired.error);

    const clock = fakeClock(new Date(start.getTime() + 9 * DAY));
    const tg = fakeTelegram(() => clock.ms);
    const s = scheduler(clock, tg, []);
    await s.tick();
    const toVolunteer = tg.sent.filter((m) => m.callbackData.includes(`v1:vol:contact:${paired.pairingId}`));
    expect(toVolunteer).toHaveLength(1);

    clock.set(new Date(start.getTime() + 11 * DAY + 1000));
    await s.tick();
    const coordinatorChat = await chatOf(coordinator);
    expect(tg.sent.filter((m) => m.chatId === coordinatorChat).map((m) => m.text).join()).toContain(t('en', 'reminders.kind.pairing_checkin'));
  });
});
