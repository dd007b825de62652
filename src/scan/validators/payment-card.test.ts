import { describe, expect, it } from 'vitest';
import { cardBrand, isPaymentCard } from './payment-card.js';

describe('cardBrand (ISO/IEC 7812 IIN ranges)', () => {
  it.each([
    ['4111111111111111', 'visa', 'Visa test number'],
    ['4222222222222', 'visa', 'own: 13-digit Visa'],
    ['5555555555554444', 'mastercard', 'Mastercard test number (Presidio credit-card tests)'],
    ['2221000000000009', 'mastercard', 'Mastercard 2-series test number'],
    ['371449635398431', 'amex', 'Amex test number (Presidio credit-card tests)'],
    ['6011000400000000', 'discover', 'Discover test number (Presidio credit-card tests)'],
    ['3528000700000000', 'jcb', 'JCB test number (Presidio credit-card tests)'],
    ['30569309025904', 'diners', 'Diners test number (Presidio credit-card tests)'],
    ['5019717010103742', 'dankort', 'Dankort test number (Presidio credit-card tests)'],
    ['6759649826438453', 'maestro', 'Maestro UK test number (Presidio credit-card tests)'],
    ['122000000000003', 'uatp', 'UATP test number (Presidio credit-card tests)'],
    ['6225882708965808', 'unionpay', 'UnionPay-range example (checksum-examples.jsonl)'],
    ['9558801001114416155', 'cn_domestic', 'own: ICBC 9558 BIN, 19 digits'],
    ['36168002586008', 'diners', 'Presidio credit-card tests (negative there: fails Luhn)'],
    ['361680025860081234', null, 'own: Diners does not issue 18 digits'],
    ['41111111111111', null, 'own: 14-digit Visa'],
    ['7111111111111111', null, 'own: 7 is no card IIN'],
  ] as const)('%s → %s (%s)', (digits, brand, _source) => {
    expect(cardBrand(digits)).toBe(brand);
  });
});

describe('isPaymentCard', () => {
  it.each([
    ['4012888888881881', true, 'Visa test number (Presidio credit-card tests)'],
    ['4012888888881882', false, 'the same with the check digit changed (Presidio negative)'],
    ['36168002586008', false, 'Presidio negative: Diners range, Luhn fails'],
    ['1748503543012', false, 'Presidio negative: 13 digits starting with 1'],
  ] as const)('%s → %s (%s)', (digits, valid, _source) => {
    expect(isPaymentCard(digits)).toBe(valid);
  });
});
