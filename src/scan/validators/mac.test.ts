import { describe, expect, it } from 'vitest';
import { isMacAddress } from './mac.js';

describe('isMacAddress (EUI-48)', () => {
  it.each([
    ['00:1A:2B:3C:4D:5E', true, 'Presidio MAC tests'],
    ['0d-B3-4a-6A-d9-cF', true, 'Presidio MAC tests: mixed case, hyphens'],
    ['0012.3456.789A', true, 'Presidio MAC tests: Cisco dotted form'],
    ['10:2F:33-AC-29-C3', false, 'Presidio MAC tests: mixed separators'],
    ['FF:FF:FF:FF:FF:FF', false, 'Presidio MAC tests: broadcast'],
    ['00:00:00:00:00:00', false, 'Presidio MAC tests: all zero'],
    ['00:1A:2B:3C:4D', false, 'Presidio MAC tests: five octets'],
  ] as const)('%s → %s (%s)', (s, valid, _source) => {
    expect(isMacAddress(s)).toBe(valid);
  });
});
