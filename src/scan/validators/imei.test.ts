import { describe, expect, it } from 'vitest';
import { isImei } from './imei.js';

describe('isImei (3GPP TS 23.003)', () => {
  it.each([
    ['490154203237518', true, 'IMEI example of public IMEI descriptions (CHECKSUMS.md §5)'],
    ['49-015420-323751-8', true, 'the same in the AA-BBBBBB-CCCCCC-D print form'],
    ['490154203237519', false, 'own: check digit changed'],
    ['4901542032375180', false, 'own: 16 digits (IMEISV has no check digit)'],
    ['000000000000000', false, 'own: the all-zero placeholder'],
    ['4901-5420-3237-518', false, 'own: card-style grouping is not an IMEI print form'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isImei(value)).toBe(valid);
  });
});
