// The FAQ content itself: every language answers the same questions, briefly, in the Telegram HTML
// the bot can send, pointing only to commands the bot has. Read from the files directly, so a
// content mistake fails here with the file and entry named, whatever the loader does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAQ_DIR, loadFaq, MAX_ANSWER_LENGTH } from '../../../src/domain/faq/index.js';
import { SUPPORTED_LANGUAGES } from '../../../src/i18n.js';

interface RawEntry {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
}

const MIN_ENTRIES = 28;
const BOT_COMMANDS = new Set([
  '/start', '/help', '/language', '/role', '/privacy', '/export_me', '/delete_me',
  '/check', '/documents', '/apply', '/status', '/tasks', '/funds', '/my_pledges',
]);

const readEntries = (lang: string): RawEntry[] =>
  (JSON.parse(readFileSync(join(DEFAULT_FAQ_DIR, `${lang}.json`), 'utf8')) as { entries: RawEntry[] }).entries;

const commandsIn = (text: string) => [...new Set(text.match(/(?<![\w/<])\/[a-z_]+/g) ?? [])].sort();
const english = readEntries('en');
const englishById = new Map(english.map((entry) => [entry.id, entry]));

describe('FAQ content', () => {
  it('has a file for every supported language and no other', () => {
    const files = readdirSync(DEFAULT_FAQ_DIR).filter((name) => name.endsWith('.json'));
    expect(files.map((name) => name.replace('.json', '')).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it('loads and validates', () => {
    const index = loadFaq();
    expect(index.languages).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(index.ids).toEqual(english.map((entry) => entry.id));
  });

  it(`has at least ${MIN_ENTRIES} entries with unique ids`, () => {
    expect(english.length).toBeGreaterThanOrEqual(MIN_ENTRIES);
    expect(englishById.size).toBe(english.length);
  });

  describe.each([...SUPPORTED_LANGUAGES])('%s', (lang) => {
    const entries = readEntries(lang);

    it('has exactly the ids of en.json', () => {
      expect(entries.map((entry) => entry.id).sort()).toEqual([...englishById.keys()].sort());
    });

    it(`keeps every answer within ${MAX_ANSWER_LENGTH} characters`, () => {
      const tooLong = entries
        .filter((entry) => entry.answer.length > MAX_ANSWER_LENGTH)
        .map((entry) => `${entry.id}: ${entry.answer.length}`);
      expect(tooLong).toEqual([]);
    });

    it('uses only balanced <b> tags and no bare < > &', () => {
      const bad = entries.filter(({ answer }) => {
        const tags = answer.match(/<[^>]*>/g) ?? [];
        const alternating = tags.every((tag, i) => tag === (i % 2 === 0 ? '<b>' : '</b>'));
        const rest = answer.replace(/<\/?b>/g, '').replace(/&(?:lt|gt|amp|quot);/g, '');
        return !alternating || tags.length % 2 !== 0 || /[<>&]/.test(rest);
      });
      expect(bad.map((entry) => entry.id)).toEqual([]);
    });

    it('mentions only bot commands, the same ones as the English answer', () => {
      const problems = entries.flatMap(({ id, answer }) => {
        const commands = commandsIn(answer);
        const unknown = commands.filter((command) => !BOT_COMMANDS.has(command));
        const expected = commandsIn(englishById.get(id)?.answer ?? '');
        return unknown.length > 0 || commands.join() !== expected.join() ? [`${id}: ${commands.join(' ')}`] : [];
      });
      expect(problems).toEqual([]);
    });

    it('has a question and several distinct keywords per entry', () => {
      const thin = entries.filter(({ question, keywords }) => {
        const distinct = new Set(keywords.map((keyword) => keyword.trim().toLowerCase()));
        return question.trim() === '' || distinct.size !== keywords.length || keywords.length < 5;
      });
      expect(thin.map((entry) => entry.id)).toEqual([]);
    });
  });
});
