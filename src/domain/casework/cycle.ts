// Dynamic management of an approved case: when it is next re-reviewed, and the reminders that
// keep it alive — the applicant asked to update their answers ahead of the review, the caseworker
// told on the day, and the recipient's monthly payment day. The reminders are derived from the
// case, never kept in step by hand: syncCaseReminders() makes the queue match the case whatever
// happened before (a crash between the decision and the scheduling included), and running it
// twice changes nothing.
import type { Db } from '../../db/index.js';
import { cancelReminders, scheduleReminder } from '../reminders/index.js';
import type { Area } from '../questionnaire/answers.js';

export interface CaseCycleSettings {
  /** Months between re-reviews, by area (the report: regular review of every recipient). */
  reviewMonths: Readonly<Record<Area, number>>;
  /** The applicant is asked to update their answers this many days before the review. */
  reviewNoticeDays: number;
  /** Day of the month (1–28) the allowance is paid. */
  paymentDay: number;
}

export const DEFAULT_CASE_CYCLE: CaseCycleSettings = {
  reviewMonths: { urban: 6, rural: 12 },
  reviewNoticeDays: 14,
  paymentDay: 10,
};

/** Review intervals a caseworker may choose on approval, in months. */
export const REVIEW_INTERVAL_CHOICES = [3, 6, 12] as const;
export const MAX_REVIEW_MONTHS = 24;

/** Reminders are due at this UTC hour on their day (quiet hours still apply in the person's zone). */
const REMINDER_HOUR_UTC = 9;

/** Today's calendar date in UTC, as stored. */
export const todayDate = (now = new Date()) => now.toISOString().slice(0, 10);

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const format = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** `2026-08-31` + 6 months → `2027-02-28`: the day is kept, or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysIn(year, month)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first payment day on or after `date`. */
export function firstPaymentDate(date: string, paymentDay: number): string {
  const [y, m, d] = parts(date);
  return d <= paymentDay ? format(y, m, paymentDay) : addMonths(format(y, m, paymentDay), 1);
}

const at = (date: string) => new Date(`${date}T${String(REMINDER_HOUR_UTC).padStart(2, '0')}:00:00Z`);

/** A valid YYYY-MM-DD calendar date (no 2027-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parts(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

const casePrefix = (applicationId: number) => `case:${applicationId}:`;

/**
 * Makes the case's reminders match the case: for an approved case with a review date, the
 * applicant's "update your answers" notice, the caseworker's review reminder and the monthly
 * payment day (with the current amount); for any other case, none.
 */
export async function syncCaseReminders(db: Db, applicationId: number, settings: CaseCycleSettings, actorId: number | null): Promise<void> {
  const row = await db.application.findUnique({ where: { id: applicationId } });
  if (!row) return;
  const prefix = casePrefix(row.id);
  if (row.status !== 'approved' || !row.nextReviewDate) {
    await cancelReminders(db, { dedupeKeyPrefix: prefix, actorId, reason: `case_${row.status}` });
    return;
  }
  const round = row.reviewCount;
  const keys = {
    applicant: `${prefix}review${round}:applicant`,
    staff: `${prefix}review${round}:staff`,
    payment: `${prefix}pay${round}:${row.approvedMonthlyMinor ?? 0}`,
  };
  // Earlier rounds' reminders and a payment series with an old amount go; the current ones stay.
  await cancelReminders(db, { dedupeKeyPrefix: prefix, except: Object.values(keys), actorId, reason: 'case_cycle_changed' });

  const review = { reference: row.reference, date: row.nextReviewDate, applicationId: row.id };
  const today = todayDate();
  const noticeDate = addDays(row.nextReviewDate, -settings.reviewNoticeDays);
  await scheduleReminder(db, {
    personId: row.personId,
    kind: 'review_due',
    dueAt: at(noticeDate > today ? noticeDate : today),
    payload: { ...review, audience: 'applicant' },
    dedupeKey: keys.applicant,
    escalateToId: row.assignedToId,
    actorId,
  });
  if (row.assignedToId !== null && (await db.user.findUnique({ where: { id: row.assignedToId }, select: { id: true } }))) {
    await scheduleReminder(db, {
      personId: row.assignedToId,
      kind: 'review_due',
      dueAt: at(row.nextReviewDate),
      payload: { ...review, audience: 'staff' },
      dedupeKey: keys.staff,
      actorId,
    });
  }
  if (row.approvedMonthlyMinor !== null && row.approvedMonthlyMinor > 0 && row.startDate) {
    const currency = readCurrency(row.screening);
    const first = firstPaymentDate(row.startDate > today ? row.startDate : today, settings.paymentDay);
    await scheduleReminder(db, {
      personId: row.personId,
      kind: 'payment_day',
      dueAt: at(first),
      payload: currency ? { amountMinor: row.approvedMonthlyMinor, currency } : {},
      dedupeKey: keys.payment,
      recurrence: 'monthly',
      actorId,
    });
  }
}

function readCurrency(screeningJson: string): string | null {
  try {
    const currency = (JSON.parse(screeningJson) as { currency?: unknown }).currency;
    return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null;
  } catch {
    return null;
  }
}
