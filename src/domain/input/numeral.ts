// Reads the digits of a typed number, whatever the script and the separator convention, into its
// sign, integer digits and fraction digits. The numeric checks (decimals, limits) are the callers'.
//
// Separator rules (after script folding, see script-folding.ts):
// - A space (any kind, incl. no-break and narrow no-break) and the Arabic `٬` only group thousands;
//   the Arabic `٫` is only a decimal separator.
// - `.` and `,` are either. The last separator is the decimal one when it is `.` or `,`, occurs
//   once, and follows a different separator ("1,200.50", "1.200,50", "1 200,5").
// - A lone `.` or `,` is ambiguous. It groups thousands when exactly three digits follow it and one
//   to three digits, not starting with 0, precede it ("1,200" and "1.200" are 1200); otherwise it
//   is decimal ("1200,5", "12.50", "0.500", "1200.500"). Amounts with cents in euro or dollar
//   notation never have three decimals, so this reads both conventions right for money.
// - Thousands groups use one mark throughout, start with one to three digits (no leading zero) and
//   continue in groups of exactly three. "100 200" is therefore one number, 100200, as Ukrainian
//   and French write it; "100 20", "1200 300" or "1,2,3" are not a number (most likely two numbers).
import { stripCurrencyMarks } from './currency-marks.js';
import { foldNumberScripts, MAX_NUMBER_INPUT_LENGTH } from './script-folding.js';

export type NumeralReading =
  | { ok: true; negative: boolean; integerDigits: string; fractionDigits: string }
  | { ok: false; error: 'empty' | 'not_a_number' };

const ARABIC_DECIMAL = '\u066b';
const GROUPING_MARKS: ReadonlySet<string> = new Set([' ', ',', '.', '\u066c']);
// Digit groups separated by single marks; nothing else (no exponent, no letters, no sign).
const NUMERAL_SHAPE = /^\d+(?:[ ,.\u066b\u066c]\d+)*$/;
const FIRST_THOUSANDS_GROUP = /^[1-9]\d{0,2}$/;

const NOT_A_NUMBER = { ok: false, error: 'not_a_number' } as const;

/** `allowCurrency`: strip a currency mark before or after the number (money answers). */
export function readNumeral(text: string, { allowCurrency }: { allowCurrency: boolean }): NumeralReading {
  if (text.trim().length > MAX_NUMBER_INPUT_LENGTH) return NOT_A_NUMBER;
  let rest = foldNumberScripts(text);
  if (rest === '') return { ok: false, error: 'empty' };

  // The sign may stand before or after the currency mark: "-¥5", "¥-5".
  const signBeforeMark = rest.startsWith('-');
  if (signBeforeMark) rest = rest.slice(1).trimStart();
  if (allowCurrency) rest = stripCurrencyMarks(rest);
  const signAfterMark = rest.startsWith('-');
  if (signAfterMark) rest = rest.slice(1).trimStart();
  if (signBeforeMark && signAfterMark) return NOT_A_NUMBER;

  const parts = splitDigits(rest);
  if (!parts) return NOT_A_NUMBER;
  return { ok: true, negative: signBeforeMark || signAfterMark, ...parts };
}

function splitDigits(body: string): { integerDigits: string; fractionDigits: string } | null {
  if (!NUMERAL_SHAPE.test(body)) return null;
  const groups = body.split(/\D/);
  const separators = Array.from(body.replace(/\d/g, ''));
  const decimalAt = decimalSeparatorIndex(separators, groups);
  if (decimalAt === undefined) {
    return isThousandsGrouping(groups, separators) ? { integerDigits: groups.join(''), fractionDigits: '' } : null;
  }
  const integerGroups = groups.slice(0, decimalAt + 1);
  if (!isThousandsGrouping(integerGroups, separators.slice(0, decimalAt))) return null;
  return { integerDigits: integerGroups.join(''), fractionDigits: groups[decimalAt + 1] ?? '' };
}

/** Index (among the separators) of the decimal separator, if the number has one. */
function decimalSeparatorIndex(separators: readonly string[], groups: readonly string[]): number | undefined {
  const last = separators.length - 1;
  const mark = separators[last];
  if (mark === ARABIC_DECIMAL) return last;
  if (mark !== '.' && mark !== ',') return undefined;
  if (separators.indexOf(mark) !== last) return undefined;
  if (last > 0) return last;
  return looksLikeThousands(groups[0] ?? '', groups[1] ?? '') ? undefined : last;
}

function looksLikeThousands(before: string, after: string): boolean {
  return after.length === 3 && FIRST_THOUSANDS_GROUP.test(before);
}

function isThousandsGrouping(groups: readonly string[], separators: readonly string[]): boolean {
  const mark = separators[0];
  if (mark === undefined) return true;
  if (!GROUPING_MARKS.has(mark) || separators.some((s) => s !== mark)) return false;
  const [first = '', ...rest] = groups;
  return FIRST_THOUSANDS_GROUP.test(first) && rest.every((group) => group.length === 3);
}
