// The results of a screening, in words: per programme the outcome, the amount, the numbers and
// rules behind it, and what would change it. Gentle in tone; a caseworker decides.
import { InlineKeyboard } from 'grammy';
import type { Reason, Screening, ScreeningResult } from '../../domain/screening/index.js';
import { formatDate, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import { money } from './answers.js';
import type { BindButton, Screen } from './questionnaire.js';

const STATUS_ORDER = { eligible: 0, needs_info: 1, not_eligible: 2 } as const;
const STATUS_ICON = { eligible: '✅', needs_info: '❔', not_eligible: '▫️' } as const;
/** Telegram's limit is 4,096; leave room for the footer of the last message. */
const MESSAGE_BUDGET = 3500;

/** Reason values ending in `Minor` are money: formatted, and passed to the locale without the suffix. */
function reasonVariables(lang: Language, values: Reason['values']): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.endsWith('Minor') && typeof value === 'number') vars[key.slice(0, -'Minor'.length)] = money(lang, value);
    else vars[key] = value;
  }
  return vars;
}

/** Which reasons to show: on a "yes" the ones that carried it, on a "no" the ones that failed. */
function shownReasons(result: ScreeningResult): readonly Reason[] {
  if (result.status === 'eligible') {
    return result.reasons.filter((r) => r.passed && r.rule !== 'means.savings_within_limit');
  }
  return result.reasons.filter((r) => !r.passed);
}

function programmeBlock(t: Translate, lang: Language, result: ScreeningResult): string {
  const name = t(`screening.programme.${result.programme}`);
  let headline = t(`screening.status.${result.status}`);
  if (result.status === 'eligible' && result.monthlyAmountMinor !== undefined) {
    headline = t('screening.amount.monthly', { amount: money(lang, result.monthlyAmountMinor) });
  } else if (result.status === 'eligible' && result.amountMinor !== undefined) {
    headline = t('screening.amount.once', { amount: money(lang, result.amountMinor) });
  }
  const lines = [`${STATUS_ICON[result.status]} <b>${name}</b> — ${headline}`];
  for (const reason of shownReasons(result)) {
    const outcome = reason.rule === 'input.required' ? 'missing' : reason.passed ? 'pass' : 'fail';
    lines.push(`   • ${t(`screening.rule.${reason.rule}.${outcome}`, reasonVariables(lang, reason.values))}`);
  }
  if (result.status !== 'eligible') {
    for (const change of result.changes) {
      lines.push(`   → ${t(`screening.change.${change.code}`, { amount: money(lang, change.amountMinor) })}`);
    }
  }
  return lines.join('\n');
}

/**
 * `apply`: a new application can follow. `review_update`: an approved recipient updating their
 * answers before a re-review; the results go to their caseworker.
 */
export function resultScreens(
  t: Translate,
  lang: Language,
  screening: Screening,
  bind: BindButton,
  purpose: 'apply' | 'review_update' = 'apply',
): Screen[] {
  const header = [`<b>${t('screening.results.title')}</b>`];
  if (screening.standard) {
    header.push(
      t(`screening.results.standard.${screening.standard.area}`, {
        amount: money(lang, screening.standard.amountMinor),
        date: formatDate(lang, new Date(`${screening.standard.effectiveFrom}T00:00:00Z`)),
      }),
    );
  }
  const blocks = [...screening.results]
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
    .map((r) => programmeBlock(t, lang, r));

  const footer = [t('screening.results.caseworker_decides')];
  if (screening.residenceProofRequired) footer.push(t('screening.results.residence_proof'));
  const main = screening.results.find((r) => r.programme === 'minimum_living_allowance');
  if (main?.status === 'not_eligible') footer.push(t('screening.results.other_help'));

  // Split into messages that fit Telegram's limit, without cutting a programme in two.
  const texts: string[] = [];
  let current = header.join('\n\n');
  for (const block of blocks) {
    if (current.length + block.length + 2 > MESSAGE_BUDGET) {
      texts.push(current);
      current = block;
    } else current = `${current}\n\n${block}`;
  }
  texts.push(`${current}\n\n${footer.join('\n\n')}`);

  const actions = new InlineKeyboard()
    .text(t(purpose === 'review_update' ? 'screening.button.send_update' : 'screening.button.apply'), bind(purpose === 'review_update' ? 'sendupd' : 'apply'))
    .row()
    .text(t('screening.button.change_answers'), bind('review'))
    .row()
    .text(t('screening.button.restart'), callbackData('scr', 'restart'));
  return texts.map((text, i) => ({ text, keyboard: i === texts.length - 1 ? actions : new InlineKeyboard() }));
}
