// Light stemming: cut the common endings so that "documents" and "documentos", "заява" and
// "заяву", "المساعدة" and "مساعدات" meet. It works on folded words (fold.ts) and needs no
// dictionary. Over-cutting is harmless as long as the index and the query cut the same way, because
// both go through this one function; the prefix and typo matching in the index catch the rest.
import type { WordScript } from './scripts.js';

/** An ending and what replaces it. */
type Ending = readonly [ending: string, replacement: string];

/** Longest first, so the first ending that fits is the one to cut. */
const longestFirst = (endings: readonly Ending[]): readonly Ending[] =>
  [...endings].sort(([a], [b]) => b.length - a.length);

// Never cut a word below three letters: shorter stems start to collide ("mes" / "me").
const MIN_STEM = 3;

// English and Spanish share the Latin script, and people mix them, so one list serves both.
// Inflection first (plural, past), then derivation and gender, so "answers" → "answer" → "answ"
// meets "answer" → "answ".
const LATIN_INFLECTIONS = longestFirst([
  ['ies', 'i'], ['ied', 'i'], ['es', ''], ['os', ''], ['as', ''], ['s', ''],
]);
const LATIN_DERIVATIONS = longestFirst([
  ['amientos', ''], ['imientos', ''], ['amiento', ''], ['imiento', ''], ['aciones', ''], ['iciones', ''],
  ['ations', ''], ['ation', ''], ['acion', ''], ['icion', ''], ['mente', ''], ['ments', ''], ['ment', ''],
  ['iendo', ''], ['ando', ''], ['ing', ''], ['ed', ''], ['ar', ''], ['er', ''], ['ir', ''],
  ['o', ''], ['a', ''], ['e', ''],
]);

// Ukrainian and Russian endings in folded spelling (і, ї, й, ы → и; є, э → е; no soft sign).
const CYRILLIC_ENDINGS = longestFirst([
  ['ування', ''], ['ання', ''], ['ення', ''], ['ание', ''], ['ение', ''], ['ения', ''],
  ['ами', ''], ['ями', ''], ['ого', ''], ['ому', ''], ['его', ''], ['ему', ''], ['ими', ''], ['ових', ''],
  ['ати', ''], ['ити', ''], ['яти', ''], ['тися', ''], ['тся', ''],
  ['ах', ''], ['ях', ''], ['ам', ''], ['ям', ''], ['ом', ''], ['ем', ''], ['ою', ''], ['ею', ''],
  ['ии', ''], ['еи', ''], ['ои', ''], ['ие', ''], ['их', ''], ['ов', ''], ['ев', ''], ['ив', ''],
  ['ая', ''], ['яя', ''], ['ое', ''], ['ее', ''], ['ую', ''], ['юю', ''], ['ат', ''], ['ит', ''], ['ти', ''],
  ['а', ''], ['я', ''], ['и', ''], ['у', ''], ['ю', ''], ['о', ''], ['е', ''],
]);

// Arabic: the article with its attached prepositions and "and", then up to two suffixes (plural,
// feminine, possessive, nisba, tanween alef) in folded spelling (ة → ه).
const ARABIC_PREFIXES: readonly string[] = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const ARABIC_AND = 'و';
const ARABIC_SUFFIXES = longestFirst([
  ['ها', ''], ['ان', ''], ['ات', ''], ['ون', ''], ['ين', ''], ['يه', ''], ['ه', ''], ['ي', ''], ['ا', ''],
]);
const ARABIC_SUFFIX_ROUNDS = 2;

/** The word without the longest listed ending (longest first) that leaves a long enough stem. */
function cutEnding(word: string, endings: readonly Ending[]): string {
  for (const [ending, replacement] of endings) {
    if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) {
      return word.slice(0, word.length - ending.length) + replacement;
    }
  }
  return word;
}

function stemLatin(word: string): string {
  const stem = cutEnding(cutEnding(word, LATIN_INFLECTIONS), LATIN_DERIVATIONS);
  // "apply", "applying" and "applies" all end up as "appli".
  return stem.length > MIN_STEM && stem.endsWith('y') ? `${stem.slice(0, -1)}i` : stem;
}

function stemArabic(word: string): string {
  let stem = word;
  const prefix = ARABIC_PREFIXES.find((p) => stem.startsWith(p) && stem.length - p.length >= MIN_STEM);
  if (prefix) stem = stem.slice(prefix.length);
  else if (stem.startsWith(ARABIC_AND) && stem.length > MIN_STEM) stem = stem.slice(1);
  for (let round = 0; round < ARABIC_SUFFIX_ROUNDS; round++) stem = cutEnding(stem, ARABIC_SUFFIXES);
  return stem;
}

/** The stem of a folded word. Words of other scripts are returned as they are. */
export function stem(word: string, script: WordScript): string {
  switch (script) {
    case 'latin':
      return stemLatin(word);
    case 'cyrillic':
      return cutEnding(word, CYRILLIC_ENDINGS);
    case 'arabic':
      return stemArabic(word);
    case 'other':
      return word;
  }
}
