import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeakwatchError } from '../../errors/index.js';
import { loadConfigFile, parseConfig } from './load-config.js';
import { buildAllowList, buildDetectors } from './detector-set.js';
import { NAMED_VALIDATORS } from './named-validators.js';

function error(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (isLeakwatchError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected an error');
}

describe('parseConfig', () => {
  it('reads limits, exclusions, allow entries and custom detectors', () => {
    const c = parseConfig({
      minConfidence: 'medium',
      exclude: ['*.min.js'],
      limits: { maxArchiveDepth: 2 },
      allow: [{ value: 'tok_abc', reason: 'test fixture' }],
      detectors: { disable: ['ipv4'], custom: [{ id: 'employee_id', category: 'pii', pipl: 'personal', pattern: 'EMP-[0-9]{6}', anchors: ['EMP-'], keywords: ['工号'] }] },
    });
    expect(c.minConfidence).toBe('medium');
    expect(c.limits).toEqual({ maxArchiveDepth: 2 });
    expect(c.custom?.[0]?.id).toBe('employee_id');
    expect(c.disable).toEqual(['ipv4']);
  });

  it.each([
    [{ minConfidence: 'very' }, 'minConfidence'],
    [{ limits: { maxCats: 3 } }, 'limits.maxCats'],
    [{ limits: { maxArchiveDepth: -1 } }, 'limits.maxArchiveDepth'],
    [{ allow: [{ value: 'x' }] }, 'allow[0].reason'],
    [{ allow: [{ reason: 'because' }] }, 'allow[0]'],
    [{ detectors: { custom: [{ id: 'Bad Id', pattern: 'x' }] } }, 'detectors.custom[0].id'],
    [{ surprise: true }, 'surprise'],
  ])('rejects %j naming %s', (json, field) => {
    const e = error(() => parseConfig(json, 'leakwatch.config.json'));
    expect(e.code).toBe('SCAN_CONFIG_INVALID');
    expect(e.message).toContain(field);
    expect(e.message).toContain('leakwatch.config.json');
  });

  it('rejects a custom detector whose pattern does not compile', () => {
    const e = error(() => parseConfig({ detectors: { custom: [{ id: 'broken', pattern: '([a-z' }] } }));
    expect(e.code).toBe('SCAN_DETECTOR_INVALID');
  });
});

describe('loadConfigFile', () => {
  it('names the file when the JSON is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-config-'));
    try {
      const p = join(dir, 'leakwatch.config.json');
      await writeFile(p, '{"minConfidence": ');
      await expect(loadConfigFile(p)).rejects.toMatchObject({ code: 'SCAN_CONFIG_INVALID', message: expect.stringContaining(p) });
      await expect(loadConfigFile(join(dir, 'missing.json'), true)).resolves.toEqual({});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('buildDetectors', () => {
  it('adds custom detectors and honours disable and only', () => {
    const custom = [{ id: 'employee_id', category: 'pii' as const, pipl: 'personal' as const, pattern: 'EMP-[0-9]{6}' }];
    const all = buildDetectors({ disable: [], only: [], custom });
    expect(all.at(-1)?.id).toBe('employee_id');
    expect(buildDetectors({ disable: [], only: ['employee_id'], custom }).map((d) => d.id)).toEqual(['employee_id']);
    expect(buildDetectors({ disable: ['employee_id'], only: [], custom }).some((d) => d.id === 'employee_id')).toBe(false);
  });

  it('runs a named validator on custom matches', () => {
    const [d] = buildDetectors({ disable: [], only: ['card_ref'], custom: [{ id: 'card_ref', category: 'pii', pipl: null, pattern: 'C(?<value>[0-9]{16})', validator: 'luhn' }] });
    expect(d?.validate?.('4111111111111111', [] as unknown as RegExpExecArray)).toBe(true);
    expect(d?.validate?.('4111111111111112', [] as unknown as RegExpExecArray)).toBe(false);
  });

  it.each(Object.keys(NAMED_VALIDATORS))('named validator %s rejects garbage without throwing', (name) => {
    expect(NAMED_VALIDATORS[name]!('x-not-a-value-x')).toBe(false);
  });

  it('refuses unknown ids and unknown validators', () => {
    expect(error(() => buildDetectors({ disable: ['no_such_type'], only: [], custom: [] })).code).toBe('SCAN_CONFIG_INVALID');
    expect(error(() => buildDetectors({ disable: [], only: [], custom: [{ id: 'x_id', category: 'pii', pipl: null, pattern: 'x', validator: 'nope' }] })).code).toBe('SCAN_DETECTOR_INVALID');
  });
});

describe('buildAllowList', () => {
  const allow = buildAllowList(
    [
      { value: 'tok_abc', reason: 'fixture' },
      { type: 'email', pattern: '.*@example\\.com', reason: 'documentation domain' },
      { path: 'test/fixtures/**', reason: 'fixtures' },
    ],
    'salt',
  );
  it('allows exact values, patterns per type and paths', () => {
    expect(allow.value('any', 'tok_abc')).toBe(true);
    expect(allow.value('email', 'a@example.com')).toBe(true);
    expect(allow.value('email', 'a@example.org')).toBe(false);
    expect(allow.value('cn_mobile', 'a@example.com')).toBe(false);
    expect(allow.path('test/fixtures/a.txt', 'email')).toBe(true);
    expect(allow.path('./test/fixtures/x.zip!inner.txt', 'email')).toBe(true);
    expect(allow.path('src/a.txt', 'email')).toBe(false);
  });
});
