// Which writing system a word is in. Folding, stemming and stop words differ per script, and the
// search uses the script to notice a person typing in another language than the bot speaks.

export type Script = 'latin' | 'cyrillic' | 'arabic' | 'han' | 'other';
/** Scripts that separate words with spaces (Chinese is matched by character bigrams instead). */
export type WordScript = Exclude<Script, 'han'>;

// Checked in this order: a Ukrainian word typed with a Latin "i" for "і" ("скiльки") is still
// Cyrillic, so a script that borrows Latin look-alikes wins over Latin.
const SCRIPT_TESTS: readonly (readonly [Script, RegExp])[] = [
  ['han', /\p{Script=Han}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['latin', /\p{Script=Latin}/u],
];
const ANY_LETTER = /\p{L}/u;

/** The script of a token, or undefined when it has no letters (a number). */
export function scriptOf(token: string): Script | undefined {
  for (const [script, test] of SCRIPT_TESTS) {
    if (test.test(token)) return script;
  }
  return ANY_LETTER.test(token) ? 'other' : undefined;
}

/** The script most letters of the texts are written in (a language's own script). */
export function dominantScript(texts: readonly string[]): Script {
  const counts = new Map<Script, number>();
  for (const text of texts) {
    for (const char of text) {
      const script = scriptOf(char);
      if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
    }
  }
  let best: Script = 'other';
  let bestCount = 0;
  for (const [script, count] of counts) {
    if (count > bestCount) [best, bestCount] = [script, count];
  }
  return best;
}
