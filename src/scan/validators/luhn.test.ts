import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

describe('isLuhnValid', () => {
  it.each([
    // [value, valid, source]
    ['79927398713', true, 'classic Luhn example (ISO/IEC 7812-1 Annex B worked examples; CHECKSUMS.md §5)'],
    ['79927398710', false, 'the same with a wrong check digit (CHECKSUMS.md §5)'],
    ['4111111111111111', true, 'Visa test card number published by payment processors'],
    ['490154203237518', true, 'IMEI from public IMEI descriptions (CHECKSUMS.md §5)'],
    ['6225882708965808', true, 'UnionPay-range example from a public Chinese Luhn write-up (checksum-examples.jsonl)'],
    ['0000000000', true, 'own: all zeros sum to 0'],
    ['12a4', false, 'own: non-digits are rejected'],
    ['5', false, 'own: a single digit has no body'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isLuhnValid(value)).toBe(valid);
  });
});

describe('luhnCheckDigit', () => {
  it.each([
    ['7992739871', '3', 'classic Luhn example'],
    ['411111111111111', '1', 'Visa test card number'],
    ['49015420323751', '8', 'IMEI example'],
  ] as const)('%s → %s (%s)', (body, check, _source) => {
    expect(luhnCheckDigit(body)).toBe(check);
  });

  it('rejects non-digits with a RangeError', () => {
    expect(() => luhnCheckDigit('12-3')).toThrow(RangeError);
  });
});

const luhnVectors = sharedVectors('LUHN');
describe.skipIf(luhnVectors === null)(`shared checksum-examples.jsonl, LUHN (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = luhnVectors ?? [];
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isLuhnValid(value)).toBe(valid);
  });
});
