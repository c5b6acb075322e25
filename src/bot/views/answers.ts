// Words for questionnaire answers: option labels, money, yes/no — one place, used by the
// question screen, the review and the results.
import type { AnswerValue, Question } from '../../domain/questionnaire/index.js';
import { defaultPolicy } from '../../domain/screening/index.js';
import { formatMoney, formatNumber, type Language, type Translate } from '../../i18n.js';

export const CURRENCY = defaultPolicy.currency;

export function money(lang: Language, amountMinor: number): string {
  return formatMoney(lang, amountMinor, CURRENCY);
}

export function optionLabel(t: Translate, question: Question, code: string): string {
  return question.type === 'yes_no' ? t(`screening.answer.${code}`) : t(`screening.option.${question.id}.${code}`);
}

export function answerText(t: Translate, lang: Language, question: Question, value: AnswerValue): string {
  switch (question.type) {
    case 'money':
      return money(lang, Number(value));
    case 'whole_number':
      return formatNumber(lang, Number(value));
    case 'yes_no':
      return t(value === true ? 'screening.answer.yes' : 'screening.answer.no');
    case 'choice':
      return optionLabel(t, question, String(value));
  }
}

/**
 * A person may type an option's label instead of pressing its button ("是", "urbano"): map the
 * label in their language back to the option code the questionnaire understands.
 */
export function optionFromLabel(t: Translate, question: Question, text: string): string | undefined {
  if (question.type !== 'choice' && question.type !== 'yes_no') return undefined;
  const wanted = normaliseLabel(text);
  return question.options.find((code) => normaliseLabel(optionLabel(t, question, code)) === wanted);
}

function normaliseLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Emoji_Presentation}\p{Extended_Pictographic}\uFE0F]/gu, '')
    .trim()
    .toLocaleLowerCase();
}
