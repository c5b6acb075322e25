// Volunteering in /export_me and /delete_me. A household's contact details and the reports about
// its tasks go with the household; a volunteer's claims are released (the task is not lost to
// the household) and their reports go with them. Profiles and pairings cascade with the person.
import type { Db, DbTx } from '../../db/index.js';
import { readCodes, AVAILABILITY, TASK_LANGUAGES, TASK_TYPES } from './codes.js';

export interface VolunteeringExport {
  volunteerProfile: {
    languages: string[];
    skills: string[];
    availability: string[];
    township: string;
    maxActiveTasks: number;
    status: string;
    paused: boolean;
  } | null;
  /** Help the person asked for, with the contact details they gave. */
  helpRequested: { type: string; status: string; createdAt: string; contact: { name: string; address: string; phone: string } | null; feedback: string | null }[];
  /** Tasks the person holds or completed as a volunteer. */
  tasksVolunteered: { type: string; status: string; claimedAt: string | null; completedAt: string | null; minutesSpent: number | null; report: string | null }[];
  pairings: { as: 'volunteer' | 'household'; frequency: string; status: string; createdAt: string; contacts: string[] }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportVolunteering(db: Db, personId: number): Promise<VolunteeringExport> {
  const profile = await db.volunteerProfile.findUnique({ where: { personId } });
  const requested = await db.volunteerTask.findMany({ where: { householdId: personId }, include: { contact: true }, orderBy: { id: 'asc' } });
  const volunteered = await db.volunteerTask.findMany({
    where: { OR: [{ claimantId: personId }, { completedById: personId }] },
    orderBy: { id: 'asc' },
  });
  const pairings = await db.pairing.findMany({
    where: { OR: [{ volunteerId: personId }, { householdId: personId }] },
    include: { log: { orderBy: { at: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  return {
    volunteerProfile: profile
      ? {
          languages: readCodes(profile.languages, TASK_LANGUAGES),
          skills: readCodes(profile.skills, TASK_TYPES),
          availability: readCodes(profile.availability, AVAILABILITY),
          township: profile.township,
          maxActiveTasks: profile.maxActiveTasks,
          status: profile.status,
          paused: profile.paused,
        }
      : null,
    helpRequested: requested.map((t) => ({
      type: t.type,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
      contact: t.contact ? { name: t.contact.name, address: t.contact.address, phone: t.contact.phone } : null,
      feedback: t.feedback,
    })),
    tasksVolunteered: volunteered.map((t) => ({
      type: t.type,
      status: t.status,
      claimedAt: t.claimantId === personId ? iso(t.claimedAt) : null,
      completedAt: t.completedById === personId ? iso(t.completedAt) : null,
      minutesSpent: t.completedById === personId ? t.minutesSpent : null,
      report: t.completedById === personId ? t.report : null,
    })),
    pairings: pairings.map((p) => ({
      as: p.volunteerId === personId ? ('volunteer' as const) : ('household' as const),
      frequency: p.frequency,
      status: p.status,
      createdAt: p.createdAt.toISOString(),
      contacts: p.log.map((c) => c.at.toISOString()),
    })),
  };
}

/**
 * Runs inside erasePerson's transaction, before the person's row is deleted: what the foreign
 * keys alone would get wrong (a claim left without its volunteer, a report about a household).
 */
export async function eraseVolunteering(tx: DbTx, personId: number): Promise<void> {
  // As a household: nothing left to do for them, and nothing about them kept.
  await tx.taskContact.deleteMany({ where: { task: { householdId: personId } } });
  await tx.volunteerTask.updateMany({
    where: { householdId: personId, status: { in: ['requested', 'open', 'claimed'] } },
    data: { status: 'cancelled', claimantId: null, claimedAt: null, lastActivityAt: null, nudgedAt: null },
  });
  await tx.volunteerTask.updateMany({ where: { householdId: personId }, data: { report: null } });
  // As a volunteer: their claims go back to open for somebody else; their words go with them.
  await tx.volunteerTask.updateMany({
    where: { claimantId: personId, status: 'claimed' },
    data: { status: 'open', claimantId: null, claimedAt: null, lastActivityAt: null, nudgedAt: null },
  });
  await tx.volunteerTask.updateMany({ where: { completedById: personId }, data: { completedById: null, report: null } });
}
