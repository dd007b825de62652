import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, isIban } from './iban.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

describe('isIban (ISO 13616)', () => {
  it.each([
    ['GB82WEST12345698765432', true, 'standard UK example (CHECKSUMS.md §6)'],
    ['GB82 WEST 1234 5698 7654 32', true, 'the same in paper format'],
    ['DE89370400440532013000', true, 'standard German example'],
    ['AL47-2121-1009-0000-0002-3569-8741', true, 'Presidio IBAN tests: hyphen as separator'],
    ['NO9386011117947', true, 'Presidio IBAN tests: Norway, the shortest (15)'],
    ['LC55HEMM000100010012001200023015', true, 'Presidio IBAN tests: Saint Lucia, 32'],
    ['GB82WEST12345698765433', false, 'last digit changed: remainder 28 (CHECKSUMS.md §6)'],
    ['GB82WEST1234569876543', false, 'own: one character short for GB (22)'],
    ['gb82west12345698765432', false, 'own: lower case'],
    ['AB150120690000003111141', false, 'Presidio IBAN tests: AB is no IBAN country'],
    ['CN1234567890123456789', false, 'own: mainland China does not use IBANs'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isIban(value)).toBe(valid);
  });

  it('knows the registry lengths of a few countries', () => {
    expect([IBAN_LENGTHS['DE'], IBAN_LENGTHS['FR'], IBAN_LENGTHS['NO'], IBAN_LENGTHS['RU']]).toEqual([22, 27, 15, 33]);
  });
});

const ibanVectors = sharedVectors('IBAN');
describe.skipIf(ibanVectors === null)(`shared checksum-examples.jsonl, IBAN (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = ibanVectors ?? [];
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isIban(value)).toBe(valid);
  });
});
