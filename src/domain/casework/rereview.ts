// Re-review ("dynamic management") and the household investigation. Every approved case comes up
// for review on its date; the applicant may send updated answers before it; the caseworker then
// continues the assistance, adjusts the amount or ends it, and the recipient is told why. A
// caseworker's investigation note records verified figures and the screening recalculated from
// them. Staff rights and township scope are re-checked here on every call.
import type { Db } from '../../db/index.js';
import { checkHousehold, checkScreening, readHousehold, readScreening } from '../applications/stored.js';
import { recordAudit } from '../audit/audit.js';
import type { QuestionnaireHousehold } from '../questionnaire/household.js';
import { evaluate, type Screening } from '../screening/index.js';
import { currentPolicy } from '../standards/standards.js';
import { inScope, scopeFilter, staffMember } from '../staff/staff.js';
import { isId, transaction } from '../transaction.js';
import {
  isRejectionReason,
  MAX_MONTHLY_AMOUNT_MINOR,
  MAX_NOTE_LENGTH,
  type ApplicantNotice,
  type RejectionReason,
} from './casework.js';
import { addDays, addMonths, DEFAULT_CASE_CYCLE, syncCaseReminders, todayDate, type CaseCycleSettings } from './cycle.js';

export interface DueReview {
  applicationId: number;
  reference: string;
  township: string | null;
  nextReviewDate: string;
  approvedMonthlyMinor: number | null;
  assignedToId: number | null;
  /** The applicant sent updated answers for this review. */
  updated: boolean;
}

/**
 * Approved cases whose review is due within the notice period (or overdue), soonest first, in
 * the staff member's townships. Null when not staff.
 */
export async function dueReviews(
  db: Db,
  staffId: number,
  options: { today?: string; cycle?: CaseCycleSettings; limit?: number } = {},
): Promise<DueReview[] | null> {
  const member = await staffMember(db, staffId);
  if (!member) return null;
  const cycle = options.cycle ?? DEFAULT_CASE_CYCLE;
  const horizon = addDays(options.today ?? todayDate(), cycle.reviewNoticeDays);
  const rows = await db.application.findMany({
    where: { status: 'approved', nextReviewDate: { not: null, lte: horizon }, ...scopeFilter(member) },
    orderBy: [{ nextReviewDate: 'asc' }, { id: 'asc' }],
    take: Math.min(Math.max(options.limit ?? 20, 1), 100),
  });
  return rows.map((r) => ({
    applicationId: r.id,
    reference: r.reference,
    township: r.township,
    nextReviewDate: r.nextReviewDate!,
    approvedMonthlyMinor: r.approvedMonthlyMinor,
    assignedToId: r.assignedToId,
    updated: r.reviewUpdatedAt !== null,
  }));
}

export type ReviewUpdateResult =
  | {
      ok: true;
      reference: string;
      applicationId: number;
      /** The caseworker to tell (null: nobody assigned, or they cannot be reached). */
      caseworker: { chatId: number; language: string } | null;
    }
  | { ok: false; error: 'no_approved_case' };

/**
 * The recipient sends updated answers (income, household, costs) for their next review: kept
 * beside the case until the caseworker completes the review. Sending again replaces them.
 */
export async function submitReviewUpdate(
  db: Db,
  personId: number,
  household: QuestionnaireHousehold,
  screening: Screening,
): Promise<ReviewUpdateResult> {
  const h = checkHousehold(household);
  const s = checkScreening(screening);
  if (!h.ok || !s.ok) throw new TypeError('submitReviewUpdate: household or screening is invalid');
  return transaction<ReviewUpdateResult>(db, async (tx, rollback) => {
    if (!isId(personId)) return rollback({ ok: false, error: 'no_approved_case' });
    const row = await tx.application.findFirst({ where: { personId, status: 'approved' }, orderBy: { id: 'desc' } });
    if (!row) return rollback({ ok: false, error: 'no_approved_case' });
    await tx.application.update({
      where: { id: row.id },
      data: { reviewHousehold: JSON.stringify(h.household), reviewScreening: JSON.stringify(screening), reviewUpdatedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: personId,
      action: 'application.review_update_sent',
      subjectType: 'application',
      subjectId: String(row.id),
      details: { round: row.reviewCount },
    });
    const staff = row.assignedToId
      ? await tx.user.findUnique({ where: { id: row.assignedToId }, select: { chatId: true, language: true, active: true, staffRole: true } })
      : null;
    return {
      ok: true,
      reference: row.reference,
      applicationId: row.id,
      caseworker: staff?.active && staff.staffRole ? { chatId: Number(staff.chatId), language: staff.language } : null,
    };
  });
}

export type ReviewOutcome =
  | { kind: 'continue' }
  | { kind: 'adjust'; monthlyAmountMinor: number }
  | { kind: 'end'; reason: RejectionReason; note?: string };

export type CompleteReviewResult =
  | { ok: true; notice: ApplicantNotice & { outcome: ReviewOutcome['kind']; previousAmountMinor: number | null } }
  | { ok: false; error: 'not_staff' | 'not_found' | 'not_approved' | 'already_reviewed' | 'invalid_amount' | 'invalid_reason' | 'note_too_long' };

/**
 * Completes the case's re-review. The applicant's updated answers, if any, become the case's
 * household and screening. Continue and adjust set the next review date one interval from today;
 * end closes the case. `round` is the review round the caseworker looked at (the case card's
 * reviewCount): if someone completed it meanwhile, the call is refused rather than applied to
 * the next round, so two staff members cannot complete one review twice.
 */
export async function completeReview(
  db: Db,
  staffId: number,
  applicationId: number,
  round: number,
  outcome: ReviewOutcome,
  cycle: CaseCycleSettings = DEFAULT_CASE_CYCLE,
  today = todayDate(),
): Promise<CompleteReviewResult> {
  const result = await transaction<CompleteReviewResult>(db, async (tx, rollback) => {
    const member = await staffMember(tx, staffId);
    if (!member) return rollback({ ok: false, error: 'not_staff' });
    if (outcome.kind === 'adjust') {
      const a = outcome.monthlyAmountMinor;
      if (!Number.isSafeInteger(a) || a <= 0 || a > MAX_MONTHLY_AMOUNT_MINOR) return rollback({ ok: false, error: 'invalid_amount' });
    }
    if (outcome.kind === 'end') {
      if (!isRejectionReason(outcome.reason)) return rollback({ ok: false, error: 'invalid_reason' });
      if ((outcome.note?.trim().length ?? 0) > MAX_NOTE_LENGTH) return rollback({ ok: false, error: 'note_too_long' });
    } else if (outcome.kind !== 'continue' && outcome.kind !== 'adjust') {
      return rollback({ ok: false, error: 'invalid_reason' });
    }
    const row = isId(applicationId) ? await tx.application.findUnique({ where: { id: applicationId } }) : null;
    if (!row || row.status === 'draft' || !inScope(member, row.township)) return rollback({ ok: false, error: 'not_found' });
    // Ended by the very review the caller was looking at: someone else completed it.
    if (row.status !== 'approved') return rollback({ ok: false, error: row.reviewCount > round ? 'already_reviewed' : 'not_approved' });
    if (row.reviewCount !== round) return rollback({ ok: false, error: 'already_reviewed' });

    const months = row.reviewIntervalMonths ?? cycle.reviewMonths[row.area === 'rural' ? 'rural' : 'urban'];
    const ended = outcome.kind === 'end';
    const amount = outcome.kind === 'adjust' ? outcome.monthlyAmountMinor : row.approvedMonthlyMinor;
    const nextReviewDate = ended ? null : addMonths(today, months);
    const note = ended ? outcome.note?.trim() || null : null;
    // Conditional on the round: of two caseworkers completing it at once, one does.
    const { count } = await tx.application.updateMany({
      where: { id: row.id, status: 'approved', reviewCount: row.reviewCount },
      data: {
        reviewCount: row.reviewCount + 1,
        nextReviewDate,
        approvedMonthlyMinor: ended ? row.approvedMonthlyMinor : amount,
        ...(ended ? { status: 'ended', decidedAt: new Date(), decidedById: staffId, decisionReason: outcome.reason, decisionNote: note } : {}),
        ...(row.reviewHousehold && row.reviewScreening ? { household: row.reviewHousehold, screening: row.reviewScreening } : {}),
        reviewHousehold: null,
        reviewScreening: null,
        reviewUpdatedAt: null,
      },
    });
    if (count === 0) return rollback({ ok: false, error: 'already_reviewed' });
    await recordAudit(tx, {
      actorId: staffId,
      action: `casework.review_${outcome.kind === 'end' ? 'ended' : outcome.kind === 'adjust' ? 'adjusted' : 'continued'}`,
      subjectType: 'application',
      subjectId: String(row.id),
      details: {
        actorRole: member.role,
        before: row.approvedMonthlyMinor,
        after: ended ? 'ended' : amount,
        round: row.reviewCount + 1,
        nextReviewDate,
        updatedAnswers: row.reviewHousehold !== null,
        ...(ended ? { reason: outcome.reason, note: note !== null } : {}),
      },
    });
    const person = await tx.user.findUniqueOrThrow({ where: { id: row.personId }, select: { chatId: true, language: true, active: true } });
    const screening = readScreening(row.id, row.reviewScreening ?? row.screening);
    return {
      ok: true,
      notice: {
        applicationId: row.id,
        chatId: Number(person.chatId),
        language: person.language,
        reachable: person.active,
        reference: row.reference,
        status: ended ? 'ended' : 'approved',
        outcome: outcome.kind,
        previousAmountMinor: row.approvedMonthlyMinor,
        ...(amount !== null ? { amountMinor: amount, currency: screening.currency } : {}),
        ...(nextReviewDate ? { nextReviewDate } : {}),
        ...(ended ? { reason: outcome.reason, ...(note ? { note } : {}) } : {}),
      },
    };
  });
  if (result.ok) await syncCaseReminders(db, applicationId, cycle, staffId);
  return result;
}

// --- The household investigation ------------------------------------------------------------

export interface CaseNoteView {
  id: number;
  authorId: number | null;
  text: string;
  verifiedIncomeMinor: number | null;
  verifiedMedicalMinor: number | null;
  recalculated: Screening | null;
  createdAt: Date;
}

export type AddNoteResult =
  | { ok: true; note: CaseNoteView }
  | { ok: false; error: 'not_staff' | 'not_found' | 'note_too_long' | 'empty_note' | 'invalid_amount' };

/**
 * The household as verified: the declared household with the verified monthly income (spread
 * over the members in proportion to what each declared, or evenly when nothing was declared) and
 * verified medical costs. A documented simplification: the investigation verifies totals.
 */
export function verifiedHousehold(
  household: QuestionnaireHousehold,
  verified: { incomeMinor?: number | null; medicalMinor?: number | null },
): QuestionnaireHousehold {
  const out: QuestionnaireHousehold = structuredClone(household);
  if (verified.incomeMinor !== undefined && verified.incomeMinor !== null) {
    const total = verified.incomeMinor / 100;
    const declared = household.members.reduce((sum, m) => sum + m.monthlyIncome, 0);
    out.members = household.members.map((m) => ({
      ...m,
      monthlyIncome: declared > 0 ? (total * m.monthlyIncome) / declared : total / household.members.length,
    }));
  }
  if (verified.medicalMinor !== undefined && verified.medicalMinor !== null) {
    out.monthlyExpenses = { medical: verified.medicalMinor / 100 };
  }
  return out;
}

/**
 * Records the investigation: the caseworker's note (kept with the case, erased with it; the audit
 * records only that there is one) and, with verified figures, the screening recalculated today.
 */
export async function addCaseNote(
  db: Db,
  staffId: number,
  applicationId: number,
  input: { text: string; verifiedIncomeMinor?: number | null; verifiedMedicalMinor?: number | null },
  today = todayDate(),
): Promise<AddNoteResult> {
  const text = input.text.trim();
  const amounts = [input.verifiedIncomeMinor, input.verifiedMedicalMinor];
  if (amounts.some((a) => a !== undefined && a !== null && (!Number.isSafeInteger(a) || a < 0 || a > MAX_MONTHLY_AMOUNT_MINOR))) {
    return { ok: false, error: 'invalid_amount' };
  }
  const policy = await currentPolicy(db);
  return transaction<AddNoteResult>(db, async (tx, rollback) => {
    const member = await staffMember(tx, staffId);
    if (!member) return rollback({ ok: false, error: 'not_staff' });
    if (text === '') return rollback({ ok: false, error: 'empty_note' });
    if (text.length > MAX_NOTE_LENGTH) return rollback({ ok: false, error: 'note_too_long' });
    const row = isId(applicationId) ? await tx.application.findUnique({ where: { id: applicationId } }) : null;
    if (!row || row.status === 'draft' || !inScope(member, row.township)) return rollback({ ok: false, error: 'not_found' });
    const verifiedIncomeMinor = input.verifiedIncomeMinor ?? null;
    const verifiedMedicalMinor = input.verifiedMedicalMinor ?? null;
    const recalculated =
      verifiedIncomeMinor === null && verifiedMedicalMinor === null
        ? null
        : evaluate(verifiedHousehold(readHousehold(row.id, row.household), { incomeMinor: verifiedIncomeMinor, medicalMinor: verifiedMedicalMinor }), today, policy);
    const note = await tx.caseNote.create({
      data: {
        applicationId: row.id,
        authorId: staffId,
        text,
        verifiedIncomeMinor,
        verifiedMedicalMinor,
        recalculated: recalculated ? JSON.stringify(recalculated) : null,
      },
    });
    await recordAudit(tx, {
      actorId: staffId,
      action: 'casework.note_added',
      subjectType: 'application',
      subjectId: String(row.id),
      details: { actorRole: member.role, note: note.id, verifiedIncome: verifiedIncomeMinor !== null, verifiedMedical: verifiedMedicalMinor !== null },
    });
    return { ok: true, note: { id: note.id, authorId: staffId, text, verifiedIncomeMinor, verifiedMedicalMinor, recalculated, createdAt: note.createdAt } };
  });
}

/** The case's notes, newest first (staff in scope only; null otherwise). */
export async function caseNotes(db: Db, staffId: number, applicationId: number): Promise<CaseNoteView[] | null> {
  const member = await staffMember(db, staffId);
  const row = member && isId(applicationId) ? await db.application.findUnique({ where: { id: applicationId }, select: { id: true, township: true, status: true } }) : null;
  if (!member || !row || row.status === 'draft' || !inScope(member, row.township)) return null;
  const notes = await db.caseNote.findMany({ where: { applicationId }, orderBy: { id: 'desc' }, take: 10 });
  return notes.map((n) => {
    let recalculated: Screening | null = null;
    if (n.recalculated) {
      try {
        recalculated = readScreening(row.id, n.recalculated);
      } catch {
        recalculated = null;
      }
    }
    return { id: n.id, authorId: n.authorId, text: n.text, verifiedIncomeMinor: n.verifiedIncomeMinor, verifiedMedicalMinor: n.verifiedMedicalMinor, recalculated, createdAt: n.createdAt };
  });
}
