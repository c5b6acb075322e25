// The document checklist and application status screens.
import { InlineKeyboard } from 'grammy';
import {
  DOCUMENT_EDITABLE_STATUSES,
  OPEN_STATUSES,
  type ApplicationView,
  type ChecklistEntry,
} from '../../domain/applications/index.js';
import { formatDate, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import type { Screen } from './questionnaire.js';

const ITEM_ICON = { todo: '⬜', provided: '✅', unavailable: '➖' } as const;

/** `code` for household items, `code (you)` / `code (person 2)` for a member's. */
export function itemName(t: Translate, entry: { code: string; memberIndex: number }): string {
  const name = t(`documents.item.${entry.code}`);
  if (entry.memberIndex < 0) return name;
  const who = entry.memberIndex === 0 ? t('documents.member.you') : t('documents.member.other', { n: entry.memberIndex + 1 });
  return `${name} (${who})`;
}

/** Callback argument naming one checklist entry of one application: `<id>-<code>-<member>`. */
export function entryArgument(application: ApplicationView, entry: ChecklistEntry): string {
  return `${application.id}-${entry.code}-${entry.memberIndex}`;
}

export function checklistScreen(t: Translate, application: ApplicationView): Screen {
  const { progress } = application;
  const lines = [
    `<b>${t('documents.title', { reference: application.reference })}</b>`,
    t('documents.status_line', { status: t(`application.status.${application.status}`) }),
    t('documents.progress', { done: progress.ready + progress.unavailable, total: progress.total }),
    '',
  ];
  for (const entry of application.checklist) {
    const state = entry.document?.status ?? 'todo';
    lines.push(`${ITEM_ICON[state]} ${itemName(t, entry)}`);
  }
  const editable = DOCUMENT_EDITABLE_STATUSES.includes(application.status);
  if (editable) lines.push('', t('documents.how'));

  const keyboard = new InlineKeyboard();
  if (editable) {
    for (const entry of application.checklist.filter((e) => e.document?.status !== 'provided')) {
      keyboard.text(`📎 ${itemName(t, entry)}`, callbackData('app', 'doc', entryArgument(application, entry))).row();
    }
  }
  if (application.status === 'draft') keyboard.text(t('application.button.submit'), callbackData('app', 'submit', application.id)).row();
  keyboard.text(t('application.button.status'), callbackData('app', 'status'));
  return { text: lines.join('\n'), keyboard };
}

export function documentRequestScreen(t: Translate, application: ApplicationView, entry: ChecklistEntry): Screen {
  const text = [
    t('documents.send', { item: itemName(t, entry) }),
    t(`documents.what.${entry.code}`),
    t('documents.send_hint'),
  ].join('\n\n');
  const keyboard = new InlineKeyboard()
    .text(t('documents.button.unavailable'), callbackData('app', 'na', entryArgument(application, entry)))
    .row()
    .text(t('documents.button.back'), callbackData('app', 'list', application.id));
  return { text, keyboard };
}

/** A volunteer can help with the form, documents, translation or a visit (features/help-requests.ts). */
function helpRequestButton(t: Translate, keyboard: InlineKeyboard): InlineKeyboard {
  return keyboard.text(t('help_request.button.start'), callbackData('hreq', 'start'));
}

export function statusScreen(t: Translate, lang: Language, applications: ApplicationView[], timeZone: string): Screen {
  const keyboard = new InlineKeyboard();
  if (applications.length === 0) {
    keyboard.text(t('menu.button.check'), callbackData('menu', 'check')).row();
    return { text: t('application.none'), keyboard: helpRequestButton(t, keyboard) };
  }
  const lines = [`<b>${t('application.status_title')}</b>`];
  for (const application of applications) {
    const when = application.submittedAt ?? application.createdAt;
    lines.push(
      '',
      `<b>${application.reference}</b> — ${t(`application.status.${application.status}`)}`,
      t(application.submittedAt ? 'application.submitted_on' : 'application.started_on', { date: formatDate(lang, when, timeZone) }),
      t(`application.explain.${application.status}`),
    );
  }
  const open = applications.find((a) => OPEN_STATUSES.includes(a.status));
  if (open) {
    keyboard.text(t('application.button.documents'), callbackData('app', 'list', open.id)).row();
    keyboard.text(t('application.button.withdraw'), callbackData('app', 'withdraw', open.id)).row();
  }
  return { text: lines.join('\n'), keyboard: helpRequestButton(t, keyboard) };
}
