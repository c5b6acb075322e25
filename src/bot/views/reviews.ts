// Re-reviews in words: the list of reviews due, the review screen (the case card plus what the
// applicant's updated answers would give), the outcome buttons, and what the recipient is told.
import { InlineKeyboard } from 'grammy';
import { REJECTION_REASONS, type CaseCard, type CompleteReviewResult, type DueReview } from '../../domain/casework/index.js';
import { townshipName, type Township } from '../../domain/places/townships.js';
import { escapeHtml, formatDate, formatMoney, t, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import { CURRENCY } from './answers.js';
import { caseCardText } from './casework.js';
import type { Screen } from './questionnaire.js';

export const FEATURE = 'rev';

const day = (lang: Language, date: string) => formatDate(lang, new Date(`${date}T12:00:00Z`), 'UTC');

/** `<id>-<round>[-<rest>]` → its parts. */
export function parseReviewArg(arg: string | undefined): { id: number; round: number; rest: string } | null {
  const match = /^(\d{1,10})-(\d{1,4})(?:-(.+))?$/.exec(arg ?? '');
  return match ? { id: Number(match[1]), round: Number(match[2]), rest: match[3] ?? '' } : null;
}

export function dueReviewsScreen(t: Translate, lang: Language, reviews: DueReview[], townships: readonly Township[]): Screen {
  const lines = [`<b>${t('reviews.list.title')}</b>`];
  if (reviews.length === 0) lines.push(t('reviews.list.empty'));
  const keyboard = new InlineKeyboard();
  for (const r of reviews) {
    const parts = [
      t('reviews.list.due', { date: day(lang, r.nextReviewDate) }),
      r.approvedMonthlyMinor !== null ? formatMoney(lang, r.approvedMonthlyMinor, CURRENCY) : null,
      r.township ? escapeHtml(townshipName(townships, r.township)) : null,
      r.updated ? t('reviews.list.updated') : null,
    ].filter((p): p is string => p !== null);
    lines.push(`<b>${r.reference}</b> — ${parts.join(' · ')}`);
    keyboard.text(`🔁 ${r.reference}`, callbackData(FEATURE, 'open', r.applicationId)).row();
  }
  return { text: lines.join('\n'), keyboard };
}

/** The allowance the applicant's updated answers give, or null when there is no update. */
export function updatedAllowance(card: CaseCard): number | null {
  const update = card.cycle.update;
  if (!update) return null;
  const allowance = update.screening.results.find((r) => r.programme === 'minimum_living_allowance');
  return allowance?.status === 'eligible' ? (allowance.monthlyAmountMinor ?? 0) : 0;
}

export function reviewScreen(t: Translate, lang: Language, card: CaseCard, timeZone: string, townships: readonly Township[]): Screen {
  const app = card.application;
  const round = card.cycle.reviewCount;
  const currency = app.screening.currency;
  const lines = [caseCardText(t, lang, card, timeZone, townships, false), '', `<b>${t('reviews.card.title', { n: round + 1 })}</b>`];
  const suggested = updatedAllowance(card);
  if (suggested !== null) {
    lines.push(t('reviews.card.update', { amount: formatMoney(lang, suggested, currency) }));
  } else {
    lines.push(t('reviews.card.no_update'));
  }
  const arg = (extra?: string | number) => `${app.id}-${round}${extra === undefined ? '' : `-${extra}`}`;
  const keyboard = new InlineKeyboard().text(t('reviews.button.continue'), callbackData(FEATURE, 'cont', arg())).row();
  if (suggested !== null && suggested > 0 && suggested !== card.decision.approvedMonthlyMinor) {
    keyboard.text(t('reviews.button.adjust_to', { amount: formatMoney(lang, suggested, currency) }), callbackData(FEATURE, 'ady', arg(suggested))).row();
  }
  keyboard
    .text(t('reviews.button.adjust'), callbackData(FEATURE, 'adj', arg()))
    .text(t('reviews.button.end'), callbackData(FEATURE, 'end', arg()))
    .row()
    .text(t('casework.button.back'), callbackData('case', 'open', app.id));
  return { text: lines.join('\n').slice(0, 4096), keyboard };
}

export function confirmAdjustScreen(t: Translate, lang: Language, card: CaseCard, amountMinor: number): Screen {
  const app = card.application;
  const amount = formatMoney(lang, amountMinor, app.screening.currency);
  return {
    text: t('reviews.adjust.confirm', { reference: app.reference, amount }),
    keyboard: new InlineKeyboard()
      .text(t('reviews.button.adjust_to', { amount }), callbackData(FEATURE, 'ady', `${app.id}-${card.cycle.reviewCount}-${amountMinor}`))
      .row()
      .text(t('casework.button.back'), callbackData(FEATURE, 'open', app.id)),
  };
}

export function endReasonsScreen(t: Translate, card: CaseCard): Screen {
  const app = card.application;
  const keyboard = new InlineKeyboard();
  for (const reason of REJECTION_REASONS) {
    keyboard.text(t(`casework.reason.${reason}`), callbackData(FEATURE, 'eny', `${app.id}-${card.cycle.reviewCount}-${reason}`)).row();
  }
  keyboard.text(t('casework.button.back'), callbackData(FEATURE, 'open', app.id));
  return { text: t('reviews.end.title', { reference: app.reference }), keyboard };
}

type Completed = Extract<CompleteReviewResult, { ok: true }>['notice'];

/** What the recipient is told, in their language. */
export function reviewNotice(lang: Language, notice: Completed): Screen {
  const amount = notice.amountMinor !== undefined && notice.currency ? formatMoney(lang, notice.amountMinor, notice.currency) : '';
  const review = notice.nextReviewDate ? day(lang, notice.nextReviewDate) : '';
  const { reference } = notice;
  let text: string;
  if (notice.outcome === 'end') {
    text = t(lang, 'reviews.notify.ended', { reference, reason: t(lang, `casework.notify.reason.${notice.reason ?? 'other'}`) });
    if (notice.note) text += `\n\n${t(lang, 'casework.notify.note', { note: notice.note })}`;
    text += `\n\n${t(lang, 'casework.notify.rejected_help')}`;
  } else if (notice.outcome === 'adjust') {
    text = t(lang, 'reviews.notify.adjusted', { reference, amount, date: review });
  } else {
    text = t(lang, 'reviews.notify.continued', { reference, amount, date: review });
  }
  return { text, keyboard: new InlineKeyboard() };
}

/** The caseworker's confirmation. */
export function reviewDoneText(t: Translate, lang: Language, notice: Completed): string {
  const review = notice.nextReviewDate ? day(lang, notice.nextReviewDate) : '';
  const amount = notice.amountMinor !== undefined && notice.currency ? formatMoney(lang, notice.amountMinor, notice.currency) : '';
  return notice.outcome === 'end'
    ? t('reviews.done.ended', { reference: notice.reference })
    : t('reviews.done.kept', { reference: notice.reference, amount, date: review });
}
