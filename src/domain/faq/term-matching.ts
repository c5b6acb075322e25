// What a word of the person's message stands for in one language's index: the word itself, other
// forms of it (a shared start: "appli" ~ "applic", "заяв" ~ "заявл") and words a typo away.
import { isFlexible, MIN_FLEXIBLE_WORD, TOPIC_WEIGHT, type LanguageIndex, type Posting } from './language-index.js';
import type { Term } from './terms.js';
import { typoNeighbours } from './typos.js';

// The shorter word must be a prefix of the longer one, or both must share a long start
// ("прожиточн" ~ "прожитков"), and the shared part must be a good share of the longer word.
const MIN_SHARED_START = 6;
const MIN_PREFIX_SHARE = 0.5;
const MIN_SHARED_START_SHARE = 0.6;

/** A weak word tells less than its rarity says: "know" is rare in this FAQ, not in questions. */
const WEAK_WORD_WEIGHT = 0.5;

/** How much a match counts relative to the exact word (1). */
const TYPO_QUALITY: Readonly<Record<number, number>> = { 1: 0.8, 2: 0.6 };
const prefixQuality = (share: number) => 0.3 + 0.6 * share;

export interface TermMatch {
  readonly postings: readonly Posting[];
  /** What the match tells, before the field weight: the idf, discounted for a prefix or typo match. */
  readonly weight: number;
}

function sharedStartLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}

/** Quality of the best prefix or typo match per indexed word. */
function flexibleMatches(index: LanguageIndex, key: string): Map<string, number> {
  const qualities = new Map<string, number>();
  const offer = (word: string, quality: number) => qualities.set(word, Math.max(qualities.get(word) ?? 0, quality));
  for (const word of index.wordsByStart.get(key.slice(0, MIN_FLEXIBLE_WORD)) ?? []) {
    if (word === key) continue;
    const shared = sharedStartLength(key, word);
    const share = shared / Math.max(key.length, word.length);
    const isPrefix = shared === Math.min(key.length, word.length);
    if (isPrefix ? share >= MIN_PREFIX_SHARE : shared >= MIN_SHARED_START && share >= MIN_SHARED_START_SHARE) {
      offer(word, prefixQuality(share));
    }
  }
  for (const [word, distance] of typoNeighbours(key, index.wordsByDeletion)) {
    const quality = TYPO_QUALITY[distance];
    if (quality !== undefined) offer(word, quality);
  }
  return qualities;
}

/**
 * A weak word matches only itself, only in questions and keywords, and at reduced weight: "who" or
 * "no" in an answer, or "quiero" a typo away from "quien", says nothing about the entry's topic.
 */
function matchWeakTerm(index: LanguageIndex, term: Term): TermMatch[] {
  const exact = index.terms.get(term.key);
  const topical = exact?.postings.filter((posting) => posting.weight >= TOPIC_WEIGHT) ?? [];
  return exact && topical.length > 0 ? [{ postings: topical, weight: WEAK_WORD_WEIGHT * exact.idf }] : [];
}

/**
 * The indexed terms a query term stands for. Typo matches are sought even when the word is known,
 * because keywords list common misspellings: "allowence" is a keyword of one entry and must still
 * find "allowance" in the others. A known word tells what its own idf says: a rarer neighbour
 * ("допомога" → "допоможіть") may not make it more telling than that.
 */
export function matchTerm(index: LanguageIndex, term: Term): TermMatch[] {
  if (term.weak) return matchWeakTerm(index, term);
  const exact = index.terms.get(term.key);
  const matches: TermMatch[] = exact ? [{ postings: exact.postings, weight: exact.idf }] : [];
  if (!isFlexible(term)) return matches;
  const ceiling = exact?.idf ?? Infinity;
  for (const [word, quality] of flexibleMatches(index, term.key)) {
    const indexed = index.terms.get(word);
    if (indexed) matches.push({ postings: indexed.postings, weight: quality * Math.min(indexed.idf, ceiling) });
  }
  return matches;
}
