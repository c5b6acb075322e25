// Reminders in words: the message a reminder becomes in its recipient's language (with the Done /
// Remind me tomorrow / Not relevant buttons, or Stop announcements under an announcement), and the
// /calendar list. Payloads hold codes, dates and amounts; this is where they become text.
import { InlineKeyboard } from 'grammy';
import { ANSWERABLE_KINDS, isReminderKind, type ReminderKind, type ReminderPayload, type UpcomingReminder } from '../../domain/reminders/index.js';
import { pick, type Localized } from '../../domain/donations/funds.js';
import { escapeHtml, formatDate, formatDateTime, formatMoney, initI18n, t, type Language } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import { volunteeringReminder } from './volunteering.js';

export interface ReminderMessage {
  text: string;
  keyboard?: InlineKeyboard;
}

export interface RenderContext {
  timeZone: string;
  /** Escalations: the first name of the person the reminder went to (null if unknown or erased). */
  aboutName?: string | null;
  /** Pledge reminders: fund names by code (the payload carries the code). */
  fundNames?: ReadonlyMap<string, Localized>;
}

// Values are built (and escaped where they come from people) here, so i18next must not escape again.
const RAW = { interpolation: { escapeValue: false } } as const;

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A calendar date (YYYY-MM-DD) as people there write it; no time zone shift. */
function calendarDate(lang: Language, value: unknown): string {
  const text = str(value);
  const date = new Date(`${text}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? escapeHtml(text) : formatDate(lang, date, 'UTC');
}

function money(lang: Language, payload: ReminderPayload): string {
  const amount = payload.amountMinor;
  const currency = str(payload.currency);
  if (typeof amount !== 'number' || !/^[A-Z]{3}$/.test(currency)) return '';
  try {
    return formatMoney(lang, amount, currency);
  } catch {
    return escapeHtml(`${amount} ${currency}`);
  }
}

/** A checklist item's name in the language, or its code when there is none. */
function documentName(lang: Language, code: unknown): string {
  const key = `documents.item.${str(code)}`;
  return initI18n().exists(key, { lng: lang }) ? t(lang, key) : escapeHtml(str(code));
}

/** The fund's name in the language; older payloads carry a name instead of a code. */
function fundTitle(lang: Language, payload: ReminderPayload, context: RenderContext): string {
  const names = context.fundNames?.get(str(payload.fund));
  return escapeHtml(names ? pick(names, lang) : str(payload.fund));
}

export function kindTitle(lang: Language, kind: string): string {
  return t(lang, `reminders.kind.${isReminderKind(kind) ? kind : 'custom'}`);
}

function body(lang: Language, kind: ReminderKind, payload: ReminderPayload, context: RenderContext): string {
  switch (kind) {
    case 'review_due':
      return t(lang, payload.audience === 'staff' ? 'reminders.message.review_due_staff' : 'reminders.message.review_due', {
        reference: escapeHtml(str(payload.reference)),
        date: calendarDate(lang, payload.date),
        ...RAW,
      });
    case 'payment_day': {
      const amount = money(lang, payload);
      return amount ? t(lang, 'reminders.message.payment_day_amount', { amount, ...RAW }) : t(lang, 'reminders.message.payment_day');
    }
    case 'document_expiry':
      return t(lang, 'reminders.message.document_expiry', { item: documentName(lang, payload.item), date: calendarDate(lang, payload.date), ...RAW });
    case 'pledge_instalment': {
      const vars = { fund: fundTitle(lang, payload, context), amount: money(lang, payload), date: calendarDate(lang, payload.date), ...RAW };
      if (payload.stage === 'before') return t(lang, 'reminders.message.pledge_before', vars);
      if (payload.stage === 'gentle') return t(lang, 'reminders.message.pledge_gentle', vars);
      return t(lang, 'reminders.message.pledge_instalment', vars);
    }
    case 'task_checkin':
      return t(lang, 'reminders.message.task_checkin', { task: escapeHtml(str(payload.task)), ...RAW });
    case 'pairing_checkin':
    case 'task_update':
      return volunteeringReminder(lang, kind, payload).body;
    case 'announcement':
    case 'custom':
      return escapeHtml(str(payload.text));
    case 'escalation': {
      const personId = str(payload.personId);
      const person = context.aboutName ? `${escapeHtml(context.aboutName)} (#${personId})` : `#${personId}`;
      const sentAt = new Date(str(payload.sentAt));
      return t(lang, 'reminders.message.escalation', {
        person,
        kind: kindTitle(lang, str(payload.kind)),
        date: Number.isNaN(sentAt.getTime()) ? '' : formatDateTime(lang, sentAt, context.timeZone),
        days: Number(payload.days) || 0,
        ...RAW,
      });
    }
  }
}

/** The message a reminder becomes for its recipient; answerable kinds carry the three buttons. */
export function renderReminder(
  lang: Language,
  reminder: { id: number; kind: string; payload: ReminderPayload },
  context: RenderContext,
): ReminderMessage {
  const kind: ReminderKind = isReminderKind(reminder.kind) ? reminder.kind : 'custom';
  const text = `<b>${kindTitle(lang, kind)}</b>\n${body(lang, kind, reminder.payload, context)}`;
  // Every announcement carries its way out (src/bot/features/announcements.ts answers it).
  if (kind === 'announcement') return { text, keyboard: new InlineKeyboard().text(t(lang, 'announce.button.stop'), callbackData('ann', 'off')) };
  if (kind === 'pairing_checkin' || kind === 'task_update') {
    // Their buttons act on the task or pairing itself (check in, log a contact), not on the reminder.
    const { keyboard } = volunteeringReminder(lang, kind, reminder.payload);
    return keyboard ? { text, keyboard } : { text };
  }
  if (!ANSWERABLE_KINDS.has(kind)) return { text };
  if (kind === 'pledge_instalment' && typeof reminder.payload.instalmentId === 'number') {
    // A pledge reminder is answered by paying: "I've paid" asks for the payment's reference.
    const keyboard = new InlineKeyboard()
      .text(t(lang, 'donations.button.paid_now'), callbackData('pledge', 'paid', reminder.payload.instalmentId))
      .row()
      .text(t(lang, 'reminders.button.snooze'), callbackData('rem', 'snooze', reminder.id));
    return { text, keyboard };
  }
  const keyboard = new InlineKeyboard();
  // A case's review: the recipient updates their answers, the caseworker opens the review.
  const applicationId = reminder.payload.applicationId;
  if (kind === 'review_due' && typeof applicationId === 'number') {
    if (reminder.payload.audience === 'staff') keyboard.text(t(lang, 'casework.button.review_now'), callbackData('rev', 'open', applicationId)).row();
    else keyboard.text(t(lang, 'reminders.button.update_answers'), callbackData('scr', 'upd', applicationId)).row();
  }
  keyboard
    .text(t(lang, 'reminders.button.done'), callbackData('rem', 'done', reminder.id))
    .text(t(lang, 'reminders.button.snooze'), callbackData('rem', 'snooze', reminder.id))
    .row()
    .text(t(lang, 'reminders.button.skip'), callbackData('rem', 'skip', reminder.id));
  return { text, keyboard };
}

/** A few words that tell reminders of the same kind apart in a list. */
function detail(lang: Language, reminder: UpcomingReminder, fundNames?: ReadonlyMap<string, Localized>): string {
  const p = reminder.payload;
  switch (reminder.kind) {
    case 'review_due':
      return escapeHtml(str(p.reference));
    case 'payment_day':
      return money(lang, p);
    case 'document_expiry':
      return documentName(lang, p.item);
    case 'pledge_instalment':
      return [fundTitle(lang, p, { timeZone: 'UTC', ...(fundNames ? { fundNames } : {}) }), money(lang, p)].filter(Boolean).join(', ');
    case 'task_checkin':
      return escapeHtml(str(p.task));
    case 'announcement':
    case 'custom': {
      const text = str(p.text).replace(/\s+/g, ' ').trim();
      return escapeHtml(text.length > 60 ? `${text.slice(0, 59)}…` : text);
    }
    default:
      return '';
  }
}

export function calendarScreen(
  lang: Language,
  reminders: UpcomingReminder[],
  total: number,
  timeZone: string,
  fundNames?: ReadonlyMap<string, Localized>,
): string {
  if (reminders.length === 0) return t(lang, 'reminders.calendar.empty');
  const lines = [t(lang, 'reminders.calendar.title')];
  for (const reminder of reminders) {
    const extra = detail(lang, reminder, fundNames);
    const repeat = reminder.recurrence ? ` (${t(lang, `reminders.recurrence.${reminder.recurrence}`)})` : '';
    lines.push(
      t(lang, 'reminders.calendar.item', {
        date: formatDateTime(lang, reminder.dueAt, timeZone),
        title: kindTitle(lang, reminder.kind) + (extra ? `: ${extra}` : '') + repeat,
        ...RAW,
      }),
    );
  }
  if (total > reminders.length) lines.push(t(lang, 'reminders.calendar.more', { count: total - reminders.length }));
  return lines.join('\n');
}
