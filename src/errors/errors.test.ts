import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ERROR_CATALOGUE, LeakwatchError, errorsMarkdown, isLeakwatchError, type ErrorCode } from './index.js';

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Set([...docs.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!));
const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

describe('the error catalogue', () => {
  it('documents every code in docs/errors.md, and nothing else', () => {
    expect([...documented].sort()).toEqual([...codes].sort());
  });

  it('keeps docs/errors.md as `npm run docs` generates it', () => {
    expect(docs).toBe(errorsMarkdown());
  });

  it.each(codes)('%s has an HTTP status and a message, and its area as a prefix', (code) => {
    const e = ERROR_CATALOGUE[code];
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(600);
    expect(e.message.length).toBeGreaterThan(10);
    expect(code).toMatch(/^(SCAN|CLI|EVENTS|DETECT|STORE|LEDGER|AUTH|SERVER|INCIDENTS|ANALYTICS)_[A-Z_]+$/);
  });

  it('gives errors their code, status and default message', () => {
    const e = new LeakwatchError('SCAN_ARCHIVE_TOO_DEEP', undefined, { path: 'a.zip!b.zip' });
    expect(e.status).toBe(422);
    expect(e.message).toBe(ERROR_CATALOGUE.SCAN_ARCHIVE_TOO_DEEP.message);
    expect(isLeakwatchError(e, 'SCAN_ARCHIVE_TOO_DEEP')).toBe(true);
    expect(isLeakwatchError(e, 'SCAN_TIMEOUT')).toBe(false);
    expect(isLeakwatchError(new Error('x'))).toBe(false);
  });
});
