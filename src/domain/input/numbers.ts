// Money and whole numbers typed in a chat, in any script (see numeral.ts for the separator rules).
// Results are codes, never wording; nothing here throws, and no text ever reaches Number() unless
// it is plain ASCII digits, so "NaN", "Infinity" and "1e9" are simply not numbers.
import { readNumeral } from './numeral.js';

export type MoneyError = 'empty' | 'not_a_number' | 'negative' | 'too_large' | 'too_many_decimals';
export type MoneyResult = { ok: true; amountMinor: number } | { ok: false; error: MoneyError };

export type WholeNumberError = 'empty' | 'not_a_number' | 'not_whole' | 'too_small' | 'too_large';
export type WholeNumberResult = { ok: true; value: number } | { ok: false; error: WholeNumberError };

export interface MoneyOptions {
  /** Largest accepted amount in minor units; default 10,000,000 major units. */
  maxMinor?: number;
  /** Digits after the decimal separator the currency has (2 for CNY, 0 for JPY); default 2. */
  minorDigits?: number;
}

/** Above this, an amount typed for a household's month or savings is a typo, not a fortune. */
export const DEFAULT_MAX_MAJOR = 10_000_000;

// Digit strings longer than this may not convert to an exact integer (2^53 has 16 digits).
const MAX_EXACT_DIGITS = 15;

/**
 * An amount of money ≥ 0 in integer minor units. A currency mark before or after it is ignored.
 * A minus sign is refused even on zero: the person meant a debt or made a typo either way.
 */
export function parseMoney(text: string, opts: MoneyOptions = {}): MoneyResult {
  const minorDigits = opts.minorDigits ?? 2;
  const maxMinor = opts.maxMinor ?? DEFAULT_MAX_MAJOR * 10 ** minorDigits;
  const numeral = readNumeral(text, { allowCurrency: true });
  if (!numeral.ok) return numeral;
  if (numeral.negative) return { ok: false, error: 'negative' };
  if (numeral.fractionDigits.length > minorDigits) return { ok: false, error: 'too_many_decimals' };
  const digits = withoutLeadingZeros(numeral.integerDigits) + numeral.fractionDigits.padEnd(minorDigits, '0');
  if (digits.length > MAX_EXACT_DIGITS) return { ok: false, error: 'too_large' };
  const amountMinor = Number(digits);
  return amountMinor > maxMinor ? { ok: false, error: 'too_large' } : { ok: true, amountMinor };
}

/**
 * A whole number within [min, max]. "35.0" is whole; "35.5" is not. No currency marks. Thousands
 * grouping follows the money rules, so "1.200" is 1200, not 1.2.
 */
export function parseWholeNumber(text: string, range: { min: number; max: number }): WholeNumberResult {
  const numeral = readNumeral(text, { allowCurrency: false });
  if (!numeral.ok) return numeral;
  if (/[1-9]/.test(numeral.fractionDigits)) return { ok: false, error: 'not_whole' };
  const digits = withoutLeadingZeros(numeral.integerDigits);
  if (digits.length > MAX_EXACT_DIGITS) return { ok: false, error: numeral.negative ? 'too_small' : 'too_large' };
  const magnitude = Number(digits);
  // `0 - 0` keeps "-0" a plain 0.
  const value = numeral.negative ? 0 - magnitude : magnitude;
  if (value < range.min) return { ok: false, error: 'too_small' };
  if (value > range.max) return { ok: false, error: 'too_large' };
  return { ok: true, value };
}

function withoutLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}
