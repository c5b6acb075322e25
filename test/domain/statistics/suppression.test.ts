// The public summary's protection of small counts, and the CSV format, without a database.
import { describe, expect, it } from 'vitest';
import { csvText, majorAmount, protectPartition, SMALL_COUNT, toCsv } from '../../../src/domain/statistics/index.js';

/** Every assignment of values to the hidden cells that fits what is published (cells 0..max). */
function solutions(published: { total: number | null; parts: (number | null)[] }, max = 60): number[][] {
  const hidden = published.parts.map((p, i) => (p === null ? i : -1)).filter((i) => i >= 0);
  const shown = published.parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);
  const found: number[][] = [];
  const walk = (k: number, values: number[]) => {
    if (found.length > 2) return;
    if (k === hidden.length) {
      const sum = values.reduce((a, b) => a + b, 0);
      if (published.total === null || shown + sum === published.total) found.push(values);
      return;
    }
    for (let v = 0; v <= max; v++) walk(k + 1, [...values, v]);
  };
  walk(0, []);
  return found;
}

/** Values a published (null-or-number) cell could take, bounded by the "<5" rule for primary cells. */
function consistent(parts: number[], published: { total: number | null; parts: (number | null)[] }): boolean {
  return published.parts.every((p, i) => p === null || p === parts[i]);
}

describe('protectPartition', () => {
  it('shows every count of 5 or more and hides everything below, 0 included', () => {
    const p = protectPartition(40, [10, 12, 18]);
    expect(p).toEqual({ total: 40, parts: [10, 12, 18] });
    const q = protectPartition(40, [0, 3, 2, 35]);
    expect(q.parts.slice(0, 3)).toEqual([null, null, null]);
    expect(q.total).toBe(40);
  });

  it('hides a second cell when a single hidden cell could be recovered from the total', () => {
    const p = protectPartition(30, [3, 9, 18]);
    expect(p.parts[0]).toBeNull();
    // The smallest shown part (9) goes too, so 30 - 18 = 12 is shared by two unknown cells.
    expect(p.parts).toEqual([null, null, 18]);
    expect(p.total).toBe(30);
    expect(solutions(p).length).toBeGreaterThan(1);
  });

  it('hides more when the hidden cells could only be all zero or all four', () => {
    expect(protectPartition(20, [0, 0, 20]).parts).toEqual([null, null, null]);
    const fours = protectPartition(28, [4, 4, 20]);
    expect(fours.parts).toEqual([null, null, null]);
    // With nothing left to hide, the total goes.
    expect(protectPartition(8, [4, 4]).total).toBeNull();
  });

  it('hides the total when it is small, and then at least one part, so the parts do not add up to it', () => {
    expect(protectPartition(4, [1, 3])).toEqual({ total: null, parts: [null, null] });
    const hiddenElsewhere = protectPartition(17, [8, 9], true);
    expect(hiddenElsewhere.total).toBeNull();
    expect(hiddenElsewhere.parts.filter((p) => p === null)).toHaveLength(1);
  });

  it('never publishes a table from which a hidden cell can be worked out exactly (exhaustive over small tables)', () => {
    // Every partition of up to three cells with values 0..9: no hidden cell has one possible value.
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++)
        for (let c = 0; c < 10; c++) {
          const parts = [a, b, c];
          const published = protectPartition(a + b + c, parts);
          expect(published.parts.every((p) => p === null || p >= SMALL_COUNT)).toBe(true);
          if (published.parts.every((p) => p !== null)) continue;
          const all = solutions(published, 30);
          expect(all.length, `parts ${parts} → ${JSON.stringify(published)}`).toBeGreaterThan(1);
          expect(consistent(parts, published)).toBe(true);
        }
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and ends lines with CRLF', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    const csv = toCsv([['township', 'Old Town, north', 'all', 'households', 7]]);
    expect(csv).toBe('section,category,status,measure,value\r\ntownship,"Old Town, north",all,households,7\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR']) expect(csvText(evil).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvText('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes amounts as plain decimals in major units', () => {
    expect(majorAmount(480_000, 'CNY')).toBe('4800.00');
    expect(majorAmount(5, 'CNY')).toBe('0.05');
    expect(majorAmount(1200, 'JPY')).toBe('1200');
  });
});
