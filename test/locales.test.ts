// Every locale has every key of en.json with the same {{variables}}, the same HTML tags and the
// same /commands, and nothing extra. A missing translation fails here, not in front of a person.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, readLocale, SUPPORTED_LANGUAGES, type LocaleTree } from '../src/i18n.js';

function flatten(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const sorted = (matches: RegExpMatchArray | null) => [...(matches ?? [])].sort();
const variables = (s: string) => sorted(s.match(/{{\s*[\w.]+\s*(,[^}]*)?}}/g));
const tags = (s: string) => sorted(s.match(/<\/?[a-z-]+>/g));
const commands = (s: string) => sorted(s.match(/(?<![\w/])\/[a-z_]+/g));

const english = flatten(readLocale('en'));

describe('locales', () => {
  it('has a file for every supported language and no stray files', () => {
    const files = readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
    describe(lang, () => {
      const strings = flatten(readLocale(lang));

      it('has exactly the keys of en.json', () => {
        expect([...strings.keys()].filter((k) => !english.has(k))).toEqual([]);
        expect([...english.keys()].filter((k) => !strings.has(k))).toEqual([]);
      });

      it('keeps every {{variable}}, HTML tag and /command', () => {
        const problems: string[] = [];
        for (const [key, en] of english) {
          const translated = strings.get(key);
          if (translated === undefined) continue;
          if (variables(en).join() !== variables(translated).join()) problems.push(`${key}: variables`);
          if (tags(en).join() !== tags(translated).join()) problems.push(`${key}: tags`);
          if (commands(en).join() !== commands(translated).join()) problems.push(`${key}: commands`);
          if (translated.trim() === '') problems.push(`${key}: empty`);
        }
        expect(problems).toEqual([]);
      });
    });
  }
});
