// The caseworker console's service on a real database (SQLite, or PostgreSQL with
// TEST_DATABASE_URL): the queue and its filters, staff rights on every action, taking a case,
// decisions with their audit trail, two caseworkers deciding one case at once, and the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  recordDocument,
  saveDraft,
  withdrawApplication,
} from '../../../src/domain/applications/index.js';
import {
  assignToMe,
  caseCard,
  caseFiles,
  caseHistory,
  addMonths,
  decide,
  reviewQueue,
  todayDate,
  type Decision,
} from '../../../src/domain/casework/index.js';
import { openDb, type Db } from '../../../src/db/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { casePeople } from './support.js';
import { family, hardship, newcomers, screen, singleAdult, wellOff } from '../applications/support.js';

let testDb: TestDb;
let db: Db;
beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
});
afterAll(async () => {
  await testDb?.close();
});

const { person, submitted } = casePeople(() => db, 5000);

const auditOf = (applicationId: number) =>
  db.auditEvent.findMany({ where: { subjectType: 'application', subjectId: String(applicationId) }, orderBy: { id: 'asc' } });
const casework = async (applicationId: number) =>
  (await auditOf(applicationId))
    .filter((e) => e.action.startsWith('casework.'))
    .map((e) => ({ action: e.action, actorId: e.actorId, details: JSON.parse(e.details) as Record<string, unknown> }));

describe('review queue', () => {
  let staff: number;
  let ids: Record<string, number>;
  beforeAll(async () => {
    staff = await person({ staffRole: 'caseworker' });
    const a = await submitted(singleAdult); // urban, allowance
    const b = await submitted(newcomers); // rural
    const c = await submitted(hardship); // rural, medical
    const d = await submitted(family); // urban
    const draftOwner = await person({ role: 'applicant' });
    await saveDraft(db, draftOwner, wellOff, screen(wellOff)); // a draft: never in the queue
    const e = await submitted(wellOff);
    await withdrawApplication(db, e.applicantId, e.app.id); // withdrawn: not in the queue
    ids = { a: a.app.id, b: b.app.id, c: c.app.id, d: d.app.id };
    // d was sent first of all; c is under review, b waits for documents.
    await db.application.update({ where: { id: ids.d! }, data: { submittedAt: new Date('2026-01-01T00:00:00Z') } });
    expect((await assignToMe(db, staff, ids.c!)).ok).toBe(true);
    const checklist = (await caseCard(db, staff, ids.b!))!.application.checklist;
    expect((await decide(db, staff, ids.b!, { kind: 'request_documents', items: [checklist[0]!] })).ok).toBe(true);
  });

  const mine = (cases: { id: number }[] | null) => cases!.map((c) => c.id).filter((id) => Object.values(ids).includes(id));

  it('lists open cases oldest submission first, with eligibility, assignment and document progress', async () => {
    const queue = await reviewQueue(db, staff, { limit: 100 });
    expect(mine(queue)).toEqual([ids.d, ids.a, ids.b, ids.c]);
    const a = queue!.find((c) => c.id === ids.a)!;
    expect(a).toMatchObject({ status: 'submitted', area: 'urban', assignedToId: null });
    expect(a.eligible).toContain('minimum_living_allowance');
    expect(a.progress).toEqual({ ready: 3, unavailable: 1, total: 4 });
    expect(a.reference).toMatch(/^SN-\d{4}-\d{6}$/);
    expect(queue!.find((c) => c.id === ids.c)).toMatchObject({ status: 'under_review', assignedToId: staff });
  });

  it('filters by status, area and programme', async () => {
    expect(mine(await reviewQueue(db, staff, { status: 'submitted', limit: 100 }))).toEqual([ids.d, ids.a]);
    expect(mine(await reviewQueue(db, staff, { status: 'needs_documents', limit: 100 }))).toEqual([ids.b]);
    expect(mine(await reviewQueue(db, staff, { area: 'rural', limit: 100 }))).toEqual([ids.b, ids.c]);
    expect(mine(await reviewQueue(db, staff, { area: 'urban', status: 'under_review', limit: 100 }))).toEqual([]);
    expect(mine(await reviewQueue(db, staff, { programme: 'medical_assistance', limit: 100 }))).toEqual([ids.c]);
    expect((await reviewQueue(db, staff, { limit: 2 }))!.length).toBe(2);
  });
});

describe('staff rights', () => {
  it('refuses every action to applicants, volunteers, donors and unknown ids, and changes nothing', async () => {
    const { app } = await submitted();
    const outsiders = [
      await person({ role: 'applicant' }),
      await person({ role: 'volunteer' }),
      await person({ role: 'donor' }),
      await person(),
      0,
      -1,
      987_654_321,
    ];
    const before = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    const auditBefore = await db.auditEvent.count();
    const decisions: Decision[] = [
      { kind: 'approve', monthlyAmountMinor: 10_000 },
      { kind: 'approve', monthlyAmountMinor: -5 },
      { kind: 'reject', reason: 'other', note: 'x' },
      { kind: 'request_documents', items: [{ code: 'identity', memberIndex: 0 }] },
    ];
    for (const outsider of outsiders) {
      expect(await reviewQueue(db, outsider)).toBeNull();
      expect(await caseCard(db, outsider, app.id)).toBeNull();
      expect(await caseFiles(db, outsider, app.id)).toBeNull();
      expect(await caseHistory(db, outsider, app.reference)).toBeNull();
      expect(await assignToMe(db, outsider, app.id)).toEqual({ ok: false, error: 'not_staff' });
      for (const decision of decisions) expect(await decide(db, outsider, app.id, decision)).toEqual({ ok: false, error: 'not_staff' });
    }
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toEqual(before);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it('re-reads the role: a caseworker whose role was removed is refused', async () => {
    const { app } = await submitted();
    const staff = await person({ staffRole: 'caseworker' });
    await db.user.update({ where: { id: staff }, data: { staffRole: null } });
    expect(await assignToMe(db, staff, app.id)).toEqual({ ok: false, error: 'not_staff' });
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('submitted');
  });

  it('coordinators and admins are staff too; nobody sees drafts', async () => {
    const { app } = await submitted();
    for (const staffRole of ['coordinator', 'admin'] as const) {
      expect(await caseCard(db, await person({ staffRole }), app.id)).not.toBeNull();
    }
    const owner = await person({ role: 'applicant' });
    const draft = await saveDraft(db, owner, singleAdult, screen(singleAdult));
    const staff = await person({ staffRole: 'caseworker' });
    expect(draft.ok && (await caseCard(db, staff, draft.application.id))).toBeNull();
    expect(draft.ok && (await assignToMe(db, staff, draft.application.id))).toEqual({ ok: false, error: 'not_found' });
  });
});

describe('taking a case', () => {
  it('assigns it and starts the review, with audit events and a notice for the applicant', async () => {
    const { app, applicantId } = await submitted(singleAdult, 'zh');
    const staff = await person({ staffRole: 'caseworker' });
    const result = await assignToMe(db, staff, app.id);
    const applicant = await db.user.findUniqueOrThrow({ where: { id: applicantId } });
    expect(result).toEqual({
      ok: true,
      status: 'under_review',
      assignedToId: staff,
      changed: true,
      notice: {
        applicationId: app.id,
        chatId: Number(applicant.chatId),
        language: 'zh',
        reachable: true,
        reference: app.reference,
        status: 'under_review',
      },
    });
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({
      status: 'under_review',
      assignedToId: staff,
    });
    expect(await casework(app.id)).toEqual([
      { action: 'casework.assigned', actorId: staff, details: { actorRole: 'caseworker', before: null, after: staff } },
      { action: 'casework.review_started', actorId: staff, details: { actorRole: 'caseworker', before: 'submitted', after: 'under_review' } },
    ]);

    // Again: nothing changes, nothing is written.
    expect(await assignToMe(db, staff, app.id)).toMatchObject({ ok: true, changed: false, notice: null });
    expect(await casework(app.id)).toHaveLength(2);

    // A colleague takes it over: before → after names both; the applicant is not told again.
    const colleague = await person({ staffRole: 'coordinator' });
    expect(await assignToMe(db, colleague, app.id)).toMatchObject({ ok: true, changed: true, notice: null, status: 'under_review' });
    expect((await casework(app.id)).at(-1)).toEqual({
      action: 'casework.assigned',
      actorId: colleague,
      details: { actorRole: 'coordinator', before: staff, after: colleague },
    });
    const card = await caseCard(db, staff, app.id);
    expect(card?.assignedTo).toEqual({ id: colleague, name: null });
  });

  it('is refused for a withdrawn case and one that does not exist', async () => {
    const { app, applicantId } = await submitted();
    await withdrawApplication(db, applicantId, app.id);
    const staff = await person({ staffRole: 'caseworker' });
    expect(await assignToMe(db, staff, app.id)).toEqual({ ok: false, error: 'invalid_transition', status: 'withdrawn' });
    expect(await assignToMe(db, staff, 2_000_000_000)).toEqual({ ok: false, error: 'not_found' });
  });
});

describe('case card and files', () => {
  it('shows the application view, the assignment and the amount to prefill', async () => {
    const { app } = await submitted(singleAdult);
    const staff = await person({ staffRole: 'caseworker', firstName: 'Mei' });
    await assignToMe(db, staff, app.id);
    const card = await caseCard(db, staff, app.id);
    expect(card!.application).toMatchObject({ id: app.id, reference: app.reference, status: 'under_review', household: singleAdult });
    expect(card!.application.checklist.every((e) => e.document)).toBe(true);
    expect(card!.assignedTo).toEqual({ id: staff, name: 'Mei' });
    const allowance = app.screening.results.find((r) => r.programme === 'minimum_living_allowance');
    expect(card!.suggestedMonthlyMinor).toBe(allowance!.monthlyAmountMinor);
    expect(card!.suggestedMonthlyMinor).toBeGreaterThan(0);
  });

  it('lists the provided files with their Telegram file ids, and records that they were looked at', async () => {
    const { app } = await submitted(singleAdult);
    const staff = await person({ staffRole: 'caseworker' });
    const found = await caseFiles(db, staff, app.id);
    expect(found!.reference).toBe(app.reference);
    expect(found!.files.map((f) => f.code)).toEqual(app.checklist.slice(0, -1).map((e) => e.code));
    expect(found!.files.every((f) => f.fileId.startsWith('file-'))).toBe(true);
    const last = (await auditOf(app.id)).at(-1)!;
    expect(last.action).toBe('casework.documents_viewed');
    expect(JSON.parse(last.details)).toEqual({ actorRole: 'caseworker', files: found!.files.length });
    expect(last.details).not.toContain('file-');
  });
});

describe('decisions', () => {
  it('approves from under review with the amount, the decider and an audit event', async () => {
    const { app } = await submitted(singleAdult, 'es');
    const staff = await person({ staffRole: 'caseworker' });
    await assignToMe(db, staff, app.id);
    const result = await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 12_345 });
    expect(result).toMatchObject({
      ok: true,
      notice: { status: 'approved', language: 'es', reference: app.reference, amountMinor: 12_345, currency: 'CNY' },
    });
    const row = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ status: 'approved', decidedById: staff, approvedMonthlyMinor: 12_345, decisionReason: null });
    expect(row.decidedAt).toBeInstanceOf(Date);
    expect((await casework(app.id)).at(-1)).toEqual({
      action: 'casework.approved',
      actorId: staff,
      details: {
        actorRole: 'caseworker',
        before: 'under_review',
        after: 'approved',
        monthlyAmountMinor: 12_345,
        startDate: todayDate(),
        reviewIntervalMonths: 6,
        nextReviewDate: addMonths(todayDate(), 6),
      },
    });
  });

  it('approves straight from submitted: the decider takes the case, reviews and decides', async () => {
    const { app } = await submitted();
    const staff = await person({ staffRole: 'admin' });
    expect((await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 5_000 })).ok).toBe(true);
    expect((await casework(app.id)).map((e) => [e.action, e.details.before, e.details.after])).toEqual([
      ['casework.assigned', null, staff],
      ['casework.review_started', 'submitted', 'under_review'],
      ['casework.approved', 'under_review', 'approved'],
    ]);
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ assignedToId: staff, decidedById: staff });
  });

  it('rejects with a reason code and a note; the audit keeps the code, never the note', async () => {
    const { app } = await submitted(wellOff);
    const staff = await person({ staffRole: 'caseworker' });
    await assignToMe(db, staff, app.id);
    const note = 'Your payslip shows 20,000 a month.';
    const result = await decide(db, staff, app.id, { kind: 'reject', reason: 'income_above_standard', note: `  ${note}  ` });
    expect(result).toMatchObject({ ok: true, notice: { status: 'rejected', reason: 'income_above_standard', note } });
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({
      status: 'rejected',
      decidedById: staff,
      decisionReason: 'income_above_standard',
      decisionNote: note,
    });
    const event = (await auditOf(app.id)).at(-1)!;
    expect(event.action).toBe('casework.rejected');
    expect(JSON.parse(event.details)).toEqual({
      actorRole: 'caseworker',
      before: 'under_review',
      after: 'rejected',
      reason: 'income_above_standard',
      note: true,
    });
    expect(event.details).not.toContain('payslip');
  });

  it('requests documents on the checklist; the applicant sends them; the case is then approved', async () => {
    const { app, applicantId } = await submitted(family);
    const staff = await person({ staffRole: 'caseworker' });
    await assignToMe(db, staff, app.id);
    const wanted = [app.checklist[0]!, app.checklist[2]!].map(({ code, memberIndex }) => ({ code, memberIndex }));

    // Items that are not on the checklist are refused, and nothing changes.
    expect(await decide(db, staff, app.id, { kind: 'request_documents', items: [{ code: 'housing_photos', memberIndex: -1 }] })).toEqual({
      ok: false,
      error: 'invalid_items',
    });
    expect(await decide(db, staff, app.id, { kind: 'request_documents', items: [] })).toEqual({ ok: false, error: 'invalid_items' });
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('under_review');

    const result = await decide(db, staff, app.id, { kind: 'request_documents', items: wanted, note: 'Clearer photo please' });
    expect(result).toMatchObject({ ok: true, notice: { status: 'needs_documents', items: wanted, note: 'Clearer photo please' } });
    expect((await casework(app.id)).at(-1)).toEqual({
      action: 'casework.documents_requested',
      actorId: staff,
      details: {
        actorRole: 'caseworker',
        before: 'under_review',
        after: 'needs_documents',
        items: wanted.map((w) => ({ item: w.code, memberIndex: w.memberIndex })),
        note: true,
      },
    });
    const card = await caseCard(db, staff, app.id);
    expect(card!.decision.requestedDocuments).toEqual(wanted);

    // The applicant may send documents again while they are asked for.
    const resent = await recordDocument(db, applicantId, app.id, {
      item: wanted[0]!.code,
      memberIndex: wanted[0]!.memberIndex,
      fileId: 'new-file',
      fileUniqueId: 'new-uniq',
      mimeType: 'image/png',
    });
    expect(resent.ok).toBe(true);

    // From needs_documents the decision goes through under review again.
    expect((await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor: 80_000 })).ok).toBe(true);
    expect((await casework(app.id)).slice(-2).map((e) => [e.action, e.details.before, e.details.after])).toEqual([
      ['casework.review_started', 'needs_documents', 'under_review'],
      ['casework.approved', 'under_review', 'approved'],
    ]);
  });

  it('refuses bad amounts, unknown reasons and over-long notes without changing anything', async () => {
    const { app } = await submitted();
    const staff = await person({ staffRole: 'caseworker' });
    for (const monthlyAmountMinor of [-1, 1.5, Number.NaN, 1e12]) {
      expect(await decide(db, staff, app.id, { kind: 'approve', monthlyAmountMinor })).toEqual({ ok: false, error: 'invalid_amount' });
    }
    expect(await decide(db, staff, app.id, { kind: 'reject', reason: 'because' as never })).toEqual({ ok: false, error: 'invalid_reason' });
    expect(await decide(db, staff, app.id, { kind: 'reject', reason: 'other', note: 'x'.repeat(1001) })).toEqual({
      ok: false,
      error: 'note_too_long',
    });
    expect(await db.application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ status: 'submitted', assignedToId: null });
    expect(await casework(app.id)).toEqual([]);
  });

  it('a decided case cannot be decided again; a withdrawn one cannot be decided at all', async () => {
    const { app } = await submitted();
    const first = await person({ staffRole: 'caseworker', firstName: 'Ana' });
    const second = await person({ staffRole: 'caseworker' });
    await decide(db, first, app.id, { kind: 'reject', reason: 'not_resident' });
    const row = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(await decide(db, second, app.id, { kind: 'approve', monthlyAmountMinor: 100 })).toEqual({
      ok: false,
      error: 'already_decided',
      status: 'rejected',
      decidedById: first,
      decidedByName: 'Ana',
      decidedAt: row.decidedAt,
    });
    expect(await assignToMe(db, second, app.id)).toMatchObject({ ok: false, error: 'already_decided', decidedById: first });

    const other = await submitted();
    await withdrawApplication(db, other.applicantId, other.app.id);
    expect(await decide(db, second, other.app.id, { kind: 'approve', monthlyAmountMinor: 100 })).toEqual({
      ok: false,
      error: 'invalid_transition',
      status: 'withdrawn',
    });
  });
});

describe('two caseworkers deciding one case at once', () => {
  it('exactly one decision wins; the other is told who decided and when', async () => {
    // Two clients = two connection pools, like two bot instances (on SQLite: one process, one client).
    const second = testDb.provider === 'postgresql' ? await openDb(testDb.target, { migrate: false }) : null;
    const other = second?.db ?? db;
    try {
      for (let round = 0; round < 5; round++) {
        const { app } = await submitted();
        const a = await person({ staffRole: 'caseworker' });
        const b = await person({ staffRole: 'caseworker' });
        if (round % 2 === 1) await assignToMe(db, a, app.id);
        const results = await Promise.all([
          decide(db, a, app.id, { kind: 'approve', monthlyAmountMinor: 1_000 }),
          decide(other, b, app.id, { kind: 'reject', reason: 'other' }),
        ]);
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const row = await db.application.findUniqueOrThrow({ where: { id: app.id } });
        const loser = results.find((r) => !r.ok)!;
        expect(loser).toEqual({
          ok: false,
          error: 'already_decided',
          status: row.status,
          decidedById: row.decidedById,
          decidedByName: null,
          decidedAt: row.decidedAt,
        });
        expect(row.decidedById).toBe(results[0]!.ok ? a : b);
        const decisions = (await casework(app.id)).filter((e) => e.action === 'casework.approved' || e.action === 'casework.rejected');
        expect(decisions).toHaveLength(1);
      }
    } finally {
      await second?.close();
    }
  });
});

describe('history', () => {
  it("lists the case's audit events with the actor's role, before and after", async () => {
    const { app } = await submitted();
    const staff = await person({ staffRole: 'coordinator' });
    await assignToMe(db, staff, app.id);
    await decide(db, staff, app.id, { kind: 'reject', reason: 'savings_above_limit', note: 'private words' });
    const lines = await caseHistory(db, staff, app.reference.toLowerCase());
    expect(lines!.map((l) => [l.actor, l.action, l.before, l.after])).toEqual([
      ['applicant', 'application.draft_created', null, null],
      ...app.checklist.slice(0, -1).map(() => ['applicant', 'application.document_provided', null, 'provided']),
      ['applicant', 'application.document_unavailable', null, 'unavailable'],
      ['applicant', 'application.submitted', 'draft', 'submitted'],
      ['coordinator', 'casework.assigned', null, staff],
      ['coordinator', 'casework.review_started', 'submitted', 'under_review'],
      ['coordinator', 'casework.rejected', 'under_review', 'rejected'],
    ]);
    expect(lines!.at(-1)).toMatchObject({ actorId: staff, details: { reason: 'savings_above_limit', note: true } });
    expect(lines![0]!.actorId).toBeNull();
    expect(lines![0]!.at).toBeInstanceOf(Date);
    expect(await caseHistory(db, staff, 'SN-1999-999999')).toEqual([]);
  });
});
