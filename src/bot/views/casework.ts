// The caseworker console in words: the review queue, a case card, the decision screens, the
// history, and the messages that tell an applicant, in their own language, what happened.
// Staff words live under `casework.*`, applicant words under `casework.notify.*`.
import { InlineKeyboard } from 'grammy';
import type { ChecklistEntry } from '../../domain/applications/index.js';
import {
  addMonths,
  QUEUE_STATUSES,
  REVIEW_INTERVAL_CHOICES,
  todayDate,
  REJECTION_REASONS,
  type ApplicantNotice,
  type AuditLine,
  type CaseCard,
  type CaseNoteView,
  type CaseSummary,
  type QueueStatus,
  type RejectionReason,
  type RequestedItem,
  type StaffRef,
} from '../../domain/casework/index.js';
import { townshipName, type Township } from '../../domain/places/townships.js';
import { AREAS, type Area } from '../../domain/questionnaire/answers.js';
import { PROGRAMME_IDS, type ProgrammeId, type Reason, type ScreeningResult } from '../../domain/screening/index.js';
import { escapeHtml, formatDate, formatDateTime, formatMoney, formatNumber, t, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import { CURRENCY } from './answers.js';
import type { Screen } from './questionnaire.js';

/** Telegram's limit is 4,096 characters; leave room for entities. */
const MESSAGE_BUDGET = 3900;
const ITEM_ICON = { todo: '⬜', provided: '✅', unavailable: '➖' } as const;
const PROGRAMME_ICON = { eligible: '✅', needs_info: '❔', not_eligible: '▫️' } as const;
/** Household money is stored in major units; the programme's currency has two decimals. */
const MINOR_PER_MAJOR = 100;

export const FEATURE = 'case';

// --- Queue filter in callback data: `<status|all>-<area|all>[-<township index>]` ----------------
// The township travels as its index in the configured list: codes can be too long for a button.

export interface QueueView {
  status?: QueueStatus;
  area?: Area;
  /** Township code. */
  township?: string;
  /** Only cases whose screening found them eligible for this programme. */
  programme?: ProgrammeId;
}

/** `<status|all>-<area|all>[-<township index>][-p<programme index>]`: fits a button's 64 bytes. */
export function queueArgument(view: QueueView, townships: readonly Township[]): string {
  const index = view.township === undefined ? -1 : townships.findIndex((t) => t.code === view.township);
  const programme = view.programme === undefined ? -1 : PROGRAMME_IDS.indexOf(view.programme);
  return `${view.status ?? 'all'}-${view.area ?? 'all'}${index >= 0 ? `-${index}` : ''}${programme >= 0 ? `-p${programme}` : ''}`;
}

export function parseQueueArgument(arg: string | undefined, townships: readonly Township[]): QueueView | null {
  if (arg === undefined) return {};
  const match = /^([a-z_]+)-([a-z]+)(?:-(\d{1,2}))?(?:-p(\d))?$/.exec(arg);
  if (!match) return null;
  const [, status, area, township, programme] = match;
  const view: QueueView = {};
  if (status !== 'all') {
    if (!(QUEUE_STATUSES as readonly string[]).includes(status!)) return null;
    view.status = status as QueueStatus;
  }
  if (area !== 'all') {
    if (!(AREAS as readonly string[]).includes(area!)) return null;
    view.area = area as Area;
  }
  if (township !== undefined) {
    const place = townships[Number(township)];
    if (!place) return null;
    view.township = place.code;
  }
  if (programme !== undefined) {
    const id = PROGRAMME_IDS[Number(programme)];
    if (!id) return null;
    view.programme = id;
  }
  return view;
}

/** The programme filter: every programme, each a button back to the queue with it. */
export function programmeFilterScreen(t: Translate, view: QueueView, townships: readonly Township[]): Screen {
  const keyboard = new InlineKeyboard().text(t('casework.queue.all_programmes'), callbackData(FEATURE, 'q', queueArgument({ ...view, programme: undefined }, townships))).row();
  for (const programme of PROGRAMME_IDS) {
    keyboard.text(t(`screening.programme.${programme}`), callbackData(FEATURE, 'q', queueArgument({ ...view, programme }, townships))).row();
  }
  return { text: t('casework.queue.choose_programme'), keyboard };
}

// --- Small words ------------------------------------------------------------------------------

function staffName(t: Translate, ref: StaffRef | null): string {
  if (!ref) return t('casework.nobody');
  return ref.name ? `${ref.name} (#${ref.id})` : `#${ref.id}`;
}

/** A checklist item as staff name it: `ID card (person 2)`, or the item alone for household items. */
export function staffItemName(t: Translate, entry: { code: string; memberIndex: number }): string {
  const name = t(`documents.item.${entry.code}`);
  return entry.memberIndex < 0 ? name : `${name} (${t('casework.person', { n: entry.memberIndex + 1 })})`;
}

/** The same, for the applicant (in their language): `you` for the first member. */
function applicantItemName(lang: Language, entry: { code: string; memberIndex: number }): string {
  const name = t(lang, `documents.item.${entry.code}`);
  if (entry.memberIndex < 0) return name;
  const who = entry.memberIndex === 0 ? t(lang, 'documents.member.you') : t(lang, 'documents.member.other', { n: entry.memberIndex + 1 });
  return `${name} (${who})`;
}

function major(lang: Language, amountMajor: number, currency: string): string {
  return formatMoney(lang, Math.round(amountMajor * MINOR_PER_MAJOR), currency);
}

// --- Queue --------------------------------------------------------------------------------------

export function queueScreen(
  t: Translate,
  lang: Language,
  cases: CaseSummary[],
  view: QueueView,
  staffId: number,
  timeZone: string,
  townships: readonly Township[],
): Screen {
  const filter = [
    view.status ? t(`casework.status.${view.status}`) : t('casework.queue.all_statuses'),
    view.area ? t(`casework.area.${view.area}`) : t('casework.queue.all_areas'),
    view.township ? escapeHtml(townshipName(townships, view.township)) : t('casework.queue.all_townships'),
    view.programme ? t(`screening.programme.${view.programme}`) : t('casework.queue.all_programmes'),
  ].join(', ');
  const lines = [`<b>${t('casework.queue.title')}</b>`, t('casework.queue.filter', { filter }), ''];
  if (cases.length === 0) lines.push(t('casework.queue.empty'));
  for (const c of cases) {
    const parts = [
      t(`casework.status.${c.status}`),
      t(`casework.area.${c.area}`),
      c.township ? escapeHtml(townshipName(townships, c.township)) : null,
      c.submittedAt ? t('casework.queue.sent', { date: formatDate(lang, c.submittedAt, timeZone) }) : null,
      t('casework.queue.documents', { done: c.progress.ready + c.progress.unavailable, total: c.progress.total }),
      c.assignedToId === null ? null : c.assignedToId === staffId ? t('casework.queue.yours') : t('casework.queue.taken'),
    ].filter((p): p is string => p !== null);
    lines.push(`<b>${c.reference}</b> — ${parts.join(' · ')}`);
    if (c.eligible.length > 0) {
      lines.push(`   ${t('casework.queue.eligible', { programmes: c.eligible.map((p) => t(`screening.programme.${p}`)).join(', ') })}`);
    }
  }

  const keyboard = new InlineKeyboard();
  const mark = (on: boolean, label: string) => (on ? `• ${label}` : label);
  keyboard.text(mark(!view.status, t('casework.queue.all_statuses')), callbackData(FEATURE, 'q', queueArgument({ ...view, status: undefined }, townships)));
  for (const status of QUEUE_STATUSES) {
    keyboard.text(mark(view.status === status, t(`casework.status.${status}`)), callbackData(FEATURE, 'q', queueArgument({ ...view, status }, townships)));
  }
  keyboard.row();
  keyboard.text(mark(!view.area, t('casework.queue.all_areas')), callbackData(FEATURE, 'q', queueArgument({ ...view, area: undefined }, townships)));
  for (const area of AREAS) {
    keyboard.text(mark(view.area === area, t(`casework.area.${area}`)), callbackData(FEATURE, 'q', queueArgument({ ...view, area }, townships)));
  }
  keyboard.row();
  if (townships.length > 0) {
    keyboard.text(mark(!view.township, t('casework.queue.all_townships')), callbackData(FEATURE, 'q', queueArgument({ ...view, township: undefined }, townships)));
    townships.forEach((place, i) => {
      if (i > 0 && i % 3 === 2) keyboard.row();
      keyboard.text(mark(view.township === place.code, place.name), callbackData(FEATURE, 'q', queueArgument({ ...view, township: place.code }, townships)));
    });
    keyboard.row();
  }
  for (const c of cases) keyboard.text(`📂 ${c.reference}`, callbackData(FEATURE, 'open', c.id)).row();
  return { text: lines.join('\n'), keyboard };
}

// --- Case card ------------------------------------------------------------------------------------

function reasonVariables(lang: Language, currency: string, values: Reason['values']): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.endsWith('Minor') && typeof value === 'number') vars[key.slice(0, -'Minor'.length)] = formatMoney(lang, value, currency);
    else vars[key] = value;
  }
  return vars;
}

function programmeLines(t: Translate, lang: Language, currency: string, result: ScreeningResult, withReasons: boolean): string[] {
  let outcome = t(`casework.screening.${result.status}`);
  if (result.status === 'eligible' && result.monthlyAmountMinor !== undefined) {
    outcome = t('casework.screening.monthly', { amount: formatMoney(lang, result.monthlyAmountMinor, currency) });
  } else if (result.status === 'eligible' && result.amountMinor !== undefined) {
    outcome = t('casework.screening.once', { amount: formatMoney(lang, result.amountMinor, currency) });
  }
  const lines = [`${PROGRAMME_ICON[result.status]} ${t(`screening.programme.${result.programme}`)} — ${outcome}`];
  if (!withReasons) return lines;
  const shown = result.status === 'eligible' ? result.reasons.filter((r) => r.passed) : result.reasons.filter((r) => !r.passed);
  for (const reason of shown) {
    const key = reason.rule === 'input.required' ? 'missing' : reason.passed ? 'pass' : 'fail';
    lines.push(`   • ${t(`screening.rule.${reason.rule}.${key}`, reasonVariables(lang, currency, reason.values))}`);
  }
  return lines;
}

function checklistLine(t: Translate, entry: ChecklistEntry): string {
  return `${ITEM_ICON[entry.document?.status ?? 'todo']} ${staffItemName(t, entry)}`;
}

export function caseCardText(
  t: Translate,
  lang: Language,
  card: CaseCard,
  timeZone: string,
  townships: readonly Township[] = [],
  withReasons = true,
): string {
  const app = card.application;
  const { household, screening } = app;
  const currency = screening.currency;
  const lines = [`<b>${t('casework.card.title', { reference: app.reference })}</b> — ${t(`casework.status.${app.status}`)}`];
  if (app.submittedAt) lines.push(t('casework.card.sent', { date: formatDate(lang, app.submittedAt, timeZone) }));
  lines.push(t('casework.card.assigned', { who: staffName(t, card.assignedTo) }));
  if (card.decidedBy && app.decidedAt) {
    lines.push(t('casework.card.decided', { who: staffName(t, card.decidedBy), date: formatDateTime(lang, app.decidedAt, timeZone) }));
  }

  lines.push('', `<b>${t('casework.card.household')}</b>`);
  lines.push(
    t('casework.card.area', { area: t(`casework.area.${household.area}`) }) +
      (app.township ? ` · ${escapeHtml(townshipName(townships, app.township))}` : '') +
      (household.residency === 'newcomer' ? ` · ${t('casework.card.newcomer')}` : ''),
  );
  household.members.forEach((m, i) => {
    const flags = [
      m.disability !== 'none' ? t(`casework.flag.disability_${m.disability}`) : null,
      m.seriousIllness ? t('casework.flag.serious_illness') : null,
      m.student ? t('casework.flag.student') : null,
      m.canWork ? null : t('casework.flag.cannot_work'),
    ].filter((f): f is string => f !== null);
    const member = t('casework.card.member', {
      n: i + 1,
      age: formatNumber(lang, m.age),
      income: major(lang, m.monthlyIncome, currency),
    });
    lines.push(flags.length > 0 ? `${member} · ${flags.join(', ')}` : member);
  });
  lines.push(t('casework.card.medical', { amount: major(lang, household.monthlyExpenses.medical, currency) }));
  lines.push(t('casework.card.savings', { amount: major(lang, household.savings, currency) }));
  lines.push(t(household.hasSupporter ? 'casework.card.supporter_yes' : 'casework.card.supporter_no'));
  if (household.housingCondition === 'dangerous') lines.push(t('casework.card.dangerous_housing'));
  if (household.recentHardship !== 'none') lines.push(t(`casework.card.hardship.${household.recentHardship}`));

  lines.push('', `<b>${t('casework.card.screening', { date: formatDate(lang, new Date(`${screening.date}T12:00:00Z`), 'UTC') })}</b>`);
  for (const result of screening.results) lines.push(...programmeLines(t, lang, currency, result, withReasons));

  const done = app.progress.ready + app.progress.unavailable;
  lines.push('', `<b>${t('casework.card.checklist', { done, total: app.progress.total })}</b>`);
  for (const entry of app.checklist) lines.push(checklistLine(t, entry));

  if (app.status === 'needs_documents' && card.decision.requestedDocuments.length > 0) {
    lines.push('', t('casework.card.requested', { items: card.decision.requestedDocuments.map((i) => staffItemName(t, i)).join(', ') }));
  }
  if (app.status === 'approved' && card.decision.approvedMonthlyMinor !== null) {
    lines.push('', t('casework.card.approved_amount', { amount: formatMoney(lang, card.decision.approvedMonthlyMinor, currency) }));
  }
  const { cycle } = card;
  if (app.status === 'approved' && cycle.startDate && cycle.nextReviewDate) {
    lines.push(
      t('casework.card.cycle', {
        start: calendarDay(lang, cycle.startDate),
        review: calendarDay(lang, cycle.nextReviewDate),
        months: cycle.reviewIntervalMonths ?? 0,
        reviews: cycle.reviewCount,
      }),
    );
  }
  if (cycle.update) lines.push(t('casework.card.update_waiting', { date: formatDateTime(lang, cycle.update.at, timeZone) }));
  if (app.status === 'ended' && card.decision.reason) {
    lines.push('', t('casework.card.ended_reason', { reason: t(`casework.reason.${card.decision.reason}`) }));
  }
  if (card.noteCount > 0) lines.push(t('casework.card.notes', { n: card.noteCount }));
  if (app.status === 'rejected' && card.decision.reason) {
    lines.push('', t('casework.card.rejected_reason', { reason: t(`casework.reason.${card.decision.reason}`) }));
  }
  if (card.decision.note && (app.status === 'rejected' || app.status === 'needs_documents')) {
    lines.push(t('casework.card.note', { note: card.decision.note }));
  }
  const text = lines.join('\n');
  // A large household with every programme's reasons may not fit one message: drop the reasons.
  return text.length > MESSAGE_BUDGET && withReasons ? caseCardText(t, lang, card, timeZone, townships, false) : text.slice(0, 4096);
}

const OPEN: readonly string[] = QUEUE_STATUSES;

export function caseCardScreen(
  t: Translate,
  lang: Language,
  card: CaseCard,
  staffId: number,
  timeZone: string,
  townships: readonly Township[] = [],
): Screen {
  const app = card.application;
  const keyboard = new InlineKeyboard();
  if (OPEN.includes(app.status)) {
    if (card.assignedTo?.id !== staffId || app.status === 'submitted') {
      keyboard.text(t('casework.button.assign'), callbackData(FEATURE, 'assign', app.id)).row();
    }
    keyboard
      .text(t('casework.button.approve'), callbackData(FEATURE, 'approve', app.id))
      .text(t('casework.button.reject'), callbackData(FEATURE, 'reject', app.id))
      .row()
      .text(t('casework.button.request'), callbackData(FEATURE, 'rq', `${app.id}-0`))
      .row();
  }
  if (app.status === 'approved') keyboard.text(t('casework.button.review_now'), callbackData('rev', 'open', app.id)).row();
  keyboard.text(t('casework.button.investigation'), callbackData(FEATURE, 'inv', app.id)).row();
  if (app.checklist.some((e) => e.document?.status === 'provided')) {
    keyboard.text(t('casework.button.files'), callbackData(FEATURE, 'files', app.id)).row();
  }
  keyboard
    .text(t('casework.button.history'), callbackData(FEATURE, 'hist', app.reference))
    .text(t('casework.button.queue'), callbackData(FEATURE, 'q'));
  return { text: caseCardText(t, lang, card, timeZone, townships), keyboard };
}

// --- The household investigation ------------------------------------------------------------------

export function investigationText(t: Translate, lang: Language, card: CaseCard, note: CaseNoteView): string {
  const currency = card.application.screening.currency;
  const lines = [`<b>${t('casework.investigation.saved', { reference: card.application.reference })}</b>`, escapeHtml(note.text)];
  if (note.verifiedIncomeMinor !== null) lines.push(t('casework.investigation.verified_income', { amount: formatMoney(lang, note.verifiedIncomeMinor, currency) }));
  if (note.verifiedMedicalMinor !== null) lines.push(t('casework.investigation.verified_medical', { amount: formatMoney(lang, note.verifiedMedicalMinor, currency) }));
  if (note.recalculated) {
    lines.push('', `<b>${t('casework.investigation.recalculated')}</b>`);
    for (const result of note.recalculated.results) lines.push(...programmeLines(t, lang, currency, result, result.programme === 'minimum_living_allowance'));
  }
  return lines.join('\n').slice(0, 4096);
}

const back = (t: Translate, id: number) => [t('casework.button.back'), callbackData(FEATURE, 'open', id)] as const;

// --- Approve: amount, first day paid and review interval travel in the buttons ----------------------

export interface ApprovalChoice {
  amountMinor: number;
  months: number;
  /** `t`: paid from today; `n`: from the first of next month. */
  start: 't' | 'n';
}

export const approvalArgument = (id: number, c: ApprovalChoice) => `${id}-${c.amountMinor}-${c.months}-${c.start}`;

/** `<amount>-<months>-<t|n>` (after the id) → the choice; null if malformed. */
export function parseApproval(rest: string): ApprovalChoice | null {
  const match = /^(\d{1,12})-(\d{1,2})-([tn])$/.exec(rest);
  return match ? { amountMinor: Number(match[1]), months: Number(match[2]), start: match[3] as 't' | 'n' } : null;
}

/** The first day paid for a choice, as a calendar date. */
export function approvalStartDate(start: 't' | 'n', today = todayDate()): string {
  return start === 't' ? today : addMonths(`${today.slice(0, 8)}01`, 1);
}

const calendarDay = (lang: Language, date: string) => formatDate(lang, new Date(`${date}T12:00:00Z`), 'UTC');

export function approveScreen(t: Translate, lang: Language, card: CaseCard, choice: ApprovalChoice | null, defaultMonths: number): Screen {
  const app = card.application;
  const currency = app.screening.currency;
  const keyboard = new InlineKeyboard();
  const lines = [t('casework.approve.title', { reference: app.reference })];
  if (choice) {
    const amount = formatMoney(lang, choice.amountMinor, currency);
    const startDate = approvalStartDate(choice.start);
    lines.push(t(card.suggestedMonthlyMinor === choice.amountMinor ? 'casework.approve.suggested' : 'casework.approve.typed', { amount }));
    lines.push(
      t('casework.approve.cycle', {
        start: calendarDay(lang, startDate),
        months: choice.months,
        review: calendarDay(lang, addMonths(startDate, choice.months)),
      }),
    );
    keyboard.text(t('casework.button.approve_with', { amount }), callbackData(FEATURE, 'apy', approvalArgument(app.id, choice))).row();
    const mark = (on: boolean, label: string) => (on ? `• ${label}` : label);
    for (const months of REVIEW_INTERVAL_CHOICES) {
      keyboard.text(mark(choice.months === months, t('casework.button.review_every', { months })), callbackData(FEATURE, 'apv', approvalArgument(app.id, { ...choice, months })));
    }
    keyboard.row();
    keyboard
      .text(mark(choice.start === 't', t('casework.button.start_today')), callbackData(FEATURE, 'apv', approvalArgument(app.id, { ...choice, start: 't' })))
      .text(
        mark(choice.start === 'n', t('casework.button.start_on', { date: calendarDay(lang, approvalStartDate('n')) })),
        callbackData(FEATURE, 'apv', approvalArgument(app.id, { ...choice, start: 'n' })),
      )
      .row();
  } else {
    lines.push(t('casework.approve.no_suggestion'));
  }
  lines.push(t('casework.approve.default_interval', { months: defaultMonths }));
  keyboard.text(t('casework.button.other_amount'), callbackData(FEATURE, 'amt', app.id)).row();
  keyboard.text(...back(t, app.id));
  return { text: lines.join('\n\n'), keyboard };
}

// --- Reject ----------------------------------------------------------------------------------------

export function rejectReasonsScreen(t: Translate, card: CaseCard): Screen {
  const app = card.application;
  const keyboard = new InlineKeyboard();
  for (const reason of REJECTION_REASONS) {
    keyboard.text(t(`casework.reason.${reason}`), callbackData(FEATURE, 'rsn', `${app.id}-${reason}`)).row();
  }
  keyboard.text(...back(t, app.id));
  return { text: t('casework.reject.title', { reference: app.reference }), keyboard };
}

export function rejectConfirmScreen(t: Translate, card: CaseCard, reason: RejectionReason, note: string | null): Screen {
  const app = card.application;
  const lines = [t('casework.reject.confirm', { reference: app.reference, reason: t(`casework.reason.${reason}`) })];
  lines.push(note ? t('casework.card.note', { note }) : t('casework.note.none'));
  const keyboard = new InlineKeyboard()
    .text(t('casework.button.confirm_reject'), callbackData(FEATURE, 'rjy', `${app.id}-${reason}`))
    .row()
    .text(t(note ? 'casework.button.change_note' : 'casework.button.add_note'), callbackData(FEATURE, 'note', `${app.id}-r${reason}`))
    .row()
    .text(t('casework.button.other_reason'), callbackData(FEATURE, 'reject', app.id))
    .row()
    .text(...back(t, app.id));
  return { text: lines.join('\n\n'), keyboard };
}

// --- Request documents: the selection is a bit mask over the checklist, in hex ---------------------

/** The most checklist entries a selection can address (Telegram allows 100 buttons a keyboard). */
export const MAX_SELECTABLE = 90;

export function parseMask(hex: string): bigint | null {
  return /^[0-9a-f]{1,23}$/.test(hex) ? BigInt(`0x${hex}`) : null;
}

export function selectedItems(card: CaseCard, mask: bigint): RequestedItem[] {
  return card.application.checklist
    .slice(0, MAX_SELECTABLE)
    .filter((_, i) => (mask >> BigInt(i)) & 1n)
    .map(({ code, memberIndex }) => ({ code, memberIndex }));
}

export function requestScreen(t: Translate, card: CaseCard, mask: bigint, note: string | null): Screen {
  const app = card.application;
  const lines = [t('casework.request.title', { reference: app.reference }), t('casework.request.how')];
  if (note) lines.push(t('casework.card.note', { note }));
  const keyboard = new InlineKeyboard();
  app.checklist.slice(0, MAX_SELECTABLE).forEach((entry, i) => {
    const on = ((mask >> BigInt(i)) & 1n) === 1n;
    const state = entry.document?.status ?? 'todo';
    const label = `${on ? '☑️' : '◻️'} ${staffItemName(t, entry)} ${ITEM_ICON[state]}`;
    keyboard.text(label, callbackData(FEATURE, 'rq', `${app.id}-${(mask ^ (1n << BigInt(i))).toString(16)}`)).row();
  });
  const hex = mask.toString(16);
  if (mask !== 0n) keyboard.text(t('casework.button.send_request'), callbackData(FEATURE, 'rqs', `${app.id}-${hex}`)).row();
  keyboard.text(t(note ? 'casework.button.change_note' : 'casework.button.add_note'), callbackData(FEATURE, 'note', `${app.id}-d${hex}`)).row();
  keyboard.text(...back(t, app.id));
  return { text: lines.join('\n\n'), keyboard };
}

// --- History -----------------------------------------------------------------------------------------

function historyValue(t: Translate, value: string | number | null, action: string): string {
  if (value === null) return '—';
  if (typeof value === 'number') return action === 'casework.assigned' ? `#${value}` : String(value);
  const key = `casework.status.${value}`;
  const word = t(key);
  return word === key ? escapeHtml(value) : word;
}

export function historyText(t: Translate, lang: Language, reference: string, lines: AuditLine[], timeZone: string): string {
  const out = [`<b>${t('casework.history.title', { reference })}</b>`];
  for (const line of lines) {
    const key = `casework.history.action.${line.action}`;
    const named = t(key);
    const action = named === key ? escapeHtml(line.action) : named;
    const actor = t(`casework.history.actor.${line.actor}`) + (line.actorId !== null && line.actor !== 'system' ? ` #${line.actorId}` : '');
    let text = `${formatDateTime(lang, line.at, timeZone)} — ${actor}: ${action}`;
    if (line.before !== null || line.after !== null) {
      text += ` (${historyValue(t, line.before, line.action)} → ${historyValue(t, line.after, line.action)})`;
    }
    const { reason, item, memberIndex, items, monthlyAmountMinor } = line.details;
    const extra: string[] = [];
    if (typeof reason === 'string') extra.push(t(`casework.reason.${reason}`));
    if (typeof item === 'string' && typeof memberIndex === 'number') extra.push(staffItemName(t, { code: item, memberIndex }));
    if (Array.isArray(items)) {
      extra.push(
        (items as { item?: unknown; memberIndex?: unknown }[])
          .filter((i) => typeof i.item === 'string' && typeof i.memberIndex === 'number')
          .map((i) => staffItemName(t, { code: i.item as string, memberIndex: i.memberIndex as number }))
          .join(', '),
      );
    }
    if (typeof monthlyAmountMinor === 'number') extra.push(t('casework.history.amount', { amount: formatMoney(lang, monthlyAmountMinor, CURRENCY) }));
    if (extra.length > 0) text += `: ${extra.join('; ')}`;
    out.push(text);
  }
  if (lines.length === 0) out.push(t('casework.history.empty'));
  // Keep the newest lines when the trail is longer than a message.
  let text = out.join('\n');
  while (text.length > MESSAGE_BUDGET && out.length > 2) {
    out.splice(1, 1);
    text = out.join('\n');
  }
  return text;
}

// --- What the applicant is told, in their language ----------------------------------------------

export function applicantNotice(lang: Language, notice: ApplicantNotice): Screen | null {
  const { reference } = notice;
  const parts: string[] = [];
  const keyboard = new InlineKeyboard();
  switch (notice.status) {
    case 'under_review':
      parts.push(t(lang, 'casework.notify.under_review', { reference }));
      break;
    case 'needs_documents':
      parts.push(t(lang, 'casework.notify.needs_documents', { reference }));
      parts.push((notice.items ?? []).map((i) => `• ${applicantItemName(lang, i)}`).join('\n'));
      if (notice.note) parts.push(t(lang, 'casework.notify.note', { note: notice.note }));
      parts.push(t(lang, 'casework.notify.needs_documents_how'));
      // One button per requested item opens its upload prompt (the checklist itself offers only
      // the items not provided yet, and a requested item may be one to send again).
      for (const item of notice.items ?? []) {
        const arg = `${notice.applicationId}-${item.code}-${item.memberIndex}`;
        keyboard.text(`📎 ${applicantItemName(lang, item)}`, callbackData('app', 'doc', arg)).row();
      }
      keyboard.text(t(lang, 'application.button.documents'), callbackData('app', 'list', notice.applicationId));
      break;
    case 'approved':
      parts.push(
        notice.amountMinor && notice.currency
          ? t(lang, 'casework.notify.approved', { reference, amount: formatMoney(lang, notice.amountMinor, notice.currency) })
          : t(lang, 'casework.notify.approved_no_amount', { reference }),
      );
      if (notice.startDate && notice.nextReviewDate) {
        parts.push(t(lang, 'casework.notify.approved_cycle', { start: calendarDay(lang, notice.startDate), review: calendarDay(lang, notice.nextReviewDate) }));
      }
      break;
    case 'rejected':
      parts.push(t(lang, 'casework.notify.rejected', { reference, reason: t(lang, `casework.notify.reason.${notice.reason ?? 'other'}`) }));
      if (notice.note) parts.push(t(lang, 'casework.notify.note', { note: notice.note }));
      parts.push(t(lang, 'casework.notify.rejected_help'));
      break;
    default:
      return null;
  }
  return { text: parts.join('\n\n'), keyboard };
}
