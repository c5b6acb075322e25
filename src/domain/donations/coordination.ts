// The coordinators' side of donations: payments to confirm, confirming one (which moves the fund's
// total and gives the donor a receipt), the overdue list, offline donations, and the sweep the
// scheduler runs (instalments generated ahead, unpaid ones turned overdue).
//
// Coordinators and admins only: the stored staff role is read on every call. Confirming is a
// conditional update on the instalment's status, so two confirmations of one instalment (a double
// tap, two coordinators, two instances) record it, and add it to the fund, once.
import type { Db, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { isId, transaction } from '../transaction.js';
import { coordinatorRoleOf } from './access.js';
import { fundView, MAX_TARGET_MINOR, type FundView } from './funds.js';
import {
  completeIfDone,
  generateInstalments,
  instalmentView,
  MAX_PAYMENT_REFERENCE,
  MAX_PLEDGE_MAJOR,
  stopInstalmentReminders,
  type InstalmentStatus,
  type InstalmentView,
} from './pledges.js';
import { addDays, todayIn, type Frequency } from './schedule.js';
import { DEFAULT_PLEDGE_SETTINGS, HORIZON_DAYS, type PledgeSettings } from './settings.js';

/** What a receipt shows; the donor's name only when the pledge is not anonymous. */
export interface Receipt {
  receiptNumber: string;
  pledgeReference: string;
  fund: FundView;
  amountMinor: number;
  currency: string;
  frequency: Frequency;
  dueDate: string;
  confirmedAt: Date;
  donorName: string | null;
  dedication: string | null;
}

/** Where the donor is told, in their language. */
export interface DonorNotice {
  chatId: number;
  language: string;
  timeZone: string;
  reachable: boolean;
}

export interface OpenInstalment {
  instalment: InstalmentView;
  pledgeId: number;
  pledgeReference: string;
  fund: FundView;
  currency: string;
  /** Null when the pledge is anonymous: coordinators need the reference, not the name. */
  donorName: string | null;
}

export type ConfirmResult =
  | { ok: true; receipt: Receipt; donor: DonorNotice }
  | { ok: false; error: 'not_coordinator' | 'not_found' | 'not_confirmable' | 'total_overflow' }
  | { ok: false; error: 'already_confirmed'; confirmedAt: Date | null; confirmedById: number | null };

async function receiptOf(db: Db | DbTx, instalmentId: number): Promise<{ receipt: Receipt; donor: DonorNotice } | null> {
  const row = await db.pledgeInstalment.findUnique({
    where: { id: instalmentId },
    include: { pledge: { include: { fund: true, person: true } } },
  });
  if (!row || row.status !== 'confirmed' || !row.receiptNumber || !row.confirmedAt) return null;
  const { pledge } = row;
  return {
    receipt: {
      receiptNumber: row.receiptNumber,
      pledgeReference: pledge.reference,
      fund: fundView(pledge.fund),
      amountMinor: row.amountMinor,
      currency: pledge.currency,
      frequency: pledge.frequency as Frequency,
      dueDate: row.dueDate,
      confirmedAt: row.confirmedAt,
      donorName: pledge.anonymous ? null : pledge.person.firstName,
      dedication: pledge.dedication,
    },
    donor: {
      chatId: Number(pledge.person.chatId),
      language: pledge.person.language,
      timeZone: pledge.person.timeZone,
      reachable: pledge.person.active,
    },
  };
}

/**
 * A coordinator confirms that an instalment's money arrived (reported by the donor, or still
 * pending or overdue when the money came without a word). The fund's total grows by it in the
 * same transaction; the receipt is returned for the donor.
 */
export async function confirmInstalment(db: Db, staffId: number, instalmentId: number, now = new Date()): Promise<ConfirmResult> {
  return transaction<ConfirmResult>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_coordinator' });
    if (!isId(instalmentId)) return rollback({ ok: false, error: 'not_found' });
    const row = await tx.pledgeInstalment.findUnique({ where: { id: instalmentId }, include: { pledge: { select: { id: true, fundId: true, reference: true } } } });
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const fund = await tx.fund.findUniqueOrThrow({ where: { id: row.pledge.fundId }, select: { totalMinor: true } });
    // Totals are 32-bit integers of minor units; a fund that large needs an operator, not a crash.
    if (fund.totalMinor + row.amountMinor > MAX_TARGET_MINOR) return rollback({ ok: false, error: 'total_overflow' });
    const receiptNumber = `${row.pledge.reference}-${row.sequence + 1}`;
    const { count } = await tx.pledgeInstalment.updateMany({
      where: { id: row.id, status: { in: ['pending', 'reported', 'overdue'] } },
      data: { status: 'confirmed', confirmedAt: now, confirmedById: staffId, receiptNumber },
    });
    if (count === 0) {
      const current = await tx.pledgeInstalment.findUniqueOrThrow({ where: { id: row.id } });
      return rollback(
        current.status === 'confirmed'
          ? { ok: false, error: 'already_confirmed', confirmedAt: current.confirmedAt, confirmedById: current.confirmedById }
          : { ok: false, error: 'not_confirmable' },
      );
    }
    await tx.fund.update({ where: { id: row.pledge.fundId }, data: { totalMinor: { increment: row.amountMinor } } });
    await stopInstalmentReminders(tx, row.pledge.id, row.id, staffId, 'instalment_confirmed', now);
    await recordAudit(tx, {
      actorId: staffId,
      action: 'pledge.instalment_confirmed',
      subjectType: 'pledge',
      subjectId: String(row.pledge.id),
      details: { actorRole: role, instalmentId: row.id, before: row.status, after: 'confirmed', amountMinor: row.amountMinor, fundId: row.pledge.fundId },
    });
    await completeIfDone(tx, row.pledge.id, staffId);
    const out = await receiptOf(tx, row.id);
    if (!out) throw new Error(`instalment ${row.id}: confirmed but no receipt`);
    return { ok: true, ...out };
  });
}

/** The receipt of one of the donor's confirmed instalments; null when not theirs or not confirmed. */
export async function myReceipt(db: Db, personId: number, instalmentId: number): Promise<Receipt | null> {
  if (!isId(personId) || !isId(instalmentId)) return null;
  const owner = await db.pledgeInstalment.findUnique({ where: { id: instalmentId }, select: { pledge: { select: { personId: true } } } });
  if (owner?.pledge.personId !== personId) return null;
  return (await receiptOf(db, instalmentId))?.receipt ?? null;
}

const LIST_LIMIT = 30;

async function openInstalments(db: Db, status: InstalmentStatus): Promise<OpenInstalment[]> {
  const rows = await db.pledgeInstalment.findMany({
    where: { status },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    take: LIST_LIMIT,
    include: { pledge: { include: { fund: true, person: { select: { firstName: true } } } } },
  });
  return rows.map((row) => ({
    instalment: instalmentView(row),
    pledgeId: row.pledge.id,
    pledgeReference: row.pledge.reference,
    fund: fundView(row.pledge.fund),
    currency: row.pledge.currency,
    donorName: row.pledge.anonymous ? null : row.pledge.person.firstName,
  }));
}

/** Instalments donors reported paid, oldest due first; null when not a coordinator. */
export async function paymentsToConfirm(db: Db, staffId: number): Promise<OpenInstalment[] | null> {
  return (await coordinatorRoleOf(db, staffId)) ? openInstalments(db, 'reported') : null;
}

/** Overdue instalments, oldest first; null when not a coordinator. */
export async function overdueList(db: Db, staffId: number): Promise<OpenInstalment[] | null> {
  return (await coordinatorRoleOf(db, staffId)) ? openInstalments(db, 'overdue') : null;
}

/** Coordinators and admins who can be told that a payment waits for confirmation. */
export async function coordinatorsToTell(db: Db): Promise<{ chatId: number; language: string }[]> {
  const rows = await db.user.findMany({ where: { staffRole: { in: ['coordinator', 'admin'] }, active: true }, select: { chatId: true, language: true } });
  return rows.map((r) => ({ chatId: Number(r.chatId), language: r.language }));
}

export type OfflineDonationResult =
  | { ok: true; fund: FundView; donationId: number }
  | { ok: false; error: 'not_coordinator' | 'fund_not_found' | 'invalid_amount' | 'invalid_reference' | 'target_overflow' };

/** Money received outside the chat; the fund's total grows by it. Closed funds accept it too. */
export async function recordOfflineDonation(
  db: Db,
  staffId: number,
  input: { fundCode: string; amountMinor: number; reference?: string | null },
): Promise<OfflineDonationResult> {
  return transaction<OfflineDonationResult>(db, async (tx, rollback) => {
    const role = await coordinatorRoleOf(tx, staffId);
    if (!role) return rollback({ ok: false, error: 'not_coordinator' });
    const fund = await tx.fund.findUnique({ where: { code: String(input.fundCode) } });
    if (!fund) return rollback({ ok: false, error: 'fund_not_found' });
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: fund.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0 || input.amountMinor > MAX_PLEDGE_MAJOR * 10 ** digits) {
      return rollback({ ok: false, error: 'invalid_amount' });
    }
    if (fund.totalMinor + input.amountMinor > MAX_TARGET_MINOR) return rollback({ ok: false, error: 'target_overflow' });
    const reference = input.reference?.trim() || null;
    if (reference !== null && reference.length > MAX_PAYMENT_REFERENCE) return rollback({ ok: false, error: 'invalid_reference' });
    const donation = await tx.offlineDonation.create({
      data: { fundId: fund.id, amountMinor: input.amountMinor, currency: fund.currency, reference, recordedById: staffId },
    });
    const updated = await tx.fund.update({ where: { id: fund.id }, data: { totalMinor: { increment: input.amountMinor } } });
    await recordAudit(tx, {
      actorId: staffId,
      action: 'fund.offline_donation',
      subjectType: 'fund',
      subjectId: fund.code,
      details: { actorRole: role, donationId: donation.id, amountMinor: input.amountMinor, currency: fund.currency },
    });
    return { ok: true, fund: fundView(updated), donationId: donation.id };
  });
}

export interface SweepReport {
  generated: number;
  overdue: number;
}

/**
 * Run by the scheduler on every tick, by every instance. Generates instalments coming within the
 * horizon, and turns instalments unpaid `overdueDays` after their due date overdue (the gentle
 * reminder went out before that). Both steps are conditional updates: two instances sweeping at
 * once do each thing once.
 */
export async function sweepPledges(db: Db, settings: PledgeSettings = DEFAULT_PLEDGE_SETTINGS, now = new Date(), limit = 100): Promise<SweepReport> {
  const report: SweepReport = { generated: 0, overdue: 0 };
  // A day inside the horizon: wherever the donor lives, their "today" is at least UTC's minus a
  // day, so every pledge selected here has an instalment to generate (none is read for nothing,
  // tick after tick). Donors east of UTC get theirs at most a day later, still weeks ahead.
  const horizon = addDays(todayIn('UTC', now), HORIZON_DAYS - 1);
  const due = await db.pledge.findMany({
    where: { status: 'active', nextDueDate: { not: null, lte: horizon } },
    orderBy: { nextDueDate: 'asc' },
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) report.generated += await db.$transaction((tx) => generateInstalments(tx, id, settings, now));

  const cutoff = addDays(todayIn('UTC', now), -settings.overdueDays);
  const late = await db.pledgeInstalment.findMany({
    where: { status: 'pending', dueDate: { lt: cutoff }, pledge: { status: 'active' } },
    orderBy: { dueDate: 'asc' },
    take: limit,
    select: { id: true, pledgeId: true },
  });
  // One transaction for the batch (rows locked in the order selected, so two instances wait for
  // each other rather than deadlock); each row still moves only if it is still pending.
  report.overdue = await db.$transaction(async (tx) => {
    let moved = 0;
    for (const instalment of late) {
      const { count } = await tx.pledgeInstalment.updateMany({ where: { id: instalment.id, status: 'pending' }, data: { status: 'overdue', overdueAt: now } });
      if (count === 0) continue; // paid meanwhile, or another instance got there first
      await recordAudit(tx, {
        actorId: null,
        action: 'pledge.instalment_overdue',
        subjectType: 'pledge',
        subjectId: String(instalment.pledgeId),
        details: { instalmentId: instalment.id, before: 'pending', after: 'overdue' },
      });
      moved++;
    }
    return moved;
  });
  return report;
}

