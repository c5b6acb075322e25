// The stale-claim sweep and pairing reminders, on a real database: a quiet claim gets one check-in
// request, a longer silence releases it (once, even with two instances sweeping at the same
// time) and tells the volunteer and the coordinator; a pairing's contact moves its reminder.
// Also: what /export_me and /delete_me do with volunteering data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/index.js';
import { erasePerson, exportPersonalData } from '../../../src/domain/people/people.js';
import {
  activePairings,
  checkInTask,
  claimTask,
  createPairing,
  DEFAULT_VOLUNTEERING_SETTINGS as SETTINGS,
  logContact,
  requestHelp,
  sweepStaleClaims,
  taskCard,
} from '../../../src/domain/volunteering/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { approvedVolunteer, CONTACT, openTask, person, submittedCase, TOWNSHIPS } from './support.js';

let testDb: TestDb;
let db: Db;
let coordinator: number;
beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  coordinator = await person(db, { staffRole: 'coordinator' });
});
afterAll(async () => {
  await testDb?.close();
});

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const updates = (taskId: number) =>
  db.reminder.findMany({ where: { kind: 'task_update', dedupeKey: { startsWith: `volunteer-task:${taskId}:` } }, orderBy: { id: 'asc' } });

describe('stale claims', () => {
  it('asks for a check-in once, then releases the claim and tells volunteer and coordinator', async () => {
    const { taskId } = await openTask(db, coordinator);
    const v = await approvedVolunteer(db, coordinator);
    await claimTask(db, v, taskId, T0);

    await sweepStaleClaims(db, at(2.9), SETTINGS);
    expect(await updates(taskId)).toHaveLength(0);

    await sweepStaleClaims(db, at(3), SETTINGS);
    await sweepStaleClaims(db, at(3.5), SETTINGS); // no second request for the same silence
    const nudges = await updates(taskId);
    expect(nudges.map((r) => [r.personId, JSON.parse(r.payload)])).toEqual([[v, { taskId, event: 'checkin_due' }]]);

    // Two instances sweep at once after five quiet days: the claim is released exactly once.
    const [a, b] = await Promise.all([sweepStaleClaims(db, at(5), SETTINGS), sweepStaleClaims(db, at(5), SETTINGS)]);
    expect(a.released + b.released).toBe(1);
    const row = await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(row).toMatchObject({ status: 'open', claimantId: null, lastActivityAt: null });
    const told = (await updates(taskId)).filter((r) => r.status === 'pending').map((r) => [r.personId, JSON.parse(r.payload).event]);
    expect(told).toEqual(expect.arrayContaining([[v, 'released'], [coordinator, 'released_staff']]));
    expect(told).toHaveLength(2);
    // The check-in request not yet sent is called off; the former claimant sees no contact.
    expect(nudges[0]!.id).toBeDefined();
    expect((await db.reminder.findUniqueOrThrow({ where: { id: nudges[0]!.id } })).status).toBe('cancelled');
    expect(await taskCard(db, v, taskId)).toMatchObject({ status: 'open', contact: null });
    expect(await db.auditEvent.count({ where: { action: 'volunteer_task.released', subjectId: String(taskId) } })).toBe(1);
  });

  it('starts counting again from a check-in', async () => {
    const { taskId } = await openTask(db, coordinator);
    const v = await approvedVolunteer(db, coordinator);
    await claimTask(db, v, taskId, T0);
    await sweepStaleClaims(db, at(3), SETTINGS);
    await checkInTask(db, v, taskId, at(4));
    expect((await sweepStaleClaims(db, at(6), SETTINGS)).released).toBe(0);
    await sweepStaleClaims(db, at(7), SETTINGS); // a new silence: a new request
    expect((await updates(taskId)).filter((r) => JSON.parse(r.payload).event === 'checkin_due')).toHaveLength(2);
    expect((await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('claimed');
    expect((await sweepStaleClaims(db, at(9), SETTINGS)).released).toBe(1);
  });
});

describe('pairing', () => {
  it('reminds the volunteer after the interval and a grace, escalating to the coordinator; a contact moves it', async () => {
    const v = await approvedVolunteer(db, coordinator);
    const other = await approvedVolunteer(db, coordinator);
    const { reference } = await submittedCase(db);
    expect(await createPairing(db, v, { volunteerId: v, reference, frequency: 'weekly' }, SETTINGS, T0)).toEqual({ ok: false, error: 'not_coordinator' });
    expect(await createPairing(db, coordinator, { volunteerId: v, reference, frequency: 'daily' }, SETTINGS, T0)).toMatchObject({ error: 'invalid_frequency' });
    const paired = await createPairing(db, coordinator, { volunteerId: v, reference, frequency: 'weekly' }, SETTINGS, T0);
    if (!paired.ok) throw new Error(paired.error);
    expect(await createPairing(db, coordinator, { volunteerId: v, reference, frequency: 'weekly' }, SETTINGS, T0)).toMatchObject({ error: 'already_paired' });

    const first = await db.reminder.findFirstOrThrow({ where: { kind: 'pairing_checkin', personId: v } });
    expect(first).toMatchObject({ dueAt: at(9), escalateToId: coordinator, status: 'pending' });

    expect(await logContact(db, other, paired.pairingId, SETTINGS, at(6))).toEqual({ ok: false, error: 'not_found' });
    expect(await logContact(db, v, paired.pairingId, SETTINGS, at(6))).toMatchObject({ ok: true, contactDueAt: at(15) });
    const all = await db.reminder.findMany({ where: { kind: 'pairing_checkin', personId: v }, orderBy: { id: 'asc' } });
    expect(all.map((r) => [r.status, r.dueAt])).toEqual([['cancelled', at(9)], ['pending', at(15)]]);
    expect(await db.pairingCheckIn.count({ where: { pairingId: paired.pairingId } })).toBe(1);
    expect((await activePairings(db, v, SETTINGS))!.map((p) => p.id)).toEqual([paired.pairingId]);
    expect(await activePairings(db, v, SETTINGS, 'all')).toBeNull();
  });
});

describe('export and erasure', () => {
  it("exports the household's request with its contact, and erases it with the household", async () => {
    const applicant = await person(db, { role: 'applicant' });
    const asked = await requestHelp(db, applicant, { type: 'translation', township: 'lakeside', contact: CONTACT, consent: true }, TOWNSHIPS);
    if (!asked.ok) throw new Error(asked.error);
    const exported = await exportPersonalData(db, applicant);
    expect(exported.volunteering.helpRequested).toEqual([expect.objectContaining({ type: 'translation', contact: CONTACT })]);

    await erasePerson(db, applicant);
    expect(await db.taskContact.count({ where: { taskId: asked.taskId } })).toBe(0);
    expect(await db.volunteerTask.findUniqueOrThrow({ where: { id: asked.taskId } })).toMatchObject({ status: 'cancelled', householdId: null });
  });

  it("releases an erased volunteer's claim and cancels an erased household's claimed task", async () => {
    const one = await openTask(db, coordinator);
    const v = await approvedVolunteer(db, coordinator);
    await claimTask(db, v, one.taskId);
    expect((await exportPersonalData(db, v)).volunteering.volunteerProfile).toMatchObject({ township: 'riverside', status: 'approved' });
    await erasePerson(db, v);
    expect(await db.volunteerTask.findUniqueOrThrow({ where: { id: one.taskId } })).toMatchObject({ status: 'open', claimantId: null });
    expect(await db.volunteerProfile.count({ where: { personId: v } })).toBe(0);

    const two = await openTask(db, coordinator);
    const w = await approvedVolunteer(db, coordinator);
    await claimTask(db, w, two.taskId);
    await erasePerson(db, two.householdId);
    expect(await db.volunteerTask.findUniqueOrThrow({ where: { id: two.taskId } })).toMatchObject({ status: 'cancelled', claimantId: null });
    expect(await taskCard(db, w, two.taskId)).toBeNull();
    expect(await db.taskContact.count({ where: { taskId: two.taskId } })).toBe(0);
  });
});
