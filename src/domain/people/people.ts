// People who talk to the bot: consent, language, role, reachability, export and erasure.
// Nothing personal exists here before consent: registerConsent creates the row.
import type { Db } from '../../db/index.js';
import { exportApplications, type ApplicationExport } from '../applications/applications.js';
import { recordAudit } from '../audit/audit.js';
import { exportPledges, type PledgeExport } from '../donations/pledges.js';
import { eraseVolunteering, exportVolunteering, type VolunteeringExport } from '../volunteering/privacy.js';
import { isPersonRole, isStaffRole, type PersonRole, type StaffRole } from './roles.js';

export interface Person {
  id: number;
  telegramId: number;
  chatId: number;
  language: string;
  role: PersonRole | null;
  staffRole: StaffRole | null;
  firstName: string | null;
  timeZone: string;
  consentedAt: Date;
  active: boolean;
  /** True when the person asked for no announcements (src/domain/announcements/). */
  announcementsOptOut: boolean;
}

type UserRow = Awaited<ReturnType<Db['user']['findUniqueOrThrow']>>;

/** The person of a user row, however it was read (Prisma, or the bot's hot path: src/db/hot-path.ts). */
export function toPerson(row: UserRow): Person {
  return {
    id: row.id,
    telegramId: Number(row.telegramId),
    chatId: Number(row.chatId),
    language: row.language,
    role: isPersonRole(row.role) ? row.role : null,
    staffRole: isStaffRole(row.staffRole) ? row.staffRole : null,
    firstName: row.firstName,
    timeZone: row.timeZone,
    consentedAt: row.consentedAt,
    active: row.active,
    announcementsOptOut: row.announcementsOptOut,
  };
}

export interface ConsentInput {
  telegramId: number;
  chatId: number;
  language: string;
  firstName: string | null;
  /** Staff role granted by configuration (ADMIN_TELEGRAM_IDS), if any. */
  staffRole: StaffRole | null;
}

/** Records consent and creates the person. Pressing "I agree" twice changes nothing. */
export async function registerConsent(db: Db, input: ConsentInput): Promise<Person> {
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { telegramId: BigInt(input.telegramId) } });
    if (existing) return toPerson(existing);
    const row = await tx.user.create({
      data: {
        telegramId: BigInt(input.telegramId),
        chatId: BigInt(input.chatId),
        language: input.language,
        firstName: input.firstName,
        staffRole: input.staffRole,
        consentedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      actorId: row.id,
      action: 'person.consented',
      subjectType: 'person',
      subjectId: String(row.id),
      details: { language: input.language, staffRole: input.staffRole },
    });
    return toPerson(row);
  });
}

export async function chooseRole(db: Db, personId: number, role: PersonRole): Promise<Person> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: personId } });
    const row = await tx.user.update({ where: { id: personId }, data: { role } });
    if (before.role !== role) {
      await recordAudit(tx, {
        actorId: personId,
        action: 'person.role_chosen',
        subjectType: 'person',
        subjectId: String(personId),
        details: { before: before.role, after: role },
      });
    }
    return toPerson(row);
  });
}

export async function changeLanguage(db: Db, personId: number, language: string): Promise<Person> {
  const row = await db.user.update({ where: { id: personId }, data: { language } });
  return toPerson(row);
}

/** Keeps configured admins admin: ADMIN_TELEGRAM_IDS is the source of truth for them. */
export async function grantConfiguredStaffRole(db: Db, person: Person, staffRole: StaffRole): Promise<Person> {
  if (person.staffRole === staffRole) return person;
  return db.$transaction(async (tx) => {
    const row = await tx.user.update({ where: { id: person.id }, data: { staffRole } });
    await recordAudit(tx, {
      actorId: null,
      action: 'person.staff_role_granted',
      subjectType: 'person',
      subjectId: String(person.id),
      details: { before: person.staffRole, after: staffRole, source: 'configuration' },
    });
    return toPerson(row);
  });
}

/**
 * The person blocked the bot (Bot API 403) or unblocked it. Inactive people get nothing sent;
 * the flag flips back as soon as they write again.
 */
export async function setReachable(db: Db, chatId: number, reachable: boolean): Promise<void> {
  await db.user.updateMany({
    where: { chatId: BigInt(chatId), active: !reachable },
    data: { active: reachable, inactiveAt: reachable ? null : new Date() },
  });
}

/** Audit events the person took part in: as the actor, or as their subject. */
function linkedTo(personId: number) {
  return { OR: [{ actorId: personId }, { subjectType: 'person', subjectId: String(personId) }] };
}

export interface PersonalDataExport {
  exportedAt: string;
  person: Omit<Person, 'consentedAt'> & { consentedAt: string };
  /** Actions the person took or that concern them, as recorded in the audit trail. */
  activity: { at: string; action: string; details: unknown }[];
  /** Their applications: household, screening outcome and what was sent (never Telegram file ids). */
  applications: ApplicationExport[];
  /** Questions they asked a caseworker, with the answers. */
  inquiries: { askedAt: string; text: string; status: string; answer: string | null; answeredAt: string | null }[];
  /** Their pledges with every instalment, payment reference and receipt number. */
  pledges: PledgeExport[];
  /** Volunteer sign-up, help asked for (with the contact details given), tasks done, pairings. */
  volunteering: VolunteeringExport;
}

export async function exportPersonalData(db: Db, personId: number): Promise<PersonalDataExport> {
  const row = await db.user.findUniqueOrThrow({ where: { id: personId } });
  const events = await db.auditEvent.findMany({
    where: linkedTo(personId),
    orderBy: { id: 'asc' },
  });
  const person = toPerson(row);
  return {
    exportedAt: new Date().toISOString(),
    person: { ...person, consentedAt: person.consentedAt.toISOString() },
    activity: events.map((e) => ({ at: e.at.toISOString(), action: e.action, details: JSON.parse(e.details) as unknown })),
    applications: await exportApplications(db, personId),
    inquiries: (await db.inquiry.findMany({ where: { personId }, orderBy: { id: 'asc' } })).map((q) => ({
      askedAt: q.createdAt.toISOString(),
      text: q.text,
      status: q.status,
      answer: q.answer,
      answeredAt: q.answeredAt?.toISOString() ?? null,
    })),
    pledges: await exportPledges(db, personId),
    volunteering: await exportVolunteering(db, personId),
  };
}

/**
 * Erases the person. Audit events stay (the programme must account for its decisions) but lose
 * every link to the person: actor and subject ids are cleared. Returns how many events were kept.
 * Their applications, documents, questions, pledges (with instalments), volunteer profile and
 * pairings go with the row (ON DELETE CASCADE, on both providers); volunteering is tidied first
 * (eraseVolunteering); what the funds received stays in the funds' totals.
 */
export async function erasePerson(db: Db, personId: number): Promise<{ keptAuditEvents: number }> {
  return db.$transaction(async (tx) => {
    const kept = await tx.auditEvent.count({ where: linkedTo(personId) });
    await tx.auditEvent.updateMany({ where: { actorId: personId }, data: { actorId: null } });
    await tx.auditEvent.updateMany({
      where: { subjectType: 'person', subjectId: String(personId) },
      data: { subjectId: null },
    });
    // Claims released, task contacts and reports deleted; the rest goes with the row.
    await eraseVolunteering(tx, personId);
    await tx.user.delete({ where: { id: personId } });
    await recordAudit(tx, { actorId: null, action: 'person.erased', subjectType: 'person', subjectId: null });
    return { keptAuditEvents: kept };
  });
}
