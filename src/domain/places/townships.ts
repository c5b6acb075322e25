// Townships: the places a district's work is divided into. Staff are scoped to them, cases,
// volunteers and tasks belong to one, statistics are counted per township. The list is the
// operator's (TOWNSHIPS): names are proper nouns, shown as written in every language; the code
// (a slug of the name) is what is stored and what buttons carry.

export interface Township {
  /** Stable identifier stored in the database and carried by buttons: a-z, 0-9 and _. */
  code: string;
  /** The name as the operator wrote it. */
  name: string;
}

/** Used when TOWNSHIPS is not set: an illustrative district for local mode and tests. */
export const DEFAULT_TOWNSHIPS = 'Riverside, Hillview, Eastgate, Lakeside';

/** Most townships a district may list: they must fit on buttons. */
export const MAX_TOWNSHIPS = 40;

/** "Old Town" → "old_town"; letters outside a-z (other scripts) are kept out; empty if nothing is left. */
export function townshipCode(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32);
}

/**
 * `"Riverside, Hillview"` → townships. Throws with a message an operator can act on: an empty
 * entry, a name without any a-z or 0-9 (it would have no code), two names with the same code.
 */
export function parseTownships(text: string): Township[] {
  const names = text.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) throw new Error('expected names separated by commas, e.g. Riverside, Hillview');
  if (names.length > MAX_TOWNSHIPS) throw new Error(`at most ${MAX_TOWNSHIPS} townships`);
  const seen = new Map<string, string>();
  return names.map((name) => {
    const code = townshipCode(name);
    if (code === '') throw new Error(`"${name}" needs at least one letter a-z or digit (it names the township in buttons and exports)`);
    const other = seen.get(code);
    if (other !== undefined) throw new Error(`"${other}" and "${name}" are the same township`);
    seen.set(code, name);
    return { code, name };
  });
}

export function townshipByCode(townships: readonly Township[], code: string | null | undefined): Township | undefined {
  return code ? townships.find((t) => t.code === code) : undefined;
}

/** The township's name, or the stored code when the operator has since removed it from the list. */
export function townshipName(townships: readonly Township[], code: string): string {
  return townshipByCode(townships, code)?.name ?? code;
}
