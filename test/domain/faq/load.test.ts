// loadFaq refuses content the bot could not serve, and its error names the file and the entry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { faqEntry, loadFaq } from '../../../src/domain/faq/index.js';

interface Entry {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
}

const entry = (id: string, overrides: Partial<Entry> = {}): Entry => ({
  id,
  question: `Question about ${id}?`,
  answer: `The <b>answer</b> about ${id}.`,
  keywords: [id],
  ...overrides,
});

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A directory with one FAQ file per language (content as given, or raw text). */
function faqDir(files: Record<string, Entry[] | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-'));
  dirs.push(dir);
  for (const [lang, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : JSON.stringify({ entries: content });
    writeFileSync(join(dir, `${lang}.json`), text);
  }
  return dir;
}

const loadError = (dir: string): string => {
  try {
    loadFaq(dir);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('loadFaq accepted invalid content');
};

describe('loadFaq', () => {
  it('loads a directory of languages with the same ids', () => {
    const dir = faqDir({
      en: [entry('passbook', { keywords: ['bank passbook'] }), entry('volunteer')],
      zh: [entry('volunteer'), entry('passbook', { question: '存折丢了怎么办？', keywords: ['存折'] })],
    });
    const index = loadFaq(dir);
    expect(index.languages).toEqual(['en', 'zh']);
    expect(index.ids).toEqual(['passbook', 'volunteer']);
    expect(faqEntry(index, 'zh', 'passbook')?.question).toBe('存折丢了怎么办？');
  });

  it('names the file and the id an entry is missing from', () => {
    const dir = faqDir({ en: [entry('a'), entry('b')], es: [entry('a')] });
    expect(loadError(dir)).toMatch(/es\.json: entry "b" is missing/);
  });

  it('names the file and the id of an entry English does not have', () => {
    const dir = faqDir({ en: [entry('a')], uk: [entry('a'), entry('extra')] });
    expect(loadError(dir)).toMatch(/uk\.json: entry "extra" is not in .*en\.json/);
  });

  it('names a repeated id', () => {
    const dir = faqDir({ en: [entry('a'), entry('a')] });
    expect(loadError(dir)).toMatch(/en\.json: entry "a" appears more than once/);
  });

  it('names the entry whose answer is too long', () => {
    const dir = faqDir({ en: [entry('a'), entry('long', { answer: 'x'.repeat(601) })] });
    expect(loadError(dir)).toMatch(/en\.json: entry "long" answer: /);
  });

  it.each([
    ['an italic tag', 'Use <i>this</i>.'],
    ['an unclosed bold tag', 'Use <b>this.'],
    ['a bare <', 'Income < 400 yuan.'],
    ['a bare &', 'Food & housing.'],
  ])('names the entry whose answer has %s', (_, answer) => {
    const dir = faqDir({ en: [entry('markup', { answer })] });
    expect(loadError(dir)).toMatch(/en\.json: entry "markup" answer: may use only <b>/);
  });

  it('names the entry whose question is not plain text', () => {
    const dir = faqDir({ en: [entry('markup', { question: 'Food & housing?' })] });
    expect(loadError(dir)).toMatch(/en\.json: entry "markup" question: is plain text/);
  });

  it('reports every problem of every file at once', () => {
    const dir = faqDir({ ar: [entry('a', { keywords: [] })], en: [entry('a', { question: '' })] });
    const message = loadError(dir);
    expect(message).toMatch(/ar\.json: entry "a" keywords: /);
    expect(message).toMatch(/en\.json: entry "a" question: /);
  });

  it('names a file that is not JSON', () => {
    const dir = faqDir({ en: [entry('a')], zh: '{ "entries": [' });
    expect(loadError(dir)).toMatch(/zh\.json: not valid JSON/);
  });

  it('refuses a directory without FAQ files', () => {
    expect(loadError(faqDir({}))).toMatch(/No FAQ files/);
  });
});
