// When pledge reminders go out and when an unpaid instalment counts as overdue. Configured by
// PLEDGE_REMIND_DAYS_BEFORE, PLEDGE_GENTLE_REMINDER_DAYS and PLEDGE_OVERDUE_DAYS (README).
export interface PledgeSettings {
  /** Days before the due date for the first reminder; 0: none before the due day. */
  remindDaysBefore: number;
  /** Days after the due date for the one gentle reminder about an unpaid instalment. */
  gentleReminderDays: number;
  /** Days after the due date when an unpaid instalment becomes overdue (after the gentle reminder). */
  overdueDays: number;
}

export const DEFAULT_PLEDGE_SETTINGS: PledgeSettings = { remindDaysBefore: 3, gentleReminderDays: 3, overdueDays: 7 };

/** Reminders go out at this local hour on their day (quiet hours still apply). */
export const REMINDER_LOCAL_HOUR = 10;

/**
 * Instalments are generated when their due date is at most this many days ahead: far enough for
 * the earliest reminder (remindDaysBefore is at most 30), near enough that a pledge without an
 * end holds a handful of rows.
 */
export const HORIZON_DAYS = 45;
