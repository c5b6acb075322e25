// Volunteer tasks: a household asks for help (a coordinator publishes it), or staff make a task
// from a case; approved volunteers list open tasks (best matches first), claim one (atomically:
// of many simultaneous claims exactly one wins), check in, unclaim or complete it with a short
// report and the hours spent; the household is told and can thank or report a problem.
//
// The household's name, address and phone (TaskContact) are read only by taskCard, and only for
// the volunteer holding the claim at the moment of reading: nothing caches them. They never reach
// the audit trail, whose details are codes and ids.
import type { Db, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { cancelRemindersIn, scheduleReminderIn } from '../reminders/reminders.js';
import { isId, transaction } from '../transaction.js';
import {
  isTaskLanguage,
  isTaskStatus,
  isTaskType,
  MAX_CONTACT_FIELD,
  MAX_REPORT_LENGTH,
  MAX_TASK_HOURS,
  readCodes,
  TASK_LANGUAGES,
  TASK_TYPES,
  type TaskLanguage,
  type TaskStatus,
  type TaskType,
  type VolunteeringSettings,
} from './codes.js';
import { coordinatorRoleOf, coordinatorsFor, staffRoleOf } from './staff.js';
import type { Recipient } from './volunteers.js';

// --- Shapes ------------------------------------------------------------------------------------

export interface ContactInput {
  name: string;
  address: string;
  phone: string;
}

export interface TaskSummary {
  id: number;
  type: TaskType;
  township: string;
  language: TaskLanguage;
  dueDate: Date | null;
  effortHours: number;
  status: TaskStatus;
}

export interface TaskCard extends TaskSummary {
  /** The viewer holds the claim now. */
  heldByViewer: boolean;
  /** Only for the volunteer holding the claim, while they hold it; null for everybody else. */
  contact: ContactInput | null;
  claimedAt: Date | null;
  lastActivityAt: Date | null;
  completedAt: Date | null;
  minutesSpent: number | null;
}

/** Open tasks for a volunteer: those matching township, a language and a skill first. */
export interface TaskListing {
  matching: TaskSummary[];
  others: TaskSummary[];
}

export type VolunteerRefusal = 'not_volunteer' | 'not_approved' | 'paused';

export type RequestHelpResult =
  | { ok: true; taskId: number }
  | { ok: false; error: 'not_found' | 'invalid_type' | 'invalid_township' | 'invalid_contact' | 'no_consent' | 'too_many_requests' };

export type CreateTaskResult =
  | { ok: true; taskId: number }
  | {
      ok: false;
      error: 'not_staff' | 'case_not_found' | 'invalid_type' | 'invalid_township' | 'invalid_language' | 'invalid_contact' | 'invalid_effort' | 'invalid_due_date';
    };

export type PublishResult =
  | { ok: true; taskId: number; type: TaskType; household: Recipient | null }
  | { ok: false; error: 'not_coordinator' | 'not_found' | 'not_requested' | 'invalid_effort' | 'invalid_due_date' };

export type ClaimResult =
  | { ok: true; taskId: number; type: TaskType; household: Recipient | null; volunteerName: string | null }
  | { ok: false; error: VolunteerRefusal | 'not_found' | 'taken' | 'already_yours' | 'cap_reached'; maxActiveTasks?: number };

export type HeldTaskResult = { ok: true; taskId: number } | { ok: false; error: 'not_held' };

export type CompleteResult =
  | { ok: true; taskId: number; household: Recipient | null; type: TaskType }
  | { ok: false; error: 'not_held' | 'invalid_report' | 'invalid_hours' };

export type FeedbackResult =
  | { ok: true; feedback: 'thanks' | 'problem'; volunteer: Recipient | null; type: TaskType }
  | { ok: false; error: 'not_found' | 'already_answered' };

export interface HoursSummary {
  tasksDone: number;
  minutes: number;
  /** Since 1 January (UTC) of the current year. */
  minutesThisYear: number;
}

export interface BoardCounts {
  requested: number;
  open: number;
  claimed: number;
  /** Claimed and without an update for the check-in days or longer. */
  stale: number;
  done: number;
}

export interface TaskBoard {
  counts: BoardCounts;
  requested: TaskSummary[];
  stale: (TaskSummary & { lastActivityAt: Date | null })[];
  pendingVolunteers: number;
}

// --- Reading rows ------------------------------------------------------------------------------

type TaskRow = NonNullable<Awaited<ReturnType<Db['volunteerTask']['findUnique']>>>;
type UserRow = NonNullable<Awaited<ReturnType<Db['user']['findUnique']>>>;

function toSummary(row: TaskRow): TaskSummary {
  if (!isTaskType(row.type) || !isTaskStatus(row.status) || !isTaskLanguage(row.language)) {
    throw new Error(`VolunteerTask ${row.id}: unknown type, status or language`);
  }
  return {
    id: row.id,
    type: row.type,
    township: row.township,
    language: row.language,
    dueDate: row.dueDate,
    effortHours: row.effortHours,
    status: row.status,
  };
}

export function recipientOf(user: Pick<UserRow, 'id' | 'chatId' | 'language' | 'active'>): Recipient {
  return { personId: user.id, chatId: Number(user.chatId), language: user.language, reachable: user.active };
}

/** Trimmed, one line each, not empty and not too long; null when not. */
function checkContact(contact: ContactInput): ContactInput | null {
  const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');
  const out = { name: clean(contact?.name), address: clean(contact?.address), phone: clean(contact?.phone) };
  const fits = (v: string) => v !== '' && v.length <= MAX_CONTACT_FIELD;
  if (!fits(out.name) || !fits(out.address) || !fits(out.phone)) return null;
  // A phone number has digits; "none" or "-" would leave the volunteer without a way to call.
  if ((out.phone.match(/\d/g) ?? []).length < 5) return null;
  return out;
}

const validEffort = (hours: number) => Number.isInteger(hours) && hours >= 1 && hours <= MAX_TASK_HOURS;
const validDueDate = (date: Date | null | undefined) => date == null || (date instanceof Date && !Number.isNaN(date.getTime()));

/** A volunteer who may take tasks now: chose the role, approved, not on holiday. */
type ProfileRow = NonNullable<Awaited<ReturnType<Db['volunteerProfile']['findUnique']>>>;

async function activeVolunteer(
  tx: Db | DbTx,
  personId: number,
): Promise<{ error: VolunteerRefusal } | { error?: undefined; person: UserRow; profile: ProfileRow }> {
  if (!isId(personId)) return { error: 'not_volunteer' as const };
  const person = await tx.user.findUnique({ where: { id: personId }, include: { volunteerProfile: true } });
  const profile = person?.volunteerProfile;
  if (!person || person.role !== 'volunteer' || !profile) return { error: 'not_volunteer' as const };
  if (profile.status !== 'approved') return { error: 'not_approved' as const };
  if (profile.paused) return { error: 'paused' as const };
  return { person, profile };
}

/** Households may have this many requests waiting or in progress at once. */
const MAX_OPEN_REQUESTS = 3;
const OPEN_TASK_STATUSES: TaskStatus[] = ['requested', 'open', 'claimed'];

/** Dedupe-key prefix of one claim's reminders: cancelled together when the claim ends. */
export const claimKey = (taskId: number, claimSeq: number) => `volunteer-task:${taskId}:${claimSeq}:`;

function audit(tx: DbTx, actorId: number | null, action: string, taskId: number, details: Record<string, unknown> = {}) {
  return recordAudit(tx, { actorId, action: `volunteer_task.${action}`, subjectType: 'volunteer_task', subjectId: String(taskId), details });
}

// --- Making tasks ------------------------------------------------------------------------------

/**
 * "I need help with the form": the applicant asks for a kind of help in their township and gives,
 * with consent, the contact details the volunteer will see. A coordinator then publishes it.
 */
export async function requestHelp(
  db: Db,
  personId: number,
  input: { type: string; township: string; contact: ContactInput; consent: boolean },
  townshipCodes: readonly string[],
): Promise<RequestHelpResult> {
  return transaction<RequestHelpResult>(db, async (tx, rollback) => {
    const person = isId(personId) ? await tx.user.findUnique({ where: { id: personId } }) : null;
    if (!person) return rollback({ ok: false, error: 'not_found' });
    if (!isTaskType(input.type)) return rollback({ ok: false, error: 'invalid_type' });
    if (!townshipCodes.includes(input.township)) return rollback({ ok: false, error: 'invalid_township' });
    if (input.consent !== true) return rollback({ ok: false, error: 'no_consent' });
    const contact = checkContact(input.contact);
    if (!contact) return rollback({ ok: false, error: 'invalid_contact' });
    const waiting = await tx.volunteerTask.count({ where: { householdId: personId, status: { in: OPEN_TASK_STATUSES } } });
    if (waiting >= MAX_OPEN_REQUESTS) return rollback({ ok: false, error: 'too_many_requests' });
    const language = isTaskLanguage(person.language) ? person.language : 'en';
    const now = new Date();
    const task = await tx.volunteerTask.create({
      data: {
        type: input.type,
        township: input.township,
        language,
        status: 'requested',
        householdId: personId,
        contact: { create: { ...contact, consentedAt: now } },
      },
    });
    for (const staffId of await coordinatorsFor(tx, null)) {
      await scheduleReminderIn(tx, {
        personId: staffId,
        kind: 'task_update',
        dueAt: now,
        payload: { taskId: task.id, event: 'requested' },
        dedupeKey: `volunteer-task:${task.id}:requested:${staffId}`,
      });
    }
    await audit(tx, personId, 'requested', task.id, { type: input.type, township: input.township });
    return { ok: true, taskId: task.id };
  });
}

/**
 * Staff (caseworker, coordinator, admin) make an open task from a case (SN-…): the household is
 * the applicant; township and language default to the case's and the applicant's.
 */
export async function createTaskFromCase(
  db: Db,
  staffId: number,
  input: {
    reference: string;
    type: string;
    township?: string | null;
    language?: string | null;
    dueDate?: Date | null;
    effortHours: number;
    contact: ContactInput;
  },
  townshipCodes: readonly string[],
): Promise<CreateTaskResult> {
  return transaction<CreateTaskResult>(db, async (tx, rollback) => {
    const role = await staffRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_staff' });
    const reference = String(input.reference ?? '').trim().toUpperCase();
    const application = await tx.application.findUnique({ where: { reference }, include: { person: true } });
    if (!application || application.status === 'draft') return rollback({ ok: false, error: 'case_not_found' });
    if (!isTaskType(input.type)) return rollback({ ok: false, error: 'invalid_type' });
    const township = input.township ?? application.township;
    if (!township || !townshipCodes.includes(township)) return rollback({ ok: false, error: 'invalid_township' });
    const language = input.language ?? application.person.language;
    if (!isTaskLanguage(language)) return rollback({ ok: false, error: 'invalid_language' });
    if (!validEffort(input.effortHours)) return rollback({ ok: false, error: 'invalid_effort' });
    if (!validDueDate(input.dueDate)) return rollback({ ok: false, error: 'invalid_due_date' });
    const contact = checkContact(input.contact);
    if (!contact) return rollback({ ok: false, error: 'invalid_contact' });
    const task = await tx.volunteerTask.create({
      data: {
        type: input.type,
        township,
        language,
        dueDate: input.dueDate ?? null,
        effortHours: input.effortHours,
        status: 'open',
        householdId: application.personId,
        applicationId: application.id,
        createdById: staffId,
        contact: { create: { ...contact, consentedAt: new Date() } },
      },
    });
    await audit(tx, staffId, 'created', task.id, { actorRole: role, type: input.type, township, applicationId: application.id });
    return { ok: true, taskId: task.id };
  });
}

/** A coordinator turns a household's request into an open task, with a due date and effort. */
export async function publishRequest(
  db: Db,
  staffId: number,
  taskId: number,
  input: { dueDate: Date | null; effortHours: number },
): Promise<PublishResult> {
  return transaction<PublishResult>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_coordinator' });
    if (!validEffort(input.effortHours)) return rollback({ ok: false, error: 'invalid_effort' });
    if (!validDueDate(input.dueDate)) return rollback({ ok: false, error: 'invalid_due_date' });
    if (!isId(taskId)) return rollback({ ok: false, error: 'not_found' });
    const { count } = await tx.volunteerTask.updateMany({
      where: { id: taskId, status: 'requested' },
      data: { status: 'open', dueDate: input.dueDate, effortHours: input.effortHours, createdById: staffId },
    });
    const row = await tx.volunteerTask.findUnique({ where: { id: taskId }, include: { household: true } });
    if (!row) return rollback({ ok: false, error: 'not_found' });
    if (count === 0) return rollback({ ok: false, error: 'not_requested' });
    await audit(tx, staffId, 'published', taskId, { actorRole: role, effortHours: input.effortHours });
    return { ok: true, taskId, type: toSummary(row).type, household: row.household ? recipientOf(row.household) : null };
  });
}

/** A coordinator declines a request (not something volunteers do); its contact details go. */
export async function declineRequest(db: Db, staffId: number, taskId: number): Promise<PublishResult> {
  return transaction<PublishResult>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_coordinator' });
    if (!isId(taskId)) return rollback({ ok: false, error: 'not_found' });
    const { count } = await tx.volunteerTask.updateMany({ where: { id: taskId, status: 'requested' }, data: { status: 'cancelled' } });
    const row = await tx.volunteerTask.findUnique({ where: { id: taskId }, include: { household: true } });
    if (!row) return rollback({ ok: false, error: 'not_found' });
    if (count === 0) return rollback({ ok: false, error: 'not_requested' });
    await tx.taskContact.deleteMany({ where: { taskId } });
    await audit(tx, staffId, 'declined', taskId, { actorRole: role });
    return { ok: true, taskId, type: toSummary(row).type, household: row.household ? recipientOf(row.household) : null };
  });
}

// --- Volunteers' side --------------------------------------------------------------------------

const LISTING_SCAN = 200;

/** Tasks that are not for the volunteer's own household (SQL's <> alone would drop NULLs too). */
const notOwn = (volunteerId: number) => ({ OR: [{ householdId: null }, { householdId: { not: volunteerId } }] });

/**
 * Open tasks for the volunteer: first those in their township, in a language they speak and of a
 * skill they offer (soonest due first), then the rest by how much they match. Refused for anyone
 * not approved or on holiday.
 */
export async function openTasksFor(
  db: Db,
  volunteerId: number,
  limit = 10,
): Promise<{ ok: true; listing: TaskListing } | { ok: false; error: VolunteerRefusal }> {
  const volunteer = await activeVolunteer(db, volunteerId);
  if (volunteer.error) return { ok: false, error: volunteer.error };
  const { profile } = volunteer;
  const languages = readCodes(profile.languages, TASK_LANGUAGES);
  const skills = readCodes(profile.skills, TASK_TYPES);
  const order = [{ dueDate: { sort: 'asc' as const, nulls: 'last' as const } }, { id: 'asc' as const }];
  const matchingRows = await db.volunteerTask.findMany({
    where: { status: 'open', township: profile.township, language: { in: languages }, type: { in: skills }, ...notOwn(volunteerId) },
    orderBy: order,
    take: limit,
  });
  const matching = matchingRows.map(toSummary);
  let others: TaskSummary[] = [];
  if (matching.length < limit) {
    const seen = new Set(matching.map((t) => t.id));
    const score = (t: TaskSummary) =>
      (t.township === profile.township ? 1 : 0) + (languages.includes(t.language) ? 1 : 0) + (skills.includes(t.type) ? 1 : 0);
    const rest = (await db.volunteerTask.findMany({ where: { status: 'open', ...notOwn(volunteerId) }, orderBy: order, take: LISTING_SCAN }))
      .filter((row) => !seen.has(row.id))
      .map(toSummary);
    // Stable sort: equal scores keep the due-date order.
    others = rest.sort((a, b) => score(b) - score(a)).slice(0, limit - matching.length);
  }
  return { ok: true, listing: { matching, others } };
}

/**
 * A task as the viewer may see it, read afresh on every call. Volunteers who may take tasks see
 * open ones; the claimant sees theirs with the household's contact, while the claim lasts (each
 * look is recorded, without the details); coordinating staff see every task, never the contact.
 * Null for anybody else and for tasks that do not exist.
 */
export async function taskCard(db: Db, viewerId: number, taskId: number): Promise<TaskCard | null> {
  if (!isId(viewerId) || !isId(taskId)) return null;
  return transaction<TaskCard | null>(db, async (tx, rollback) => {
    const row = await tx.volunteerTask.findUnique({ where: { id: taskId } });
    if (!row) return rollback(null);
    const holds = row.status === 'claimed' && row.claimantId === viewerId;
    if (!holds) {
      const mayBrowse = row.status === 'open' && !(await activeVolunteer(tx, viewerId)).error;
      if (!mayBrowse && !(await coordinatorRoleOf(tx, viewerId))) return rollback(null);
    }
    let contact: ContactInput | null = null;
    if (holds) {
      const stored = await tx.taskContact.findUnique({ where: { taskId } });
      if (stored) {
        contact = { name: stored.name, address: stored.address, phone: stored.phone };
        await audit(tx, viewerId, 'contact_viewed', taskId);
      }
    }
    const card: TaskCard = {
      ...toSummary(row),
      heldByViewer: holds,
      contact,
      claimedAt: row.claimedAt,
      lastActivityAt: row.lastActivityAt,
      completedAt: row.completedAt,
      minutesSpent: row.minutesSpent,
    };
    return contact ? card : rollback(card);
  });
}

/**
 * Many volunteers tapping one new task at once queue for its row (and for connections): each
 * waits its turn and is told "taken", rather than failing after Prisma's 2-second default wait.
 */
const CLAIM_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

/**
 * Claims an open task. The conditional update (status still open) is the claim: of any number of
 * simultaneous claims exactly one changes the row, on SQLite and PostgreSQL alike; the others are
 * told it was taken. The volunteer's own row is touched first, so that two claims by one
 * volunteer are counted one after the other against their cap.
 */
export async function claimTask(db: Db, volunteerId: number, taskId: number, now = new Date()): Promise<ClaimResult> {
  return transaction<ClaimResult>(db, (tx, rollback) => claimIn(tx, rollback, volunteerId, taskId, now), CLAIM_TRANSACTION);
}

async function claimIn(
  tx: DbTx,
  rollback: (result: ClaimResult) => never,
  volunteerId: number,
  taskId: number,
  now: Date,
): Promise<ClaimResult> {
  const volunteer = await activeVolunteer(tx, volunteerId);
  if (volunteer.error) return rollback({ ok: false, error: volunteer.error });
  if (!isId(taskId)) return rollback({ ok: false, error: 'not_found' });
  // Nobody volunteers for their own household's request.
  const target = await tx.volunteerTask.findUnique({ where: { id: taskId }, select: { householdId: true } });
  if (!target || target.householdId === volunteerId) return rollback({ ok: false, error: 'not_found' });
  await tx.volunteerProfile.updateMany({ where: { personId: volunteerId }, data: { updatedAt: now } });
  const held = await tx.volunteerTask.count({ where: { claimantId: volunteerId, status: 'claimed' } });
  const max = volunteer.profile.maxActiveTasks;
  if (held >= max) {
    const mine = await tx.volunteerTask.count({ where: { id: taskId, claimantId: volunteerId, status: 'claimed' } });
    return rollback(mine ? { ok: false, error: 'already_yours' } : { ok: false, error: 'cap_reached', maxActiveTasks: max });
  }
  const { count } = await tx.volunteerTask.updateMany({
    where: { id: taskId, status: 'open' },
    data: { status: 'claimed', claimantId: volunteerId, claimedAt: now, lastActivityAt: now, nudgedAt: null, claimSeq: { increment: 1 } },
  });
  if (count === 0) {
    const row = await tx.volunteerTask.findUnique({ where: { id: taskId }, select: { status: true, claimantId: true } });
    if (!row || row.status === 'requested' || row.status === 'cancelled') return rollback({ ok: false, error: 'not_found' });
    return rollback({ ok: false, error: row.status === 'claimed' && row.claimantId === volunteerId ? 'already_yours' : 'taken' });
  }
  const row = await tx.volunteerTask.findUniqueOrThrow({ where: { id: taskId }, include: { household: true } });
  await audit(tx, volunteerId, 'claimed', taskId, { claim: row.claimSeq });
  return {
    ok: true,
    taskId,
    type: toSummary(row).type,
    household: row.household ? recipientOf(row.household) : null,
    volunteerName: volunteer.person.firstName,
  };
}

/** The claim ends without the work done: the task is open again and the contact hidden. */
export async function unclaimTask(db: Db, volunteerId: number, taskId: number): Promise<HeldTaskResult> {
  return endClaim(db, volunteerId, taskId, 'unclaimed', { status: 'open' });
}

/** "Still on it": the claim is alive; the stale sweep starts counting again from now. */
export async function checkInTask(db: Db, volunteerId: number, taskId: number, now = new Date()): Promise<HeldTaskResult> {
  return transaction<HeldTaskResult>(db, async (tx, rollback) => {
    if (!isId(volunteerId) || !isId(taskId)) return rollback({ ok: false, error: 'not_held' });
    const { count } = await tx.volunteerTask.updateMany({
      where: { id: taskId, status: 'claimed', claimantId: volunteerId },
      data: { lastActivityAt: now, nudgedAt: null },
    });
    if (count === 0) return rollback({ ok: false, error: 'not_held' });
    await audit(tx, volunteerId, 'checked_in', taskId);
    return { ok: true, taskId };
  });
}

/** Done: a short report and the hours spent (minutes, from what the volunteer typed). */
export async function completeTask(
  db: Db,
  volunteerId: number,
  taskId: number,
  input: { report: string; minutes: number },
  now = new Date(),
): Promise<CompleteResult> {
  const report = typeof input.report === 'string' ? input.report.trim() : '';
  if (report === '' || report.length > MAX_REPORT_LENGTH) return { ok: false, error: 'invalid_report' };
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_TASK_HOURS * 60) {
    return { ok: false, error: 'invalid_hours' };
  }
  const ended = await endClaim(db, volunteerId, taskId, 'completed', {
    status: 'done',
    completedById: volunteerId,
    completedAt: now,
    minutesSpent: input.minutes,
    report,
  });
  if (!ended.ok) return ended;
  const row = await db.volunteerTask.findUniqueOrThrow({ where: { id: taskId }, include: { household: true } });
  return { ok: true, taskId, household: row.household ? recipientOf(row.household) : null, type: toSummary(row).type };
}

/** Ends the volunteer's claim (unclaim or complete): only theirs, only while they hold it. */
async function endClaim(
  db: Db,
  volunteerId: number,
  taskId: number,
  action: 'unclaimed' | 'completed',
  data: { status: 'open' | 'done'; completedById?: number; completedAt?: Date; minutesSpent?: number; report?: string },
): Promise<HeldTaskResult> {
  return transaction<HeldTaskResult>(db, async (tx, rollback) => {
    if (!isId(volunteerId) || !isId(taskId)) return rollback({ ok: false, error: 'not_held' });
    const row = await tx.volunteerTask.findUnique({ where: { id: taskId } });
    if (!row || row.status !== 'claimed' || row.claimantId !== volunteerId) return rollback({ ok: false, error: 'not_held' });
    const { count } = await tx.volunteerTask.updateMany({
      where: { id: taskId, status: 'claimed', claimantId: volunteerId, claimSeq: row.claimSeq },
      data: { ...data, claimantId: null, claimedAt: null, lastActivityAt: null, nudgedAt: null },
    });
    if (count === 0) return rollback({ ok: false, error: 'not_held' });
    await cancelRemindersIn(tx, { dedupeKeyPrefix: claimKey(taskId, row.claimSeq), actorId: volunteerId, reason: `task_${action}`, settleSent: true });
    await audit(tx, volunteerId, action, taskId, { claim: row.claimSeq, ...(data.minutesSpent ? { minutes: data.minutesSpent } : {}) });
    return { ok: true, taskId };
  });
}

// --- The household's side -----------------------------------------------------------------------

/**
 * The household thanks the volunteer (after completion) or reports a problem (while claimed or
 * after completion); once per task. A problem goes to the coordinators through the reminder queue.
 */
export async function householdFeedback(
  db: Db,
  personId: number,
  taskId: number,
  feedback: 'thanks' | 'problem',
  now = new Date(),
): Promise<FeedbackResult> {
  return transaction<FeedbackResult>(db, async (tx, rollback) => {
    if (!isId(personId) || !isId(taskId)) return rollback({ ok: false, error: 'not_found' });
    const allowed: TaskStatus[] = feedback === 'thanks' ? ['done'] : ['claimed', 'done'];
    const row = await tx.volunteerTask.findUnique({ where: { id: taskId } });
    if (!row || row.householdId !== personId || !(allowed as string[]).includes(row.status)) return rollback({ ok: false, error: 'not_found' });
    const { count } = await tx.volunteerTask.updateMany({
      where: { id: taskId, householdId: personId, feedback: null },
      data: { feedback, feedbackAt: now },
    });
    if (count === 0) return rollback({ ok: false, error: 'already_answered' });
    const volunteerId = row.status === 'done' ? row.completedById : row.claimantId;
    const volunteer = volunteerId ? await tx.user.findUnique({ where: { id: volunteerId } }) : null;
    if (feedback === 'problem') {
      for (const staffId of await coordinatorsFor(tx, row.createdById)) {
        await scheduleReminderIn(tx, {
          personId: staffId,
          kind: 'task_update',
          dueAt: now,
          payload: { taskId, event: 'problem' },
          dedupeKey: `volunteer-task:${taskId}:problem:${staffId}`,
        });
      }
    }
    await audit(tx, personId, feedback === 'thanks' ? 'thanked' : 'problem_reported', taskId);
    return { ok: true, feedback, volunteer: volunteer ? recipientOf(volunteer) : null, type: toSummary(row).type };
  });
}

// --- Lists -------------------------------------------------------------------------------------

/** The volunteer's claims now held, and their hours. */
export async function myTasks(db: Db, volunteerId: number, now = new Date()): Promise<{ claimed: TaskSummary[]; hours: HoursSummary }> {
  if (!isId(volunteerId)) return { claimed: [], hours: { tasksDone: 0, minutes: 0, minutesThisYear: 0 } };
  const claimed = await db.volunteerTask.findMany({
    where: { claimantId: volunteerId, status: 'claimed' },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  });
  const done = await db.volunteerTask.aggregate({
    where: { completedById: volunteerId, status: 'done' },
    _count: { _all: true },
    _sum: { minutesSpent: true },
  });
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const thisYear = await db.volunteerTask.aggregate({
    where: { completedById: volunteerId, status: 'done', completedAt: { gte: yearStart } },
    _sum: { minutesSpent: true },
  });
  return {
    claimed: claimed.map(toSummary),
    hours: { tasksDone: done._count._all, minutes: done._sum.minutesSpent ?? 0, minutesThisYear: thisYear._sum.minutesSpent ?? 0 },
  };
}

/** The coordinator's view: counts, requests waiting, stale claims. Null when not coordinating. */
export async function taskBoard(db: Db, staffId: number, settings: VolunteeringSettings, now = new Date()): Promise<TaskBoard | null> {
  if (!(await coordinatorRoleOf(db, staffId))) return null;
  const staleBefore = new Date(now.getTime() - settings.checkinAfterDays * 86_400_000);
  const staleWhere = { status: 'claimed', lastActivityAt: { lte: staleBefore } };
  const grouped = await db.volunteerTask.groupBy({ by: ['status'], _count: { _all: true } });
  const count = (status: TaskStatus) => grouped.find((g) => g.status === status)?._count._all ?? 0;
  const [requested, stale, stalecount, pendingVolunteers] = await Promise.all([
    db.volunteerTask.findMany({ where: { status: 'requested' }, orderBy: { id: 'asc' }, take: 10 }),
    db.volunteerTask.findMany({ where: staleWhere, orderBy: { lastActivityAt: 'asc' }, take: 10 }),
    db.volunteerTask.count({ where: staleWhere }),
    db.volunteerProfile.count({ where: { status: 'pending' } }),
  ]);
  return {
    counts: { requested: count('requested'), open: count('open'), claimed: count('claimed'), stale: stalecount, done: count('done') },
    requested: requested.map(toSummary),
    stale: stale.map((row) => ({ ...toSummary(row), lastActivityAt: row.lastActivityAt })),
    pendingVolunteers,
  };
}
