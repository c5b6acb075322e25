// Reminders in words: the message a reminder becomes in its recipient's language (with the Done /
// Remind me tomorrow / Not relevant buttons), and the /calendar list. Payloads hold codes, dates
// and amounts; this is where they become text.
import { InlineKeyboard } from 'grammy';
import { ANSWERABLE_KINDS, isReminderKind, type ReminderKind, type ReminderPayload, type UpcomingReminder } from '../../domain/reminders/index.js';
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

export function kindTitle(lang: Language, kind: string): string {
  return t(lang, `reminders.kind.${isReminderKind(kind) ? kind : 'custom'}`);
}

function body(lang: Language, kind: ReminderKind, payload: ReminderPayload, context: RenderContext): string {
  switch (kind) {
    case 'review_due':
      return t(lang, 'reminders.message.review_due', { reference: escapeHtml(str(payload.reference)), date: calendarDate(lang, payload.date), ...RAW });
    case 'payment_day': {
      const amount = money(lang, payload);
      return amount ? t(lang, 'reminders.message.payment_day_amount', { amount, ...RAW }) : t(lang, 'reminders.message.payment_day');
    }
    case 'document_expiry':
      return t(lang, 'reminders.message.document_expiry', { item: documentName(lang, payload.item), date: calendarDate(lang, payload.date), ...RAW });
    case 'pledge_instalment':
      return t(lang, 'reminders.message.pledge_instalment', { fund: escapeHtml(str(payload.fund)), amount: money(lang, payload), ...RAW });
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
  if (kind === 'pairing_checkin' || kind === 'task_update') {
    // Their buttons act on the task or pairing itself (check in, log a contact), not on the reminder.
    const { keyboard } = volunteeringReminder(lang, kind, reminder.payload);
    return keyboard ? { text, keyboard } : { text };
  }
  if (!ANSWERABLE_KINDS.has(kind)) return { text };
  const keyboard = new InlineKeyboard()
    .text(t(lang, 'reminders.button.done'), callbackData('rem', 'done', reminder.id))
    .text(t(lang, 'reminders.button.snooze'), callbackData('rem', 'snooze', reminder.id))
    .row()
    .text(t(lang, 'reminders.button.skip'), callbackData('rem', 'skip', reminder.id));
  return { text, keyboard };
}

/** A few words that tell reminders of the same kind apart in a list. */
function detail(lang: Language, reminder: UpcomingReminder): string {
  const p = reminder.payload;
  switch (reminder.kind) {
    case 'review_due':
      return escapeHtml(str(p.reference));
    case 'payment_day':
      return money(lang, p);
    case 'document_expiry':
      return documentName(lang, p.item);
    case 'pledge_instalment':
      return [escapeHtml(str(p.fund)), money(lang, p)].filter(Boolean).join(', ');
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

export function calendarScreen(lang: Language, reminders: UpcomingReminder[], total: number, timeZone: string): string {
  if (reminders.length === 0) return t(lang, 'reminders.calendar.empty');
  const lines = [t(lang, 'reminders.calendar.title')];
  for (const reminder of reminders) {
    const extra = detail(lang, reminder);
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
