// Spelling variants people type for the same word, folded to one form. Cheap phones and borrowed
// keyboards mean missing accents ("cuanto"), Latin look-alikes inside Cyrillic words ("скiльки"),
// Russian letters in Ukrainian ("пособие"), and Arabic with or without hamza and diacritics.
import type { Script } from './scripts.js';

// After NFKD, accents, the breve of "й", the diaeresis of "ї"/"ё", Arabic diacritics (tashkeel)
// and the hamza or madda on alef are all combining marks.
const COMBINING_MARKS = /\p{M}/gu;

const LATIN_LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

// Lower-case Latin letters that look like Cyrillic ones (after lower-casing "B", "H", "M", "T",
// "K" too): inside a Cyrillic word they are the Cyrillic letter typed on the wrong layout.
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};

// Ukrainian and Russian spellings of one word differ mostly in these letters ("пенсія" /
// "пенсия", "инвалид" / "інвалід"), and a Russian keyboard has no "і", "є" or "ґ". ("й", "ї" and
// "ё" already lost their marks to NFKD.) Soft and hard signs are dropped: people type them
// inconsistently.
const CYRILLIC_LETTERS: Readonly<Record<string, string>> = {
  і: 'и', ы: 'и', є: 'е', э: 'е', ґ: 'г', ь: '', ъ: '',
};

// Alef forms (the hamza and madda ones decompose under NFKD), ta marbuta as ha, alef maqsura and
// Persian yeh as ya, Persian kaf, and hamza seats. Tatweel (ـ) only stretches a word.
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  ٱ: 'ا', ة: 'ه', ى: 'ي', ی: 'ي', ک: 'ك', ۀ: 'ه', ء: '', ـ: '',
};

function mapLetters(word: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const char of word) out += table[char] ?? char;
  return out;
}

/** One lower-case token in the folded form the index compares (Chinese is compared as typed). */
export function foldWord(token: string, script: Script): string {
  const bare = token.normalize('NFKD').replace(COMBINING_MARKS, '');
  switch (script) {
    case 'latin':
    case 'other':
      return mapLetters(bare, LATIN_LETTERS);
    case 'cyrillic':
      return mapLetters(mapLetters(bare, LATIN_LOOKALIKES), CYRILLIC_LETTERS);
    case 'arabic':
      return mapLetters(bare, ARABIC_LETTERS);
    case 'han':
      return token;
  }
}
