import { describe, expect, it } from 'vitest';
import { isUsSsn } from './us-ssn.js';

describe('isUsSsn (SSA issuance rules)', () => {
  it.each([
    ['078051123', true, 'Presidio SSN tests (078-05-1123)'],
    ['078051120', false, 'the Woolworth wallet-card sample (SSA history)'],
    ['219099999', false, 'the 1940 SSA pamphlet sample'],
    ['000123456', false, 'area 000 is never issued'],
    ['666123456', false, 'area 666 is never issued'],
    ['912345678', false, 'areas 900–999 are never issued (ITINs use 9xx)'],
    ['078001123', false, 'Presidio SSN tests: group 00'],
    ['078050000', false, 'Presidio SSN tests: serial 0000'],
    ['111111111', false, 'own: one repeated digit'],
    ['07805112', false, 'own: eight digits'],
  ] as const)('%s → %s (%s)', (digits, valid, _source) => {
    expect(isUsSsn(digits)).toBe(valid);
  });
});
