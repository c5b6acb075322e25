import { describe, expect, it } from 'vitest';
import { DEFAULT_TOWNSHIPS, parseTownships, townshipCode, townshipName } from '../../../src/domain/places/townships.js';

describe('townships', () => {
  it('reads the operator list into codes and names', () => {
    expect(parseTownships(' Old Town ,Hillview, São Bento')).toEqual([
      { code: 'old_town', name: 'Old Town' },
      { code: 'hillview', name: 'Hillview' },
      { code: 'sao_bento', name: 'São Bento' },
    ]);
    expect(parseTownships(DEFAULT_TOWNSHIPS).map((t) => t.code)).toEqual(['riverside', 'hillview', 'eastgate', 'lakeside']);
  });

  it('refuses empty entries, names without a code and duplicates, saying which', () => {
    expect(() => parseTownships('Riverside,,Hillview')).toThrow(/separated by commas/);
    expect(() => parseTownships('Riverside, 东城')).toThrow(/"东城" needs at least one letter/);
    expect(() => parseTownships('Old Town, old-town')).toThrow(/"Old Town" and "old-town" are the same township/);
  });

  it('names a removed township by its stored code', () => {
    const list = parseTownships('Riverside');
    expect(townshipName(list, 'riverside')).toBe('Riverside');
    expect(townshipName(list, 'gone')).toBe('gone');
    expect(townshipCode('  --  ')).toBe('');
  });
});
