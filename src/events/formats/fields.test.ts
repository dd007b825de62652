import { describe, expect, it } from 'vitest';
import { canonicalJson, domainOf, get, hashId, parseTime, str, vendorId } from './fields.js';

describe('event times', () => {
  it.each([
    ['2024-07-31T13:06:24Z', Date.UTC(2024, 6, 31, 13, 6, 24)],
    ['2020-02-07T16:44:07', Date.UTC(2020, 1, 7, 16, 44, 7)], // M365: no zone means UTC
    ['2021-08-02T13:32:07.0000000Z', Date.UTC(2021, 7, 2, 13, 32, 7)],
    ['2022-12-12 22:19:00', Date.UTC(2022, 11, 12, 22, 19, 0)], // Panther
    ['2022-12-11 02:57:48.693000000', Date.UTC(2022, 11, 11, 2, 57, 48, 693)],
    ['2021-10-27 10:34:49.837376', Date.UTC(2021, 9, 27, 10, 34, 49, 837)],
    ['2024-01-15T10:30:00+08:00', Date.UTC(2024, 0, 15, 2, 30, 0)],
    ['[01/Nov/2020:10:43:07 +0000]', Date.UTC(2020, 10, 1, 10, 43, 7)],
    ['01/Nov/2020:10:43:07 -0500', Date.UTC(2020, 10, 1, 15, 43, 7)],
    ['1/15/2024 10:30:00 PM', Date.UTC(2024, 0, 15, 22, 30, 0)],
    [1604996384.965, 1604996384965],
    [1604996384965, 1604996384965],
    ['1604996384', 1604996384000],
  ])('reads %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it('says undefined when absent and NaN when unreadable', () => {
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(parseTime('redacted')).toBeNaN();
    expect(parseTime('...')).toBeNaN();
    expect(parseTime('2024-13-45T99:00:00Z')).toBeNaN();
    expect(parseTime({})).toBeNaN();
  });
});

describe('field access', () => {
  it('matches keys exactly first, then in lower case', () => {
    expect(get({ eventName: 'A', eventname: 'B' }, 'eventName')).toBe('A');
    expect(get({ eventname: 'B' }, 'eventName')).toBe('B');
    expect(get('not an object', 'x')).toBeUndefined();
    expect(get(null, 'x')).toBeUndefined();
  });

  it('treats placeholders as empty', () => {
    expect(str('-')).toBeUndefined();
    expect(str('')).toBeUndefined();
    expect(str(12)).toBe('12');
    expect(str({})).toBeUndefined();
  });

  it('takes the domain of an address, lower-cased', () => {
    expect(domainOf('Peter.Griffin@FamilyGuy.com')).toBe('familyguy.com');
    expect(domainOf('nobody')).toBeUndefined();
  });

  it('keeps only vendor ids long enough to be real', () => {
    expect(vendorId('1')).toBeUndefined();
    expect(vendorId('2f4c5a1e-7b3d-4e8f')).toBe('2f4c5a1e-7b3d-4e8f');
  });

  it('hashes the same record the same way however it is formatted', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(hashId('cloudtrail', { b: 1, a: 2 })).toBe(hashId('cloudtrail', { a: 2, b: 1 }));
    expect(hashId('cloudtrail', { a: 1 })).toMatch(/^cloudtrail:sha256:[0-9a-f]{64}$/);
  });
});
