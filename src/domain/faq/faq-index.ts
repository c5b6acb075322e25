// The FAQ in every language, indexed for search. Built once from validated content (load.ts);
// immutable afterwards, so one index serves every chat.
import { buildLanguageIndex, type LanguageIndex } from './language-index.js';
import type { FaqEntry } from './schema.js';

export interface LanguageFaq {
  /** Entries in the order of `FaqIndex.ids`. */
  readonly entries: readonly FaqEntry[];
  readonly index: LanguageIndex;
}

export interface FaqIndex {
  /** Every entry id, in the same order in every language. */
  readonly ids: readonly string[];
  /** Language codes (the file names), sorted. */
  readonly languages: readonly string[];
  readonly byLanguage: ReadonlyMap<string, LanguageFaq>;
}

export interface FaqText {
  readonly question: string;
  readonly answer: string;
}

/** Index content that has the same ids in every language (load.ts checks it). */
export function buildFaqIndex(
  ids: readonly string[],
  entriesByLanguage: ReadonlyMap<string, readonly FaqEntry[]>,
): FaqIndex {
  const byLanguage = new Map<string, LanguageFaq>();
  for (const [language, entries] of entriesByLanguage) {
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const ordered = ids.map((id) => {
      const entry = byId.get(id);
      if (!entry) throw new Error(`FAQ ${language} has no entry "${id}"`);
      return entry;
    });
    byLanguage.set(language, { entries: ordered, index: buildLanguageIndex(ordered) });
  }
  return { ids, languages: [...byLanguage.keys()].sort(), byLanguage };
}

/** The FAQ of a language; asking for one that was not loaded is a programming error. */
export function languageFaq(index: FaqIndex, lang: string): LanguageFaq {
  const faq = index.byLanguage.get(lang);
  if (!faq) throw new Error(`No FAQ in language "${lang}" (loaded: ${index.languages.join(', ')})`);
  return faq;
}

/** The question and answer (Telegram HTML) of an entry in a language, or undefined for an unknown id. */
export function faqEntry(index: FaqIndex, lang: string, id: string): FaqText | undefined {
  const position = index.ids.indexOf(id);
  const entry = languageFaq(index, lang).entries[position];
  return entry && { question: entry.question, answer: entry.answer };
}
