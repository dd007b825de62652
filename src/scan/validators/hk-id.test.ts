import { describe, expect, it } from 'vitest';
import { hkIdCheckChar, isHkId } from './hk-id.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

describe('isHkId', () => {
  it.each([
    ['A123456(3)', true, 'widely used textbook example, S = 481 (CHECKSUMS.md §3)'],
    ['AB987654(3)', true, 'validid README, two-letter prefix, S = 371'],
    ['E364912(5)', true, 'public blog write-up of the algorithm'],
    ['A123456(4)', false, 'textbook example with the check digit changed'],
    ['A1234563', true, 'own: the textbook example without parentheses'],
    ['A123456 (3)', true, 'own: a space before the parentheses'],
    ['A123456（3）', true, 'own: full-width parentheses'],
    ['a123456(3)', false, 'own: lower-case prefix'],
    ['ABC123456(3)', false, 'own: three letters'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isHkId(value)).toBe(valid);
  });

  it.each([
    ['A123456', '3', 'textbook example'],
    ['AB987654', '3', 'validid README'],
    ['D288754', '2', 'school teaching slides (checksum-examples.jsonl)'],
    ['A12345', null, 'own: five digits'],
  ] as const)('check character of %s is %s (%s)', (body, check, _source) => {
    expect(hkIdCheckChar(body)).toBe(check);
  });
});

const hk_idVectors = sharedVectors('HK_ID');
describe.skipIf(hk_idVectors === null)(`shared checksum-examples.jsonl, HK_ID (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = hk_idVectors ?? [];
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isHkId(value)).toBe(valid);
  });
});
