// Staff invitations and township scope, the approved case's cycle (review and payment-day
// reminders), re-reviews with their race, investigation notes, standards by date, and the
// caseworker told when asked-for documents arrive. On SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/index.js';
import { recordDocument } from '../../../src/domain/applications/index.js';
import {
  addCaseNote,
  addDays,
  addMonths,
  assignToMe,
  caseCard,
  completeReview,
  decide,
  dueReviews,
  firstPaymentDate,
  requestedDocumentArrived,
  reviewQueue,
  submitReviewUpdate,
  todayDate,
  verifiedHousehold,
} from '../../../src/domain/casework/index.js';
import { evaluate } from '../../../src/domain/screening/index.js';
import { addStandard, currentPolicy, listStandards } from '../../../src/domain/standards/standards.js';
import { createInvite, joinStaff, listStaff, removeStaff } from '../../../src/domain/staff/staff.js';
import { erasePerson, exportPersonalData } from '../../../src/domain/people/people.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { family, household, member, screen, singleAdult } from '../applications/support.js';
import { casePeople } from './support.js';

let testDb: TestDb;
let db: Db;
beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
});
afterAll(async () => {
  await testDb?.close();
});

const { person, submitted } = casePeople(() => db, 7000);
const TOWNSHIPS = ['riverside', 'hillview'];
const reminders = (personId: number) => db.reminder.findMany({ where: { personId, status: 'pending' }, orderBy: { id: 'asc' } });

describe('calendar arithmetic', () => {
  it('keeps the day when adding months, or takes the month’s last day', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(firstPaymentDate('2026-12-10', 10)).toBe('2026-12-10');
    expect(firstPaymentDate('2026-12-11', 10)).toBe('2027-01-10');
  });
});

describe('staff invitations', () => {
  it('an admin invites, the code works once, and only for the invited role and townships', async () => {
    const admin = await person({ staffRole: 'admin' });
    const newcomer = await person({ role: 'volunteer' });
    const other = await person();
    const invite = await createInvite(db, admin, { role: 'caseworker', townships: ['riverside'], known: TOWNSHIPS });
    expect(invite).toMatchObject({ ok: true, role: 'caseworker', townships: ['riverside'] });
    if (!invite.ok) return;
    expect(invite.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // Typed in lower case with spaces: still the code.
    expect(await joinStaff(db, newcomer, invite.code.toLowerCase().replace('-', ' '))).toEqual({ ok: true, role: 'caseworker', townships: ['riverside'] });
    expect(await joinStaff(db, other, invite.code)).toEqual({ ok: false, error: 'invalid_code' });
    const row = await db.user.findUniqueOrThrow({ where: { id: newcomer } });
    expect(row).toMatchObject({ staffRole: 'caseworker', staffTownships: 'riverside', role: 'volunteer' });
    // Only the hash is stored.
    const stored = await db.staffInvite.findFirstOrThrow({ where: { usedById: newcomer } });
    expect(stored.codeHash).not.toContain(invite.code.replace('-', ''));
  });

  it('refuses anyone but an admin, unknown roles and townships, expired codes', async () => {
    const caseworker = await person({ staffRole: 'caseworker' });
    const coordinator = await person({ staffRole: 'coordinator' });
    const applicant = await person({ role: 'applicant' });
    const admin = await person({ staffRole: 'admin' });
    for (const actor of [caseworker, coordinator, applicant, 999_999]) {
      expect(await createInvite(db, actor, { role: 'admin', townships: [], known: TOWNSHIPS })).toEqual({ ok: false, error: 'not_admin' });
    }
    expect(await createInvite(db, admin, { role: 'king', townships: [], known: TOWNSHIPS })).toEqual({ ok: false, error: 'invalid_role' });
    expect(await createInvite(db, admin, { role: 'caseworker', townships: ['atlantis'], known: TOWNSHIPS })).toEqual({ ok: false, error: 'unknown_township' });
    const old = await createInvite(db, admin, { role: 'coordinator', townships: [], known: TOWNSHIPS, now: new Date(Date.now() - 8 * 86_400_000) });
    expect(old.ok && (await joinStaff(db, applicant, old.code))).toEqual({ ok: false, error: 'expired' });
    expect(await joinStaff(db, applicant, 'AAAAA-AAAAA')).toEqual({ ok: false, error: 'invalid_code' });
    expect(await joinStaff(db, applicant, 'short')).toEqual({ ok: false, error: 'invalid_code' });
  });

  it('two people racing for one code: one joins', async () => {
    const admin = await person({ staffRole: 'admin' });
    const invite = await createInvite(db, admin, { role: 'caseworker', townships: [], known: TOWNSHIPS });
    const a = await person();
    const b = await person();
    const results = await Promise.all([joinStaff(db, a, invite.ok ? invite.code : ''), joinStaff(db, b, invite.ok ? invite.code : '')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('admins list and remove staff, not themselves', async () => {
    const admin = await person({ staffRole: 'admin', firstName: 'Olena' });
    const caseworker = await person({ staffRole: 'caseworker' });
    const list = await listStaff(db, admin);
    expect(list!.find((s) => s.id === admin)).toMatchObject({ role: 'admin', name: 'Olena' });
    expect(await listStaff(db, caseworker)).toBeNull();
    expect(await removeStaff(db, caseworker, admin)).toEqual({ ok: false, error: 'not_admin' });
    expect(await removeStaff(db, admin, admin)).toEqual({ ok: false, error: 'self' });
    expect(await removeStaff(db, admin, caseworker)).toEqual({ ok: true, role: 'caseworker' });
    expect((await db.user.findUniqueOrThrow({ where: { id: caseworker } })).staffRole).toBeNull();
  });
});

describe('township scope', () => {
  it('a caseworker of one township sees its cases and those whose township is unknown, and cannot act on others', async () => {
    const riverside = await person({ staffRole: 'caseworker' });
    await db.user.update({ where: { id: riverside }, data: { staffTownships: 'riverside' } });
    const everywhere = await person({ staffRole: 'caseworker' });
    const here = await submitted(singleAdult, 'en', 'riverside');
    const there = await submitted(singleAdult, 'en', 'hillview');
    const unknown = await submitted(singleAdult, 'en', null);
    const seen = (await reviewQueue(db, riverside, { limit: 100 }))!.map((c) => c.id);
    expect(seen).toContain(here.app.id);
    expect(seen).toContain(unknown.app.id);
    expect(seen).not.toContain(there.app.id);
    expect((await reviewQueue(db, everywhere, { limit: 100, township: 'hillview' }))!.map((c) => c.id)).toEqual(
      expect.arrayContaining([there.app.id]),
    );
    expect(await caseCard(db, riverside, there.app.id)).toBeNull();
    expect(await assignToMe(db, riverside, there.app.id)).toEqual({ ok: false, error: 'not_found' });
    expect(await decide(db, riverside, there.app.id, { kind: 'approve', monthlyAmountMinor: 100 })).toEqual({ ok: false, error: 'not_found' });
    expect((await db.application.findUniqueOrThrow({ where: { id: there.app.id } })).status).toBe('submitted');
  });
});

describe('an approved case’s cycle', () => {
  it('approval sets start, interval and next review, and schedules the review and payment-day reminders', async () => {
    const staff = await person({ staffRole: 'caseworker' });
    const { applicantId, app } = await submitted(singleAdult, 'zh');
    const start = addDays(todayDate(), 3);
    const result = await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 10_000, startDate: start, reviewIntervalMonths: 3 });
    expect(result).toMatchObject({ ok: true, notice: { startDate: start, nextReviewDate: addMonths(start, 3) } });
    const row = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ startDate: start, reviewIntervalMonths: 3, nextReviewDate: addMonths(start, 3) });

    const mine = await reminders(applicantId);
    const review = mine.find((r) => r.kind === 'review_due')!;
    expect(JSON.parse(review.payload)).toEqual({ reference: app.reference, date: addMonths(start, 3), applicationId: app.id, audience: 'applicant' });
    expect(review.dueAt.toISOString().slice(0, 10)).toBe(addDays(addMonths(start, 3), -14));
    expect(review.escalateToId).toBe(staff);
    const pay = mine.find((r) => r.kind === 'payment_day')!;
    expect(pay).toMatchObject({ recurrence: 'monthly' });
    expect(JSON.parse(pay.payload)).toEqual({ amountMinor: 10_000, currency: 'CNY' });
    expect(pay.dueAt.toISOString().slice(0, 10)).toBe(firstPaymentDate(start, 10));
    const staffReview = (await reminders(staff)).find((r) => r.kind === 'review_due')!;
    expect(staffReview.dueAt.toISOString().slice(0, 10)).toBe(addMonths(start, 3));
    expect(JSON.parse(staffReview.payload)).toMatchObject({ audience: 'staff' });
  });

  it('refuses a start date more than a year away and intervals out of range', async () => {
    const staff = await person({ staffRole: 'caseworker' });
    const { app } = await submitted();
    expect(await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 1, startDate: addMonths(todayDate(), 13) })).toEqual({ ok: false, error: 'invalid_date' });
    expect(await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 1, startDate: '2026-02-30' })).toEqual({ ok: false, error: 'invalid_date' });
    expect(await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 1, reviewIntervalMonths: 0 })).toEqual({ ok: false, error: 'invalid_interval' });
    expect(await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 1, reviewIntervalMonths: 25 })).toEqual({ ok: false, error: 'invalid_interval' });
  });

  async function approvedCase(language = 'en') {
    const staff = await person({ staffRole: 'caseworker' });
    const { applicantId, app } = await submitted(singleAdult, language);
    const approved = await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 10_000 });
    expect(approved.ok).toBe(true);
    return { staff, applicantId, app };
  }

  it('lists due reviews for staff in scope, with the applicant’s update', async () => {
    const { staff, applicantId, app } = await approvedCase();
    const date = (await db.application.findUniqueOrThrow({ where: { id: app.id } })).nextReviewDate!;
    expect((await dueReviews(db, staff))!.map((r) => r.applicationId)).not.toContain(app.id);
    const due = await dueReviews(db, staff, { today: addDays(date, -14) });
    expect(due!.find((r) => r.applicationId === app.id)).toMatchObject({ nextReviewDate: date, updated: false });

    const updated = household({ members: [member({ monthlyIncome: 350 })] });
    const sent = await submitReviewUpdate(db, applicantId, updated, screen(updated));
    expect(sent).toMatchObject({ ok: true, reference: app.reference, caseworker: { chatId: expect.any(Number) } });
    expect((await dueReviews(db, staff, { today: date }))!.find((r) => r.applicationId === app.id)!.updated).toBe(true);
    expect(await dueReviews(db, applicantId)).toBeNull();
    expect(await submitReviewUpdate(db, await person({ role: 'applicant' }), updated, screen(updated))).toEqual({ ok: false, error: 'no_approved_case' });
  });

  it('continue keeps the amount, takes the update and moves the review; adjust changes the payment reminder', async () => {
    const { staff, applicantId, app } = await approvedCase('es');
    const updated = household({ members: [member({ monthlyIncome: 350 })] });
    await submitReviewUpdate(db, applicantId, updated, screen(updated));
    const today = '2027-06-01';
    const continued = await completeReview(db, staff, app.id, 0, { kind: 'continue' }, undefined, today);
    expect(continued).toMatchObject({ ok: true, notice: { outcome: 'continue', amountMinor: 10_000, nextReviewDate: '2027-12-01', language: 'es' } });
    let row = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ status: 'approved', reviewCount: 1, nextReviewDate: '2027-12-01', reviewHousehold: null });
    expect(JSON.parse(row.household).members[0].monthlyIncome).toBe(350);

    const adjusted = await completeReview(db, staff, app.id, 1, { kind: 'adjust', monthlyAmountMinor: 5_000 }, undefined, '2027-12-01');
    expect(adjusted).toMatchObject({ ok: true, notice: { outcome: 'adjust', amountMinor: 5_000, previousAmountMinor: 10_000 } });
    row = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ approvedMonthlyMinor: 5_000, reviewCount: 2, nextReviewDate: '2028-06-01' });
    const pays = (await reminders(applicantId)).filter((r) => r.kind === 'payment_day');
    expect(pays.map((r) => JSON.parse(r.payload).amountMinor)).toEqual([5_000]);
    expect((await reminders(applicantId)).filter((r) => r.kind === 'review_due').map((r) => JSON.parse(r.payload).date)).toEqual(['2028-06-01']);
  });

  it('end closes the case with a reason, cancels its reminders and tells the recipient', async () => {
    const { staff, applicantId, app } = await approvedCase();
    const ended = await completeReview(db, staff, app.id, 0, { kind: 'end', reason: 'income_above_standard', note: 'New job' });
    expect(ended).toMatchObject({ ok: true, notice: { status: 'ended', outcome: 'end', reason: 'income_above_standard', note: 'New job' } });
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('ended');
    expect(await reminders(applicantId)).toEqual([]);
    // The review was completed (ended): the same round again is "already reviewed".
    expect(await completeReview(db, staff, app.id, 0, { kind: 'continue' })).toEqual({ ok: false, error: 'already_reviewed' });
    expect(await completeReview(db, staff, app.id, 1, { kind: 'continue' })).toEqual({ ok: false, error: 'not_approved' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: String(app.id), action: 'casework.review_ended' } });
    expect(audit.details).not.toContain('New job');
  });

  it('two caseworkers completing the same review at once: one does, the other is told', async () => {
    const { staff, app } = await approvedCase();
    const colleague = await person({ staffRole: 'caseworker' });
    const results = await Promise.all([
      completeReview(db, staff, app.id, 0, { kind: 'adjust', monthlyAmountMinor: 7_000 }),
      completeReview(db, colleague, app.id, 0, { kind: 'end', reason: 'other' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: 'already_reviewed' });
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).reviewCount).toBe(1);
  });

  it('refuses non-staff and bad outcomes', async () => {
    const { applicantId, app } = await approvedCase();
    const staff = await person({ staffRole: 'caseworker' });
    expect(await completeReview(db, applicantId, app.id, 0, { kind: 'continue' })).toEqual({ ok: false, error: 'not_staff' });
    expect(await completeReview(db, staff, app.id, 0, { kind: 'adjust', monthlyAmountMinor: 0 })).toEqual({ ok: false, error: 'invalid_amount' });
    expect(await completeReview(db, staff, app.id, 0, { kind: 'end', reason: 'bored' as never })).toEqual({ ok: false, error: 'invalid_reason' });
    expect(await completeReview(db, staff, 2_147_483_647, 0, { kind: 'continue' })).toEqual({ ok: false, error: 'not_found' });
  });
});

describe('investigation notes', () => {
  it('spreads verified income over members as declared and recalculates', () => {
    const verified = verifiedHousehold(family, { incomeMinor: 90_000 });
    expect(verified.members.reduce((s, m) => s + m.monthlyIncome, 0)).toBeCloseTo(900);
    expect(verifiedHousehold(household({ members: [member(), member()] }), { incomeMinor: 10_000 }).members.map((m) => m.monthlyIncome)).toEqual([50, 50]);
    expect(verifiedHousehold(singleAdult, { medicalMinor: 12_345 }).monthlyExpenses.medical).toBe(123.45);
  });

  it('records the note with the recalculated screening; the audit keeps no text', async () => {
    const staff = await person({ staffRole: 'coordinator' });
    const { app } = await submitted(singleAdult);
    const result = await addCaseNote(db, staff, app.id, { text: 'Visited; pay slip shows 380', verifiedIncomeMinor: 38_000 }, '2026-06-01');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const allowance = result.note.recalculated!.results.find((r) => r.programme === 'minimum_living_allowance')!;
    expect(allowance).toMatchObject({ status: 'eligible', monthlyAmountMinor: 2_000 });
    expect((await caseCard(db, staff, app.id))!.noteCount).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'casework.note_added', subjectId: String(app.id) } });
    expect(audit.details).not.toContain('pay slip');
    expect(await addCaseNote(db, await person({ role: 'volunteer' }), app.id, { text: 'x' })).toEqual({ ok: false, error: 'not_staff' });
    expect(await addCaseNote(db, staff, app.id, { text: '   ' })).toEqual({ ok: false, error: 'empty_note' });
    expect(await addCaseNote(db, staff, app.id, { text: 'x', verifiedIncomeMinor: -1 })).toEqual({ ok: false, error: 'invalid_amount' });
  });
});

describe('standards by mechanism', () => {
  it('a new standard applies from its date, only admins add it, and affected active cases are listed', async () => {
    const admin = await person({ staffRole: 'admin' });
    const caseworker = await person({ staffRole: 'caseworker' });
    const { app } = await submitted(singleAdult); // urban, income 300: 100 a month under 400
    expect((await decide(db, caseworker, app.id, { kind: 'approve', monthlyAmountMinor: 10_000 })).ok).toBe(true);

    expect(await addStandard(db, caseworker, { area: 'urban', amountMinor: 45_000, effectiveFrom: '2030-01-01' })).toEqual({ ok: false, error: 'not_admin' });
    expect(await addStandard(db, admin, { area: 'suburb', amountMinor: 45_000, effectiveFrom: '2030-01-01' })).toEqual({ ok: false, error: 'invalid_area' });
    expect(await addStandard(db, admin, { area: 'urban', amountMinor: 0, effectiveFrom: '2030-01-01' })).toEqual({ ok: false, error: 'invalid_amount' });
    expect(await addStandard(db, admin, { area: 'urban', amountMinor: 45_000, effectiveFrom: '2030-02-30' })).toEqual({ ok: false, error: 'invalid_date' });
    expect(await addStandard(db, admin, { area: 'urban', amountMinor: 45_000, effectiveFrom: '2008-07-01' })).toEqual({ ok: false, error: 'already_exists' });

    const added = await addStandard(db, admin, { area: 'urban', amountMinor: 45_000, effectiveFrom: '2030-01-01' });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.affected.find((c) => c.applicationId === app.id)).toMatchObject({ currentMonthlyMinor: 10_000, newMonthlyMinor: 15_000 });
    expect(await addStandard(db, admin, { area: 'urban', amountMinor: 46_000, effectiveFrom: '2030-01-01' })).toEqual({ ok: false, error: 'already_exists' });

    const policy = await currentPolicy(db);
    const allowance = (date: string) => evaluate(singleAdult, date, policy).results.find((r) => r.programme === 'minimum_living_allowance')!;
    expect(allowance('2029-12-31').monthlyAmountMinor).toBe(10_000);
    expect(allowance('2030-01-01').monthlyAmountMinor).toBe(15_000);
    expect((await listStandards(db))[0]).toMatchObject({ area: 'urban', amountMinor: 45_000, effectiveFrom: '2030-01-01', addedById: admin });
    expect(await db.auditEvent.count({ where: { action: 'standard.added' } })).toBe(1);
  });
});

describe('documents asked for', () => {
  it('tells the caseworker who asked when an asked-for item arrives, with progress', async () => {
    const staff = await person({ staffRole: 'caseworker' });
    const { applicantId, app } = await submitted(family);
    const card = (await caseCard(db, staff, app.id))!;
    const [first, second] = card.application.checklist;
    expect((await decide(db, staff, app.id, { kind: 'request_documents', items: [first!, second!] })).ok).toBe(true);
    expect(await requestedDocumentArrived(db, applicantId, app.id, { code: 'nope', memberIndex: 0 })).toBeNull();
    const upload = await recordDocument(db, applicantId, app.id, {
      item: first!.code,
      memberIndex: first!.memberIndex,
      fileId: 'again-1',
      fileUniqueId: 'again-u1',
      mimeType: 'image/jpeg',
      sizeBytes: 10,
    });
    expect(upload.ok).toBe(true);
    const notice = await requestedDocumentArrived(db, applicantId, app.id, first!);
    expect(notice).toMatchObject({ reference: app.reference, answered: 1, requested: 2, item: { code: first!.code } });
    // Someone else's application: nothing.
    expect(await requestedDocumentArrived(db, staff, app.id, first!)).toBeNull();
  });
});

describe('privacy of the case’s cycle', () => {
  it('the export holds the decision, the pending update and the investigation notes; erasure removes them', async () => {
    const staff = await person({ staffRole: 'caseworker' });
    const { applicantId, app } = await submitted(singleAdult);
    await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 10_000 });
    await addCaseNote(db, staff, app.id, { text: 'Visited on Monday', verifiedIncomeMinor: 30_000 });
    await submitReviewUpdate(db, applicantId, singleAdult, screen(singleAdult));
    const exported = await exportPersonalData(db, applicantId);
    const application = (exported as unknown as { applications: Record<string, unknown>[] }).applications[0]!;
    expect(application).toMatchObject({
      decision: { approvedMonthlyMinor: 10_000, reviewsCompleted: 0 },
      investigationNotes: [{ text: 'Visited on Monday', verifiedIncomeMinor: 30_000, verifiedMedicalMinor: null }],
    });
    expect(application.pendingReviewUpdate).toMatchObject({ area: 'urban' });

    await erasePerson(db, applicantId);
    expect(await db.caseNote.count({ where: { applicationId: app.id } })).toBe(0);
    expect(await db.reminder.count({ where: { personId: applicantId } })).toBe(0);
    // Nothing the caseworker wrote is in any audit event.
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain('Visited');
  });
});
