// The search index of one language's FAQ, built once: every term of every entry with its weight
// per entry and its rarity (idf), plus two look-up tables that make prefix and typo matching cost
// a few map reads instead of a pass over the vocabulary (term-matching.ts).
import type { FaqEntry } from './schema.js';
import { dominantScript, type Script } from './scripts.js';
import { termsOf, type Term } from './terms.js';
import { deletionsFor, deletionVariants, typoNeighbours } from './typos.js';

/**
 * How much a term found in each part of an entry counts. The question states the topic; keywords
 * come close (and break ties between entries sharing a keyword); the long answer counts little.
 */
const FIELD_WEIGHTS = { question: 1, keywords: 0.9, answer: 0.35 } as const;
/** Postings at least this heavy come from the parts that state an entry's topic, not its answer. */
export const TOPIC_WEIGHT = Math.min(FIELD_WEIGHTS.question, FIELD_WEIGHTS.keywords);
// Answers point to commands ("send /apply") whatever their topic; the words of a command are not
// what the answer is about.
const MARKUP_AND_COMMANDS = /<\/?b>|\/[a-z_]+/g;

/** Shorter words match only exactly: too many real words lie one letter apart or share a start. */
export const MIN_FLEXIBLE_WORD = 4;

export interface Posting {
  /** Position of the entry in the FAQ's id list. */
  readonly entry: number;
  readonly weight: number;
}

export interface IndexedTerm {
  readonly idf: number;
  readonly postings: readonly Posting[];
}

export interface LanguageIndex {
  /** The script the language is written in, from its questions. */
  readonly script: Script;
  readonly terms: ReadonlyMap<string, IndexedTerm>;
  /** Alphabetic words (of at least MIN_FLEXIBLE_WORD letters) by their first MIN_FLEXIBLE_WORD letters. */
  readonly wordsByStart: ReadonlyMap<string, readonly string[]>;
  /** The same words by each of their deletion variants (typos.ts). */
  readonly wordsByDeletion: ReadonlyMap<string, readonly string[]>;
}

/** Whether a term may match by prefix or typo: a long enough word of an alphabetic script. */
export function isFlexible(term: Term): boolean {
  const alphabetic = term.script === 'latin' || term.script === 'cyrillic' || term.script === 'arabic';
  return alphabetic && term.key.length >= MIN_FLEXIBLE_WORD;
}

function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Term → its weight in one entry: the weight of the best field it appears in. */
function entryTerms(entry: FaqEntry, flexible: Set<string>): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of termsOf(text)) {
      if (isFlexible(term)) flexible.add(term.key);
      if (weight > (weights.get(term.key) ?? 0)) weights.set(term.key, weight);
    }
  };
  add(entry.question, FIELD_WEIGHTS.question);
  for (const keyword of entry.keywords) add(keyword, FIELD_WEIGHTS.keywords);
  add(entry.answer.replace(MARKUP_AND_COMMANDS, ' '), FIELD_WEIGHTS.answer);
  return weights;
}

/**
 * Weighted count of the entries that hold any of the words (a mention in an answer counts as a
 * fraction of an entry).
 */
function entryCount(words: readonly string[], postings: ReadonlyMap<string, readonly Posting[]>): number {
  const weightByEntry = new Map<number, number>();
  for (const word of words) {
    for (const { entry, weight } of postings.get(word) ?? []) {
      weightByEntry.set(entry, Math.max(weightByEntry.get(entry) ?? 0, weight));
    }
  }
  return [...weightByEntry.values()].reduce((sum, weight) => sum + weight, 0);
}

/** Index of one language. `entries` are in the FAQ's id order (posting numbers refer to it). */
export function buildLanguageIndex(entries: readonly FaqEntry[]): LanguageIndex {
  const flexible = new Set<string>();
  const postings = new Map<string, Posting[]>();
  entries.forEach((entry, position) => {
    for (const [key, weight] of entryTerms(entry, flexible)) append(postings, key, { entry: position, weight });
  });

  const wordsByStart = new Map<string, string[]>();
  const wordsByDeletion = new Map<string, string[]>();
  for (const word of flexible) {
    append(wordsByStart, word.slice(0, MIN_FLEXIBLE_WORD), word);
    for (const variant of deletionVariants(word, deletionsFor(word.length))) append(wordsByDeletion, variant, word);
  }

  const terms = new Map<string, IndexedTerm>();
  for (const [key, list] of postings) {
    // A word is counted with the words a typo away: a misspelling listed as a keyword
    // ("allowence") must not look rarer, hence more telling, than the word it misspells.
    const family = flexible.has(key) ? [key, ...typoNeighbours(key, wordsByDeletion).keys()] : [key];
    const count = entryCount(family, postings);
    // BM25's idf: a term in every entry tells nothing (≈ 0), one in a single entry tells most.
    const idf = Math.log(1 + (entries.length - count + 0.5) / (count + 0.5));
    terms.set(key, { idf, postings: list });
  }
  return { script: dominantScript(entries.map((entry) => entry.question)), terms, wordsByStart, wordsByDeletion };
}
