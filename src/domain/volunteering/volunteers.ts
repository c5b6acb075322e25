// Volunteers: sign-up (languages, skills, township, availability, how many tasks at once), the
// coordinator's approval, editing, and pausing for a holiday. A volunteer sees tasks only once
// approved and while not paused (tasks.ts checks it on every call).
import type { Db } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { isId, transaction } from '../transaction.js';
import {
  AVAILABILITY,
  isProfileStatus,
  MAX_ACTIVE_LIMIT,
  readCodes,
  TASK_LANGUAGES,
  TASK_TYPES,
  writeCodes,
  type Availability,
  type ProfileStatus,
  type TaskLanguage,
  type TaskType,
} from './codes.js';
import { coordinatorRoleOf } from './staff.js';

export interface ProfileInput {
  languages: readonly string[];
  skills: readonly string[];
  availability: readonly string[];
  township: string;
  maxActiveTasks: number;
}

export interface VolunteerProfile {
  personId: number;
  firstName: string | null;
  languages: TaskLanguage[];
  skills: TaskType[];
  availability: Availability[];
  township: string;
  maxActiveTasks: number;
  status: ProfileStatus;
  paused: boolean;
  createdAt: Date;
}

/** Whom to tell (in their language) about a change to their profile or task. */
export interface Recipient {
  personId: number;
  chatId: number;
  language: string;
  reachable: boolean;
}

export type SaveProfileResult =
  | { ok: true; profile: VolunteerProfile; created: boolean }
  | {
      ok: false;
      error: 'not_volunteer' | 'invalid_languages' | 'invalid_skills' | 'invalid_availability' | 'invalid_township' | 'invalid_max';
    };

export type ReviewResult =
  | { ok: true; status: ProfileStatus; changed: boolean; volunteer: Recipient }
  | { ok: false; error: 'not_coordinator' | 'not_found' };

type ProfileRow = NonNullable<Awaited<ReturnType<Db['volunteerProfile']['findUnique']>>>;

function toProfile(row: ProfileRow, firstName: string | null): VolunteerProfile {
  return {
    personId: row.personId,
    firstName,
    languages: readCodes(row.languages, TASK_LANGUAGES),
    skills: readCodes(row.skills, TASK_TYPES),
    availability: readCodes(row.availability, AVAILABILITY),
    township: row.township,
    maxActiveTasks: row.maxActiveTasks,
    status: isProfileStatus(row.status) ? row.status : 'pending',
    paused: row.paused,
    createdAt: row.createdAt,
  };
}

export async function getProfile(db: Db, personId: number): Promise<VolunteerProfile | null> {
  if (!isId(personId)) return null;
  const row = await db.volunteerProfile.findUnique({ where: { personId }, include: { person: { select: { firstName: true } } } });
  return row ? toProfile(row, row.person.firstName) : null;
}

/**
 * Signs the person up, or changes their sign-up. Only people who chose the volunteer role. A new
 * (or rejected, then edited) sign-up waits for a coordinator; an approved one stays approved.
 */
export async function saveProfile(
  db: Db,
  personId: number,
  input: ProfileInput,
  townshipCodes: readonly string[],
): Promise<SaveProfileResult> {
  return transaction<SaveProfileResult>(db, async (tx, rollback) => {
    const person = isId(personId) ? await tx.user.findUnique({ where: { id: personId } }) : null;
    if (person?.role !== 'volunteer') return rollback({ ok: false, error: 'not_volunteer' });
    const languages = writeCodes(input.languages, TASK_LANGUAGES);
    if (!languages) return rollback({ ok: false, error: 'invalid_languages' });
    const skills = writeCodes(input.skills, TASK_TYPES);
    if (!skills) return rollback({ ok: false, error: 'invalid_skills' });
    const availability = writeCodes(input.availability, AVAILABILITY);
    if (!availability) return rollback({ ok: false, error: 'invalid_availability' });
    if (!townshipCodes.includes(input.township)) return rollback({ ok: false, error: 'invalid_township' });
    const max = input.maxActiveTasks;
    if (!Number.isInteger(max) || max < 1 || max > MAX_ACTIVE_LIMIT) return rollback({ ok: false, error: 'invalid_max' });

    const before = await tx.volunteerProfile.findUnique({ where: { personId } });
    const data = { languages, skills, availability, township: input.township, maxActiveTasks: max };
    const status: ProfileStatus = before?.status === 'approved' ? 'approved' : 'pending';
    const row = await tx.volunteerProfile.upsert({
      where: { personId },
      create: { personId, ...data },
      update: { ...data, status },
    });
    await recordAudit(tx, {
      actorId: personId,
      action: before ? 'volunteer.profile_changed' : 'volunteer.signed_up',
      subjectType: 'person',
      subjectId: String(personId),
      // Codes only: which skills and where, never who.
      details: { skills, languages, township: input.township, maxActiveTasks: max, status },
    });
    return { ok: true, profile: toProfile(row, person.firstName), created: !before };
  });
}

/** Holiday: no tasks are shown or claimable while paused. Claims already held stay held. */
export async function setPaused(db: Db, personId: number, paused: boolean): Promise<VolunteerProfile | null> {
  return transaction<VolunteerProfile | null>(db, async (tx, rollback) => {
    if (!isId(personId)) return rollback(null);
    const { count } = await tx.volunteerProfile.updateMany({ where: { personId, paused: !paused }, data: { paused } });
    const row = await tx.volunteerProfile.findUnique({ where: { personId }, include: { person: { select: { firstName: true } } } });
    if (!row) return rollback(null);
    if (count > 0) {
      await recordAudit(tx, {
        actorId: personId,
        action: paused ? 'volunteer.paused' : 'volunteer.resumed',
        subjectType: 'person',
        subjectId: String(personId),
      });
    }
    return toProfile(row, row.person.firstName);
  });
}

/** Sign-ups waiting for a coordinator, oldest first; null when the caller does not coordinate. */
export async function pendingVolunteers(db: Db, staffId: number, limit = 20): Promise<VolunteerProfile[] | null> {
  if (!(await coordinatorRoleOf(db, staffId))) return null;
  const rows = await db.volunteerProfile.findMany({
    where: { status: 'pending' },
    orderBy: [{ createdAt: 'asc' }, { personId: 'asc' }],
    take: limit,
    include: { person: { select: { firstName: true } } },
  });
  return rows.map((row) => toProfile(row, row.person.firstName));
}

/** A coordinator approves or rejects a sign-up. Repeating the same decision changes nothing. */
export async function reviewVolunteer(
  db: Db,
  staffId: number,
  volunteerId: number,
  decision: 'approve' | 'reject',
): Promise<ReviewResult> {
  return transaction<ReviewResult>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_coordinator' });
    const row = isId(volunteerId)
      ? await tx.volunteerProfile.findUnique({ where: { personId: volunteerId }, include: { person: true } })
      : null;
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const status: ProfileStatus = decision === 'approve' ? 'approved' : 'rejected';
    const volunteer: Recipient = {
      personId: row.personId,
      chatId: Number(row.person.chatId),
      language: row.person.language,
      reachable: row.person.active,
    };
    // The status condition makes the update the decision: two coordinators, one change.
    const { count } = await tx.volunteerProfile.updateMany({
      where: { personId: volunteerId, status: { not: status } },
      data: { status, reviewedById: staffId, reviewedAt: new Date() },
    });
    if (count === 0) return rollback({ ok: true, status, changed: false, volunteer });
    await recordAudit(tx, {
      actorId: staffId,
      action: decision === 'approve' ? 'volunteer.approved' : 'volunteer.rejected',
      subjectType: 'person',
      subjectId: String(volunteerId),
      details: { actorRole: role, before: row.status, after: status },
    });
    return { ok: true, status, changed: true, volunteer };
  });
}
