// A donor's pledges: make one, see them with their instalments, report an instalment paid, pause,
// resume, change the amount, cancel. Instalments are generated HORIZON_DAYS ahead of their due
// date (here when a pledge is made or resumed, and by sweepPledges for the rest), each with its
// reminders: N days before, on the day, and one gentle reminder after it if still unpaid.
//
// Only the pledge's owner acts on it: every function takes the acting person's id and checks it
// against the stored pledge, whatever button led there.
import { randomUUID } from 'node:crypto';
import type { Db, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { cancelRemindersIn, scheduleReminderIn, settleSentRemindersIn } from '../reminders/index.js';
import { fromLocal, usableTimeZone } from '../reminders/time.js';
import { isId, transaction } from '../transaction.js';
import { fundView, type FundView } from './funds.js';
import {
  addDays,
  firstSequenceFrom,
  instalmentDueDate,
  instalmentsThrough,
  isCalendarDate,
  isFrequency,
  todayIn,
  type Frequency,
} from './schedule.js';
import { DEFAULT_PLEDGE_SETTINGS, HORIZON_DAYS, REMINDER_LOCAL_HOUR, type PledgeSettings } from './settings.js';

export const PLEDGE_STATUSES = ['active', 'paused', 'cancelled', 'completed'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const INSTALMENT_STATUSES = ['pending', 'reported', 'confirmed', 'overdue', 'cancelled'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

export const REFERENCE_PATTERN = /^PL-\d{4}-\d{6,}$/;
/** One instalment at most 1,000,000 major units: more is a typo. */
export const MAX_PLEDGE_MAJOR = 1_000_000;
export const MAX_DEDICATION = 200;
export const MAX_PAYMENT_REFERENCE = 100;
/** A pledge may start at most this far ahead. */
export const MAX_START_AHEAD_DAYS = 366;

function formatReference(id: number, createdAt: Date): string {
  return `PL-${createdAt.getUTCFullYear()}-${String(id).padStart(6, '0')}`;
}

/** Reminder keys of one pledge, of one instalment, and of one stage of it. */
export const pledgeKeyPrefix = (pledgeId: number) => `pledge:${pledgeId}:`;
const instalmentKeyPrefix = (pledgeId: number, instalmentId: number) => `pledge:${pledgeId}:i${instalmentId}:`;

// --- Shapes ----------------------------------------------------------------------------------

export interface PledgeInput {
  fundCode: string;
  amountMinor: number;
  frequency: Frequency;
  startDate: string;
  endDate?: string | null;
  anonymous: boolean;
  dedication?: string | null;
}

export interface InstalmentView {
  id: number;
  sequence: number;
  dueDate: string;
  amountMinor: number;
  status: InstalmentStatus;
  paymentReference: string | null;
  reportedAt: Date | null;
  confirmedAt: Date | null;
  receiptNumber: string | null;
}

export interface PledgeView {
  id: number;
  reference: string;
  fund: FundView;
  amountMinor: number;
  currency: string;
  frequency: Frequency;
  startDate: string;
  endDate: string | null;
  anonymous: boolean;
  dedication: string | null;
  status: PledgeStatus;
  createdAt: Date;
  /** Due date of the next instalment not generated yet (null: none, or the pledge has stopped). */
  nextDueDate: string | null;
  /** Newest first. */
  instalments: InstalmentView[];
}

export type PledgeInputError =
  | 'fund_not_found'
  | 'fund_closed'
  | 'invalid_amount'
  | 'invalid_frequency'
  | 'invalid_start'
  | 'invalid_end'
  | 'dedication_too_long';

export type CreatePledgeResult = { ok: true; pledge: PledgeView } | { ok: false; error: PledgeInputError | 'not_found' };

type PledgeRow = NonNullable<Awaited<ReturnType<Db['pledge']['findFirst']>>>;
type InstalmentRow = NonNullable<Awaited<ReturnType<Db['pledgeInstalment']['findFirst']>>>;

function pledgeStatus(value: string): PledgeStatus {
  return (PLEDGE_STATUSES as readonly string[]).includes(value) ? (value as PledgeStatus) : 'cancelled';
}

export function instalmentStatus(value: string): InstalmentStatus {
  return (INSTALMENT_STATUSES as readonly string[]).includes(value) ? (value as InstalmentStatus) : 'cancelled';
}

function frequencyOf(row: PledgeRow): Frequency {
  if (!isFrequency(row.frequency)) throw new Error(`Pledge ${row.id}: unknown frequency ${JSON.stringify(row.frequency)}`);
  return row.frequency;
}

export function instalmentView(row: InstalmentRow): InstalmentView {
  return {
    id: row.id,
    sequence: row.sequence,
    dueDate: row.dueDate,
    amountMinor: row.amountMinor,
    status: instalmentStatus(row.status),
    paymentReference: row.paymentReference,
    reportedAt: row.reportedAt,
    confirmedAt: row.confirmedAt,
    receiptNumber: row.receiptNumber,
  };
}

async function pledgeView(db: Db | DbTx, pledgeId: number): Promise<PledgeView> {
  const row = await db.pledge.findUniqueOrThrow({
    where: { id: pledgeId },
    include: { fund: true, instalments: { orderBy: { sequence: 'desc' } } },
  });
  return {
    id: row.id,
    reference: row.reference,
    fund: fundView(row.fund),
    amountMinor: row.amountMinor,
    currency: row.currency,
    frequency: frequencyOf(row),
    startDate: row.startDate,
    endDate: row.endDate,
    anonymous: row.anonymous,
    dedication: row.dedication,
    status: pledgeStatus(row.status),
    createdAt: row.createdAt,
    nextDueDate: row.status === 'active' ? row.nextDueDate : null,
    instalments: row.instalments.map(instalmentView),
  };
}

// --- Instalments and their reminders ----------------------------------------------------------

/** The moment a reminder for a calendar day goes out: REMINDER_LOCAL_HOUR where the donor lives. */
function reminderTime(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLocal({ year, month, day, hour: REMINDER_LOCAL_HOUR, minute: 0, second: 0 }, usableTimeZone(timeZone));
}

async function scheduleInstalmentReminders(
  tx: DbTx,
  pledge: { id: number; personId: number; currency: string; fundCode: string; timeZone: string },
  instalment: { id: number; dueDate: string; amountMinor: number },
  settings: PledgeSettings,
  now: Date,
): Promise<void> {
  const today = todayIn(pledge.timeZone, now);
  const stages: { stage: 'before' | 'due' | 'gentle'; at: Date | null }[] = [
    {
      stage: 'before',
      at: settings.remindDaysBefore > 0 ? reminderTime(addDays(instalment.dueDate, -settings.remindDaysBefore), pledge.timeZone) : null,
    },
    // Due today (a pledge made today): remind at once, with the "I've paid" button.
    { stage: 'due', at: instalment.dueDate === today ? now : instalment.dueDate > today ? reminderTime(instalment.dueDate, pledge.timeZone) : null },
    { stage: 'gentle', at: reminderTime(addDays(instalment.dueDate, settings.gentleReminderDays), pledge.timeZone) },
  ];
  for (const { stage, at } of stages) {
    // A reminder whose time has passed is not sent late: the next stage speaks for it.
    if (at === null || at.getTime() < now.getTime()) continue;
    if (stage === 'before' && instalment.dueDate <= today) continue;
    await scheduleReminderIn(tx, {
      personId: pledge.personId,
      kind: 'pledge_instalment',
      dueAt: at,
      payload: {
        fund: pledge.fundCode,
        amountMinor: instalment.amountMinor,
        currency: pledge.currency,
        instalmentId: instalment.id,
        date: instalment.dueDate,
        stage,
      },
      dedupeKey: `${instalmentKeyPrefix(pledge.id, instalment.id)}${stage}`,
    });
  }
}

/**
 * Generates the pledge's instalments due up to the horizon, with their reminders. The move of
 * nextSequence is a conditional update: two instances generating at once create each row once.
 * Returns how many instalments were created.
 */
export async function generateInstalments(tx: DbTx, pledgeId: number, settings: PledgeSettings, now: Date): Promise<number> {
  const pledge = await tx.pledge.findUnique({
    where: { id: pledgeId },
    include: { fund: { select: { code: true } }, person: { select: { timeZone: true } } },
  });
  if (!pledge || pledge.status !== 'active') return 0;
  const frequency = frequencyOf(pledge);
  const shape = { frequency, startDate: pledge.startDate, endDate: pledge.endDate };
  const through = addDays(todayIn(pledge.person.timeZone, now), HORIZON_DAYS);
  const due = instalmentsThrough(shape, pledge.nextSequence, through);
  if (due.length === 0) return 0;
  const next = pledge.nextSequence + due.length;
  const { count } = await tx.pledge.updateMany({
    where: { id: pledge.id, nextSequence: pledge.nextSequence, status: 'active' },
    data: { nextSequence: next, nextDueDate: instalmentDueDate(shape, next) },
  });
  if (count === 0) return 0;
  for (const { sequence, dueDate } of due) {
    const row = await tx.pledgeInstalment.create({
      data: { pledgeId: pledge.id, sequence, dueDate, amountMinor: pledge.amountMinor },
    });
    await scheduleInstalmentReminders(
      tx,
      { id: pledge.id, personId: pledge.personId, currency: pledge.currency, fundCode: pledge.fund.code, timeZone: pledge.person.timeZone },
      row,
      settings,
      now,
    );
  }
  return due.length;
}

/**
 * The pledge is done when no instalment is left to generate and none is open. Called after an
 * instalment is confirmed or cancelled.
 */
export async function completeIfDone(tx: DbTx, pledgeId: number, actorId: number | null): Promise<boolean> {
  const pledge = await tx.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
  if (pledge.status !== 'active' || pledge.nextDueDate !== null) return false;
  const open = await tx.pledgeInstalment.count({ where: { pledgeId, status: { in: ['pending', 'reported', 'overdue'] } } });
  if (open > 0) return false;
  const { count } = await tx.pledge.updateMany({ where: { id: pledgeId, status: 'active' }, data: { status: 'completed' } });
  if (count === 0) return false;
  await recordAudit(tx, { actorId, action: 'pledge.completed', subjectType: 'pledge', subjectId: String(pledgeId), details: { before: 'active', after: 'completed' } });
  return true;
}

// --- Making a pledge -------------------------------------------------------------------------

function checkInput(input: PledgeInput, today: string, maxMinor: number): PledgeInputError | null {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0 || input.amountMinor > maxMinor) return 'invalid_amount';
  if (!isFrequency(input.frequency)) return 'invalid_frequency';
  if (!isCalendarDate(input.startDate) || input.startDate < today || input.startDate > addDays(today, MAX_START_AHEAD_DAYS)) {
    return 'invalid_start';
  }
  if (input.endDate != null) {
    if (input.frequency === 'one_time' || !isCalendarDate(input.endDate) || input.endDate < input.startDate) return 'invalid_end';
  }
  if (input.dedication != null && input.dedication.trim().length > MAX_DEDICATION) return 'dedication_too_long';
  return null;
}

/**
 * Records the pledge with a PL-… reference, generates its first instalments and schedules their
 * reminders. The currency is the fund's (the policy's). The start date is checked in the donor's
 * time zone: today or later, within a year.
 */
export async function createPledge(
  db: Db,
  personId: number,
  input: PledgeInput,
  settings: PledgeSettings = DEFAULT_PLEDGE_SETTINGS,
  now = new Date(),
): Promise<CreatePledgeResult> {
  return transaction<CreatePledgeResult>(db, async (tx, rollback) => {
    const person = isId(personId) ? await tx.user.findUnique({ where: { id: personId }, select: { timeZone: true } }) : null;
    if (!person) return rollback({ ok: false, error: 'not_found' });
    const fund = await tx.fund.findUnique({ where: { code: String(input.fundCode) } });
    if (!fund) return rollback({ ok: false, error: 'fund_not_found' });
    if (fund.status !== 'active') return rollback({ ok: false, error: 'fund_closed' });
    const maxMinor = MAX_PLEDGE_MAJOR * minorPerMajor(fund.currency);
    const problem = checkInput(input, todayIn(person.timeZone, now), maxMinor);
    if (problem) return rollback({ ok: false, error: problem });
    const dedication = input.dedication?.trim() || null;
    const endDate = input.frequency === 'one_time' ? null : (input.endDate ?? null);
    const created = await tx.pledge.create({
      data: {
        reference: `pending-${randomUUID()}`,
        personId,
        fundId: fund.id,
        amountMinor: input.amountMinor,
        currency: fund.currency,
        frequency: input.frequency,
        startDate: input.startDate,
        endDate,
        anonymous: input.anonymous,
        dedication,
        nextDueDate: input.startDate,
      },
    });
    await tx.pledge.update({ where: { id: created.id }, data: { reference: formatReference(created.id, created.createdAt) } });
    await recordAudit(tx, {
      actorId: personId,
      action: 'pledge.created',
      subjectType: 'pledge',
      subjectId: String(created.id),
      // Codes and amounts only: the dedication is the donor's text.
      details: { fund: fund.code, frequency: input.frequency, amountMinor: input.amountMinor, currency: fund.currency, anonymous: input.anonymous },
    });
    await generateInstalments(tx, created.id, settings, now);
    return { ok: true, pledge: await pledgeView(tx, created.id) };
  });
}

function minorPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  return 10 ** (digits ?? 2);
}

// --- The donor's own pledges -----------------------------------------------------------------

/** The person's pledges, newest first, each with its instalments (newest first). */
export async function myPledges(db: Db, personId: number): Promise<PledgeView[]> {
  if (!isId(personId)) return [];
  const rows = await db.pledge.findMany({ where: { personId }, orderBy: { id: 'desc' }, select: { id: true } });
  const out: PledgeView[] = [];
  for (const row of rows) out.push(await pledgeView(db, row.id));
  return out;
}

/** One of the person's pledges; null when it is not theirs (or does not exist). */
export async function myPledge(db: Db, personId: number, pledgeId: number): Promise<PledgeView | null> {
  if (!isId(personId) || !isId(pledgeId)) return null;
  const row = await db.pledge.findUnique({ where: { id: pledgeId }, select: { personId: true } });
  return row?.personId === personId ? pledgeView(db, pledgeId) : null;
}

export type ReportPaidResult =
  | { ok: true; pledge: PledgeView; instalment: InstalmentView }
  | { ok: false; error: 'not_found' | 'not_open' | 'invalid_reference' };

/**
 * The donor says they paid an instalment, with their payment's reference. It waits for a
 * coordinator's confirmation; its reminders stop. Reporting it again changes nothing.
 */
export async function reportPaid(db: Db, personId: number, instalmentId: number, paymentReference: string, now = new Date()): Promise<ReportPaidResult> {
  return transaction<ReportPaidResult>(db, async (tx, rollback) => {
    const instalment = await ownInstalment(tx, personId, instalmentId);
    if (!instalment) return rollback({ ok: false, error: 'not_found' });
    const reference = paymentReference.trim();
    if (reference === '' || reference.length > MAX_PAYMENT_REFERENCE) return rollback({ ok: false, error: 'invalid_reference' });
    const { count } = await tx.pledgeInstalment.updateMany({
      where: { id: instalment.id, status: { in: ['pending', 'overdue'] } },
      data: { status: 'reported', paymentReference: reference, reportedAt: now },
    });
    if (count === 0) return rollback({ ok: false, error: 'not_open' });
    await stopInstalmentReminders(tx, instalment.pledgeId, instalment.id, personId, 'instalment_reported', now);
    await recordAudit(tx, {
      actorId: personId,
      action: 'pledge.instalment_reported',
      subjectType: 'pledge',
      subjectId: String(instalment.pledgeId),
      details: { instalmentId: instalment.id, before: instalment.status, after: 'reported' },
    });
    const pledge = await pledgeView(tx, instalment.pledgeId);
    return { ok: true, pledge, instalment: pledge.instalments.find((i) => i.id === instalment.id)! };
  });
}

async function ownInstalment(tx: DbTx, personId: number, instalmentId: number) {
  if (!isId(personId) || !isId(instalmentId)) return null;
  const row = await tx.pledgeInstalment.findUnique({ where: { id: instalmentId }, include: { pledge: { select: { personId: true } } } });
  return row?.pledge.personId === personId ? row : null;
}

/** Pending reminders of the instalment are cancelled; sent ones count as answered. */
export async function stopInstalmentReminders(tx: DbTx, pledgeId: number, instalmentId: number, actorId: number | null, reason: string, now: Date): Promise<void> {
  const prefix = instalmentKeyPrefix(pledgeId, instalmentId);
  await cancelRemindersIn(tx, { dedupeKeyPrefix: prefix, actorId, reason });
  await settleSentRemindersIn(tx, prefix, now);
}

export type PledgeChangeResult =
  | { ok: true; pledge: PledgeView }
  | { ok: false; error: 'not_found' | 'invalid_state' | 'invalid_amount'; status?: PledgeStatus };

/** Loads the person's pledge for a change inside `tx`; null when it is not theirs. */
async function ownPledge(tx: DbTx, personId: number, pledgeId: number): Promise<PledgeRow | null> {
  if (!isId(personId) || !isId(pledgeId)) return null;
  const row = await tx.pledge.findUnique({ where: { id: pledgeId } });
  return row?.personId === personId ? row : null;
}

/** Moves the pledge `from → to` only if it is still `from`: a double tap changes it once. */
async function movePledge(tx: DbTx, row: PledgeRow, from: PledgeStatus, to: PledgeStatus, actorId: number, data: Record<string, unknown> = {}): Promise<boolean> {
  const { count } = await tx.pledge.updateMany({ where: { id: row.id, status: from }, data: { status: to, ...data } });
  if (count === 0) return false;
  await recordAudit(tx, { actorId, action: `pledge.${to === 'active' ? 'resumed' : to}`, subjectType: 'pledge', subjectId: String(row.id), details: { before: from, after: to } });
  return true;
}

/**
 * Unpaid instalments not yet due go (with their reminders): a paused pledge asks for nothing.
 * Returns the lowest number dropped (null: none), from which generation may start again.
 */
async function dropFutureInstalments(tx: DbTx, row: PledgeRow, today: string, actorId: number, reason: string): Promise<number | null> {
  const future = await tx.pledgeInstalment.findMany({
    where: { pledgeId: row.id, status: 'pending', dueDate: { gte: today } },
    select: { id: true, sequence: true },
  });
  for (const { id } of future) await cancelRemindersIn(tx, { dedupeKeyPrefix: instalmentKeyPrefix(row.id, id), actorId, reason });
  await tx.pledgeInstalment.deleteMany({ where: { id: { in: future.map((f) => f.id) }, status: 'pending' } });
  return future.length === 0 ? null : Math.min(...future.map((f) => f.sequence));
}

async function timeZoneOf(tx: DbTx, personId: number): Promise<string> {
  return (await tx.user.findUniqueOrThrow({ where: { id: personId }, select: { timeZone: true } })).timeZone;
}

/** Pauses a recurring pledge: nothing is asked until it is resumed. Past instalments stay as they are. */
export async function pausePledge(db: Db, personId: number, pledgeId: number, now = new Date()): Promise<PledgeChangeResult> {
  return transaction<PledgeChangeResult>(db, async (tx, rollback) => {
    const row = await ownPledge(tx, personId, pledgeId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    if (row.frequency === 'one_time' || !(await movePledge(tx, row, 'active', 'paused', personId))) {
      return rollback({ ok: false, error: 'invalid_state', status: pledgeStatus(row.status) });
    }
    const dropped = await dropFutureInstalments(tx, row, todayIn(await timeZoneOf(tx, personId), now), personId, 'pledge_paused');
    if (dropped !== null) await tx.pledge.update({ where: { id: row.id }, data: { nextSequence: dropped } });
    return { ok: true, pledge: await pledgeView(tx, row.id) };
  });
}

/** Resumes a paused pledge from the next instalment due today or later. */
export async function resumePledge(db: Db, personId: number, pledgeId: number, settings: PledgeSettings = DEFAULT_PLEDGE_SETTINGS, now = new Date()): Promise<PledgeChangeResult> {
  return transaction<PledgeChangeResult>(db, async (tx, rollback) => {
    const row = await ownPledge(tx, personId, pledgeId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const shape = { frequency: frequencyOf(row), startDate: row.startDate, endDate: row.endDate };
    const next = firstSequenceFrom(shape, todayIn(await timeZoneOf(tx, personId), now));
    // Sequences already generated (paid or reported while paused) are not generated again.
    const from = next === null ? row.nextSequence : Math.max(next, row.nextSequence);
    const data = { nextSequence: from, nextDueDate: instalmentDueDate(shape, from) };
    if (!(await movePledge(tx, row, 'paused', 'active', personId, data))) {
      return rollback({ ok: false, error: 'invalid_state', status: pledgeStatus(row.status) });
    }
    await generateInstalments(tx, row.id, settings, now);
    await completeIfDone(tx, row.id, personId);
    return { ok: true, pledge: await pledgeView(tx, row.id) };
  });
}

/** Cancels the pledge: open instalments are cancelled (reported ones wait for a coordinator). */
export async function cancelPledge(db: Db, personId: number, pledgeId: number): Promise<PledgeChangeResult> {
  return transaction<PledgeChangeResult>(db, async (tx, rollback) => {
    const row = await ownPledge(tx, personId, pledgeId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const from = pledgeStatus(row.status);
    if ((from !== 'active' && from !== 'paused') || !(await movePledge(tx, row, from, 'cancelled', personId, { nextDueDate: null }))) {
      return rollback({ ok: false, error: 'invalid_state', status: from });
    }
    await cancelRemindersIn(tx, { dedupeKeyPrefix: pledgeKeyPrefix(row.id), actorId: personId, reason: 'pledge_cancelled' });
    await tx.pledgeInstalment.updateMany({ where: { pledgeId: row.id, status: { in: ['pending', 'overdue'] } }, data: { status: 'cancelled' } });
    return { ok: true, pledge: await pledgeView(tx, row.id) };
  });
}

/** A new amount for the instalments not yet paid or reported (and every later one). */
export async function changePledgeAmount(db: Db, personId: number, pledgeId: number, amountMinor: number): Promise<PledgeChangeResult> {
  return transaction<PledgeChangeResult>(db, async (tx, rollback) => {
    const row = await ownPledge(tx, personId, pledgeId);
    if (!row) return rollback({ ok: false, error: 'not_found' });
    const status = pledgeStatus(row.status);
    if (status !== 'active' && status !== 'paused') return rollback({ ok: false, error: 'invalid_state', status });
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > MAX_PLEDGE_MAJOR * minorPerMajor(row.currency)) {
      return rollback({ ok: false, error: 'invalid_amount' });
    }
    const { count } = await tx.pledge.updateMany({ where: { id: row.id, status }, data: { amountMinor } });
    if (count === 0) return rollback({ ok: false, error: 'invalid_state', status });
    await tx.pledgeInstalment.updateMany({ where: { pledgeId: row.id, status: { in: ['pending', 'overdue'] } }, data: { amountMinor } });
    // Reminders not sent yet carry the amount in their payload: they say the new one.
    const waiting = await tx.reminder.findMany({
      where: { dedupeKey: { startsWith: pledgeKeyPrefix(row.id) }, status: 'pending' },
      select: { id: true, payload: true },
    });
    for (const reminder of waiting) {
      const payload = JSON.parse(reminder.payload) as Record<string, unknown>;
      await tx.reminder.update({ where: { id: reminder.id }, data: { payload: JSON.stringify({ ...payload, amountMinor }) } });
    }
    await recordAudit(tx, {
      actorId: personId,
      action: 'pledge.amount_changed',
      subjectType: 'pledge',
      subjectId: String(row.id),
      details: { before: row.amountMinor, after: amountMinor },
    });
    return { ok: true, pledge: await pledgeView(tx, row.id) };
  });
}

// --- Export ----------------------------------------------------------------------------------

export interface PledgeExport {
  reference: string;
  fund: string;
  amountMinor: number;
  currency: string;
  frequency: string;
  startDate: string;
  endDate: string | null;
  anonymous: boolean;
  dedication: string | null;
  status: string;
  createdAt: string;
  instalments: {
    dueDate: string;
    amountMinor: number;
    status: string;
    paymentReference: string | null;
    reportedAt: string | null;
    confirmedAt: string | null;
    receiptNumber: string | null;
  }[];
}

/** The person's pledges for /export_me. */
export async function exportPledges(db: Db, personId: number): Promise<PledgeExport[]> {
  const pledges = await myPledges(db, personId);
  return pledges.map((p) => ({
    reference: p.reference,
    fund: p.fund.code,
    amountMinor: p.amountMinor,
    currency: p.currency,
    frequency: p.frequency,
    startDate: p.startDate,
    endDate: p.endDate,
    anonymous: p.anonymous,
    dedication: p.dedication,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
    instalments: [...p.instalments].reverse().map((i) => ({
      dueDate: i.dueDate,
      amountMinor: i.amountMinor,
      status: i.status,
      paymentReference: i.paymentReference,
      reportedAt: i.reportedAt?.toISOString() ?? null,
      confirmedAt: i.confirmedAt?.toISOString() ?? null,
      receiptNumber: i.receiptNumber,
    })),
  }));
}
