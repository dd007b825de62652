import { describe, expect, it } from 'vitest';
import { isTwId } from './tw-id.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

describe('isTwId', () => {
  it.each([
    ['A123456789', true, 'widely used example, total 130 (CHECKSUMS.md §4)'],
    ['A800000014', true, 'validid README: resident certificate, 2021 format'],
    ['AB12345677', true, 'validid README: resident certificate, legacy letter format'],
    ['A123456780', false, 'the first example with the check digit changed, total 121'],
    ['A323456789', false, 'own: 3 is no sex/category code'],
    ['a123456789', false, 'own: lower-case region letter'],
    ['A12345678', false, 'own: nine characters'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isTwId(value)).toBe(valid);
  });
});

const tw_idVectors = sharedVectors('TW_ID');
describe.skipIf(tw_idVectors === null)(`shared checksum-examples.jsonl, TW_ID (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = tw_idVectors ?? [];
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isTwId(value)).toBe(valid);
  });
});
