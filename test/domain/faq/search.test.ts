// searchFaq against the real content: the questions people type find their answer among the top
// three, whatever the typos and the script; greetings and noise find nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { FAQ_MIN_SCORE, faqEntry, loadFaq, searchFaq, type FaqIndex } from '../../../src/domain/faq/index.js';
import { SUPPORTED_LANGUAGES } from '../../../src/i18n.js';
import { CROSS_SCRIPT_QUESTIONS, NOT_QUESTIONS, QUESTIONS } from './questions.js';

const MIN_QUESTIONS_PER_LANGUAGE = 15;
const TOP = 3;

let index: FaqIndex;
beforeAll(() => {
  index = loadFaq();
});

const topIds = (lang: string, text: string) => searchFaq(index, lang, text, { limit: TOP }).map((match) => match.id);

describe('searchFaq: questions as people type them', () => {
  it.each([...SUPPORTED_LANGUAGES])(`has at least ${MIN_QUESTIONS_PER_LANGUAGE} questions for %s`, (lang) => {
    expect(QUESTIONS[lang]?.length ?? 0).toBeGreaterThanOrEqual(MIN_QUESTIONS_PER_LANGUAGE);
  });

  describe.each(Object.entries(QUESTIONS))('%s', (lang, table) => {
    it.each(table)('"%s" → %s', (question, expectedId) => {
      expect(topIds(lang, question)).toContain(expectedId);
    });
  });
});

describe('searchFaq: another script than the bot language', () => {
  it.each(CROSS_SCRIPT_QUESTIONS)('bot in %s, "%s" → %s', (lang, question, expectedId) => {
    expect(topIds(lang, question)).toContain(expectedId);
  });

  it('ranks a question in the bot language above the same words in another language', () => {
    const [own] = searchFaq(index, 'zh', '低保多少钱');
    const [foreign] = searchFaq(index, 'en', '低保多少钱');
    expect(own?.id).toBe('mla_amount');
    expect(foreign?.id).toBe('mla_amount');
    expect(own?.score ?? 0).toBeGreaterThan(foreign?.score ?? 0);
  });
});

describe('searchFaq: spelling variants find the same answer', () => {
  it.each([
    ['en', 'HOW MUCH IS DIBAO', 'mla_amount'],
    ['es', 'CUANTO ME DAN AL MES', 'mla_amount'],
    ['es', 'cuánto me dan al mes', 'mla_amount'],
    ['ar', 'كَمْ المَبْلَغُ الشَّهْرِيُّ', 'mla_amount'],
    ['ar', 'كـــم المبلـــغ الشهـــري', 'mla_amount'],
    ['ar', 'إعانة الحد الأدنى', 'mla_what'],
    ['ar', 'اعانه الحد الادنى', 'mla_what'],
    ['ar', 'المساعدة الطبية', 'medical_assistance'],
    ['ar', 'مساعده طبيه', 'medical_assistance'],
    ['uk', 'скiльки платять', 'mla_amount'],
    ['uk', 'пенсия и доход', 'income_counting'],
    ['uk', "п’ять гарантій", 'five_guarantees_what'],
    ['uk', 'пять гарантий', 'five_guarantees_what'],
    ['zh', '低保，多少钱？', 'mla_amount'],
    ['zh', '低保 多少钱', 'mla_amount'],
    ['en', 'is 4,000 per year for five guarantees', 'five_guarantees_amount'],
    ['ar', 'الضمانات الخمس ٤٠٠٠', 'five_guarantees_amount'],
  ])('%s "%s" → %s', (lang, question, expectedId) => {
    expect(topIds(lang, question)).toContain(expectedId);
  });
});

describe('searchFaq: not a question the FAQ answers', () => {
  describe.each([...SUPPORTED_LANGUAGES])('%s', (lang) => {
    it.each(NOT_QUESTIONS)('%j → nothing', (text) => {
      expect(searchFaq(index, lang, text)).toEqual([]);
    });
  });
});

describe('searchFaq: results', () => {
  it('are scored within (0, 1], at least the threshold, best first', () => {
    for (const [lang, table] of Object.entries(QUESTIONS)) {
      for (const [question] of table) {
        const scores = searchFaq(index, lang, question, { limit: 10 }).map((match) => match.score);
        expect(scores.every((score) => score >= FAQ_MIN_SCORE && score <= 1)).toBe(true);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
    }
  });

  it('return three at most by default, and respect a limit', () => {
    const question = 'how much money per month';
    expect(searchFaq(index, 'en', question, { limit: 10 }).length).toBeGreaterThan(TOP);
    expect(searchFaq(index, 'en', question)).toHaveLength(TOP);
    expect(searchFaq(index, 'en', question, { limit: 1 })).toHaveLength(1);
    expect(searchFaq(index, 'en', question, { limit: 0 })).toEqual([]);
  });

  it('read only the start of a very long message', () => {
    expect(topIds('en', `how much is dibao ${'blah '.repeat(5000)}`)).toContain('mla_amount');
  });

  it('refuse a language that has no FAQ', () => {
    expect(() => searchFaq(index, 'fr', 'bonjour')).toThrow(/fr/);
  });
});

describe('faqEntry', () => {
  it('returns the question and answer in the language asked', () => {
    const entry = faqEntry(index, 'zh', 'mla_amount');
    expect(entry?.question).toContain('低保');
    expect(entry?.answer).toContain('400');
  });

  it('returns undefined for an unknown id', () => {
    expect(faqEntry(index, 'en', 'no_such_entry')).toBeUndefined();
  });
});

describe('searchFaq: speed', () => {
  it('answers a typical question well under a millisecond', () => {
    const questions = Object.entries(QUESTIONS).flatMap(([lang, table]) => table.map(([q]) => [lang, q] as const));
    for (const [lang, question] of questions) searchFaq(index, lang, question); // warm up
    const rounds = 10;
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (const [lang, question] of questions) searchFaq(index, lang, question);
    }
    const meanMs = (performance.now() - started) / (rounds * questions.length);
    // Typically 0.05–0.2 ms; the bound leaves room for a busy CI machine.
    expect(meanMs).toBeLessThan(1);
  });
});
