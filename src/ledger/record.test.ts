import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, normaliseRecord } from './record.js';
import { thrownCode as code } from '../../test/support/error-code.js';

const NOW = () => new Date('2026-01-31T09:30:00.000Z');

describe('ledger records', () => {
  it('become the canonical JSON of exactly kind, at, actor, subject and data', () => {
    const r = normaliseRecord({ subject: 'alert:9', actor: 'u:42', kind: 'evidence.viewed', data: { why: 'triage', b: 1, a: 2 } }, NOW);
    expect(encodeRecord(r).toString()).toBe('{"actor":"u:42","at":"2026-01-31T09:30:00.000Z","data":{"a":2,"b":1,"why":"triage"},"kind":"evidence.viewed","subject":"alert:9"}');
  });

  it('hash the same whatever the order their fields arrive in', () => {
    const a = encodeRecord(normaliseRecord({ kind: 'k', at: '2026-01-01T00:00:00Z', actor: 'a', subject: 's', data: { x: [1, 2] } }));
    const b = encodeRecord(normaliseRecord({ data: { x: [1, 2] }, subject: 's', actor: 'a', at: '2026-01-01T00:00:00Z', kind: 'k' }));
    expect(a).toEqual(b);
  });

  it('fill data with {} and at with now, and take a Date for at', () => {
    expect(normaliseRecord({ kind: 'k', actor: 'a', subject: 's' }, NOW)).toEqual({ kind: 'k', at: '2026-01-31T09:30:00.000Z', actor: 'a', subject: 's', data: {} });
    expect(normaliseRecord({ kind: 'k', actor: 'a', subject: 's', at: new Date(0) }).at).toBe('1970-01-01T00:00:00.000Z');
  });

  it.each([
    ['a non-object', 'text'],
    ['an array', []],
    ['null', null],
    ['a missing kind', { actor: 'a', subject: 's' }],
    ['an empty actor', { kind: 'k', actor: '', subject: 's' }],
    ['a numeric subject', { kind: 'k', actor: 'a', subject: 1 }],
    ['an unknown field', { kind: 'k', actor: 'a', subject: 's', extra: 1 }],
    ['a bad timestamp', { kind: 'k', actor: 'a', subject: 's', at: 'yesterday' }],
    ['a timestamp without zone', { kind: 'k', actor: 'a', subject: 's', at: '2026-01-01T00:00:00' }],
    ['a kind of 2,000 characters', { kind: 'k'.repeat(2000), actor: 'a', subject: 's' }],
  ])('refuse %s with LEDGER_RECORD_INVALID', (_what, input) => {
    expect(code(() => normaliseRecord(input))).toBe('LEDGER_RECORD_INVALID');
  });

  it('refuse a record over 65,535 bytes with LEDGER_ENTRY_TOO_LARGE', () => {
    expect(code(() => encodeRecord(normaliseRecord({ kind: 'k', actor: 'a', subject: 's', data: { blob: 'x'.repeat(70000) } })))).toBe('LEDGER_ENTRY_TOO_LARGE');
  });

  it('decode back from entry bytes, and refuse entries that are not records', () => {
    const r = normaliseRecord({ kind: 'k', actor: 'a', subject: 's', data: { n: 1 } }, NOW);
    expect(decodeRecord(encodeRecord(r))).toEqual(r);
    expect(code(() => decodeRecord(Buffer.from('{"kind":"k"')))).toBe('LEDGER_RECORD_INVALID');
    expect(code(() => decodeRecord(Buffer.from('{"kind":"k","actor":"a","subject":"s"}')))).toBe('LEDGER_RECORD_INVALID');
  });
});
