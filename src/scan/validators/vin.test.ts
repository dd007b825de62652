import { describe, expect, it } from 'vitest';
import { isVin, vinCheckChar } from './vin.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

describe('isVin (ISO 3779, 49 CFR 565.15)', () => {
  it.each([
    ['1M8GDM9AXKP042788', true, 'public worked example, S = 351 → X'],
    ['1G4AH59H45G118341', true, 'sample VIN in the 49 CFR 565 check-digit table'],
    ['1J9RP1A36A1644345', true, 'NHTSA new-manufacturer guide worked example'],
    ['LJCPCBLCX11000237', true, 'public example of a China-built VIN'],
    ['1M8GDM9A1KP042788', false, 'the first example with the check digit changed'],
    ['1M8GDM9AXKP04278', false, 'own: 16 characters'],
    ['1M8GDM9AXKP0427O8', false, 'own: O is not a VIN character'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isVin(value)).toBe(valid);
  });

  it.each([
    ['1M8GDM9AXKP042788', 'X', 'public worked example'],
    ['1G4AH59H45G118341', '4', '49 CFR 565 table, S = 411'],
    ['1G4AH59HQ5G118341', null, 'own: Q is not a VIN character'],
  ] as const)('check character of %s is %s (%s)', (value, check, _source) => {
    expect(vinCheckChar(value)).toBe(check);
  });
});

const vinVectors = sharedVectors('VIN');
describe.skipIf(vinVectors === null)(`shared checksum-examples.jsonl, VIN (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = vinVectors ?? [];
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isVin(value)).toBe(valid);
  });
});
