// People add the currency to an amount out of habit ("¥1200", "1200元", "CNY 1200", "1200 грн").
// The questions state the currency, so a mark is only stripped, never converted: which currency
// was written is not read. Only marks on the list are stripped, so "abc 100" stays not a number.

/**
 * Written forms of currencies beside the symbols (every Unicode currency symbol, \p{Sc}, is
 * accepted): the programme's own (CNY) in the languages of the locales, and the currencies our
 * users most often name from home.
 */
const CURRENCY_WORDS = [
  // Renminbi
  'cny', 'rmb', 'yuan', 'yuanes', 'kuai', '元', '圆', '块', '塊', '块钱', '塊錢', '人民币', '人民幣',
  'юань', 'юані', 'юанів', 'юаней', 'يوان',
  // Others
  'usd', 'dollar', 'dollars', 'dólar', 'dólares', 'eur', 'euro', 'euros',
  'uah', 'грн', 'грн.', 'гривня', 'гривні', 'гривень',
] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest first, so that "dollars" is not stripped as "dollar" leaving "s".
const MARK = `(?:\\p{Sc}|${[...CURRENCY_WORDS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|')})`;
const LEADING_MARK = new RegExp(`^${MARK} ?`, 'iu');
const TRAILING_MARK = new RegExp(` ?${MARK}$`, 'iu');

/** The text without one currency mark at its start and one at its end, if there are any. */
export function stripCurrencyMarks(folded: string): string {
  return folded.replace(LEADING_MARK, '').replace(TRAILING_MARK, '');
}
