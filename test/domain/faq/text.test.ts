// The text analysis under the search: variants people type fold to the same term, Chinese splits
// into bigrams, greetings and stop words vanish, and typos are measured correctly.
import { describe, expect, it } from 'vitest';
import { termsOf } from '../../../src/domain/faq/terms.js';
import { deletionVariants, editDistanceWithin, typoAllowance } from '../../../src/domain/faq/typos.js';

const keys = (text: string) => termsOf(text).map((term) => term.key);

describe('termsOf: spelling variants meet', () => {
  it.each([
    ['case and accents', 'Cuánto', 'CUANTO'],
    ['plural and singular', 'documents', 'document'],
    ['Spanish and English forms of one word', 'documentos', 'documents'],
    ['verb forms', 'applying', 'apply'],
    ['Ukrainian case endings', 'заяву', 'заява'],
    ['Ukrainian and Russian letters', 'пенсія', 'пенсия'],
    ['Latin "i" typed in a Cyrillic word', 'скiльки', 'скільки'],
    ['Ukrainian apostrophe variants', 'п’ять', "п'ять"],
    ['Arabic hamza on alef', 'إعانة', 'اعانة'],
    ['Arabic ta marbuta and ha', 'اعانة', 'اعانه'],
    ['Arabic alef maqsura and ya', 'الأدنى', 'الادني'],
    ['Arabic diacritics', 'مُسَاعَدَة', 'مساعدة'],
    ['Arabic tatweel', 'مســاعدة', 'مساعدة'],
    ['Arabic article', 'المساعدة', 'مساعدة'],
    ['Arabic "and" with the article', 'والمساعدة', 'مساعدة'],
    ['Arabic plural', 'مساعدات', 'مساعدة'],
    ['full-width Latin', 'ｄｉｂａｏ', 'dibao'],
  ])('%s: %s = %s', (_, a, b) => {
    expect(keys(a)).toEqual(keys(b));
  });
});

describe('termsOf: Chinese', () => {
  it('splits a run of characters into overlapping bigrams', () => {
    expect(keys('低保多少钱')).toEqual(['低保', '保多', '多少', '少钱']);
  });

  it('keeps a lone character, splits runs at punctuation and Latin letters', () => {
    expect(keys('钱，低保dibao')).toEqual(['钱', '低保', ...keys('dibao')]);
  });

  it('drops stop bigrams', () => {
    expect(keys('什么')).toEqual([]);
  });
});

describe('termsOf: numbers', () => {
  it.each([
    ['4,000', '4000'],
    ['4.000', '4000'],
    ['4 000', '4000'],
    ['٤٠٠٠', '4000'],
    ['４０００', '4000'],
  ])('%s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
  });
});

describe('termsOf: words that do not choose an answer', () => {
  it.each(['hello, how are you?', 'hola buenos días', 'добрий день', 'صباح الخير', 'thank you very much', '   '])(
    '%j has no terms',
    (text) => {
      expect(keys(text)).toEqual([]);
    },
  );

  it('drops a greeting but keeps the same word in a question', () => {
    expect(keys('день виплати')).toHaveLength(2);
  });

  it('marks question words and negations weak', () => {
    expect(termsOf('who can get dibao').map((term) => [term.key, term.weak])).toEqual([
      ['who', true],
      ['get', true],
      [keys('dibao')[0], false],
    ]);
  });
});

describe('typos', () => {
  it.each([
    ['mutch', 'much', 1, 1],
    ['form', 'from', 1, 1],
    ['alowance', 'allowance', 2, 1],
    ['voluntir', 'volunteer', 2, 2],
    ['abcdef', 'uvwxyz', 2, undefined],
    ['same', 'same', 0, 0],
  ])('distance(%s, %s) within %i is %s', (a, b, max, expected) => {
    expect(editDistanceWithin(a, b, max)).toBe(expected);
  });

  it('allows no typo in short words, one from 5 letters, two from 8', () => {
    expect([4, 5, 7, 8].map(typoAllowance)).toEqual([0, 1, 1, 2]);
  });

  it('lists the word and every deletion variant', () => {
    expect([...deletionVariants('abc', 1)].sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
    expect(deletionVariants('abcd', 2).size).toBe(1 + 4 + 6);
  });
});
