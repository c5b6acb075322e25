// Text → the terms the index compares. The same function reads the FAQ entries and the person's
// message, so both sides are always normalised alike.
//
// - Alphabetic words (Latin, Cyrillic, Arabic, others): case, width and accents folded, script
//   variants folded (fold.ts), courtesies and stop words dropped, weak words marked
//   (stopwords.ts), then stemmed (stem.ts).
// - Chinese has no spaces: each run of Han characters becomes its overlapping character bigrams
//   ("低保多少钱" → 低保 保多 多少 少钱), a standard way to match Chinese without a dictionary,
//   less the stop bigrams. A lone character stays a term of its own.
// - Numbers become ASCII digits without thousands separators ("4,000", "٤٠٠٠" → "4000").
import { foldWord } from './fold.js';
import { scriptOf, type Script, type WordScript } from './scripts.js';
import { stem } from './stem.js';
import { isCourtesyPair, isStopword, isWeakWord } from './stopwords.js';

export interface Term {
  readonly key: string;
  /** Undefined for numbers. */
  readonly script: Script | undefined;
  /** A weak word (stopwords.ts): it ranks answers but cannot make a match confident alone. */
  readonly weak: boolean;
}

// Direction marks and zero-width characters: invisible, but Arabic and Persian keyboards insert them.
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// "п'ять", "don't": an apostrophe inside a word is typed in many ways, or not at all.
const APOSTROPHE_IN_WORD = /(?<=\p{L})['’ʼ`´‘](?=\p{L})/gu;
// Arabic-Indic and Persian digits (NFKC already folds full-width ones).
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g;
const THOUSANDS_SEPARATOR = /(?<=\d)[,.\u066c\u00a0\u202f ](?=\d{3}(?!\d))/g;
// A run of Han characters, or a run of other letters, marks and digits.
const TOKEN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+/gu;
const DIGITS_ONLY = /^\d+$/;

function asciiDigit(char: string): string {
  const code = char.charCodeAt(0);
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(APOSTROPHE_IN_WORD, '')
    .replace(NON_ASCII_DIGIT, asciiDigit)
    .replace(THOUSANDS_SEPARATOR, '');
}

function hanTerms(run: string): Term[] {
  const chars = Array.from(run);
  const keys = chars.length === 1 ? [run] : chars.slice(1).map((char, i) => `${chars[i] ?? ''}${char}`);
  return keys.filter((key) => !isStopword(key, 'han')).map((key) => ({ key, script: 'han', weak: false }));
}

interface Word {
  readonly folded: string;
  readonly script: WordScript;
}

/** Alphabetic words of a run of tokens, without courtesies and stop words, stemmed. */
function wordTerms(words: readonly Word[]): Term[] {
  const terms: Term[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (!word) continue;
    if (next && next.script === word.script && isCourtesyPair(word.folded, next.folded, word.script)) {
      i++;
      continue;
    }
    if (isStopword(word.folded, word.script)) continue;
    terms.push({
      key: stem(word.folded, word.script),
      script: word.script,
      weak: isWeakWord(word.folded, word.script),
    });
  }
  return terms;
}

/** The terms of a text, in order, repeats included. */
export function termsOf(text: string): Term[] {
  const terms: Term[] = [];
  let words: Word[] = [];
  for (const [token] of normalise(text).matchAll(TOKEN)) {
    const script = scriptOf(token);
    if (script === 'han' || script === undefined) {
      // A Chinese run or a number ends a run of words: greetings do not span them.
      terms.push(...wordTerms(words));
      words = [];
      if (script === 'han') terms.push(...hanTerms(token));
      else if (DIGITS_ONLY.test(token)) terms.push({ key: token, script: undefined, weak: false });
    } else {
      words.push({ folded: foldWord(token, script), script });
    }
  }
  terms.push(...wordTerms(words));
  return terms;
}
