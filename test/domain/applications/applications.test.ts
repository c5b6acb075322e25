// The application service on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL):
// drafts, documents, submission, withdrawal, ownership, erasure and export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentApplication,
  getApplication,
  listApplications,
  markDocumentUnavailable,
  recordDocument,
  REFERENCE_PATTERN,
  saveDraft,
  submitApplication,
  withdrawApplication,
  type ApplicationView,
  type DocumentUpload,
} from '../../../src/domain/applications/index.js';
import { erasePerson, exportPersonalData, registerConsent } from '../../../src/domain/people/people.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { family, hardship, household, member, newcomers, screen, singleAdult } from './support.js';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

let nextTelegramId = 1000;
async function newPerson(): Promise<number> {
  const id = nextTelegramId++;
  const person = await registerConsent(testDb.db, { telegramId: id, chatId: id, language: 'en', firstName: null, staffRole: null });
  return person.id;
}

async function draftFor(personId: number, h = singleAdult): Promise<ApplicationView> {
  const result = await saveDraft(testDb.db, personId, h, screen(h));
  if (!result.ok) throw new Error(`saveDraft failed: ${result.error}`);
  return result.application;
}

let fileCounter = 0;
function upload(item: string, memberIndex: number, overrides: Partial<DocumentUpload> = {}): DocumentUpload {
  fileCounter++;
  return {
    item,
    memberIndex,
    fileId: `AgACAgIAAxkBAAI-file-${fileCounter}`,
    fileUniqueId: `AQADuniq${fileCounter}`,
    mimeType: 'image/jpeg',
    sizeBytes: 123_456,
    ...overrides,
  };
}

const auditOf = (applicationId: number) =>
  testDb.db.auditEvent.findMany({ where: { subjectType: 'application', subjectId: String(applicationId) }, orderBy: { id: 'asc' } });

/** Deals with every checklist item: files for all but the last, which is marked unavailable. */
async function completeChecklist(personId: number, app: ApplicationView): Promise<void> {
  for (const [i, entry] of app.checklist.entries()) {
    const result =
      i === app.checklist.length - 1
        ? await markDocumentUnavailable(testDb.db, personId, app.id, entry.code, entry.memberIndex)
        : await recordDocument(testDb.db, personId, app.id, upload(entry.code, entry.memberIndex));
    expect(result.ok).toBe(true);
  }
}

describe('saveDraft', () => {
  it('creates a draft with a SN-<year>-<6-digit id> reference, its checklist and an audit event without personal data', async () => {
    const personId = await newPerson();
    const result = await saveDraft(testDb.db, personId, family, screen(family));
    expect(result.ok && result.created).toBe(true);
    if (!result.ok) return;
    const app = result.application;
    expect(app.status).toBe('draft');
    expect(app.reference).toMatch(REFERENCE_PATTERN);
    expect(app.reference).toBe(`SN-${app.createdAt.getUTCFullYear()}-${String(app.id).padStart(6, '0')}`);
    expect(app.household).toEqual(family);
    expect(app.screening).toEqual(screen(family));
    expect(app.checklist).toHaveLength(9);
    expect(app.progress).toEqual({ ready: 0, unavailable: 0, total: 9 });
    expect(app.submittedAt).toBeNull();

    const row = await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ personId, area: 'urban', township: null, status: 'draft', reference: app.reference });

    const events = await auditOf(app.id);
    expect(events.map((e) => e.action)).toEqual(['application.draft_created']);
    expect(events[0]!.actorId).toBe(personId);
    expect(JSON.parse(events[0]!.details)).toEqual({ reference: app.reference, status: 'draft', checklistItems: 9 });
  });

  it('keeps one draft per person, replacing household and screening and keeping only documents still asked for', async () => {
    const personId = await newPerson();
    const first = await draftFor(personId, family);
    for (const [item, index] of [['identity', 0], ['identity', 1], ['school_enrolment', 1], ['school_enrolment', 2], ['disability_certificate', 3]] as const) {
      expect((await recordDocument(testDb.db, personId, first.id, upload(item, index))).ok).toBe(true);
    }
    await markDocumentUnavailable(testDb.db, personId, first.id, 'income_proof', 0);

    // The 17-year-old left school and the grandmother moved out.
    const changed = household({ ...family, members: [family.members[0]!, member({ age: 17, canWork: true }), family.members[2]!] });
    const second = await saveDraft(testDb.db, personId, changed, screen(changed));
    expect(second).toMatchObject({ ok: true, created: false });
    if (!second.ok) return;
    expect(second.application.id).toBe(first.id);
    expect(second.application.reference).toBe(first.reference);
    expect(second.application.household).toEqual(changed);

    const kept = await testDb.db.applicationDocument.findMany({ where: { applicationId: first.id }, orderBy: { id: 'asc' } });
    expect(kept.map((d) => `${d.item}#${d.memberIndex}:${d.status}`)).toEqual([
      'identity#0:provided',
      'identity#1:provided',
      'school_enrolment#2:provided',
      'income_proof#0:unavailable',
    ]);
    expect(second.application.progress).toEqual({ ready: 3, unavailable: 1, total: second.application.checklist.length });
    expect(await testDb.db.application.count({ where: { personId } })).toBe(1);

    const update = (await auditOf(first.id)).at(-1)!;
    expect(update.action).toBe('application.draft_updated');
    expect(JSON.parse(update.details)).toEqual({
      checklistItems: second.application.checklist.length,
      keptDocuments: 4,
      removedDocuments: [
        { item: 'school_enrolment', memberIndex: 1 },
        { item: 'disability_certificate', memberIndex: 3 },
      ],
    });
  });

  it('saving the same household again changes nothing and writes no audit event', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    const before = await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } });
    const again = await saveDraft(testDb.db, personId, singleAdult, screen(singleAdult));
    expect(again).toMatchObject({ ok: true, created: false });
    expect(await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } })).toEqual(before);
    expect((await auditOf(app.id)).map((e) => e.action)).toEqual(['application.draft_created']);
  });

  it('refuses a new draft while an application is submitted, naming it', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    await completeChecklist(personId, app);
    expect((await submitApplication(testDb.db, personId, app.id)).ok).toBe(true);
    expect(await saveDraft(testDb.db, personId, newcomers, screen(newcomers))).toEqual({
      ok: false,
      error: 'already_open',
      applicationId: app.id,
      reference: app.reference,
      status: 'submitted',
    });
    expect(await testDb.db.application.count({ where: { personId } })).toBe(1);
  });

  it('answers not_found for a person who does not exist (e.g. erased meanwhile)', async () => {
    expect(await saveDraft(testDb.db, 987_654, singleAdult, screen(singleAdult))).toEqual({ ok: false, error: 'not_found' });
  });

  it('throws on a malformed household, a programming error, without echoing its values', async () => {
    const personId = await newPerson();
    const bad = { ...singleAdult, members: [{ ...singleAdult.members[0]!, monthlyIncome: -31337 }] };
    await expect(saveDraft(testDb.db, personId, bad, screen(singleAdult))).rejects.toThrow(/members\.0\.monthlyIncome/);
    await expect(saveDraft(testDb.db, personId, bad, screen(singleAdult))).rejects.not.toThrow(/31337/);
  });

  it('two saves at once for one person create one draft', async () => {
    const personId = await newPerson();
    // Without the lock on the person's row this fails most runs on PostgreSQL.
    const results = await Promise.all(
      [singleAdult, hardship, family, newcomers].map((h) => saveDraft(testDb.db, personId, h, screen(h))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await testDb.db.application.count({ where: { personId } })).toBe(1);
  });
});

describe('documents', () => {
  it('records a file, is idempotent for the same file, and replaces it with another', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    const file = upload('identity', 0, { sha256: 'AB'.repeat(32), fileName: 'id.jpg' });
    const first = await recordDocument(testDb.db, personId, app.id, file);
    expect(first).toMatchObject({ ok: true, changed: true });
    if (!first.ok) return;
    expect(first.application.checklist[0]).toEqual({
      code: 'identity',
      memberIndex: 0,
      why: [],
      document: { status: 'provided', mimeType: 'image/jpeg', sizeBytes: 123_456 },
    });
    expect(first.application.progress).toEqual({ ready: 1, unavailable: 0, total: 4 });

    const again = await recordDocument(testDb.db, personId, app.id, file);
    expect(again).toMatchObject({ ok: true, changed: false });

    const replacement = upload('identity', 0, { mimeType: 'application/pdf', sizeBytes: 2000 });
    expect(await recordDocument(testDb.db, personId, app.id, replacement)).toMatchObject({ ok: true, changed: true });
    const rows = await testDb.db.applicationDocument.findMany({ where: { applicationId: app.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      item: 'identity',
      memberIndex: 0,
      status: 'provided',
      fileId: replacement.fileId,
      fileUniqueId: replacement.fileUniqueId,
      mimeType: 'application/pdf',
      sizeBytes: 2000,
      sha256: null,
    });

    const events = await auditOf(app.id);
    expect(events.map((e) => e.action)).toEqual([
      'application.draft_created',
      'application.document_provided',
      'application.document_provided',
    ]);
    expect(JSON.parse(events[2]!.details)).toEqual({ item: 'identity', memberIndex: 0, before: 'provided', after: 'provided' });
    for (const e of events) {
      expect(e.details).not.toContain(file.fileId);
      expect(e.details).not.toContain(file.fileUniqueId);
    }
  });

  it('stores the canonical type and a lower-case hash', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    const result = await recordDocument(
      testDb.db,
      personId,
      app.id,
      upload('income_proof', 0, { mimeType: 'application/octet-stream', fileName: 'payslip.pdf', sha256: 'AB'.repeat(32) }),
    );
    expect(result.ok).toBe(true);
    const row = await testDb.db.applicationDocument.findFirstOrThrow({ where: { applicationId: app.id } });
    expect(row).toMatchObject({ mimeType: 'application/pdf', sha256: 'ab'.repeat(32) });
  });

  it('marks an item unavailable, clearing a file sent before; twice changes nothing', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    await recordDocument(testDb.db, personId, app.id, upload('bank_account', -1));
    const marked = await markDocumentUnavailable(testDb.db, personId, app.id, 'bank_account', -1);
    expect(marked).toMatchObject({ ok: true, changed: true });
    if (!marked.ok) return;
    expect(marked.application.checklist.at(-1)!.document).toEqual({ status: 'unavailable' });
    expect(marked.application.progress).toEqual({ ready: 0, unavailable: 1, total: 4 });
    const row = await testDb.db.applicationDocument.findFirstOrThrow({ where: { applicationId: app.id } });
    expect(row).toMatchObject({ status: 'unavailable', fileId: null, fileUniqueId: null, mimeType: null, sizeBytes: null });
    expect(await markDocumentUnavailable(testDb.db, personId, app.id, 'bank_account', -1)).toMatchObject({ ok: true, changed: false });
    expect((await auditOf(app.id)).map((e) => e.action)).toEqual([
      'application.draft_created',
      'application.document_provided',
      'application.document_unavailable',
    ]);
  });

  it('refuses items that are not on the checklist, and files that fail validation, leaving no trace', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    const before = await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } });
    for (const [item, index] of [['housing_photos', -1], ['identity', 1], ['identity', -1], ['passport', 0], ['bank_account', 0]] as const) {
      expect(await recordDocument(testDb.db, personId, app.id, upload(item, index))).toEqual({ ok: false, error: 'not_on_checklist' });
      expect(await markDocumentUnavailable(testDb.db, personId, app.id, item, index)).toEqual({ ok: false, error: 'not_on_checklist' });
    }
    expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0, { mimeType: 'image/gif' }))).toEqual({
      ok: false,
      error: 'type_not_allowed',
    });
    expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0, { sizeBytes: 11 * 1024 * 1024 }))).toEqual({
      ok: false,
      error: 'too_large',
    });
    expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0, { sizeBytes: 0 }))).toEqual({
      ok: false,
      error: 'empty',
    });
    // What only a programming error sends: thrown, not answered.
    await expect(recordDocument(testDb.db, personId, app.id, upload('identity', 0, { fileId: '' }))).rejects.toThrow(TypeError);
    await expect(recordDocument(testDb.db, personId, app.id, upload('identity', 0, { sizeBytes: 1.5 }))).rejects.toThrow(TypeError);
    await expect(recordDocument(testDb.db, personId, app.id, upload('identity', 0, { sha256: 'abc' }))).rejects.toThrow(TypeError);
    expect(await testDb.db.applicationDocument.count({ where: { applicationId: app.id } })).toBe(0);
    expect(await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } })).toEqual(before);
    expect(await auditOf(app.id)).toHaveLength(1);
  });
});

describe('ownership', () => {
  it("answers not_found for another person's application, exactly as for one that does not exist", async () => {
    const owner = await newPerson();
    const other = await newPerson();
    const app = await draftFor(owner);
    await recordDocument(testDb.db, owner, app.id, upload('identity', 0));
    const before = await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } });
    const notFound = { ok: false, error: 'not_found' };

    for (const id of [app.id, 999_999, 0, -1, 1.5, Number.NaN, 2 ** 40]) {
      expect(await recordDocument(testDb.db, other, id, upload('identity', 0))).toEqual(notFound);
      expect(await markDocumentUnavailable(testDb.db, other, id, 'identity', 0)).toEqual(notFound);
      expect(await submitApplication(testDb.db, other, id)).toEqual(notFound);
      expect(await withdrawApplication(testDb.db, other, id)).toEqual(notFound);
      expect(await getApplication(testDb.db, other, id)).toBeNull();
    }
    expect(await currentApplication(testDb.db, other)).toBeNull();
    expect(await listApplications(testDb.db, other)).toEqual([]);

    const after = await testDb.db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(after).toEqual(before);
    const doc = await testDb.db.applicationDocument.findFirstOrThrow({ where: { applicationId: app.id } });
    expect(doc.status).toBe('provided');
    expect(await getApplication(testDb.db, owner, app.id)).toMatchObject({ id: app.id, reference: app.reference });
  });
});

describe('submitting and withdrawing', () => {
  it('draft → documents → submit → withdraw, then a new draft', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId, hardship);

    const early = await submitApplication(testDb.db, personId, app.id);
    expect(early).toMatchObject({ ok: false, error: 'checklist_incomplete' });
    if (early.ok || early.error !== 'checklist_incomplete') return;
    expect(early.missing.map((i) => i.code)).toEqual(app.checklist.map((i) => i.code));

    await completeChecklist(personId, app);
    const submitted = await submitApplication(testDb.db, personId, app.id);
    expect(submitted).toMatchObject({ ok: true, application: { status: 'submitted' } });
    if (!submitted.ok) return;
    expect(submitted.application.submittedAt).toBeInstanceOf(Date);
    expect(submitted.application.decidedAt).toBeNull();
    expect(submitted.application.progress).toEqual({ ready: 7, unavailable: 1, total: 8 });

    // A late document is still welcome until a caseworker opens the file.
    expect(await recordDocument(testDb.db, personId, app.id, upload('bank_account', -1))).toMatchObject({ ok: true, changed: true });
    expect(await submitApplication(testDb.db, personId, app.id)).toEqual({ ok: false, error: 'invalid_transition', status: 'submitted' });

    const withdrawn = await withdrawApplication(testDb.db, personId, app.id);
    expect(withdrawn).toMatchObject({ ok: true, application: { status: 'withdrawn' } });
    if (!withdrawn.ok) return;
    expect(withdrawn.application.decidedAt).toBeInstanceOf(Date);
    expect(await withdrawApplication(testDb.db, personId, app.id)).toEqual({ ok: false, error: 'invalid_transition', status: 'withdrawn' });
    expect(await submitApplication(testDb.db, personId, app.id)).toEqual({ ok: false, error: 'invalid_transition', status: 'withdrawn' });
    expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0))).toEqual({ ok: false, error: 'not_editable', status: 'withdrawn' });

    expect((await auditOf(app.id)).filter((e) => !e.action.startsWith('application.document')).map((e) => [e.action, JSON.parse(e.details)])).toEqual([
      ['application.draft_created', { reference: app.reference, status: 'draft', checklistItems: 8 }],
      ['application.submitted', { before: 'draft', after: 'submitted' }],
      ['application.withdrawn', { before: 'submitted', after: 'withdrawn' }],
    ]);

    expect(await currentApplication(testDb.db, personId)).toMatchObject({ id: app.id, status: 'withdrawn' });
    const next = await saveDraft(testDb.db, personId, singleAdult, screen(singleAdult));
    expect(next).toMatchObject({ ok: true, created: true });
    if (!next.ok) return;
    expect(next.application.reference).not.toBe(app.reference);
    expect(await currentApplication(testDb.db, personId)).toMatchObject({ id: next.application.id, status: 'draft' });
    expect((await listApplications(testDb.db, personId)).map((a) => [a.reference, a.status])).toEqual([
      [next.application.reference, 'draft'],
      [app.reference, 'withdrawn'],
    ]);
  });

  it('a draft can be withdrawn without submitting', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    expect(await withdrawApplication(testDb.db, personId, app.id)).toMatchObject({ ok: true, application: { status: 'withdrawn', submittedAt: null } });
  });

  it('follows the status a caseworker set: no documents under review, documents when asked for, no way back from a decision', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    await completeChecklist(personId, app);
    await submitApplication(testDb.db, personId, app.id);
    const setStatus = (status: string) => testDb.db.application.update({ where: { id: app.id }, data: { status } });

    await setStatus('under_review');
    expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0))).toEqual({ ok: false, error: 'not_editable', status: 'under_review' });
    expect(await markDocumentUnavailable(testDb.db, personId, app.id, 'identity', 0)).toEqual({ ok: false, error: 'not_editable', status: 'under_review' });
    expect(await saveDraft(testDb.db, personId, singleAdult, screen(singleAdult))).toMatchObject({ ok: false, error: 'already_open', status: 'under_review' });

    await setStatus('needs_documents');
    expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0))).toMatchObject({ ok: true, changed: true });
    expect(await submitApplication(testDb.db, personId, app.id)).toEqual({ ok: false, error: 'invalid_transition', status: 'needs_documents' });

    for (const status of ['approved', 'rejected'] as const) {
      await setStatus(status);
      expect(await withdrawApplication(testDb.db, personId, app.id)).toEqual({ ok: false, error: 'invalid_transition', status });
      expect(await recordDocument(testDb.db, personId, app.id, upload('identity', 0))).toEqual({ ok: false, error: 'not_editable', status });
      // A decided application is history: the person may apply again.
      expect(await currentApplication(testDb.db, personId)).toMatchObject({ id: app.id, status });
    }
    expect(await saveDraft(testDb.db, personId, singleAdult, screen(singleAdult))).toMatchObject({ ok: true, created: true });

    await setStatus('under_review');
    // Not reachable in practice (the person now has a draft too), but withdrawal from review is allowed.
    expect(await withdrawApplication(testDb.db, personId, app.id)).toMatchObject({ ok: true, application: { status: 'withdrawn' } });
  });
});

describe('reading stored data defensively', () => {
  it('fails loudly, naming the application and the path but no values, when the stored household is corrupt', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    await testDb.db.application.update({
      where: { id: app.id },
      data: { household: JSON.stringify({ ...singleAdult, members: [{ age: 'thirty-one', secret: 'Fatima' }] }) },
    });
    const read = currentApplication(testDb.db, personId);
    await expect(read).rejects.toThrow(`Application ${app.id}: stored household is invalid at members.0.age`);
    await expect(currentApplication(testDb.db, personId)).rejects.not.toThrow(/Fatima|thirty-one/);
    await testDb.db.application.update({ where: { id: app.id }, data: { household: 'not json' } });
    await expect(getApplication(testDb.db, personId, app.id)).rejects.toThrow(/stored household is invalid/);
    // The export still gives the person what is stored.
    const exported = await exportPersonalData(testDb.db, personId);
    expect(exported.applications[0]!.household).toBe('not json');
  });

  it('drops results of programmes this version does not know and keeps the rest', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId);
    const stored = screen(singleAdult);
    const withRetired = { ...stored, results: [...stored.results, { programme: 'coal_subsidy', status: 'eligible', reasons: [], changes: [] }] };
    await testDb.db.application.update({ where: { id: app.id }, data: { screening: JSON.stringify(withRetired) } });
    const view = await getApplication(testDb.db, personId, app.id);
    expect(view!.screening.results.map((r) => r.programme)).toEqual(stored.results.map((r) => r.programme));
  });
});

describe('privacy', () => {
  it('exports applications with household, screening outcome and documents, but no file ids', async () => {
    const personId = await newPerson();
    const app = await draftFor(personId, newcomers);
    const file = upload('identity', 0, { mimeType: 'application/pdf', sizeBytes: 4321 });
    await recordDocument(testDb.db, personId, app.id, file);
    await markDocumentUnavailable(testDb.db, personId, app.id, 'residence_proof', -1);

    const data = await exportPersonalData(testDb.db, personId);
    expect(data.applications).toHaveLength(1);
    const [exported] = data.applications;
    const screening = screen(newcomers);
    expect(exported).toMatchObject({
      reference: app.reference,
      status: 'draft',
      submittedAt: null,
      decidedAt: null,
      area: 'rural',
      household: newcomers,
      documents: [
        { item: 'identity', memberIndex: 0, status: 'provided', mimeType: 'application/pdf', sizeBytes: 4321 },
        { item: 'residence_proof', memberIndex: -1, status: 'unavailable', mimeType: null, sizeBytes: null },
      ],
    });
    expect(exported!.createdAt).toBe(app.createdAt.toISOString());
    expect(exported!.screening).toEqual({
      date: screening.date,
      region: screening.region,
      currency: screening.currency,
      residenceProofRequired: true,
      specialGroups: screening.specialGroups,
      results: screening.results.map((r) => ({
        programme: r.programme,
        status: r.status,
        ...(r.monthlyAmountMinor !== undefined ? { monthlyAmountMinor: r.monthlyAmountMinor } : {}),
        ...(r.amountMinor !== undefined ? { amountMinor: r.amountMinor } : {}),
      })),
    });
    const text = JSON.stringify(data);
    expect(text).not.toContain(file.fileId);
    expect(text).not.toContain(file.fileUniqueId);
    expect(data.activity.map((a) => a.action)).toEqual([
      'person.consented',
      'application.draft_created',
      'application.document_provided',
      'application.document_unavailable',
    ]);
  });

  it('erasing a person erases their applications and documents (cascade), and nobody else’s', async () => {
    const personId = await newPerson();
    const neighbour = await newPerson();
    const app = await draftFor(personId, family);
    await recordDocument(testDb.db, personId, app.id, upload('identity', 0));
    await markDocumentUnavailable(testDb.db, personId, app.id, 'income_proof', 0);
    const theirs = await draftFor(neighbour);
    await recordDocument(testDb.db, neighbour, theirs.id, upload('identity', 0));

    const { keptAuditEvents } = await erasePerson(testDb.db, personId);
    expect(keptAuditEvents).toBe(4);
    expect(await testDb.db.application.count({ where: { id: app.id } })).toBe(0);
    expect(await testDb.db.applicationDocument.count({ where: { applicationId: app.id } })).toBe(0);
    expect(await testDb.db.application.count({ where: { id: theirs.id } })).toBe(1);
    expect(await testDb.db.applicationDocument.count({ where: { applicationId: theirs.id } })).toBe(1);

    const events = await auditOf(app.id);
    expect(events.map((e) => e.action)).toEqual([
      'application.draft_created',
      'application.document_provided',
      'application.document_unavailable',
    ]);
    for (const e of events) expect(e.actorId).toBeNull();
    expect(await currentApplication(testDb.db, personId)).toBeNull();
  });
});
