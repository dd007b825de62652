import { describe, expect, it } from 'vitest';
import { lowerAscii, runDetector, type Detector } from '../detector.js';
import { PII_DETECTORS } from './index.js';

const PIPL: Readonly<Record<string, Detector['pipl']>> = {
  cn_resident_id: 'sensitive_personal', cn_passport: 'sensitive_personal', hk_id: 'sensitive_personal', mo_id: 'sensitive_personal',
  tw_id: 'sensitive_personal', cn_bank_card: 'sensitive_personal', credit_card: 'sensitive_personal', iban: 'sensitive_personal',
  us_ssn: 'sensitive_personal',
  cn_mobile: 'personal', cn_landline: 'personal', cn_license_plate: 'personal', email: 'personal', phone_number: 'personal',
  ipv4: 'personal', ipv6: 'personal', mac_address: 'personal', imei: 'personal', vin: 'personal',
  cn_uscc: null,
};

/** The example in the context its detector needs: a keyword or the anchor that the pattern itself contains. */
function exampleText(d: Detector): string {
  return d.requireKeyword || d.pattern.source.includes('(?<value>') ? `${d.anchors[0] ?? ''} ${d.example}` : `x ${d.example} y`;
}

const label = (d: Detector): string => `${d.id} (${d.description})`;

describe('PII_DETECTORS', () => {
  it('covers exactly the documented type ids', () => {
    expect([...new Set(PII_DETECTORS.map((d) => d.id))].sort()).toEqual(Object.keys(PIPL).sort());
  });

  it.each(PII_DETECTORS.map((d) => [label(d), d] as const))('%s has its PIPL class, category, texts and bilingual keywords', (_l, d) => {
    expect(d.category).toBe('pii');
    expect(d.pipl).toBe(PIPL[d.id]);
    expect(d.validation.length).toBeGreaterThan(10);
    expect(d.pattern.flags).toContain('g');
    const keywords = d.keywords ?? [];
    expect(keywords.some((k) => /[\u4e00-\u9fff]/.test(k))).toBe(true);
    expect(keywords.some((k) => /^[a-z0-9 #_-]+$/.test(k))).toBe(true);
    for (const k of keywords) expect(k).toBe(lowerAscii(k));
  });

  it.each(PII_DETECTORS.map((d) => [label(d), d] as const))('%s finds its own example', (_l, d) => {
    expect(runDetector(d, exampleText(d)).map((m) => m.value)).toEqual([d.example]);
  });

  it.each(PII_DETECTORS.filter((d) => d.requireKeyword).map((d) => [label(d), d] as const))('%s is anchored on every keyword it requires', (_l, d) => {
    // The engine runs it only around anchors, so a keyword that is no anchor would lose matches.
    expect([...(d.keywords ?? [])].sort()).toEqual([...d.anchors].sort());
  });

  it.each(PII_DETECTORS.map((d) => [label(d), d] as const))('%s shares no match with another detector of its type', (_l, d) => {
    const text = exampleText(d);
    const others = PII_DETECTORS.filter((o) => o !== d && o.id === d.id);
    for (const o of others) expect(runDetector(o, text)).toEqual([]);
  });
});

describe('when the input is built to make regular expressions backtrack', () => {
  const inputs: readonly (readonly [string, string])[] = [
    ['digits', '1'.repeat(200_000)],
    ['digit groups', '1234 '.repeat(40_000)],
    ['hex and colons', 'ab:'.repeat(70_000)],
    ['colons', ':'.repeat(200_000)],
    ['letters and digits', 'A1'.repeat(100_000)],
    ['local parts', `${'a.'.repeat(100_000)}@`],
    ['plus and digits', '+1 '.repeat(70_000)],
    ['hyphenated digits', '12-'.repeat(70_000)],
  ];

  it.each(inputs)('every detector scans 200k characters of %s quickly', (_name, text) => {
    for (const d of PII_DETECTORS) {
      const t0 = performance.now();
      runDetector(d, text);
      // Linear patterns take a few milliseconds here; catastrophic ones take minutes.
      expect(performance.now() - t0, d.id).toBeLessThan(2_000);
    }
  });
});
