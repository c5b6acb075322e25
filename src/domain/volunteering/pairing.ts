// Pairing: a coordinator pairs a volunteer with a household for recurring contact (weekly,
// fortnightly, monthly). Each contact the volunteer logs moves the next reminder: no contact for
// the interval plus a grace → a pairing_checkin reminder to the volunteer, which the reminder
// queue escalates to the coordinator when it stays unanswered (REMINDER_ESCALATE_AFTER_DAYS).
import type { Db, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { cancelRemindersIn, scheduleReminderIn } from '../reminders/reminders.js';
import { isId, transaction } from '../transaction.js';
import { FREQUENCY_DAYS, isFrequency, type Frequency, type VolunteeringSettings } from './codes.js';
import { coordinatorRoleOf } from './staff.js';
import { recipientOf } from './tasks.js';
import type { Recipient } from './volunteers.js';

const DAY_MS = 86_400_000;

export interface PairingSummary {
  id: number;
  frequency: Frequency;
  /** The household's first name as Telegram gave it. */
  householdName: string | null;
  volunteerName: string | null;
  lastContactAt: Date;
  /** When the volunteer is reminded if there is no contact before. */
  contactDueAt: Date;
}

export type CreatePairingResult =
  | { ok: true; pairingId: number; volunteer: Recipient; household: Recipient }
  | { ok: false; error: 'not_coordinator' | 'volunteer_not_approved' | 'household_not_found' | 'invalid_frequency' | 'already_paired' };

export type ContactResult = { ok: true; pairingId: number; contactDueAt: Date } | { ok: false; error: 'not_found' };

const pairingKey = (pairingId: number) => `pairing:${pairingId}:`;

function contactDue(frequency: Frequency, lastContactAt: Date, settings: VolunteeringSettings): Date {
  return new Date(lastContactAt.getTime() + (FREQUENCY_DAYS[frequency] + settings.pairingGraceDays) * DAY_MS);
}

async function scheduleContactReminder(
  tx: DbTx,
  pairing: { id: number; volunteerId: number; coordinatorId: number | null; frequency: Frequency; checkIns: number },
  lastContactAt: Date,
  settings: VolunteeringSettings,
): Promise<Date> {
  const dueAt = contactDue(pairing.frequency, lastContactAt, settings);
  await scheduleReminderIn(tx, {
    personId: pairing.volunteerId,
    kind: 'pairing_checkin',
    dueAt,
    payload: { pairingId: pairing.id },
    dedupeKey: `${pairingKey(pairing.id)}${pairing.checkIns}`,
    escalateToId: pairing.coordinatorId,
  });
  return dueAt;
}

/**
 * Pairs an approved volunteer with a household: the applicant of a case (SN-…). One active
 * pairing per volunteer and household.
 */
export async function createPairing(
  db: Db,
  staffId: number,
  input: { volunteerId: number; reference: string; frequency: string },
  settings: VolunteeringSettings,
  now = new Date(),
): Promise<CreatePairingResult> {
  return transaction<CreatePairingResult>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_coordinator' });
    if (!isFrequency(input.frequency)) return rollback({ ok: false, error: 'invalid_frequency' });
    const frequency = input.frequency;
    const volunteer = isId(input.volunteerId)
      ? await tx.user.findUnique({ where: { id: input.volunteerId }, include: { volunteerProfile: true } })
      : null;
    if (!volunteer || volunteer.role !== 'volunteer' || volunteer.volunteerProfile?.status !== 'approved') {
      return rollback({ ok: false, error: 'volunteer_not_approved' });
    }
    const application = await tx.application.findUnique({
      where: { reference: String(input.reference ?? '').trim().toUpperCase() },
      include: { person: true },
    });
    if (!application || application.status === 'draft' || application.personId === volunteer.id) {
      return rollback({ ok: false, error: 'household_not_found' });
    }
    const existing = await tx.pairing.count({ where: { volunteerId: volunteer.id, householdId: application.personId, status: 'active' } });
    if (existing > 0) return rollback({ ok: false, error: 'already_paired' });
    const pairing = await tx.pairing.create({
      data: { volunteerId: volunteer.id, householdId: application.personId, coordinatorId: staffId, frequency, lastContactAt: now },
    });
    await scheduleContactReminder(tx, { ...pairing, frequency }, now, settings);
    await recordAudit(tx, {
      actorId: staffId,
      action: 'pairing.created',
      subjectType: 'pairing',
      subjectId: String(pairing.id),
      details: { actorRole: role, frequency, applicationId: application.id },
    });
    return { ok: true, pairingId: pairing.id, volunteer: recipientOf(volunteer), household: recipientOf(application.person) };
  });
}

/**
 * The volunteer was in touch: logged, the pending reminder (and any escalation waiting on a sent
 * one) called off, the next one scheduled from now. Only the pairing's volunteer, while active.
 */
export async function logContact(db: Db, volunteerId: number, pairingId: number, settings: VolunteeringSettings, now = new Date()): Promise<ContactResult> {
  return transaction<ContactResult>(db, async (tx, rollback) => {
    if (!isId(volunteerId) || !isId(pairingId)) return rollback({ ok: false, error: 'not_found' });
    const { count } = await tx.pairing.updateMany({
      where: { id: pairingId, volunteerId, status: 'active' },
      data: { lastContactAt: now, checkIns: { increment: 1 } },
    });
    if (count === 0) return rollback({ ok: false, error: 'not_found' });
    const pairing = await tx.pairing.findUniqueOrThrow({ where: { id: pairingId } });
    const frequency = isFrequency(pairing.frequency) ? pairing.frequency : 'weekly';
    await tx.pairingCheckIn.create({ data: { pairingId, at: now } });
    await cancelRemindersIn(tx, { dedupeKeyPrefix: pairingKey(pairingId), actorId: volunteerId, reason: 'pairing_contact', settleSent: true });
    const contactDueAt = await scheduleContactReminder(tx, { ...pairing, frequency }, now, settings);
    await recordAudit(tx, { actorId: volunteerId, action: 'pairing.contact_logged', subjectType: 'pairing', subjectId: String(pairingId) });
    return { ok: true, pairingId, contactDueAt };
  });
}

/** A coordinator ends a pairing; its reminders stop. */
export async function endPairing(db: Db, staffId: number, pairingId: number): Promise<{ ok: boolean }> {
  return transaction<{ ok: boolean }>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role || !isId(pairingId)) return rollback({ ok: false });
    const { count } = await tx.pairing.updateMany({ where: { id: pairingId, status: 'active' }, data: { status: 'ended' } });
    if (count === 0) return rollback({ ok: false });
    await cancelRemindersIn(tx, { dedupeKeyPrefix: pairingKey(pairingId), actorId: staffId, reason: 'pairing_ended', settleSent: true });
    await recordAudit(tx, { actorId: staffId, action: 'pairing.ended', subjectType: 'pairing', subjectId: String(pairingId), details: { actorRole: role } });
    return { ok: true };
  });
}

/** Active pairings of a volunteer (as volunteer), or all active ones for coordinating staff. */
export async function activePairings(
  db: Db,
  personId: number,
  settings: VolunteeringSettings,
  scope: 'mine' | 'all' = 'mine',
): Promise<PairingSummary[] | null> {
  if (!isId(personId)) return null;
  if (scope === 'all' && !(await coordinatorRoleOf(db, personId))) return null;
  const rows = await db.pairing.findMany({
    where: { status: 'active', ...(scope === 'mine' ? { volunteerId: personId } : {}) },
    orderBy: { lastContactAt: 'asc' },
    take: 20,
    include: { household: { select: { firstName: true } }, volunteer: { select: { firstName: true } } },
  });
  return rows.map((row) => {
    const frequency = isFrequency(row.frequency) ? row.frequency : 'weekly';
    return {
      id: row.id,
      frequency,
      householdName: row.household.firstName,
      volunteerName: row.volunteer.firstName,
      lastContactAt: row.lastContactAt,
      contactDueAt: contactDue(frequency, row.lastContactAt, settings),
    };
  });
}
