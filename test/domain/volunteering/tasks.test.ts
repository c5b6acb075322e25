// Volunteer tasks on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): approval
// before tasks, the claim race (50 volunteers, one task, one winner), the cap, the household's
// contact shown only to the volunteer holding the claim and only while they hold it, refusals of
// somebody else's task, and the household's request and feedback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargetFromUrl, openDb, type Db } from '../../../src/db/index.js';
import {
  checkInTask,
  claimTask,
  completeTask,
  householdFeedback,
  myTasks,
  openTasksFor,
  pendingVolunteers,
  publishRequest,
  requestHelp,
  reviewVolunteer,
  saveProfile,
  setPaused,
  taskBoard,
  taskCard,
  TASK_LANGUAGES,
  unclaimTask,
  DEFAULT_VOLUNTEERING_SETTINGS,
} from '../../../src/domain/volunteering/index.js';
import { SUPPORTED_LANGUAGES } from '../../../src/i18n.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { approvedVolunteer, CONTACT, openTask, person, PROFILE, TOWNSHIPS } from './support.js';

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

/** A second client on the test database with 25 connections (PostgreSQL), or the same one (SQLite). */
async function widePool(): Promise<{ db: Db; close(): Promise<void> }> {
  if (testDb.provider !== 'postgresql') return { db, close: async () => undefined };
  const url = new URL(testDb.target.url);
  url.searchParams.set('connection_limit', '25');
  const wide = await openDb(dbTargetFromUrl(url.href));
  return { db: wide.db, close: () => wide.close() };
}

const auditText = async () => JSON.stringify(await db.auditEvent.findMany());

describe('sign-up and approval', () => {
  it('keeps the task languages equal to the bot languages', () => {
    expect([...TASK_LANGUAGES]).toEqual([...SUPPORTED_LANGUAGES]);
  });

  it('refuses bad sign-ups and people who did not choose to volunteer', async () => {
    const applicant = await person(db, { role: 'applicant' });
    expect(await saveProfile(db, applicant, PROFILE, TOWNSHIPS)).toEqual({ ok: false, error: 'not_volunteer' });
    const v = await person(db, { role: 'volunteer' });
    expect(await saveProfile(db, v, { ...PROFILE, languages: [] }, TOWNSHIPS)).toMatchObject({ error: 'invalid_languages' });
    expect(await saveProfile(db, v, { ...PROFILE, skills: ['juggling'] }, TOWNSHIPS)).toMatchObject({ error: 'invalid_skills' });
    expect(await saveProfile(db, v, { ...PROFILE, township: 'atlantis' }, TOWNSHIPS)).toMatchObject({ error: 'invalid_township' });
    expect(await saveProfile(db, v, { ...PROFILE, maxActiveTasks: 0 }, TOWNSHIPS)).toMatchObject({ error: 'invalid_max' });
    expect(await db.volunteerProfile.count({ where: { personId: v } })).toBe(0);
  });

  it('shows no task before a coordinator approves, and none while paused', async () => {
    const v = await person(db, { role: 'volunteer' });
    const saved = await saveProfile(db, v, PROFILE, TOWNSHIPS);
    expect(saved).toMatchObject({ ok: true, created: true, profile: { status: 'pending' } });
    const { taskId } = await openTask(db, coordinator);
    expect(await openTasksFor(db, v)).toEqual({ ok: false, error: 'not_approved' });
    expect(await claimTask(db, v, taskId)).toEqual({ ok: false, error: 'not_approved' });
    expect(await taskCard(db, v, taskId)).toBeNull();

    // Only coordinating staff approve; a caseworker or the volunteer themselves cannot.
    const caseworker = await person(db, { staffRole: 'caseworker' });
    expect(await reviewVolunteer(db, caseworker, v, 'approve')).toEqual({ ok: false, error: 'not_coordinator' });
    expect(await reviewVolunteer(db, v, v, 'approve')).toEqual({ ok: false, error: 'not_coordinator' });
    expect((await pendingVolunteers(db, coordinator))!.map((p) => p.personId)).toContain(v);
    expect(await reviewVolunteer(db, coordinator, v, 'approve')).toMatchObject({ ok: true, status: 'approved', changed: true });
    expect(await reviewVolunteer(db, coordinator, v, 'approve')).toMatchObject({ ok: true, changed: false });

    const listing = await openTasksFor(db, v, 50);
    expect(listing.ok && listing.listing.matching.map((t) => t.id)).toContain(taskId);

    await setPaused(db, v, true);
    expect(await openTasksFor(db, v)).toEqual({ ok: false, error: 'paused' });
    expect(await claimTask(db, v, taskId)).toEqual({ ok: false, error: 'paused' });
    await setPaused(db, v, false);
    expect((await openTasksFor(db, v)).ok).toBe(true);

    // Editing an approved profile keeps it approved.
    expect(await saveProfile(db, v, { ...PROFILE, township: 'hillview' }, TOWNSHIPS)).toMatchObject({ ok: true, created: false, profile: { status: 'approved', township: 'hillview' } });
  });

  it('lists the tasks that match township, language and skill first', async () => {
    const v = await approvedVolunteer(db, coordinator, { township: 'eastgate', languages: ['uk'], skills: ['delivery'] });
    const other = await openTask(db, coordinator, { type: 'home_visit', township: 'lakeside', language: 'es' });
    const match = await openTask(db, coordinator, { type: 'delivery', township: 'eastgate', language: 'uk' });
    const result = await openTasksFor(db, v, 100);
    if (!result.ok) throw new Error(result.error);
    expect(result.listing.matching.map((t) => t.id)).toEqual([match.taskId]);
    expect(result.listing.others.map((t) => t.id)).toContain(other.taskId);
    expect(result.listing.others.map((t) => t.id)).not.toContain(match.taskId);
  });
});

describe('claiming', () => {
  it('lets exactly one of 50 simultaneous claims win; the others hear it was taken', async () => {
    const { taskId } = await openTask(db, coordinator);
    // Made one after another: the race under test is the claim, not the sign-up.
    const volunteers: number[] = [];
    for (let i = 0; i < 50; i++) volunteers.push(await approvedVolunteer(db, coordinator));
    // On PostgreSQL through a pool wide enough for the claims to overlap for real (the test pool
    // has 3 connections, which would mostly queue them); SQLite runs one write at a time anyway.
    const racer = await widePool();
    const results = await Promise.all(volunteers.map((v) => claimTask(racer.db, v, taskId)));
    await racer.close();
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === 'taken')).toHaveLength(49);
    const row = await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } });
    const winner = volunteers[results.findIndex((r) => r.ok)];
    expect(row).toMatchObject({ status: 'claimed', claimantId: winner, claimSeq: 1 });
    expect(await db.auditEvent.count({ where: { action: 'volunteer_task.claimed', subjectId: String(taskId) } })).toBe(1);
  });

  it('holds the cap even when one volunteer claims several tasks at once', async () => {
    const v = await approvedVolunteer(db, coordinator, { maxActiveTasks: 1 });
    const tasks = [await openTask(db, coordinator), await openTask(db, coordinator), await openTask(db, coordinator)];
    const results = await Promise.all(tasks.map((t) => claimTask(db, v, t.taskId)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === 'cap_reached')).toHaveLength(2);
    expect(await db.volunteerTask.count({ where: { claimantId: v, status: 'claimed' } })).toBe(1);
  });

  it('says "already yours" to a second tap, and "taken" after another volunteer won', async () => {
    const { taskId } = await openTask(db, coordinator);
    const a = await approvedVolunteer(db, coordinator);
    const b = await approvedVolunteer(db, coordinator);
    expect(await claimTask(db, a, taskId)).toMatchObject({ ok: true, volunteerName: 'Vol' });
    expect(await claimTask(db, a, taskId)).toEqual({ ok: false, error: 'already_yours' });
    expect(await claimTask(db, b, taskId)).toEqual({ ok: false, error: 'taken' });
    expect(await claimTask(db, b, 99_999_999)).toEqual({ ok: false, error: 'not_found' });
  });

  it("refuses a volunteer's claim on their own household's request", async () => {
    const v = await approvedVolunteer(db, coordinator);
    const asked = await requestHelp(db, v, { type: 'paperwork', township: 'riverside', contact: CONTACT, consent: true }, TOWNSHIPS);
    if (!asked.ok) throw new Error(asked.error);
    await publishRequest(db, coordinator, asked.taskId, { dueDate: null, effortHours: 1 });
    expect(await claimTask(db, v, asked.taskId)).toEqual({ ok: false, error: 'not_found' });
    expect((await db.volunteerTask.findUniqueOrThrow({ where: { id: asked.taskId } })).status).toBe('open');
  });
});

describe("the household's contact", () => {
  it('is shown to the claimant only while they hold the claim', async () => {
    const { taskId } = await openTask(db, coordinator);
    const a = await approvedVolunteer(db, coordinator);
    const b = await approvedVolunteer(db, coordinator);

    expect(await taskCard(db, a, taskId)).toMatchObject({ status: 'open', contact: null, heldByViewer: false });
    await claimTask(db, a, taskId);
    expect(await taskCard(db, a, taskId)).toMatchObject({ status: 'claimed', heldByViewer: true, contact: CONTACT });
    // Another volunteer cannot even see a claimed task; the coordinator sees it without contact.
    expect(await taskCard(db, b, taskId)).toBeNull();
    expect(await taskCard(db, coordinator, taskId)).toMatchObject({ status: 'claimed', contact: null });

    expect(await unclaimTask(db, a, taskId)).toEqual({ ok: true, taskId });
    expect(await taskCard(db, a, taskId)).toMatchObject({ status: 'open', contact: null, heldByViewer: false });

    await claimTask(db, b, taskId);
    expect(await taskCard(db, b, taskId)).toMatchObject({ contact: CONTACT });
    expect(await taskCard(db, a, taskId)).toBeNull();
    expect(await completeTask(db, b, taskId, { report: 'Filled in the form together', minutes: 90 })).toMatchObject({ ok: true, type: 'paperwork' });
    expect(await taskCard(db, b, taskId)).toBeNull();

    // Each look was recorded, never what was seen.
    expect(await db.auditEvent.count({ where: { action: 'volunteer_task.contact_viewed', subjectId: String(taskId) } })).toBe(2);
    const audit = await auditText();
    for (const value of Object.values(CONTACT)) expect(audit).not.toContain(value);
    expect(audit).not.toContain('Filled in the form');
  });

  it("refuses every action on somebody else's claim (forged buttons change nothing)", async () => {
    const { taskId, householdId } = await openTask(db, coordinator);
    const owner = await approvedVolunteer(db, coordinator);
    const intruder = await approvedVolunteer(db, coordinator);
    await claimTask(db, owner, taskId);
    const before = await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(await unclaimTask(db, intruder, taskId)).toEqual({ ok: false, error: 'not_held' });
    expect(await checkInTask(db, intruder, taskId)).toEqual({ ok: false, error: 'not_held' });
    expect(await completeTask(db, intruder, taskId, { report: 'done', minutes: 60 })).toEqual({ ok: false, error: 'not_held' });
    expect(await completeTask(db, coordinator, taskId, { report: 'done', minutes: 60 })).toEqual({ ok: false, error: 'not_held' });
    expect(await householdFeedback(db, intruder, taskId, 'problem')).toEqual({ ok: false, error: 'not_found' });
    expect(await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).toEqual(before);
    // The real household can report a problem while the task is claimed.
    expect(await householdFeedback(db, householdId, taskId, 'problem')).toMatchObject({ ok: true, feedback: 'problem' });
  });
});

describe('requests, completion and feedback', () => {
  it('turns an applicant request into a task, and the household thanks the volunteer once', async () => {
    const applicant = await person(db, { role: 'applicant', language: 'es' });
    expect(await requestHelp(db, applicant, { type: 'paperwork', township: 'hillview', contact: CONTACT, consent: false }, TOWNSHIPS)).toMatchObject({ error: 'no_consent' });
    expect(await requestHelp(db, applicant, { type: 'paperwork', township: 'hillview', contact: { ...CONTACT, phone: 'none' }, consent: true }, TOWNSHIPS)).toMatchObject({ error: 'invalid_contact' });
    const asked = await requestHelp(db, applicant, { type: 'paperwork', township: 'hillview', contact: CONTACT, consent: true }, TOWNSHIPS);
    if (!asked.ok) throw new Error(asked.error);
    const v = await approvedVolunteer(db, coordinator, { languages: ['es'], township: 'hillview' });
    // Requested is not open: nobody can claim it before a coordinator publishes it.
    expect(await claimTask(db, v, asked.taskId)).toEqual({ ok: false, error: 'not_found' });
    expect(await publishRequest(db, v, asked.taskId, { dueDate: null, effortHours: 2 })).toEqual({ ok: false, error: 'not_coordinator' });
    expect(await publishRequest(db, coordinator, asked.taskId, { dueDate: null, effortHours: 2 })).toMatchObject({ ok: true, household: { personId: applicant, language: 'es' } });
    expect(await publishRequest(db, coordinator, asked.taskId, { dueDate: null, effortHours: 2 })).toEqual({ ok: false, error: 'not_requested' });

    expect(await claimTask(db, v, asked.taskId)).toMatchObject({ ok: true, household: { personId: applicant } });
    expect(await householdFeedback(db, applicant, asked.taskId, 'thanks')).toEqual({ ok: false, error: 'not_found' });
    expect(await completeTask(db, v, asked.taskId, { report: ' ', minutes: 60 })).toEqual({ ok: false, error: 'invalid_report' });
    expect(await completeTask(db, v, asked.taskId, { report: 'ok', minutes: 0 })).toEqual({ ok: false, error: 'invalid_hours' });
    expect(await completeTask(db, v, asked.taskId, { report: 'Form sent', minutes: 150 })).toMatchObject({ ok: true, household: { personId: applicant } });
    expect(await householdFeedback(db, applicant, asked.taskId, 'thanks')).toMatchObject({ ok: true, volunteer: { personId: v } });
    expect(await householdFeedback(db, applicant, asked.taskId, 'problem')).toEqual({ ok: false, error: 'already_answered' });

    const mine = await myTasks(db, v);
    expect(mine.hours).toEqual({ tasksDone: 1, minutes: 150, minutesThisYear: 150 });
    expect(mine.claimed).toEqual([]);
  });

  it('gives the coordinator the board; others get nothing', async () => {
    const board = await taskBoard(db, coordinator, DEFAULT_VOLUNTEERING_SETTINGS);
    expect(board?.counts.done).toBeGreaterThan(0);
    const v = await approvedVolunteer(db, coordinator);
    expect(await taskBoard(db, v, DEFAULT_VOLUNTEERING_SETTINGS)).toBeNull();
  });
});
