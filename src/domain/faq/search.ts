// Free-text questions → the FAQ entries that answer them, with a confidence score.
//
// Score of an entry, 0..1 = coverage × confidence:
// - coverage: the share of the message's known information (the idf of each recognised term,
//   discounted for a prefix or typo match) that the entry holds, each term counting by the part of
//   the entry it is in (question 1, keywords 0.9, answer 0.35). Words no entry knows (a name, a
//   town) are ignored: they neither help nor weaken the match.
// - confidence: the evidence found, capped at 1 once it reaches FULL_CONFIDENCE_EVIDENCE (about one
//   rare word and one common one). It keeps a single common word ("money") from looking certain.
//   Weak words ("who", "no", "need") do not count here: "who are you?" is not an FAQ question.
// Only entries at or above FAQ_MIN_SCORE are returned, so greetings, gibberish and off-topic
// messages return nothing and the bot can say it did not understand.
//
// A person may write in another script than the bot's language (English while the bot speaks
// Chinese): the languages written in the message's other scripts are searched too, their scores
// weighted by CROSS_LANGUAGE_WEIGHT, and every language returns the same ids. Coverage is measured
// against the terms' best weight in any searched language, so a lone number or loan word that the
// bot's own language happens to know does not outrank the language the person actually wrote in.
import { languageFaq, type FaqIndex } from './faq-index.js';
import type { LanguageIndex } from './language-index.js';
import { matchTerm, type TermMatch } from './term-matching.js';
import type { Script } from './scripts.js';
import { termsOf, type Term } from './terms.js';

export interface FaqMatch {
  readonly id: string;
  /** 0..1; see FAQ_MIN_SCORE. */
  readonly score: number;
}

export interface FaqSearchOptions {
  /** Most matches returned; default 3. */
  readonly limit?: number;
}

/**
 * Matches below this score are not returned. Calibrated on the question tables in
 * test/domain/faq: every expected answer scores above it, greetings and gibberish below.
 */
export const FAQ_MIN_SCORE = 0.3;

const DEFAULT_LIMIT = 3;
const FULL_CONFIDENCE_EVIDENCE = 3;
const CROSS_LANGUAGE_WEIGHT = 0.8;
// A chat message longer than this is a story, not a question; its start is enough to search.
const MAX_QUERY_LENGTH = 500;

interface LanguageSearch {
  readonly index: LanguageIndex;
  readonly weight: number;
  /** Per query term, what it matches in this language. */
  readonly matches: readonly (readonly TermMatch[])[];
}

/** Each term once; strong if any of its occurrences is ("need" is weak, "needs" is not). */
function uniqueTerms(terms: readonly Term[]): Term[] {
  const byKey = new Map<string, Term>();
  for (const term of terms) {
    const seen = byKey.get(term.key);
    if (!seen || (seen.weak && !term.weak)) byKey.set(term.key, term);
  }
  return [...byKey.values()];
}

/** The best weight a term could bring to any entry of a language. */
function bestWeight(matches: readonly TermMatch[]): number {
  return matches.reduce((best, { weight }) => Math.max(best, weight), 0);
}

/** Languages written in the message's scripts other than the bot language's own script. */
function otherScriptLanguages(
  index: FaqIndex,
  lang: string,
  ownScript: Script,
  terms: readonly Term[],
): LanguageIndex[] {
  const scripts = new Set(terms.map((term) => term.script).filter((s) => s !== undefined && s !== ownScript));
  if (scripts.size === 0) return [];
  return [...index.byLanguage]
    .filter(([language, faq]) => language !== lang && scripts.has(faq.index.script))
    .map(([, faq]) => faq.index);
}

interface Evidence {
  /** Per entry, the sum over query terms of the term's best weighted match in that entry. */
  readonly all: Float64Array;
  /** The same over the terms that are not weak words. */
  readonly strong: Float64Array;
}

function evidenceByEntry(terms: readonly Term[], search: LanguageSearch, entryCount: number): Evidence {
  const evidence = { all: new Float64Array(entryCount), strong: new Float64Array(entryCount) };
  const termBest = new Float64Array(entryCount);
  search.matches.forEach((termMatches, t) => {
    termBest.fill(0);
    for (const { postings, weight } of termMatches) {
      for (const posting of postings) {
        termBest[posting.entry] = Math.max(termBest[posting.entry] ?? 0, weight * posting.weight);
      }
    }
    const strong = !terms[t]?.weak;
    for (let entry = 0; entry < entryCount; entry++) {
      const best = termBest[entry] ?? 0;
      evidence.all[entry] = (evidence.all[entry] ?? 0) + best;
      if (strong) evidence.strong[entry] = (evidence.strong[entry] ?? 0) + best;
    }
  });
  return evidence;
}

/**
 * The entries that answer `text`, best first, at most `limit` (default 3), only those scoring at
 * least FAQ_MIN_SCORE. `lang` is the bot's language for this person; it must be a loaded language.
 */
export function searchFaq(index: FaqIndex, lang: string, text: string, opts: FaqSearchOptions = {}): FaqMatch[] {
  const own = languageFaq(index, lang).index;
  const terms = uniqueTerms(termsOf(text.slice(0, MAX_QUERY_LENGTH)));
  if (terms.length === 0) return [];

  const others = otherScriptLanguages(index, lang, own.script, terms);
  const searches: LanguageSearch[] = [
    { index: own, weight: 1 },
    ...others.map((other) => ({ index: other, weight: CROSS_LANGUAGE_WEIGHT })),
  ].map((search) => ({ ...search, matches: terms.map((term) => matchTerm(search.index, term)) }));

  const queryWeight = terms.reduce(
    (sum, _, t) => sum + Math.max(...searches.map((search) => bestWeight(search.matches[t] ?? []))),
    0,
  );
  if (queryWeight === 0) return [];

  const scores = new Float64Array(index.ids.length);
  for (const search of searches) {
    const evidence = evidenceByEntry(terms, search, index.ids.length);
    evidence.all.forEach((entryEvidence, entry) => {
      const coverage = entryEvidence / queryWeight;
      const confidence = Math.min(1, (evidence.strong[entry] ?? 0) / FULL_CONFIDENCE_EVIDENCE);
      scores[entry] = Math.max(scores[entry] ?? 0, search.weight * coverage * confidence);
    });
  }

  const found: FaqMatch[] = [];
  scores.forEach((score, entry) => {
    const id = index.ids[entry];
    if (id !== undefined && score >= FAQ_MIN_SCORE) found.push({ id, score });
  });
  // Stable sort: equal scores keep the FAQ's order.
  return found.sort((a, b) => b.score - a.score).slice(0, Math.max(0, opts.limit ?? DEFAULT_LIMIT));
}
