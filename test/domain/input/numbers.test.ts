import { describe, expect, it } from 'vitest';
import { parseMoney, parseWholeNumber, type MoneyResult, type WholeNumberResult } from '../../../src/domain/input/numbers.js';

const ok = (amountMinor: number): MoneyResult => ({ ok: true, amountMinor });
const error = (code: Extract<MoneyResult, { ok: false }>['error']): MoneyResult => ({ ok: false, error: code });

// [input, expected, what it shows]
const MONEY_CASES: [string, MoneyResult, string][] = [
  // Plain and grouped
  ['1200', ok(120000), 'plain digits'],
  ['0', ok(0), 'zero'],
  ['007', ok(700), 'leading zeros'],
  ['  1200  ', ok(120000), 'surrounding spaces'],
  ['1,200', ok(120000), 'comma groups thousands'],
  ['1,200.50', ok(120050), 'English grouping and decimals'],
  ['1,234,567.89', ok(123456789), 'several English groups'],
  ['1 200', ok(120000), 'space groups thousands'],
  ['1\u00a0200', ok(120000), 'no-break space'],
  ['1\u202f200', ok(120000), 'narrow no-break space'],
  ['1\u2009200,50', ok(120050), 'thin space and decimal comma'],
  ['100 200', ok(10020000), 'two groups of digits are one number when they form a thousands grouping'],
  // European
  ['1.200,50', ok(120050), 'European grouping and decimal comma'],
  ['1.234.567', ok(123456700), 'several European groups'],
  ['1200,5', ok(120050), 'decimal comma, one digit'],
  ['12,50', ok(1250), 'decimal comma, two digits'],
  ['1.200', ok(120000), 'lone dot before three digits groups thousands'],
  ['12.5', ok(1250), 'lone dot before one digit is decimal'],
  ['0.5', ok(50), 'leading zero cannot start a thousands group'],
  // East Asian input methods
  ['１２００', ok(120000), 'full-width digits'],
  ['１，２００．５０', ok(120050), 'full-width comma and full stop'],
  ['１２００。５', ok(120050), 'ideographic full stop from a Chinese input method'],
  ['￥１２００', ok(120000), 'full-width yen sign'],
  ['１２００元', ok(120000), 'yuan character'],
  ['1200块钱', ok(120000), 'colloquial kuai qian'],
  ['\u30001200\u3000', ok(120000), 'ideographic spaces'],
  // Arabic and Persian
  ['١٢٠٠', ok(120000), 'Arabic-Indic digits'],
  ['۱۲۰۰', ok(120000), 'Extended Arabic-Indic (Persian) digits'],
  ['١٬٢٠٠٫٥٠', ok(120050), 'Arabic thousands and decimal separators'],
  ['١٢٠٠٫٥', ok(120050), 'Arabic decimal separator alone'],
  ['\u200f١٢٠٠ يوان', ok(120000), 'right-to-left mark and yuan in Arabic'],
  ['१२००', ok(120000), 'Devanagari digits'],
  ['১২০০', ok(120000), 'Bengali digits'],
  // Currency marks
  ['¥1200', ok(120000), 'yen/yuan sign before'],
  ['CNY 1200', ok(120000), 'ISO code before'],
  ['1200 yuan', ok(120000), 'word after'],
  ['1200 RMB', ok(120000), 'RMB after, capitals'],
  ['$1,200.50', ok(120050), 'dollar sign'],
  ['€ 12,50', ok(1250), 'euro sign and decimal comma'],
  ['1 200 грн', ok(120000), 'hryvnia abbreviation'],
  ['1 200 грн.', ok(120000), 'hryvnia abbreviation with a full stop'],
  ['₴1200', ok(120000), 'hryvnia sign'],
  ['¥1200元', ok(120000), 'a mark on both sides'],
  // Refused
  ['', error('empty'), 'nothing'],
  ['   ', error('empty'), 'only spaces'],
  ['\u200f', error('empty'), 'only an invisible mark'],
  ['-5', error('negative'), 'hyphen-minus'],
  ['−5', error('negative'), 'minus sign'],
  ['－５', error('negative'), 'full-width minus'],
  ['-¥5', error('negative'), 'minus before the currency'],
  ['¥-5', error('negative'), 'minus after the currency'],
  ['-0', error('negative'), 'a minus is refused even on zero'],
  ['10000000', ok(1000000000), 'the default maximum itself'],
  ['10000000.01', error('too_large'), 'just above the default maximum'],
  ['99999999999999999999', error('too_large'), 'beyond exact integers'],
  ['1.234', ok(123400), 'three digits after a lone dot group thousands'],
  ['12.345', ok(1234500), 'three digits after a lone dot group thousands, two before'],
  ['1.2345', error('too_many_decimals'), 'four decimals'],
  ['0.500', error('too_many_decimals'), 'three decimals after a leading zero'],
  ['1200.500', error('too_many_decimals'), 'four digits cannot be a thousands group start'],
  ['1,200.505', error('too_many_decimals'), 'three decimals after grouping'],
  ['twelve', error('not_a_number'), 'a word'],
  ['abc', error('not_a_number'), 'letters'],
  ['abc 100', error('not_a_number'), 'a word that is not a currency'],
  ['100 20', error('not_a_number'), 'two numbers'],
  ['1200 300', error('not_a_number'), 'two numbers, first too long for a group'],
  ['1,20,000', error('not_a_number'), 'lakh grouping'],
  ['1.200.300,5.0', error('not_a_number'), 'decimal separator twice'],
  ['1,200 300', error('not_a_number'), 'mixed grouping marks'],
  ['12.5.6', error('not_a_number'), 'dots in the wrong places'],
  ['1200.', error('not_a_number'), 'trailing separator'],
  ['.5', error('not_a_number'), 'leading separator'],
  ['1e9', error('not_a_number'), 'exponent'],
  ['NaN', error('not_a_number'), 'NaN'],
  ['Infinity', error('not_a_number'), 'Infinity'],
  ['0x10', error('not_a_number'), 'hexadecimal'],
  ['+5', error('not_a_number'), 'plus sign'],
  ['--5', error('not_a_number'), 'double minus'],
  ['5-', error('not_a_number'), 'trailing minus'],
  ['100-200', error('not_a_number'), 'a range'],
  ['$', error('not_a_number'), 'only a currency sign'],
  ['1200元/月', error('not_a_number'), 'a unit after the currency'],
  ['1万', error('not_a_number'), 'Chinese myriad is not read'],
  ['1' + '0'.repeat(200), error('not_a_number'), 'absurdly long input'],
];

describe('parseMoney', () => {
  it.each(MONEY_CASES)('%j → %j (%s)', (input, expected) => {
    expect(parseMoney(input)).toEqual(expected);
  });

  it('has a table that covers many scripts', () => {
    expect(MONEY_CASES.length).toBeGreaterThanOrEqual(40);
  });

  it('honours maxMinor', () => {
    expect(parseMoney('500', { maxMinor: 500_00 })).toEqual(ok(500_00));
    expect(parseMoney('500.01', { maxMinor: 500_00 })).toEqual(error('too_large'));
  });

  it('honours minorDigits for currencies without cents or with three decimals', () => {
    expect(parseMoney('1200', { minorDigits: 0 })).toEqual(ok(1200));
    expect(parseMoney('1.200', { minorDigits: 0 })).toEqual(ok(1200));
    expect(parseMoney('12.5', { minorDigits: 0 })).toEqual(error('too_many_decimals'));
    expect(parseMoney('12.5', { minorDigits: 3 })).toEqual(ok(12500));
    // The default maximum scales with the digits: 10,000,000 major units.
    expect(parseMoney('10000000', { minorDigits: 0 })).toEqual(ok(10_000_000));
    expect(parseMoney('10000001', { minorDigits: 0 })).toEqual(error('too_large'));
  });
});

const whole = (value: number): WholeNumberResult => ({ ok: true, value });
const wholeError = (code: Extract<WholeNumberResult, { ok: false }>['error']): WholeNumberResult => ({ ok: false, error: code });
const AGE = { min: 0, max: 120 };

describe('parseWholeNumber', () => {
  it.each<[string, WholeNumberResult]>([
    ['35', whole(35)],
    [' ３５ ', whole(35)],
    ['٣٥', whole(35)],
    ['۳۵', whole(35)],
    ['0', whole(0)],
    ['35.0', whole(35)],
    ['35,00', whole(35)],
    ['120', whole(120)],
    ['', wholeError('empty')],
    ['thirty', wholeError('not_a_number')],
    ['35 years', wholeError('not_a_number')],
    ['¥35', wholeError('not_a_number')],
    ['1e2', wholeError('not_a_number')],
    ['35.5', wholeError('not_whole')],
    ['1,5', wholeError('not_whole')],
    ['-1', wholeError('too_small')],
    ['121', wholeError('too_large')],
    ['1.200', wholeError('too_large')],
    ['9'.repeat(30), wholeError('too_large')],
    ['-' + '9'.repeat(30), wholeError('too_small')],
  ])('%j → %j', (input, expected) => {
    expect(parseWholeNumber(input, AGE)).toEqual(expected);
  });

  it('reads negative numbers when the range allows them, and "-0" as 0', () => {
    expect(parseWholeNumber('-5', { min: -10, max: 10 })).toEqual(whole(-5));
    const zero = parseWholeNumber('-0', AGE);
    expect(zero).toEqual(whole(0));
    expect(zero.ok && Object.is(zero.value, -0)).toBe(false);
  });
});

describe('never throws', () => {
  // Seeded, so a failure is reproducible.
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const ALPHABET = [...'0123456789.,- ¥$€元块грнyuan٫٬١٢۳०１，．－\u00a0\u202f\u200f\u3002eE+xN\u{1F4B0}'];

  it('returns a result for 5,000 random strings', () => {
    const next = random(42);
    for (let run = 0; run < 5000; run++) {
      const length = Math.floor(next() * 20);
      const text = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      const money = parseMoney(text);
      if (money.ok) expect(Number.isSafeInteger(money.amountMinor) && money.amountMinor >= 0).toBe(true);
      const number = parseWholeNumber(text, AGE);
      if (number.ok) expect(Number.isInteger(number.value)).toBe(true);
    }
  });
});
