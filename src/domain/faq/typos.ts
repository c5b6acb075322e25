// Typo tolerance by bounded edit distance, made fast with a deletion index (the SymSpell idea):
// two words within d edits share a string reachable from each by at most d deletions, so the index
// stores each known word under its deletion variants, and a query word looks up its own variants
// instead of being compared with the whole vocabulary. Candidates are then confirmed with the
// real distance. Words are alphabetic (Latin, Cyrillic, Arabic), all in the Basic Multilingual
// Plane, so string indices are characters.

/**
 * Edits a word of this length may carry and still be recognised. Short words get none: "pay" is
 * one edit from "day", "say" and "pan". The length is that of the longer of the two words.
 */
export function typoAllowance(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

/**
 * Deletions to index a word (or look one up) with: enough for a partner up to two letters longer,
 * whose allowance may be higher.
 */
export function deletionsFor(length: number): number {
  return typoAllowance(length + 2);
}

/** The word and every string made from it by deleting up to `deletions` characters. */
export function deletionVariants(word: string, deletions: number): Set<string> {
  const variants = new Set([word]);
  let frontier = [word];
  for (let round = 0; round < deletions; round++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (let i = 0; i < current.length; i++) {
        const shorter = current.slice(0, i) + current.slice(i + 1);
        if (!variants.has(shorter)) {
          variants.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return variants;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
 * neighbours, the usual typos), or undefined when it exceeds `max`.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | undefined {
  if (Math.abs(a.length - b.length) > max) return undefined;
  // Three rows of the dynamic-programming table: two back for the swap, one back, current.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, (before[j - 2] ?? 0) + 1);
      }
      current[j] = distance;
      rowMinimum = Math.min(rowMinimum, distance);
    }
    // Every later row is at least this row's minimum: stop early once it is out of bounds.
    if (rowMinimum > max) return undefined;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[b.length] ?? 0;
  return distance <= max ? distance : undefined;
}

/**
 * The words of a deletion index (variant → words filed under it) that lie within the typo
 * allowance of `word`, with their distance. The word itself is not its own neighbour.
 */
export function typoNeighbours(word: string, byDeletion: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const neighbours = new Map<string, number>();
  for (const variant of deletionVariants(word, deletionsFor(word.length))) {
    for (const candidate of byDeletion.get(variant) ?? []) {
      if (candidate === word || neighbours.has(candidate)) continue;
      const allowance = typoAllowance(Math.max(word.length, candidate.length));
      const distance = editDistanceWithin(word, candidate, allowance);
      if (distance !== undefined) neighbours.set(candidate, distance);
    }
  }
  return neighbours;
}
