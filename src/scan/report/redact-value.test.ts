import { describe, expect, it } from 'vitest';
import { fingerprint, normaliseValue, redactPreview, replacement } from './redact-value.js';

describe('redactPreview', () => {
  it.each([
    ['11010519491231002X', 'pii', '1101**********002X'],
    ['138 1234 5678', 'pii', '13* **** **78'],
    ['AKIAZ7EXAMPLE4KEY123', 'secret', 'AKIA**************23'],
    ['abc', 'pii', '***'],
    ['zhang.san@example.com', 'pii', 'zhan*.***@******e.com'],
  ] as const)('shows %s as %s', (value, category, preview) => {
    expect(redactPreview(value, category)).toBe(preview);
  });

  it('never shows more than a quarter of a value on each side', () => {
    const v = 'ABCDEFGH';
    expect(redactPreview(v, 'pii')).toBe('AB****GH');
  });

  it('puts multi-line values on one line and shortens very long ones', () => {
    const key = '-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(500) + '\n-----END PRIVATE KEY-----';
    const p = redactPreview(key, 'secret');
    expect(p).not.toContain('\n');
    expect(p.length).toBeLessThanOrEqual(80);
    expect(p.replace(/[^A]/g, '').length).toBeLessThan(10);
  });
});

describe('fingerprint', () => {
  it('is stable for one salt and differs between salts', () => {
    expect(fingerprint('salt-one', 'cn_mobile', '13812345678')).toBe(fingerprint('salt-one', 'cn_mobile', '13812345678'));
    expect(fingerprint('salt-one', 'cn_mobile', '13812345678')).not.toBe(fingerprint('salt-two', 'cn_mobile', '13812345678'));
  });

  it('ignores formatting so one number has one fingerprint', () => {
    expect(fingerprint('s', 'cn_mobile', '138 1234 5678')).toBe(fingerprint('s', 'cn_mobile', '13812345678'));
    expect(normaliseValue('cn_resident_id', '11010519491231002x')).toBe('11010519491231002X');
  });

  it('does not contain the value', () => {
    const fp = fingerprint('s', 'cn_mobile', '13812345678');
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    expect(fp).not.toContain('13812345678');
  });
});

describe('replacement', () => {
  it.each([
    ['mask', '138-1234-5678', '***-****-****'],
    ['tag', '138-1234-5678', '<cn_mobile>'],
  ] as const)('%s mode', (mode, value, out) => {
    expect(replacement(mode, 'cn_mobile', value, 's')).toBe(out);
  });

  it('hash mode gives a short salted hash with the type', () => {
    expect(replacement('hash', 'cn_mobile', '13812345678', 's')).toMatch(/^<cn_mobile:[0-9a-f]{12}>$/);
  });
});
