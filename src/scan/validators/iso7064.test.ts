import { describe, expect, it } from 'vitest';
import { mod11_2CheckChar, mod97 } from './iso7064.js';

describe('mod11_2CheckChar (ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X', 'GB 11643-1999 printed example, S = 167'],
    ['44052418800101001', '4', 'GB 11643-1999 printed example, S = 195'],
    ['36042619910101007', '1', 'python-stdnum cn.ric doctest'],
    ['00000000000000000', '1', 'own: S = 0 maps to 1'],
  ] as const)('%s → %s (%s)', (body, check, _source) => {
    expect(mod11_2CheckChar(body)).toBe(check);
  });

  it('rejects bodies that are not 17 digits', () => {
    expect(() => mod11_2CheckChar('1101051949123100')).toThrow(RangeError);
  });
});

describe('mod97 (ISO 7064 MOD 97-10)', () => {
  it.each([
    ['WEST12345698765432GB82', 1, 'GB82 WEST… rearranged (CHECKSUMS.md §6)'],
    ['370400440532013000DE89', 1, 'DE89 3704… rearranged (Presidio tests, CHECKSUMS.md §6)'],
    ['WEST12345698765433GB82', 28, 'last digit changed, remainder 28 (CHECKSUMS.md §6)'],
    ['97', 0, 'own'],
    ['ab', -1, 'own: lower case is not part of the alphabet'],
  ] as const)('%s → %d (%s)', (s, rem, _source) => {
    expect(mod97(s)).toBe(rem);
  });
});
