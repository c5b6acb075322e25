// People, cases and tasks for the volunteering tests, made through the services.
import type { Db } from '../../../src/db/index.js';
import { DEFAULT_TOWNSHIPS, parseTownships } from '../../../src/domain/places/townships.js';
import { consentedPerson, type PersonOptions } from '../casework/support.js';
import { createTaskFromCase, reviewVolunteer, saveProfile, type ProfileInput } from '../../../src/domain/volunteering/index.js';

export const TOWNSHIPS = parseTownships(DEFAULT_TOWNSHIPS).map((t) => t.code);
export const CONTACT = { name: 'Li Mei', address: '12 Willow Lane, flat 3', phone: '+86 139 0000 1234' };

let nextTelegramId = 7000;
export const person = (db: Db, opts: PersonOptions = {}): Promise<number> => consentedPerson(db, nextTelegramId++, opts);

export const PROFILE: ProfileInput = {
  languages: ['en', 'zh'],
  skills: ['paperwork', 'translation'],
  availability: ['weekend'],
  township: 'riverside',
  maxActiveTasks: 2,
};

/** A volunteer signed up and approved by `coordinatorId`. */
export async function approvedVolunteer(db: Db, coordinatorId: number, profile: Partial<ProfileInput> = {}): Promise<number> {
  const id = await person(db, { role: 'volunteer', firstName: 'Vol' });
  const saved = await saveProfile(db, id, { ...PROFILE, ...profile }, TOWNSHIPS);
  if (!saved.ok) throw new Error(saved.error);
  const reviewed = await reviewVolunteer(db, coordinatorId, id, 'approve');
  if (!reviewed.ok) throw new Error(reviewed.error);
  return id;
}

let nextReference = 1;
/** A submitted case of a new applicant; returns its reference and the applicant. */
export async function submittedCase(db: Db, opts: { township?: string | null; language?: string } = {}) {
  const applicantId = await person(db, { role: 'applicant', language: opts.language ?? 'zh', firstName: 'Mei' });
  const reference = `SN-2026-${String(900000 + nextReference++).padStart(6, '0')}`;
  await db.application.create({
    data: {
      reference,
      personId: applicantId,
      status: 'submitted',
      household: '{}',
      screening: '{}',
      area: 'urban',
      township: opts.township === undefined ? 'riverside' : opts.township,
      submittedAt: new Date(),
    },
  });
  return { applicantId, reference };
}

/** An open paperwork task in Riverside, in Chinese, made by `staffId` from a new case. */
export async function openTask(db: Db, staffId: number, overrides: { type?: string; township?: string; language?: string } = {}) {
  const { applicantId, reference } = await submittedCase(db);
  const made = await createTaskFromCase(
    db,
    staffId,
    { reference, type: overrides.type ?? 'paperwork', township: overrides.township ?? null, language: overrides.language ?? null, effortHours: 2, contact: CONTACT },
    TOWNSHIPS,
  );
  if (!made.ok) throw new Error(made.error);
  return { taskId: made.taskId, householdId: applicantId, reference };
}
