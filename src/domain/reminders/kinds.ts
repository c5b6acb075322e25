// What a reminder can be, and what its payload must hold. Payloads are codes, ids, dates and
// amounts: the words are chosen in the recipient's language when the reminder is sent.

export const REMINDER_KINDS = [
  'review_due',
  'payment_day',
  'document_expiry',
  'pledge_instalment',
  'task_checkin',
  // Volunteering: a paired volunteer's visit is overdue (escalates to the coordinator), and news
  // about a volunteer task (a check-in asked for, a stale claim released, a problem reported)
  'pairing_checkin',
  'task_update',
  'announcement',
  'custom',
  // To staff, about a reminder the person did not react to; created by the scheduler only.
  'escalation',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_STATUSES = ['pending', 'claimed', 'sent', 'failed', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const REMINDER_RESPONSES = ['done', 'snoozed', 'not_relevant'] as const;
export type ReminderResponse = (typeof REMINDER_RESPONSES)[number];

export const RECURRENCES = ['monthly', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Kinds a person can answer (Done, Remind me tomorrow, Not relevant). */
export const ANSWERABLE_KINDS: ReadonlySet<ReminderKind> = new Set([
  'review_due',
  'payment_day',
  'document_expiry',
  'pledge_instalment',
  'task_checkin',
  'custom',
]);

/**
 * Days without an answer after which the responsible caseworker (or the admins) hear of it.
 * Kinds missing here never escalate. Overridden by REMINDER_ESCALATE_AFTER_DAYS.
 */
export const DEFAULT_ESCALATION_DAYS: EscalationDays = {
  review_due: 3,
  payment_day: 3,
  document_expiry: 7,
  // Pledge instalments do not escalate one by one (three reminders each): an unpaid instalment
  // becomes overdue (PLEDGE_OVERDUE_DAYS) and joins the coordinators' /overdue list instead.
  task_checkin: 2,
  pairing_checkin: 2,
  custom: 3,
};

/** Days without an answer before escalating, per kind; missing or 0: never. */
export type EscalationDays = Readonly<Partial<Record<ReminderKind, number>>>;

export function isReminderKind(value: unknown): value is ReminderKind {
  return typeof value === 'string' && (REMINDER_KINDS as readonly string[]).includes(value);
}

export function isRecurrence(value: unknown): value is Recurrence {
  return typeof value === 'string' && (RECURRENCES as readonly string[]).includes(value);
}

export type PayloadValue = string | number | boolean | null;
export type ReminderPayload = Record<string, PayloadValue>;

/** Longest free text (announcement, custom) a reminder may carry: one Telegram message with room to spare. */
export const MAX_REMINDER_TEXT = 3000;

type Check = (value: PayloadValue | undefined) => boolean;
const text: Check = (v) => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_REMINDER_TEXT;
const code: Check = (v) => typeof v === 'string' && /^[a-z0-9_]{1,40}$/.test(v);
const calendarDate: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
const amount: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const currency: Check = (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v);
const optional = (check: Check): Check => (v) => v === undefined || v === null || check(v);
const shortText: Check = (v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200;
const id: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Required (and optional) payload fields per kind; unknown fields are refused. */
const PAYLOAD_FIELDS: Record<ReminderKind, Record<string, Check>> = {
  // { reference: 'SN-2026-000123', date: '2026-12-01' }; with applicationId and audience
  // (applicant | staff) the applicant gets an "Update my answers" button, staff a pointer to /reviews
  review_due: { reference: shortText, date: calendarDate, applicationId: optional(id), audience: optional(code) },
  // {} or { amountMinor: 120000, currency: 'CNY' }
  payment_day: { amountMinor: optional(amount), currency: optional(currency) },
  // { item: 'identity' (a checklist code), date: '2027-03-31' }
  document_expiry: { item: code, date: calendarDate },
  // { fund: 'temporary_relief' (a fund code; older rows: a name), amountMinor: 5000, currency: 'CNY',
  //   instalmentId: 12, date: '2027-01-31', stage: 'before' | 'due' | 'gentle' }
  pledge_instalment: {
    fund: shortText,
    amountMinor: amount,
    currency,
    instalmentId: optional(id),
    date: optional(calendarDate),
    stage: optional(code),
  },
  // { task: 'Home visit to the Li family' }
  task_checkin: { task: shortText },
  // { pairingId: 7 }
  pairing_checkin: { pairingId: id },
  // { taskId: 12, event: 'checkin_due' | 'released' | 'released_staff' | 'problem' }
  task_update: { taskId: id, event: code },
  // { text: '…' } in the language of the audience
  announcement: { text },
  custom: { text },
  // { reminderId, kind, personId, sentAt (ISO), days }
  escalation: { reminderId: id, kind: code, personId: id, sentAt: shortText, days: amount },
};

/** Null when the payload suits the kind, else the first offending field (or `payload`). */
export function payloadProblem(kind: ReminderKind, payload: ReminderPayload): string | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return 'payload';
  const fields = PAYLOAD_FIELDS[kind];
  for (const key of Object.keys(payload)) if (!(key in fields)) return key;
  for (const [key, check] of Object.entries(fields)) if (!check(payload[key])) return key;
  if (kind === 'payment_day' && (payload.amountMinor === undefined) !== (payload.currency === undefined)) {
    return 'currency';
  }
  return null;
}

/** A stored payload, read back: a corrupt one reads as empty rather than breaking a send. */
export function parsePayload(json: string): ReminderPayload {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as ReminderPayload) : {};
  } catch {
    return {};
  }
}
