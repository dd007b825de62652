import { describe, expect, it } from 'vitest';
import { isMoIdShape } from './mo-id.js';

// No published check algorithm, so these vectors are constructed shapes, not real numbers.
describe('isMoIdShape (Macau BIR)', () => {
  it.each([
    ['1234567(8)', true, 'own: permanent-resident prefix 1, parentheses'],
    ['5123456（7）', true, 'own: prefix 5, full-width parentheses'],
    ['7123456 (0)', true, 'own: prefix 7, a space before the parentheses'],
    ['12345678', true, 'own: the same digits without parentheses'],
    ['2234567(8)', false, 'own: 2 is no BIR prefix'],
    ['123456(7)', false, 'own: five digits after the prefix'],
    ['1234567(A)', false, 'own: the check character is a digit'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isMoIdShape(value)).toBe(valid);
  });
});
