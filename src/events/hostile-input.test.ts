// Every parser fed hostile input: wrong types where vendors put objects,
// deep nesting, huge numbers, random bytes. Each record is either events or a
// coded rejection; nothing escapes as a raw SyntaxError or TypeError.
import { describe, expect, it } from 'vitest';
import type { SourceFormat } from './data-event.js';
import { parseRecord, parseText } from './parse.js';
import { validateMapping } from './formats/jsonl-mapping.js';

const FORMATS: SourceFormat[] = ['cloudtrail', 's3access', 'm365', 'gworkspace', 'okta', 'entra', 'auditd', 'windows', 'jsonl'];
const mapping = validateMapping({ time: 'a.b', action: 'op', channel: { field: 'c' }, actor: { user: 'u' }, attributes: { x: 'x' } });

/** A small seeded PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WEIRD: unknown[] = [null, undefined, 0, -1, 1e308, Number.NaN, '', '-', 'x'.repeat(10_000), '\u0000\uffff', true, [], [null], {}, { toString: 'x' }, { __proto__: { polluted: 1 } }, [[[[[]]]]], '2026-13-99T99:99:99Z', '{"a":', '{}'];
const KEYS = [
  'eventName', 'eventTime', 'eventSource', 'userIdentity', 'requestParameters', 'responseElements', 'additionalEventData', 'eventID', 'Operation', 'CreationTime', 'Parameters', 'ModifiedProperties', 'Target', 'ExtendedProperties', 'AuditData', 'RawEventData',
  'UserId', 'id', 'actor', 'events', 'parameters', 'kind', 'eventType', 'published', 'client', 'target', 'outcome', 'uuid', 'activityDisplayName', 'initiatedBy', 'targetResources', 'OperationName', 'InitiatedBy', 'TargetResources',
  'createdDateTime', 'userPrincipalName', 'appDisplayName', 'status', 'location', 'System', 'Event', 'EventData', 'winlog', 'EventID', 'Channel', 'Hostname', 'EventTime', 'SyslogMessage', 'operation', 'bucket', 'time', 'op', 'c', 'u', 'a',
];

function hostile(r: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth > 3 || r() < 0.4) return pick(WEIRD);
  if (r() < 0.3) return Array.from({ length: Math.floor(r() * 4) }, () => hostile(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(r() * 6); i++) o[pick(KEYS)] = hostile(r, depth + 1);
  return o;
}

function deep(n: number): unknown {
  let v: unknown = { eventName: 'GetObject' };
  for (let i = 0; i < n; i++) v = { requestParameters: v, events: [v] };
  return v;
}

describe('every parser on hostile records', () => {
  it.each(FORMATS)('%s returns events or a coded error for 2,000 random records, never throws', (format) => {
    const r = rng(FORMATS.indexOf(format) + 1);
    for (let i = 0; i < 2000; i++) {
      const record = hostile(r);
      let result;
      expect(() => (result = parseRecord(format, record, { mapping, ingestTime: 1_768_377_600_000 }))).not.toThrow();
      const res = result as unknown as ReturnType<typeof parseRecord>;
      if (res.error) {
        expect(res.error.code).toMatch(/^EVENTS_[A-Z_]+$/);
        // A parser that is total rejects with its own words, not with a runtime error's.
        expect(res.error.reason).not.toMatch(/Cannot read|is not a function|is not iterable|Maximum call stack|Cannot convert|Invalid time value/);
      }
      for (const e of res.events) {
        expect(typeof e.id).toBe('string');
        expect(Number.isFinite(e.time)).toBe(true);
        expect(typeof e.action).toBe('string');
      }
    }
  });

  it.each(FORMATS)('%s survives deep nesting and text records', (format) => {
    const d = parseRecord(format, deep(5000), { mapping });
    expect(d.error?.reason ?? '').not.toMatch(/Maximum call stack|Cannot read|is not a function/);
    expect(() => parseRecord(format, 'type=SYSCALL msg=audit(1:2): a=\'unclosed "x', { mapping })).not.toThrow();
    expect(() => parseRecord(format, 'a b [01/Xyz/2020:10:43:07 +0000] c d e f g "h', { mapping })).not.toThrow();
  });

  it('reads random bytes and broken documents as dead letters, never a crash', async () => {
    const r = rng(99);
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.alloc(1 + Math.floor(r() * 2000));
      for (let k = 0; k < bytes.length; k++) bytes[k] = r() < 0.7 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 256);
      const out = await parseText(bytes);
      for (const d of out.deadLetters) expect(d.code).toMatch(/^EVENTS_/);
    }
    for (const text of ['{"Records":[{"eventName":', '[1,2,3]', '{"Records":"nope"}', ']]]', '{"a":1}{"b":', 'type=SYSCALL msg=audit(', '\uFEFF[{"eventName":"x","eventTime":"y"}]']) {
      const out = await parseText(text);
      expect(out.events.length + out.deadLetters.length).toBeGreaterThan(0);
      for (const d of out.deadLetters) expect(d.code).toMatch(/^EVENTS_/);
    }
  });
});
