import { describe, expect, it } from 'vitest';
import { isCnRegionCode, isCnResidentId, looksLikeCnResidentId } from './cn-resident-id.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

const TODAY = new Date(Date.UTC(2025, 5, 1));

describe('isCnResidentId (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', true, 'GB 11643-1999 printed example'],
    ['11010519491231002x', true, 'own: the same with a lower-case x'],
    ['360426199101010071', true, 'python-stdnum cn.ric doctest'],
    ['120103198806018241', true, 'validid README'],
    ['110105194912310021', false, 'GB example with the check character changed (checksum-examples.jsonl)'],
    ['440524188001010014', false, 'GB 11643-1999 printed example, born 1880: valid check, below our 1900 floor'],
    ['110105199902301235', false, 'own: 1999-02-30 does not exist'],
    ['000105194912310021', false, 'own: region 00'],
    ['911105194912310021', false, 'own: 91 is no province code (USCC prefix)'],
    ['110105202601010010', false, 'own: born after today (2025-06-01)'],
    ['11010519491231002Y', false, 'own: Y is no check character'],
    ['1101051949123100', false, 'own: 16 digits'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isCnResidentId(value, { today: TODAY })).toBe(valid);
  });

  it('accepts the 1880 example when the birth-year floor is lowered', () => {
    expect(isCnResidentId('440524188001010014', { today: TODAY, minBirthYear: 1800 })).toBe(true);
  });

  it('rejects an impossible date even with a correct check character', () => {
    // 11010519990230123 + its MOD 11-2 check character, computed by mod11_2CheckChar.
    const body = '11010519990230123';
    const withCheck = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'].map((c) => body + c);
    expect(withCheck.some((v) => isCnResidentId(v, { today: TODAY }))).toBe(false);
  });

  describe('the legacy 15-digit form (GB 11643-1989)', () => {
    it.each([
      ['110105491231002', true, 'own: the GB example person in the old form'],
      ['440524800101001', true, 'own: region 440524, born 1980-01-01'],
      ['110105490231002', false, 'own: 1949-02-31 does not exist'],
      ['000105491231002', false, 'own: region 00'],
    ] as const)('%s → %s (%s)', (value, valid, _source) => {
      expect(isCnResidentId(value, { today: TODAY })).toBe(valid);
    });
  });
});

describe('isCnRegionCode', () => {
  it.each([
    ['110105', true, 'Beijing Chaoyang (GB/T 2260)'],
    ['469001', true, 'Hainan, county-level city under the province (prefecture 90)'],
    ['810000', true, 'Hong Kong residence permit code'],
    ['810100', false, 'own: residence-permit codes are exactly x10000'],
    ['110005', false, 'own: prefecture 00 outside 81–83'],
    ['117105', false, 'own: prefecture 71 is unused'],
    ['240105', false, 'own: 24 is no province'],
  ] as const)('%s → %s (%s)', (code, valid, _source) => {
    expect(isCnRegionCode(code)).toBe(valid);
  });
});

describe('looksLikeCnResidentId', () => {
  it.each([
    ['650102199902301380', true, 'own: Xinjiang region and a 1999 year, impossible date and all'],
    ['110105194912310021', true, 'own: wrong check character still looks like an ID'],
    ['650102309902301380', false, 'own: year 3099'],
    ['6501021999023013', false, 'own: 16 digits'],
  ] as const)('%s → %s (%s)', (value, looks, _source) => {
    expect(looksLikeCnResidentId(value)).toBe(looks);
  });
});

const cn_resident_idVectors = sharedVectors('CN_RESIDENT_ID');
describe.skipIf(cn_resident_idVectors === null)(`shared checksum-examples.jsonl, CN_RESIDENT_ID (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = cn_resident_idVectors ?? [];
  // The standard's own 1880 example is valid under the standard, so the floor is lowered here.
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isCnResidentId(value, { today: TODAY, minBirthYear: 1800 })).toBe(valid);
  });
});
