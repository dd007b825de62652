import { describe, expect, it } from 'vitest';
import { isCnInternationalNumber, isCnLandlineNumber, isCnMobileNumber } from './cn-phone.js';

describe('mainland numbering plan', () => {
  it.each([
    ['13812345678', true, 'own: China Mobile 138 range'],
    ['19912345678', true, 'own: 199 range'],
    ['12812345678', false, 'own: 12x is not a mobile range'],
    ['1381234567', false, 'own: ten digits'],
  ] as const)('mobile %s → %s (%s)', (digits, valid, _source) => {
    expect(isCnMobileNumber(digits)).toBe(valid);
  });

  it.each([
    ['01012345678', true, 'own: Beijing 010, 8-digit local number'],
    ['075587654321', true, 'own: Shenzhen 0755, 8 digits'],
    ['07311234567', true, 'own: Changsha 0731, 7 digits'],
    ['0101234567', false, 'own: 010 needs 8 digits'],
    ['01002345678', false, 'own: local numbers never start with 0'],
    ['01512345678', false, 'own: 015 is no area code'],
  ] as const)('landline %s → %s (%s)', (digits, valid, _source) => {
    expect(isCnLandlineNumber(digits)).toBe(valid);
  });

  it.each([
    ['8613812345678', true, 'own: +86 mobile'],
    ['861012345678', true, 'own: +86 10 Beijing landline'],
    ['4413812345678', false, 'own: another country code'],
  ] as const)('international %s → %s (%s)', (digits, valid, _source) => {
    expect(isCnInternationalNumber(digits)).toBe(valid);
  });
});
