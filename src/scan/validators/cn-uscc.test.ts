import { describe, expect, it } from 'vitest';
import { cnUsccCheckChar, isCnUscc, isOrgCode } from './cn-uscc.js';
import { SHARED_VECTORS_FILE, sharedVectors } from './shared-vectors.case.js';

describe('isCnUscc (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', true, 'GB 32100-2015 worked example body with its computed check character 3'],
    ['91350100M000100Y4Z', false, 'the worked example as printed: Z is outside the alphabet'],
    ['91110000600037341L', true, 'python-stdnum cn.uscc doctest, S = 538'],
    ['91110000600037341A', false, 'doctest value with the check character changed'],
    ['9111000060003734IL', false, 'own: I is not in the alphabet'],
    ['91AB0000600037341L', false, 'own: positions 3–8 must be digits'],
    ['91110000600037341', false, 'own: 17 characters'],
  ] as const)('%s → %s (%s)', (value, valid, _source) => {
    expect(isCnUscc(value)).toBe(valid);
  });

  it.each([
    ['91350100M000100Y4', '3', 'GB 32100-2015 worked example, S = 1640'],
    ['91110000600037341', 'L', 'python-stdnum doctest'],
    ['9135010OM000100Y4', null, 'own: O is outside the alphabet'],
  ] as const)('check character of %s is %s (%s)', (body, check, _source) => {
    expect(cnUsccCheckChar(body)).toBe(check);
  });
});

describe('isOrgCode (GB 11714-1997)', () => {
  it.each([
    ['600037341', true, 'organisation code inside the python-stdnum USCC doctest (CHECKSUMS.md §2)'],
    ['M000100Y4', true, 'organisation code inside the GB 32100-2015 worked example (CHECKSUMS.md §2)'],
    ['600037342', false, 'own: check character changed'],
    ['60003734', false, 'own: eight characters'],
  ] as const)('%s → %s (%s)', (code, valid, _source) => {
    expect(isOrgCode(code)).toBe(valid);
  });
});

const cn_usccVectors = sharedVectors('CN_USCC');
describe.skipIf(cn_usccVectors === null)(`shared checksum-examples.jsonl, CN_USCC (skipped when ${SHARED_VECTORS_FILE} is absent)`, () => {
  const vectors = cn_usccVectors ?? [];
  it.each(vectors.map((v) => [v.value, v.valid, v.source] as const))('%s → %s (%s)', (value, valid, _source) => {
    expect(isCnUscc(value)).toBe(valid);
  });
});
