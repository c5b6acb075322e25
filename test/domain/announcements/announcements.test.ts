// Announcements on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): who is in each
// audience, who may announce, sending twice sends once, the audit trail keeps no text, and a
// person's opt-out (kept out of every audience, queued announcements cancelled, in /export_me,
// gone with /delete_me).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/index.js';
import {
  mayAnnounce,
  newAnnouncementKey,
  previewAnnouncement,
  sendAnnouncement,
  setAnnouncementsOptOut,
  type AnnouncementAudience,
} from '../../../src/domain/announcements/index.js';
import { erasePerson, exportPersonalData, registerConsent } from '../../../src/domain/people/people.js';
import type { PersonRole, StaffRole } from '../../../src/domain/people/roles.js';
import { announcementAudience, audienceCode, parseAudienceCode } from '../../../src/domain/reminders/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';

let testDb: TestDb;
let db: Db;
beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
});
afterAll(async () => {
  await testDb?.close();
});
beforeEach(async () => {
  await db.reminder.deleteMany();
  await db.auditEvent.deleteMany();
  await db.application.deleteMany();
  await db.user.deleteMany();
});

let nextId = 8000;
async function person(opts: { role?: PersonRole; staffRole?: StaffRole; language?: string } = {}): Promise<number> {
  const id = nextId++;
  const p = await registerConsent(db, { telegramId: id, chatId: id, language: opts.language ?? 'en', firstName: null, staffRole: opts.staffRole ?? null });
  if (opts.role) await db.user.update({ where: { id: p.id }, data: { role: opts.role } });
  return p.id;
}

async function withApplication(personId: number, status: string, township: string | null): Promise<void> {
  await db.application.create({
    data: { reference: `SN-2026-${String(personId).padStart(6, '0')}`, personId, status, household: '{}', screening: '{}', area: 'urban', township },
  });
}

const TOWNSHIPS = ['riverside', 'hillview'];

async function cast() {
  const admin = await person({ staffRole: 'admin' });
  const coordinator = await person({ staffRole: 'coordinator' });
  const caseworker = await person({ staffRole: 'caseworker' });
  const applicant = await person({ role: 'applicant', language: 'zh' });
  const recipient = await person({ role: 'applicant', language: 'ar' });
  await withApplication(applicant, 'submitted', 'riverside');
  await withApplication(recipient, 'approved', 'hillview');
  const volunteer = await person({ role: 'volunteer', language: 'uk' });
  const donor = await person({ role: 'donor', language: 'es' });
  const noRole = await person();
  const blocked = await person({ role: 'applicant' });
  await db.user.update({ where: { id: blocked }, data: { active: false } });
  const optedOut = await person({ role: 'donor' });
  await setAnnouncementsOptOut(db, optedOut, true);
  return { admin, coordinator, caseworker, applicant, recipient, volunteer, donor, noRole, blocked, optedOut };
}

const ids = async (audience: AnnouncementAudience) => (await announcementAudience(db, audience)).map((p) => p.id).sort((a, b) => a - b);
const sorted = (...xs: number[]) => xs.sort((a, b) => a - b);

describe('audiences', () => {
  it('reach the right people, never the unreachable or those who opted out', async () => {
    const c = await cast();
    expect(await ids({ group: 'all' })).toEqual(sorted(c.admin, c.coordinator, c.caseworker, c.applicant, c.recipient, c.volunteer, c.donor, c.noRole));
    expect(await ids({ group: 'applicants' })).toEqual(sorted(c.applicant, c.recipient));
    expect(await ids({ group: 'recipients' })).toEqual([c.recipient]);
    expect(await ids({ group: 'volunteers' })).toEqual([c.volunteer]);
    expect(await ids({ group: 'donors' })).toEqual([c.donor]);
    expect(await ids({ township: 'riverside' })).toEqual([c.applicant]);
    expect(await ids({ township: 'hillview' })).toEqual([c.recipient]);
  });

  it('travel as codes that forged values cannot turn into something else', () => {
    expect(parseAudienceCode('t-old_town')).toEqual({ township: 'old_town' });
    expect(audienceCode({ township: 'old_town' })).toBe('t-old_town');
    expect(parseAudienceCode('recipients')).toEqual({ group: 'recipients' });
    for (const bad of ['', 'staff', 't-', 't-Old', 't-a;b', 'ALL', 't-' + 'x'.repeat(33)]) expect(parseAudienceCode(bad)).toBeNull();
  });
});

describe('who may announce', () => {
  it('admins and coordinators; not caseworkers, applicants, volunteers, donors or people without a role', async () => {
    const c = await cast();
    expect(await mayAnnounce(db, c.admin)).toBe(true);
    expect(await mayAnnounce(db, c.coordinator)).toBe(true);
    for (const id of [c.caseworker, c.applicant, c.volunteer, c.donor, c.noRole, 0, -1, 2 ** 40]) {
      expect(await mayAnnounce(db, id)).toBe(false);
      expect(await previewAnnouncement(db, id, { group: 'all' }, TOWNSHIPS)).toEqual({ ok: false, error: 'not_allowed' });
      const draft = { key: newAnnouncementKey(id), text: 'Hello', translations: {}, audience: { group: 'all' } as const };
      expect(await sendAnnouncement(db, id, draft, TOWNSHIPS)).toEqual({ ok: false, error: 'not_allowed' });
    }
    expect(await db.reminder.count()).toBe(0);
  });

  it('refuses an unknown township, another staff member’s key, and empty or overlong text', async () => {
    const c = await cast();
    const draft = { key: newAnnouncementKey(c.admin), text: 'Hello', translations: {}, audience: { group: 'all' } as AnnouncementAudience };
    expect(await previewAnnouncement(db, c.admin, { township: 'atlantis' }, TOWNSHIPS)).toEqual({ ok: false, error: 'unknown_township' });
    expect(await sendAnnouncement(db, c.admin, { ...draft, audience: { township: 'atlantis' } }, TOWNSHIPS)).toEqual({ ok: false, error: 'unknown_township' });
    expect(await sendAnnouncement(db, c.admin, { ...draft, key: newAnnouncementKey(c.coordinator) }, TOWNSHIPS)).toEqual({ ok: false, error: 'not_allowed' });
    expect(await sendAnnouncement(db, c.admin, { ...draft, text: '   ' }, TOWNSHIPS)).toEqual({ ok: false, error: 'invalid_text' });
    expect(await sendAnnouncement(db, c.admin, { ...draft, translations: { zh: 'x'.repeat(3001) } }, TOWNSHIPS)).toEqual({ ok: false, error: 'invalid_text' });
    expect(await db.reminder.count()).toBe(0);
  });
});

describe('sending', () => {
  it('queues one reminder per person in their language, once however often it is sent, audited without text', async () => {
    const c = await cast();
    const preview = await previewAnnouncement(db, c.coordinator, { group: 'applicants' }, TOWNSHIPS);
    expect(preview).toEqual({ ok: true, recipients: 2, byLanguage: [{ language: 'ar', count: 1 }, { language: 'zh', count: 1 }] });

    const draft = { key: newAnnouncementKey(c.coordinator), text: 'Office closed Friday', translations: { zh: '周五办公室关闭' }, audience: { group: 'applicants' } as const };
    expect(await sendAnnouncement(db, c.coordinator, draft, TOWNSHIPS)).toEqual({ ok: true, scheduled: 2, alreadyScheduled: 0 });
    expect(await sendAnnouncement(db, c.coordinator, draft, TOWNSHIPS)).toEqual({ ok: true, scheduled: 0, alreadyScheduled: 2 });

    const rows = await db.reminder.findMany({ orderBy: { personId: 'asc' } });
    expect(rows.map((r) => [r.personId, r.kind, JSON.parse(r.payload).text])).toEqual([
      [c.applicant, 'announcement', '周五办公室关闭'],
      [c.recipient, 'announcement', 'Office closed Friday'],
    ]);
    const audit = await db.auditEvent.findMany({ where: { action: 'announcement.scheduled' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(c.coordinator);
    expect(JSON.parse(audit[0]!.details)).toEqual({ recipients: 2, alreadyScheduled: 0, audience: 'applicants', translations: ['zh'] });
    expect(audit[0]!.details).not.toContain('Office');
  });

  it('says so when nobody in the audience can receive it', async () => {
    const admin = await person({ staffRole: 'admin' });
    const draft = { key: newAnnouncementKey(admin), text: 'Hi', translations: {}, audience: { group: 'volunteers' } as const };
    expect(await sendAnnouncement(db, admin, draft, TOWNSHIPS)).toEqual({ ok: false, error: 'no_recipients' });
  });
});

describe('opting out', () => {
  it('cancels announcements queued for the person, leaves their own reminders, and can be undone', async () => {
    const admin = await person({ staffRole: 'admin' });
    const applicant = await person({ role: 'applicant' });
    await sendAnnouncement(db, admin, { key: newAnnouncementKey(admin), text: 'News', translations: {}, audience: { group: 'all' } }, TOWNSHIPS);
    await db.reminder.create({ data: { personId: applicant, kind: 'custom', dueAt: new Date(), payload: '{"text":"x"}', dedupeKey: 'own' } });

    expect(await setAnnouncementsOptOut(db, applicant, true)).toEqual({ ok: true, optedOut: true, changed: true, cancelled: 1 });
    expect(await setAnnouncementsOptOut(db, applicant, true)).toEqual({ ok: true, optedOut: true, changed: false, cancelled: 0 });
    const mine = await db.reminder.findMany({ where: { personId: applicant }, orderBy: { id: 'asc' } });
    expect(mine.map((r) => [r.kind, r.status])).toEqual([
      ['announcement', 'cancelled'],
      ['custom', 'pending'],
    ]);
    expect((await exportPersonalData(db, applicant)).person.announcementsOptOut).toBe(true);
    expect(await ids({ group: 'all' })).toEqual([admin]);

    expect(await setAnnouncementsOptOut(db, applicant, false)).toMatchObject({ ok: true, optedOut: false, changed: true });
    expect((await exportPersonalData(db, applicant)).person.announcementsOptOut).toBe(false);
    expect(await setAnnouncementsOptOut(db, 0, true)).toEqual({ ok: false, error: 'not_found' });

    await erasePerson(db, applicant);
    expect(await db.user.findUnique({ where: { id: applicant } })).toBeNull();
    expect(await db.reminder.count({ where: { personId: applicant } })).toBe(0);
  });
});
