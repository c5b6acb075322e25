// Applications: a person's household and screening turned into a case, the documents gathered for
// its checklist, and its life from draft to decision. Every change happens in a transaction that
// also writes its audit event; audit details hold codes and ids only, never household data or
// Telegram file ids. Ids arrive from callback data: every function re-checks that the person owns
// the application and answers `not_found` otherwise, the same as for an id that does not exist.
import { randomUUID } from 'node:crypto';
import type { Db, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import type { QuestionnaireHousehold } from '../questionnaire/household.js';
import type { ProgrammeId, Screening, ScreeningStatus } from '../screening/index.js';
import {
  buildChecklist,
  checklistProgress,
  type ChecklistItem,
  type ChecklistProgress,
  type DocumentStatus,
  type UploadError,
  validateUpload,
} from './checklist.js';
import { checkHousehold, checkScreening, readHousehold, readScreening, storedJson } from './stored.js';
import { isId, transaction } from '../transaction.js';

// --- Statuses and transitions -----------------------------------------------------------

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'needs_documents',
  'approved',
  'rejected',
  'withdrawn',
  // Approved, then stopped at a re-review (src/domain/casework/rereview.ts)
  'ended',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value);
}

/** A person has at most one application in these statuses. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'under_review', 'needs_documents'];
/** Nothing moves an application out of these; `decidedAt` records when it got there. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['approved', 'rejected', 'withdrawn', 'ended'];
/**
 * Statuses in which the applicant may add, replace or give up documents: while drafting; after
 * submitting, until a caseworker opens the file (a late document only helps, and the review then
 * starts from a stable file); and when a caseworker asked for documents. Not during a review.
 */
export const DOCUMENT_EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'needs_documents'];

export type TransitionActor = 'applicant' | 'caseworker';

/** Every allowed move, and who may make it. Final statuses have none. */
export const TRANSITIONS: Readonly<
  Record<ApplicationStatus, Readonly<Partial<Record<ApplicationStatus, TransitionActor>>>>
> = {
  draft: { submitted: 'applicant', withdrawn: 'applicant' },
  submitted: { under_review: 'caseworker', withdrawn: 'applicant' },
  under_review: { needs_documents: 'caseworker', approved: 'caseworker', rejected: 'caseworker', withdrawn: 'applicant' },
  needs_documents: { under_review: 'caseworker', withdrawn: 'applicant' },
  // Assistance stops at a re-review; continuing or adjusting keeps the case approved.
  approved: { ended: 'caseworker' },
  rejected: {},
  withdrawn: {},
  ended: {},
};

/** Whether `from → to` is allowed at all, or, given `by`, allowed to that kind of actor. */
export function canTransition(from: ApplicationStatus, to: ApplicationStatus, by?: TransitionActor): boolean {
  const actor = TRANSITIONS[from]?.[to];
  return actor !== undefined && (by === undefined || actor === by);
}

// --- References ----------------------------------------------------------------------------

export const REFERENCE_PATTERN = /^SN-\d{4}-\d{6,}$/;

/** `SN-<year of creation, UTC>-<id, at least 6 digits>`, e.g. SN-2026-000123. */
export function formatReference(id: number, createdAt: Date): string {
  return `SN-${createdAt.getUTCFullYear()}-${String(id).padStart(6, '0')}`;
}

// --- Views ---------------------------------------------------------------------------------

export interface ChecklistEntry extends ChecklistItem {
  /** Absent while the applicant has done nothing about the item. */
  document?: { status: DocumentStatus; mimeType?: string; sizeBytes?: number };
}

export interface ApplicationView {
  id: number;
  reference: string;
  status: ApplicationStatus;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  /** Township code the applicant chose; null when not (yet) known. */
  township: string | null;
  household: QuestionnaireHousehold;
  screening: Screening;
  checklist: ChecklistEntry[];
  progress: ChecklistProgress;
}

type ApplicationRow = NonNullable<Awaited<ReturnType<Db['application']['findFirst']>>>;
type DocumentRow = NonNullable<Awaited<ReturnType<Db['applicationDocument']['findFirst']>>>;

function statusOf(row: ApplicationRow): ApplicationStatus {
  if (!isApplicationStatus(row.status)) {
    throw new Error(`Application ${row.id}: unknown status ${JSON.stringify(row.status)}`);
  }
  return row.status;
}

function checklistOf(row: ApplicationRow): ChecklistItem[] {
  return buildChecklist(readHousehold(row.id, row.household), readScreening(row.id, row.screening));
}

function toView(row: ApplicationRow, documents: readonly DocumentRow[]): ApplicationView {
  const household = readHousehold(row.id, row.household);
  const screening = readScreening(row.id, row.screening);
  const items = buildChecklist(household, screening);
  const checklist = items.map((item): ChecklistEntry => {
    const doc = documents.find((d) => d.item === item.code && d.memberIndex === item.memberIndex);
    if (!doc || (doc.status !== 'provided' && doc.status !== 'unavailable')) return item;
    const document: NonNullable<ChecklistEntry['document']> = { status: doc.status };
    if (doc.mimeType !== null) document.mimeType = doc.mimeType;
    if (doc.sizeBytes !== null) document.sizeBytes = doc.sizeBytes;
    return { ...item, document };
  });
  return {
    id: row.id,
    reference: row.reference,
    status: statusOf(row),
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    township: row.township,
    household,
    screening,
    checklist,
    progress: checklistProgress(items, documents),
  };
}

async function viewOf(tx: Db | DbTx, row: ApplicationRow): Promise<ApplicationView> {
  const documents = await tx.applicationDocument.findMany({ where: { applicationId: row.id }, orderBy: { id: 'asc' } });
  return toView(row, documents);
}

// --- Results -------------------------------------------------------------------------------

export type NotFound = { ok: false; error: 'not_found' };
export type AlreadyOpen = {
  ok: false;
  error: 'already_open';
  applicationId: number;
  reference: string;
  status: ApplicationStatus;
};
export type InvalidTransition = { ok: false; error: 'invalid_transition'; status: ApplicationStatus };
export type NotEditable = { ok: false; error: 'not_editable'; status: ApplicationStatus };
export type NotOnChecklist = { ok: false; error: 'not_on_checklist' };
export type ChecklistIncomplete = { ok: false; error: 'checklist_incomplete'; missing: ChecklistItem[] };
export type UploadRejected = { ok: false; error: UploadError };

export type SaveDraftResult = { ok: true; application: ApplicationView; created: boolean } | NotFound | AlreadyOpen;
export type DocumentResult =
  | { ok: true; application: ApplicationView; changed: boolean }
  | NotFound
  | NotEditable
  | NotOnChecklist
  | UploadRejected;
export type SubmitResult = { ok: true; application: ApplicationView } | NotFound | InvalidTransition | ChecklistIncomplete;
export type WithdrawResult = { ok: true; application: ApplicationView } | NotFound | InvalidTransition;

// --- Transactions --------------------------------------------------------------------------

/**
 * The person's application, write-locked for the rest of the transaction (the row update takes
 * the lock on PostgreSQL; SQLite runs one write transaction at a time), or null when it does not
 * exist or belongs to someone else.
 */
async function lockOwnApplication(tx: DbTx, personId: number, applicationId: number): Promise<ApplicationRow | null> {
  if (!isId(personId) || !isId(applicationId)) return null;
  const { count } = await tx.application.updateMany({
    where: { id: applicationId, personId },
    data: { updatedAt: new Date() },
  });
  return count === 0 ? null : tx.application.findUniqueOrThrow({ where: { id: applicationId } });
}

const auditSubject = (row: { id: number }) => ({ subjectType: 'application', subjectId: String(row.id) });

// --- Drafts --------------------------------------------------------------------------------

/**
 * Saves the person's household and its screening as their draft application. A person has one
 * open application: their draft is updated (household and screening replaced; documents whose
 * item and member still appear on the new checklist are kept, the others deleted), or a new draft
 * is created when they have none. An application already submitted, under review or waiting for
 * documents is refused as `already_open`. Documents are matched by member position: a member
 * removed from the middle of the list shifts the ones after it.
 *
 * Throws TypeError when `household` or `screening` is malformed (a programming error).
 */
export async function saveDraft(
  db: Db,
  personId: number,
  household: QuestionnaireHousehold,
  screening: Screening,
): Promise<SaveDraftResult> {
  const checkedHousehold = checkHousehold(household);
  if (!checkedHousehold.ok) throw new TypeError(`saveDraft: household is invalid at ${checkedHousehold.paths}`);
  const checkedScreening = checkScreening(screening);
  if (!checkedScreening.ok) throw new TypeError(`saveDraft: screening is invalid at ${checkedScreening.paths}`);
  const householdJson = JSON.stringify(checkedHousehold.household);
  const screeningJson = JSON.stringify(screening);
  const checklist = buildChecklist(checkedHousehold.household, checkedScreening.screening);

  return transaction<SaveDraftResult>(db, async (tx, rollback) => {
    if (!isId(personId)) return rollback({ ok: false, error: 'not_found' });
    // Locks the person's row, so two saves for one person cannot both create a draft.
    const { count } = await tx.user.updateMany({ where: { id: personId }, data: { updatedAt: new Date() } });
    if (count === 0) return rollback({ ok: false, error: 'not_found' });

    const open = await tx.application.findFirst({
      where: { personId, status: { in: [...OPEN_STATUSES] } },
      orderBy: { id: 'desc' },
    });
    if (open && open.status !== 'draft') {
      const status = statusOf(open);
      return rollback({ ok: false, error: 'already_open', applicationId: open.id, reference: open.reference, status });
    }

    if (!open) {
      const created = await tx.application.create({
        data: {
          // Unique placeholder until the id is known, a statement later in this transaction.
          reference: `pending-${randomUUID()}`,
          personId,
          status: 'draft',
          household: householdJson,
          screening: screeningJson,
          area: checkedHousehold.household.area,
        },
      });
      const row = await tx.application.update({
        where: { id: created.id },
        data: { reference: formatReference(created.id, created.createdAt) },
      });
      await recordAudit(tx, {
        actorId: personId,
        action: 'application.draft_created',
        ...auditSubject(row),
        details: { reference: row.reference, status: 'draft', checklistItems: checklist.length },
      });
      return { ok: true, application: toView(row, []), created: true };
    }

    if (open.household === householdJson && open.screening === screeningJson) {
      return rollback({ ok: true, application: await viewOf(tx, open), created: false });
    }
    const documents = await tx.applicationDocument.findMany({ where: { applicationId: open.id }, orderBy: { id: 'asc' } });
    const onChecklist = (d: DocumentRow) => checklist.some((i) => i.code === d.item && i.memberIndex === d.memberIndex);
    const dropped = documents.filter((d) => !onChecklist(d));
    if (dropped.length > 0) {
      await tx.applicationDocument.deleteMany({ where: { id: { in: dropped.map((d) => d.id) } } });
    }
    const row = await tx.application.update({
      where: { id: open.id },
      data: { household: householdJson, screening: screeningJson, area: checkedHousehold.household.area },
    });
    await recordAudit(tx, {
      actorId: personId,
      action: 'application.draft_updated',
      ...auditSubject(row),
      details: {
        checklistItems: checklist.length,
        keptDocuments: documents.length - dropped.length,
        removedDocuments: dropped.map((d) => ({ item: d.item, memberIndex: d.memberIndex })),
      },
    });
    return { ok: true, application: toView(row, documents.filter(onChecklist)), created: false };
  });
}

// --- Reading -------------------------------------------------------------------------------

/** The person's open application (latest first), else their latest one of any status, else null. */
export async function currentApplication(db: Db, personId: number): Promise<ApplicationView | null> {
  if (!isId(personId)) return null;
  const row =
    (await db.application.findFirst({
      where: { personId, status: { in: [...OPEN_STATUSES] } },
      orderBy: { id: 'desc' },
    })) ?? (await db.application.findFirst({ where: { personId }, orderBy: { id: 'desc' } }));
  return row ? viewOf(db, row) : null;
}

/** The application if the person owns it; null for someone else's id or one that does not exist. */
export async function getApplication(db: Db, personId: number, applicationId: number): Promise<ApplicationView | null> {
  if (!isId(personId) || !isId(applicationId)) return null;
  const row = await db.application.findFirst({ where: { id: applicationId, personId } });
  return row ? viewOf(db, row) : null;
}

/** All the person's applications, newest first. */
export async function listApplications(db: Db, personId: number): Promise<ApplicationView[]> {
  if (!isId(personId)) return [];
  const rows = await db.application.findMany({
    where: { personId },
    orderBy: { id: 'desc' },
    include: { documents: true },
  });
  return rows.map(({ documents, ...row }) => toView(row, documents));
}

// --- Documents -----------------------------------------------------------------------------

export interface DocumentUpload {
  /** Checklist item code; checked against the application's checklist. */
  item: string;
  /** Member index, or -1 for household-level items. */
  memberIndex: number;
  /** Telegram file_id (to fetch the file) and file_unique_id (the same file across bots and time). */
  fileId: string;
  fileUniqueId: string;
  mimeType?: string | null;
  sizeBytes?: number | null;
  /** Hex SHA-256 of the content, when the caller downloaded it. */
  sha256?: string | null;
  /** Used to infer the type when Telegram gives none or a generic one. */
  fileName?: string | null;
}

type Editable =
  | { ok: true; row: ApplicationRow; existing: DocumentRow | null }
  | NotFound
  | NotEditable
  | NotOnChecklist;

/** Locks the application and checks the person may change this item's document now. */
async function editableItem(
  tx: DbTx,
  personId: number,
  applicationId: number,
  item: string,
  memberIndex: number,
): Promise<Editable> {
  const row = await lockOwnApplication(tx, personId, applicationId);
  if (!row) return { ok: false, error: 'not_found' };
  const status = statusOf(row);
  if (!DOCUMENT_EDITABLE_STATUSES.includes(status)) return { ok: false, error: 'not_editable', status };
  if (!checklistOf(row).some((i) => i.code === item && i.memberIndex === memberIndex)) {
    return { ok: false, error: 'not_on_checklist' };
  }
  const existing = await tx.applicationDocument.findUnique({
    where: { applicationId_item_memberIndex: { applicationId, item, memberIndex } },
  });
  return { ok: true, row, existing };
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`recordDocument: ${what} must be a non-empty string`);
  }
  return value;
}

/**
 * Records the file the applicant sent for a checklist item, replacing an earlier one (or an
 * "unavailable"). Recording the same file again changes nothing. Refused unless the person owns
 * the application, the item is on its checklist, the status allows documents
 * (DOCUMENT_EDITABLE_STATUSES) and the file passes validateUpload.
 */
export async function recordDocument(
  db: Db,
  personId: number,
  applicationId: number,
  upload: DocumentUpload,
): Promise<DocumentResult> {
  const fileId = requireText(upload.fileId, 'fileId');
  const fileUniqueId = requireText(upload.fileUniqueId, 'fileUniqueId');
  if (upload.sizeBytes != null && !Number.isSafeInteger(upload.sizeBytes)) {
    throw new TypeError('recordDocument: sizeBytes must be a whole number');
  }
  const sha256 = upload.sha256 ?? null;
  if (sha256 !== null && !/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new TypeError('recordDocument: sha256 must be 64 hex digits');
  }

  return transaction<DocumentResult>(db, async (tx, rollback) => {
    const editable = await editableItem(tx, personId, applicationId, upload.item, upload.memberIndex);
    if (!editable.ok) return rollback(editable);
    const { row, existing } = editable;
    const valid = validateUpload(upload);
    if (!valid.ok) return rollback(valid);
    const mimeType = valid.mimeType;

    const data = {
      status: 'provided' as const,
      fileId,
      fileUniqueId,
      mimeType,
      sizeBytes: upload.sizeBytes ?? null,
      sha256: sha256?.toLowerCase() ?? null,
    };
    const same =
      existing !== null &&
      existing.status === 'provided' &&
      existing.fileUniqueId === data.fileUniqueId &&
      existing.fileId === data.fileId &&
      existing.mimeType === data.mimeType &&
      existing.sizeBytes === data.sizeBytes &&
      existing.sha256 === data.sha256;
    if (same) return rollback({ ok: true, application: await viewOf(tx, row), changed: false });

    await writeDocument(tx, personId, row, existing, { item: upload.item, memberIndex: upload.memberIndex }, data);
    return { ok: true, application: await viewOf(tx, row), changed: true };
  });
}

/** Stores an item's new state (a file, or "unavailable") with its audit event. */
async function writeDocument(
  tx: DbTx,
  personId: number,
  row: ApplicationRow,
  existing: DocumentRow | null,
  entry: { item: string; memberIndex: number },
  data: { status: DocumentStatus } & Record<string, string | number | null>,
): Promise<void> {
  const key = { applicationId: row.id, ...entry };
  await tx.applicationDocument.upsert({
    where: { applicationId_item_memberIndex: key },
    create: { ...key, ...data },
    update: data,
  });
  await recordAudit(tx, {
    actorId: personId,
    action: data.status === 'provided' ? 'application.document_provided' : 'application.document_unavailable',
    ...auditSubject(row),
    details: { ...entry, before: existing?.status ?? null, after: data.status },
  });
}

/**
 * The applicant cannot get this document: the item counts as dealt with (the caseworker will
 * follow up). Replaces a file recorded earlier; marking twice changes nothing. Same checks as
 * recordDocument.
 */
export async function markDocumentUnavailable(
  db: Db,
  personId: number,
  applicationId: number,
  item: string,
  memberIndex: number,
): Promise<Exclude<DocumentResult, UploadRejected>> {
  return transaction<Exclude<DocumentResult, UploadRejected>>(db, async (tx, rollback) => {
    const editable = await editableItem(tx, personId, applicationId, item, memberIndex);
    if (!editable.ok) return rollback(editable);
    const { row, existing } = editable;
    if (existing?.status === 'unavailable') {
      return rollback({ ok: true, application: await viewOf(tx, row), changed: false });
    }

    const data = {
      status: 'unavailable' as const,
      fileId: null,
      fileUniqueId: null,
      mimeType: null,
      sizeBytes: null,
      sha256: null,
    };
    await writeDocument(tx, personId, row, existing, { item, memberIndex }, data);
    return { ok: true, application: await viewOf(tx, row), changed: true };
  });
}

// --- Status changes by the applicant -------------------------------------------------------

async function changeStatus(
  tx: DbTx,
  row: ApplicationRow,
  to: ApplicationStatus,
  actorId: number,
  action: string,
): Promise<ApplicationView> {
  const now = new Date();
  const from = statusOf(row);
  const updated = await tx.application.update({
    where: { id: row.id },
    data: {
      status: to,
      ...(to === 'submitted' ? { submittedAt: now } : {}),
      ...(FINAL_STATUSES.includes(to) ? { decidedAt: now } : {}),
    },
  });
  await recordAudit(tx, { actorId, action, ...auditSubject(row), details: { before: from, after: to } });
  return viewOf(tx, updated);
}

/**
 * Draft → submitted. Every checklist item must be dealt with first: a file provided, or marked
 * unavailable; otherwise `checklist_incomplete` lists the items still open.
 */
export async function submitApplication(db: Db, personId: number, applicationId: number): Promise<SubmitResult> {
  return transaction<SubmitResult>(db, async (tx, rollback) => {
    const row = await lockOwnApplication(tx, personId, applicationId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const status = statusOf(row);
    if (!canTransition(status, 'submitted', 'applicant')) {
      return rollback({ ok: false, error: 'invalid_transition', status });
    }
    const view = await viewOf(tx, row);
    const missing = view.checklist
      .filter((entry) => !entry.document)
      .map(({ code, memberIndex, why }): ChecklistItem => ({ code, memberIndex, why }));
    if (missing.length > 0) return rollback({ ok: false, error: 'checklist_incomplete', missing });
    return { ok: true, application: await changeStatus(tx, row, 'submitted', personId, 'application.submitted') };
  });
}

/**
 * The applicant says which township they live in (a code from the configured list, `known`), or
 * null for "not sure": caseworkers of every township then see the case. Only before submitting.
 */
export async function setTownship(
  db: Db,
  personId: number,
  applicationId: number,
  township: string | null,
  known: readonly string[],
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'unknown_township' | 'invalid_transition' }> {
  if (township !== null && !known.includes(township)) return { ok: false, error: 'unknown_township' };
  return transaction(db, async (tx, rollback) => {
    const row = await lockOwnApplication(tx, personId, applicationId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    if (row.status !== 'draft') return rollback({ ok: false, error: 'invalid_transition' });
    if (row.township === township) return rollback({ ok: true });
    await tx.application.update({ where: { id: row.id }, data: { township } });
    await recordAudit(tx, { actorId: personId, action: 'application.township_set', ...auditSubject(row), details: { before: row.township, after: township } });
    return { ok: true };
  });
}

/** Draft, submitted, under review or waiting for documents → withdrawn (final). */
export async function withdrawApplication(db: Db, personId: number, applicationId: number): Promise<WithdrawResult> {
  return transaction<WithdrawResult>(db, async (tx, rollback) => {
    const row = await lockOwnApplication(tx, personId, applicationId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const status = statusOf(row);
    if (!canTransition(status, 'withdrawn', 'applicant')) {
      return rollback({ ok: false, error: 'invalid_transition', status });
    }
    return { ok: true, application: await changeStatus(tx, row, 'withdrawn', personId, 'application.withdrawn') };
  });
}

// --- Personal-data export ------------------------------------------------------------------

export interface ScreeningSummary {
  date: string;
  region: string;
  currency: string;
  residenceProofRequired: boolean;
  specialGroups: readonly string[];
  results: { programme: ProgrammeId; status: ScreeningStatus; monthlyAmountMinor?: number; amountMinor?: number }[];
}

export interface ApplicationExport {
  reference: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  area: string;
  township: string | null;
  /** The household as stored. */
  household: unknown;
  /** The outcome per programme, without the rule-by-rule reasons; as stored when unreadable. */
  screening: ScreeningSummary | { stored: unknown };
  /** What was sent for each item: never Telegram file ids. */
  documents: {
    item: string;
    memberIndex: number;
    status: string;
    mimeType: string | null;
    sizeBytes: number | null;
    updatedAt: string;
  }[];
  /** The decision and, once approved, the assistance's cycle. */
  decision: {
    approvedMonthlyMinor: number | null;
    reason: string | null;
    noteToApplicant: string | null;
    startDate: string | null;
    reviewIntervalMonths: number | null;
    nextReviewDate: string | null;
    reviewsCompleted: number;
  };
  /** Answers sent for the coming re-review, not yet reviewed. */
  pendingReviewUpdate: unknown;
  /** What caseworkers recorded about the household (right of access: it is about this person). */
  investigationNotes: { createdAt: string; text: string; verifiedIncomeMinor: number | null; verifiedMedicalMinor: number | null }[];
}

/** The person's applications for their personal-data export, oldest first. */
export async function exportApplications(db: Db, personId: number): Promise<ApplicationExport[]> {
  const rows = await db.application.findMany({
    where: { personId },
    orderBy: { id: 'asc' },
    include: { documents: { orderBy: { id: 'asc' } }, notes: { orderBy: { id: 'asc' } } },
  });
  return rows.map((row) => {
    const screening = checkScreening(storedJson(row.screening));
    return {
      reference: row.reference,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      area: row.area,
      township: row.township,
      household: storedJson(row.household),
      screening: screening.ok
        ? {
            date: screening.screening.date,
            region: screening.screening.region,
            currency: screening.screening.currency,
            residenceProofRequired: screening.screening.residenceProofRequired,
            specialGroups: screening.screening.specialGroups,
            results: screening.screening.results.map((r) => ({
              programme: r.programme,
              status: r.status,
              ...(r.monthlyAmountMinor !== undefined ? { monthlyAmountMinor: r.monthlyAmountMinor } : {}),
              ...(r.amountMinor !== undefined ? { amountMinor: r.amountMinor } : {}),
            })),
          }
        : { stored: storedJson(row.screening) },
      documents: row.documents.map((d) => ({
        item: d.item,
        memberIndex: d.memberIndex,
        status: d.status,
        mimeType: d.mimeType,
        sizeBytes: d.sizeBytes,
        updatedAt: d.updatedAt.toISOString(),
      })),
      decision: {
        approvedMonthlyMinor: row.approvedMonthlyMinor,
        reason: row.decisionReason,
        noteToApplicant: row.decisionNote,
        startDate: row.startDate,
        reviewIntervalMonths: row.reviewIntervalMonths,
        nextReviewDate: row.nextReviewDate,
        reviewsCompleted: row.reviewCount,
      },
      pendingReviewUpdate: row.reviewHousehold ? storedJson(row.reviewHousehold) : null,
      investigationNotes: row.notes.map((n) => ({
        createdAt: n.createdAt.toISOString(),
        text: n.text,
        verifiedIncomeMinor: n.verifiedIncomeMinor,
        verifiedMedicalMinor: n.verifiedMedicalMinor,
      })),
    };
  });
}
