// The caseworker console: the review queue, a case's card, taking a case, deciding it (approve,
// reject, ask for documents) and its history. Framework-free: codes, ids and numbers in, typed
// results out; bot/ turns them into words.
//
// Authorisation is done here, never by the caller: every function re-reads the actor's stored
// staff role (caseworker, coordinator or admin) and refuses anybody else, whatever button or
// command led to the call. Every change runs in a transaction that also writes its audit event
// (who, what, before → after; codes, ids and the decided amount, never household data or notes).
import type { Db, DbTx } from '../../db/index.js';
import {
  buildChecklist,
  checklistProgress,
  isDocumentCode,
  type ChecklistProgress,
  type DocumentCode,
} from '../applications/checklist.js';
import {
  canTransition,
  FINAL_STATUSES,
  getApplication,
  isApplicationStatus,
  type ApplicationStatus,
  type ApplicationView,
} from '../applications/applications.js';
import { readHousehold, readScreening } from '../applications/stored.js';
import { pendingUpdate } from './pending-update.js';
import { recordAudit } from '../audit/audit.js';
import { isStaffRole, type StaffRole } from '../people/roles.js';
import { inScope, scopeFilter, staffMember, type StaffMember } from '../staff/staff.js';
import type { Area } from '../questionnaire/answers.js';
import type { ProgrammeId, Screening } from '../screening/index.js';
import { isId, transaction } from '../transaction.js';
import {
  addMonths,
  DEFAULT_CASE_CYCLE,
  isCalendarDate,
  MAX_REVIEW_MONTHS,
  syncCaseReminders,
  todayDate,
  type CaseCycleSettings,
} from './cycle.js';

// --- Codes -----------------------------------------------------------------------------------

/** The statuses a caseworker works on; the queue shows these. */
export const QUEUE_STATUSES = ['submitted', 'under_review', 'needs_documents'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const REJECTION_REASONS = [
  'income_above_standard',
  'savings_above_limit',
  'not_resident',
  'information_incomplete',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export function isQueueStatus(value: unknown): value is QueueStatus {
  return typeof value === 'string' && (QUEUE_STATUSES as readonly string[]).includes(value);
}

export function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && (REJECTION_REASONS as readonly string[]).includes(value);
}

/** A caseworker's note to the applicant: a few sentences, not a letter. */
export const MAX_NOTE_LENGTH = 1000;
/** Sanity bound of an approved monthly amount (minor units): 1,000,000 a month is a typo. */
export const MAX_MONTHLY_AMOUNT_MINOR = 100_000_000;
/** Queue page size when the caller gives none, and the most a caller may ask for. */
export const DEFAULT_QUEUE_LIMIT = 20;
export const MAX_QUEUE_LIMIT = 100;

// --- Shapes ----------------------------------------------------------------------------------

export interface QueueFilter {
  status?: QueueStatus;
  /** Only cases whose screening found the household eligible for this programme. */
  programme?: ProgrammeId;
  area?: Area;
  /** Township code. */
  township?: string;
  /** At most this many (default 20, at most 100). */
  limit?: number;
}

export interface CaseSummary {
  id: number;
  reference: string;
  status: ApplicationStatus;
  area: string;
  /** Township code; null when not known. */
  township: string | null;
  submittedAt: Date | null;
  /** Programmes the screening found the household eligible for, in the screening's order. */
  eligible: ProgrammeId[];
  /** Staff User.id the case is assigned to. */
  assignedToId: number | null;
  progress: ChecklistProgress;
}

export interface RequestedItem {
  code: DocumentCode;
  /** Member index, or -1 for household-level items (as on the checklist). */
  memberIndex: number;
}

export interface StaffRef {
  id: number;
  /** The staff member's first name as Telegram gave it; null when unknown or erased. */
  name: string | null;
}

export interface CaseCard {
  /** Household, screening with reasons, checklist with document states: what the applicant sees. */
  application: ApplicationView;
  assignedTo: StaffRef | null;
  decidedBy: StaffRef | null;
  /** The latest decision's details, as stored. */
  decision: {
    reason: RejectionReason | null;
    note: string | null;
    approvedMonthlyMinor: number | null;
    requestedDocuments: RequestedItem[];
  };
  /** The screening's minimum living allowance monthly amount, to prefill an approval; null if none. */
  suggestedMonthlyMinor: number | null;
  /** Approved or ended cases: the assistance's cycle. */
  cycle: {
    startDate: string | null;
    nextReviewDate: string | null;
    reviewIntervalMonths: number | null;
    reviewCount: number;
    /** The applicant's updated answers waiting for the review. */
    update: { screening: Screening; at: Date } | null;
  };
  /** Investigation notes so far. */
  noteCount: number;
}

export type Decision =
  | {
      kind: 'approve';
      monthlyAmountMinor: number;
      /** First day paid, YYYY-MM-DD; default today. */
      startDate?: string;
      /** Months to the first re-review; default by area (CaseCycleSettings). */
      reviewIntervalMonths?: number;
    }
  | { kind: 'reject'; reason: RejectionReason; note?: string }
  | { kind: 'request_documents'; items: readonly { code: string; memberIndex: number }[]; note?: string };

/** What the bot needs to tell the applicant about a status change, in their language. */
export interface ApplicantNotice {
  applicationId: number;
  chatId: number;
  language: string;
  /** False when the person blocked the bot: nothing can reach them. */
  reachable: boolean;
  reference: string;
  status: ApplicationStatus;
  /** Rejected: why. */
  reason?: RejectionReason;
  /** Rejected or documents requested: the caseworker's words to the applicant. */
  note?: string;
  /** Approved: the monthly amount, in `currency` minor units. */
  amountMinor?: number;
  currency?: string;
  /** Approved (or continued at a re-review): first day paid and the next review, YYYY-MM-DD. */
  startDate?: string;
  nextReviewDate?: string;
  /** Documents requested: which. */
  items?: RequestedItem[];
}

export type NotStaff = { ok: false; error: 'not_staff' };
export type CaseNotFound = { ok: false; error: 'not_found' };
export type CaseInvalidTransition = { ok: false; error: 'invalid_transition'; status: ApplicationStatus };
export type AlreadyDecided = {
  ok: false;
  error: 'already_decided';
  status: ApplicationStatus;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
};
export type InvalidDecision = {
  ok: false;
  error: 'invalid_amount' | 'invalid_reason' | 'invalid_items' | 'note_too_long' | 'invalid_date' | 'invalid_interval';
};

export type AssignResult =
  | {
      ok: true;
      status: ApplicationStatus;
      assignedToId: number;
      /** False when the case was already this staff member's and under review. */
      changed: boolean;
      /** Set when the status changed (submitted → under review): tell the applicant. */
      notice: ApplicantNotice | null;
    }
  | NotStaff
  | CaseNotFound
  | CaseInvalidTransition
  | AlreadyDecided;

export type DecideResult =
  | { ok: true; notice: ApplicantNotice }
  | NotStaff
  | CaseNotFound
  | CaseInvalidTransition
  | AlreadyDecided
  | InvalidDecision;

export type HistoryActor = StaffRole | 'applicant' | 'system' | 'unknown';

export interface AuditLine {
  at: Date;
  action: string;
  actor: HistoryActor;
  /** Staff User.id when a staff member acted (null for the applicant, the system, or after erasure). */
  actorId: number | null;
  before: string | number | null;
  after: string | number | null;
  /** Codes only: a rejection reason, requested items, an approved amount … */
  details: Record<string, unknown>;
}

export interface CaseFile {
  code: string;
  memberIndex: number;
  /** Telegram file_id, to send the file to the caseworker's chat. */
  fileId: string;
  mimeType: string | null;
}

// --- Helpers ---------------------------------------------------------------------------------

type ApplicationRow = NonNullable<Awaited<ReturnType<Db['application']['findFirst']>>>;

/**
 * The actor's staff role as stored now, or null: the only thing that authorises casework. With
 * `township` (a case's), null too when the case is outside the actor's townships.
 */
async function staffRoleOf(db: Db | DbTx, staffId: number, township?: string | null): Promise<StaffRole | null> {
  const member = await staffMember(db, staffId);
  if (!member || (township !== undefined && !inScope(member, township))) return null;
  return member.role;
}

function statusOf(row: { id: number; status: string }): ApplicationStatus {
  if (!isApplicationStatus(row.status)) {
    throw new Error(`Application ${row.id}: unknown status ${JSON.stringify(row.status)}`);
  }
  return row.status;
}

const auditSubject = (id: number) => ({ subjectType: 'application', subjectId: String(id) });

function readRequested(text: string | null): RequestedItem[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (i): i is RequestedItem =>
        typeof i === 'object' && i !== null && isDocumentCode((i as RequestedItem).code) && Number.isInteger((i as RequestedItem).memberIndex),
    );
  } catch {
    return [];
  }
}

async function staffRef(db: Db | DbTx, id: number | null): Promise<StaffRef | null> {
  if (id === null) return null;
  const row = await db.user.findUnique({ where: { id }, select: { firstName: true } });
  return { id, name: row?.firstName ?? null };
}

/**
 * The case, write-locked for the rest of the transaction (the row update takes the lock on
 * PostgreSQL; SQLite runs one write transaction at a time), or null when it does not exist or is
 * still the applicant's draft (caseworkers never see drafts).
 */
async function lockCase(tx: DbTx, applicationId: number): Promise<ApplicationRow | null> {
  if (!isId(applicationId)) return null;
  const { count } = await tx.application.updateMany({
    where: { id: applicationId, status: { not: 'draft' } },
    data: { updatedAt: new Date() },
  });
  return count === 0 ? null : tx.application.findUniqueOrThrow({ where: { id: applicationId } });
}

async function alreadyDecided(tx: DbTx, row: ApplicationRow): Promise<AlreadyDecided> {
  const decider = await staffRef(tx, row.decidedById);
  return {
    ok: false,
    error: 'already_decided',
    status: statusOf(row),
    decidedById: row.decidedById,
    decidedByName: decider?.name ?? null,
    decidedAt: row.decidedAt,
  };
}

/** Approved and rejected cases are someone's decision; a withdrawn one is the applicant's. */
const DECIDED: readonly ApplicationStatus[] = ['approved', 'rejected'];

/**
 * Moves the case `from → to`, only if it is still `from` (a conditional update: a concurrent
 * decision that got there first makes it match nothing). Writes the audit event.
 */
async function moveStatus(
  tx: DbTx,
  row: ApplicationRow,
  from: ApplicationStatus,
  to: ApplicationStatus,
  actor: { id: number; role: StaffRole },
  action: string,
  data: Record<string, unknown>,
  details: Record<string, unknown>,
): Promise<boolean> {
  if (!canTransition(from, to, 'caseworker')) throw new Error(`casework: ${from} → ${to} is not a caseworker's move`);
  const { count } = await tx.application.updateMany({
    where: { id: row.id, status: from },
    data: { status: to, ...(FINAL_STATUSES.includes(to) ? { decidedAt: new Date() } : {}), ...data },
  });
  if (count === 0) return false;
  await recordAudit(tx, {
    actorId: actor.id,
    action,
    ...auditSubject(row.id),
    details: { actorRole: actor.role, before: from, after: to, ...details },
  });
  return true;
}

async function noticeFor(tx: DbTx, applicationId: number, extra: Partial<ApplicantNotice> = {}): Promise<ApplicantNotice> {
  const row = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    include: { person: { select: { chatId: true, language: true, active: true } } },
  });
  return {
    applicationId: row.id,
    chatId: Number(row.person.chatId),
    language: row.person.language,
    reachable: row.person.active,
    reference: row.reference,
    status: statusOf(row),
    ...extra,
  };
}

function summaryOf(row: ApplicationRow & { documents: { item: string; memberIndex: number; status: string }[] }): CaseSummary {
  const household = readHousehold(row.id, row.household);
  const screening = readScreening(row.id, row.screening);
  return {
    id: row.id,
    reference: row.reference,
    status: statusOf(row),
    area: row.area,
    township: row.township,
    submittedAt: row.submittedAt,
    eligible: screening.results.filter((r) => r.status === 'eligible').map((r) => r.programme),
    assignedToId: row.assignedToId,
    progress: checklistProgress(buildChecklist(household, screening), row.documents),
  };
}

// --- Reading ---------------------------------------------------------------------------------

/**
 * Cases waiting for staff, oldest submission first (then by id). Without a status filter: every
 * status in QUEUE_STATUSES. Null when `staffId` is not staff.
 */
export async function reviewQueue(db: Db, staffId: number, filter: QueueFilter = {}): Promise<CaseSummary[] | null> {
  const member = await staffMember(db, staffId);
  if (!member) return null;
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_QUEUE_LIMIT), 1), MAX_QUEUE_LIMIT);
  const where = {
    status: filter.status !== undefined ? filter.status : { in: [...QUEUE_STATUSES] },
    ...(filter.area !== undefined ? { area: filter.area } : {}),
    ...(filter.township !== undefined ? { township: filter.township } : {}),
    ...scopeFilter(member),
  };
  const out: CaseSummary[] = [];
  // The programme filter reads the stored screening: fetch in pages until the page is full.
  const batch = filter.programme === undefined ? limit : 200;
  for (let skip = 0; out.length < limit; skip += batch) {
    const rows = await db.application.findMany({
      where,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      skip,
      take: batch,
      include: { documents: { select: { item: true, memberIndex: true, status: true } } },
    });
    for (const row of rows) {
      const summary = summaryOf(row);
      if (filter.programme === undefined || summary.eligible.includes(filter.programme)) out.push(summary);
      if (out.length === limit) break;
    }
    if (rows.length < batch) break;
  }
  return out;
}

/** The case as the caseworker reviews it; null when not staff, or no such case (drafts included). */
export async function caseCard(db: Db, staffId: number, applicationId: number): Promise<CaseCard | null> {
  if (!isId(applicationId)) return null;
  const row = await db.application.findUnique({ where: { id: applicationId } });
  if (!row || row.status === 'draft' || !(await staffRoleOf(db, staffId, row.township))) return null;
  // The applicant's own view of it, read as its owner: one definition of checklist and progress.
  const application = await getApplication(db, row.personId, row.id);
  if (!application) return null;
  const allowance = application.screening.results.find(
    (r) => r.programme === 'minimum_living_allowance' && r.status === 'eligible',
  );
  return {
    application,
    assignedTo: await staffRef(db, row.assignedToId),
    decidedBy: await staffRef(db, row.decidedById),
    decision: {
      reason: isRejectionReason(row.decisionReason) ? row.decisionReason : null,
      note: row.decisionNote,
      approvedMonthlyMinor: row.approvedMonthlyMinor,
      requestedDocuments: readRequested(row.requestedDocuments),
    },
    suggestedMonthlyMinor: allowance?.monthlyAmountMinor ?? null,
    cycle: {
      startDate: row.startDate,
      nextReviewDate: row.nextReviewDate,
      reviewIntervalMonths: row.reviewIntervalMonths,
      reviewCount: row.reviewCount,
      update: pendingUpdate(row),
    },
    noteCount: await db.caseNote.count({ where: { applicationId: row.id } }),
  };
}

/**
 * The files the applicant provided for a case, to send to the caseworker; null when not staff or
 * no such case. Looking at someone's documents is recorded in the audit trail.
 */
export async function caseFiles(
  db: Db,
  staffId: number,
  applicationId: number,
): Promise<{ reference: string; files: CaseFile[] } | null> {
  return transaction<{ reference: string; files: CaseFile[] } | null>(db, async (tx) => {
    if (!isId(applicationId)) return null;
    const row = await tx.application.findUnique({ where: { id: applicationId } });
    const role = row ? await staffRoleOf(tx, staffId, row.township) : null;
    if (!row || !role || row.status === 'draft') return null;
    const documents = await tx.applicationDocument.findMany({
      where: { applicationId, status: 'provided', fileId: { not: null } },
      orderBy: { id: 'asc' },
    });
    const files = documents.map((d) => ({ code: d.item, memberIndex: d.memberIndex, fileId: d.fileId!, mimeType: d.mimeType }));
    await recordAudit(tx, {
      actorId: staffId,
      action: 'casework.documents_viewed',
      ...auditSubject(row.id),
      details: { actorRole: role, files: files.length },
    });
    return { reference: row.reference, files };
  });
}

/**
 * The case's audit trail, oldest first: who (staff role, or the applicant) did what, from what to
 * what. Null when not staff; empty when there is no such case.
 */
export async function caseHistory(db: Db, staffId: number, reference: string): Promise<AuditLine[] | null> {
  const member = await staffMember(db, staffId);
  if (!member) return null;
  const row = await db.application.findUnique({ where: { reference: reference.trim().toUpperCase() } });
  // Outside the member's townships reads the same as no such case.
  if (!row || row.status === 'draft' || !inScope(member, row.township)) return [];
  const events = await db.auditEvent.findMany({ where: auditSubject(row.id), orderBy: { id: 'asc' } });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is number => id !== null && id !== row.personId))];
  const staff = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, staffRole: true } });
  const roleNow = new Map(staff.map((s) => [s.id, s.staffRole]));
  return events.map((event): AuditLine => {
    let details: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(event.details) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
    } catch {
      // A hand-edited row: show the event without details.
    }
    const { actorRole, before, after, ...rest } = details;
    let actor: HistoryActor;
    if (isStaffRole(actorRole)) actor = actorRole;
    else if (event.actorId !== null && event.actorId === row.personId) actor = 'applicant';
    else if (event.actorId !== null) {
      const now = roleNow.get(event.actorId);
      actor = isStaffRole(now) ? now : 'unknown';
    } else actor = event.action.startsWith('casework.') ? 'unknown' : 'system';
    const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? v : null);
    return {
      at: event.at,
      action: event.action,
      actor,
      actorId: actor !== 'applicant' ? event.actorId : null,
      before: scalar(before),
      after: scalar(after),
      details: rest,
    };
  });
}

// --- Changes ---------------------------------------------------------------------------------

/**
 * Takes the case: it becomes the staff member's, and a submitted case goes under review (the
 * applicant is then told). Reassigning a case under review or waiting for documents is allowed;
 * a decided or withdrawn one is not.
 */
export async function assignToMe(db: Db, staffId: number, applicationId: number): Promise<AssignResult> {
  return transaction<AssignResult>(db, async (tx, rollback) => {
    const member = await staffMember(tx, staffId);
    if (!member) return rollback({ ok: false, error: 'not_staff' });
    const role = member.role;
    const row = await lockCase(tx, applicationId);
    if (!row || !inScope(member, row.township)) return rollback({ ok: false, error: 'not_found' });
    const status = statusOf(row);
    if (DECIDED.includes(status)) return rollback(await alreadyDecided(tx, row));
    if (!(QUEUE_STATUSES as readonly string[]).includes(status)) {
      return rollback({ ok: false, error: 'invalid_transition', status });
    }
    const actor = { id: staffId, role };
    if (row.assignedToId === staffId && status !== 'submitted') {
      return rollback({ ok: true, status, assignedToId: staffId, changed: false, notice: null });
    }
    if (row.assignedToId !== staffId) {
      await tx.application.update({ where: { id: row.id }, data: { assignedToId: staffId } });
      await recordAudit(tx, {
        actorId: staffId,
        action: 'casework.assigned',
        ...auditSubject(row.id),
        details: { actorRole: role, before: row.assignedToId, after: staffId },
      });
    }
    let notice: ApplicantNotice | null = null;
    if (status === 'submitted') {
      await moveStatus(tx, row, 'submitted', 'under_review', actor, 'casework.review_started', {}, {});
      notice = await noticeFor(tx, row.id);
    }
    return { ok: true, status: notice ? 'under_review' : status, assignedToId: staffId, changed: true, notice };
  });
}

type CheckedDecision =
  | { kind: 'approve'; monthlyAmountMinor: number; startDate: string | null; reviewIntervalMonths: number | null }
  | { kind: 'reject'; reason: RejectionReason; note: string | null }
  | { kind: 'request_documents'; items: { code: string; memberIndex: number }[]; note: string | null };

function checkDecision(decision: Decision): CheckedDecision | InvalidDecision {
  const note = (text: string | undefined): string | null | 'too_long' => {
    const trimmed = text?.trim() ?? '';
    if (trimmed === '') return null;
    return trimmed.length > MAX_NOTE_LENGTH ? 'too_long' : trimmed;
  };
  switch (decision.kind) {
    case 'approve': {
      const amount = decision.monthlyAmountMinor;
      if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_MONTHLY_AMOUNT_MINOR) {
        return { ok: false, error: 'invalid_amount' };
      }
      const { startDate, reviewIntervalMonths: months } = decision;
      // A start more than a year away either way is a typo.
      const today = todayDate();
      if (startDate !== undefined && (!isCalendarDate(startDate) || startDate < addMonths(today, -12) || startDate > addMonths(today, 12))) {
        return { ok: false, error: 'invalid_date' };
      }
      if (months !== undefined && (!Number.isInteger(months) || months < 1 || months > MAX_REVIEW_MONTHS)) {
        return { ok: false, error: 'invalid_interval' };
      }
      return { kind: 'approve', monthlyAmountMinor: amount, startDate: startDate ?? null, reviewIntervalMonths: months ?? null };
    }
    case 'reject': {
      if (!isRejectionReason(decision.reason)) return { ok: false, error: 'invalid_reason' };
      const n = note(decision.note);
      if (n === 'too_long') return { ok: false, error: 'note_too_long' };
      return { kind: 'reject', reason: decision.reason, note: n };
    }
    case 'request_documents': {
      if (!Array.isArray(decision.items) || decision.items.length === 0) return { ok: false, error: 'invalid_items' };
      const n = note(decision.note);
      if (n === 'too_long') return { ok: false, error: 'note_too_long' };
      return { kind: 'request_documents', items: [...decision.items], note: n };
    }
    default:
      return { ok: false, error: 'invalid_reason' };
  }
}

/**
 * Decides the case. Approve and reject are made from under review; from submitted (or waiting for
 * documents) the case goes under review first and the decider takes it: decide and document in
 * one step. Requesting documents moves it to needs_documents; the items must be on its checklist
 * (the applicant can send only those).
 *
 * Two staff members cannot decide one case twice: the second gets `already_decided` with who
 * decided and when. Returns what the bot needs to tell the applicant.
 */
export async function decide(
  db: Db,
  staffId: number,
  applicationId: number,
  decision: Decision,
  cycle: CaseCycleSettings = DEFAULT_CASE_CYCLE,
): Promise<DecideResult> {
  const result = await decideInTransaction(db, staffId, applicationId, decision, cycle);
  // An approved case gets its review and payment-day reminders (idempotent: a retry after a crash
  // here schedules what is missing).
  if (result.ok && result.notice.status === 'approved') await syncCaseReminders(db, applicationId, cycle, staffId);
  return result;
}

async function decideInTransaction(
  db: Db,
  staffId: number,
  applicationId: number,
  decision: Decision,
  cycle: CaseCycleSettings,
): Promise<DecideResult> {
  return transaction<DecideResult>(db, async (tx, rollback) => {
    const member = await staffMember(tx, staffId);
    if (!member) return rollback({ ok: false, error: 'not_staff' });
    const role = member.role;
    // Checked after the role: somebody who is not staff learns nothing, not even what is valid.
    const checked = checkDecision(decision);
    if ('ok' in checked) return rollback(checked);
    const row = await lockCase(tx, applicationId);
    if (!row || !inScope(member, row.township)) return rollback({ ok: false, error: 'not_found' });
    const status = statusOf(row);
    if (DECIDED.includes(status)) return rollback(await alreadyDecided(tx, row));
    const target: ApplicationStatus =
      checked.kind === 'approve' ? 'approved' : checked.kind === 'reject' ? 'rejected' : 'needs_documents';
    // Straight from under review, or through it from submitted / needs documents.
    const path: ApplicationStatus[] =
      status === 'under_review' ? [target] : canTransition(status, 'under_review', 'caseworker') ? ['under_review', target] : [];
    if (path.length === 0 || !canTransition(path.length === 1 ? status : 'under_review', target, 'caseworker')) {
      return rollback({ ok: false, error: 'invalid_transition', status });
    }

    let items: RequestedItem[] = [];
    if (checked.kind === 'request_documents') {
      const checklist = buildChecklist(readHousehold(row.id, row.household), readScreening(row.id, row.screening));
      const wanted = new Set(checked.items.map((i) => `${i.code}:${i.memberIndex}`));
      items = checklist
        .filter((i) => wanted.has(`${i.code}:${i.memberIndex}`))
        .map(({ code, memberIndex }) => ({ code, memberIndex }));
      if (items.length !== wanted.size) return rollback({ ok: false, error: 'invalid_items' });
    }

    const actor = { id: staffId, role };
    // The decider takes a case nobody has taken.
    if (row.assignedToId === null) {
      await tx.application.update({ where: { id: row.id }, data: { assignedToId: staffId } });
      await recordAudit(tx, {
        actorId: staffId,
        action: 'casework.assigned',
        ...auditSubject(row.id),
        details: { actorRole: role, before: null, after: staffId },
      });
    }
    let from = status;
    if (path.length === 2) {
      if (!(await moveStatus(tx, row, status, 'under_review', actor, 'casework.review_started', {}, {}))) {
        return rollback(await alreadyDecided(tx, await tx.application.findUniqueOrThrow({ where: { id: row.id } })));
      }
      from = 'under_review';
    }

    let moved: boolean;
    let extra: Partial<ApplicantNotice>;
    switch (checked.kind) {
      case 'approve': {
        const startDate = checked.startDate ?? todayDate();
        const months = checked.reviewIntervalMonths ?? cycle.reviewMonths[row.area === 'rural' ? 'rural' : 'urban'];
        const nextReviewDate = addMonths(startDate, months);
        moved = await moveStatus(
          tx,
          row,
          from,
          'approved',
          actor,
          'casework.approved',
          {
            decidedById: staffId,
            decisionReason: null,
            decisionNote: null,
            approvedMonthlyMinor: checked.monthlyAmountMinor,
            startDate,
            reviewIntervalMonths: months,
            nextReviewDate,
          },
          { monthlyAmountMinor: checked.monthlyAmountMinor, startDate, reviewIntervalMonths: months, nextReviewDate },
        );
        extra = { amountMinor: checked.monthlyAmountMinor, currency: readScreening(row.id, row.screening).currency, startDate, nextReviewDate };
        break;
      }
      case 'reject':
        moved = await moveStatus(
          tx,
          row,
          from,
          'rejected',
          actor,
          'casework.rejected',
          { decidedById: staffId, decisionReason: checked.reason, decisionNote: checked.note, approvedMonthlyMinor: null },
          // The note is free text to the applicant: the audit records only that there was one.
          { reason: checked.reason, note: checked.note !== null },
        );
        extra = { reason: checked.reason, ...(checked.note !== null ? { note: checked.note } : {}) };
        break;
      case 'request_documents':
        moved = await moveStatus(
          tx,
          row,
          from,
          'needs_documents',
          actor,
          'casework.documents_requested',
          { requestedDocuments: JSON.stringify(items), decisionNote: checked.note },
          { items: items.map((i) => ({ item: i.code, memberIndex: i.memberIndex })), note: checked.note !== null },
        );
        extra = { items, ...(checked.note !== null ? { note: checked.note } : {}) };
        break;
    }
    if (!moved) {
      // Someone else moved the case between our read and our update.
      return rollback(await alreadyDecided(tx, await tx.application.findUniqueOrThrow({ where: { id: row.id } })));
    }
    return { ok: true, notice: await noticeFor(tx, row.id, extra) };
  });
}

// --- Documents that were asked for ----------------------------------------------------------------

export interface DocumentsArrivedNotice {
  applicationId: number;
  reference: string;
  /** The assigned caseworker's chat and language. */
  chatId: number;
  language: string;
  item: RequestedItem;
  /** Requested items answered (sent, or said unavailable) since the request, of all requested. */
  answered: number;
  requested: number;
}

/**
 * After the applicant sent (or gave up) a checklist item: if the case waits for documents and the
 * item is one that was asked for, what to tell the caseworker who asked (null: nothing to tell,
 * or nobody reachable to tell it to).
 */
export async function requestedDocumentArrived(
  db: Db,
  personId: number,
  applicationId: number,
  item: { code: string; memberIndex: number },
): Promise<DocumentsArrivedNotice | null> {
  if (!isId(applicationId)) return null;
  const row = await db.application.findUnique({ where: { id: applicationId } });
  if (!row || row.personId !== personId || row.status !== 'needs_documents' || row.assignedToId === null) return null;
  const requested = readRequested(row.requestedDocuments);
  const key = (i: { code: string; memberIndex: number }) => `${i.code}:${i.memberIndex}`;
  const wanted = requested.find((r) => key(r) === key(item));
  if (!wanted) return null;
  const staff = await db.user.findUnique({ where: { id: row.assignedToId }, select: { chatId: true, language: true, active: true, staffRole: true } });
  if (!staff?.active || !isStaffRole(staff.staffRole)) return null;
  // Answered since the request: documents changed after the request's audit event.
  const asked = await db.auditEvent.findFirst({
    where: { ...auditSubject(row.id), action: 'casework.documents_requested' },
    orderBy: { id: 'desc' },
    select: { at: true },
  });
  const documents = await db.applicationDocument.findMany({ where: { applicationId: row.id }, select: { item: true, memberIndex: true, updatedAt: true } });
  const fresh = new Set(documents.filter((d) => !asked || d.updatedAt >= asked.at).map((d) => `${d.item}:${d.memberIndex}`));
  return {
    applicationId: row.id,
    reference: row.reference,
    chatId: Number(staff.chatId),
    language: staff.language,
    item: wanted,
    answered: requested.filter((r) => fresh.has(key(r))).length,
    requested: requested.length,
  };
}
