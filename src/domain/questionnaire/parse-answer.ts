// Turns what the person sent (a button's option code or typed text) into a stored answer, or an
// error code `<question type>.<reason>` that the bot words through `questionnaire.error.*`.
import { parseMoney, parseWholeNumber, type MoneyError, type WholeNumberError } from '../input/numbers.js';
import { MONEY_MINOR_DIGITS, type AnswerValue } from './answers.js';
import type { Question } from './questions.js';

export type AnswerError =
  | 'choice.unknown_option'
  | 'yes_no.unknown_option'
  | `money.${MoneyError}`
  | `whole_number.${WholeNumberError}`;

export type ParsedAnswer = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

export function parseAnswer(question: Question, rawInput: string): ParsedAnswer {
  switch (question.type) {
    case 'choice': {
      const option = matchOption(question.options, rawInput);
      return option === undefined ? { ok: false, error: 'choice.unknown_option' } : { ok: true, value: option };
    }
    case 'yes_no': {
      const option = matchOption(question.options, rawInput);
      if (option === undefined) return { ok: false, error: 'yes_no.unknown_option' };
      return { ok: true, value: option === 'yes' };
    }
    case 'money': {
      const result = parseMoney(rawInput, { maxMinor: question.validation.maxMinor, minorDigits: MONEY_MINOR_DIGITS });
      return result.ok ? { ok: true, value: result.amountMinor } : { ok: false, error: `money.${result.error}` };
    }
    case 'whole_number': {
      const result = parseWholeNumber(rawInput, question.validation);
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: `whole_number.${result.error}` };
    }
  }
}

/** Option codes typed by hand may come in capitals or full-width letters ("Urban", "ＹＥＳ"). */
function matchOption(options: readonly string[], rawInput: string): string | undefined {
  const typed = rawInput.normalize('NFKC').trim().toLowerCase();
  return options.find((option) => option === typed);
}
