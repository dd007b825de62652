import { describe, expect, it } from 'vitest';
import type { Alert } from '../api/types';
import { filtersFromQuery, filtersToParams, matchesFilters, mergeLiveAlert, parseAlertMessage } from './alert-filters';
import { deviationRatio, readExplanation } from './explanation';

function alert(id: string, start: number, over: Partial<Alert> = {}): Alert {
  return {
    id,
    actor: 'ann@example.com',
    start,
    end: start + 60_000,
    severity: 'high',
    score: 70,
    channel: 'removable_media',
    detector: 'usb-bulk-copy',
    kind: 'rule',
    title: `alert ${id}`,
    reasons: [],
    explanation: null,
    evidence: [],
    status: 'open',
    createdAt: start,
    updatedAt: start,
    ...over,
  };
}

describe('alert filters in the address bar', () => {
  it('round-trip through the query string and drop unknown values', () => {
    const f = filtersFromQuery(new URLSearchParams('severity=high&status=open&channel=print&actor=%20bob%20&since=1700000000000&until=x&extra=1'));
    expect(f).toEqual({ severity: 'high', status: 'open', channel: 'print', actor: 'bob', since: 1_700_000_000_000 });
    expect(filtersFromQuery(new URLSearchParams('severity=urgent&status=gone'))).toEqual({});
    expect(filtersToParams(f)).toMatchObject({ severity: 'high', actor: 'bob', until: undefined });
  });

  it('match alerts the way the server filters them', () => {
    const a = alert('a', 1000);
    expect(matchesFilters(a, {})).toBe(true);
    expect(matchesFilters(a, { severity: 'low' })).toBe(false);
    expect(matchesFilters(a, { actor: 'bob' })).toBe(false);
    expect(matchesFilters(a, { since: 50_000 })).toBe(true); // overlaps: ends after since
    expect(matchesFilters(a, { since: 70_000 })).toBe(false);
    expect(matchesFilters(a, { until: 999 })).toBe(false);
  });
});

describe('an alert arriving live', () => {
  const list = [alert('c', 3000), alert('a', 1000)];

  it('takes its place in time order and counts as new', () => {
    const { list: next, added } = mergeLiveAlert(list, alert('b', 2000), {});
    expect(next.map((a) => a.id)).toEqual(['c', 'b', 'a']);
    expect(added).toBe(true);
    expect(mergeLiveAlert(list, alert('d', 4000), {}).list.map((a) => a.id)).toEqual(['d', 'c', 'a']);
  });

  it('is left out when the filters exclude it', () => {
    const r = mergeLiveAlert(list, alert('b', 2000, { severity: 'low' }), { severity: 'high' });
    expect(r.list).toBe(list);
    expect(r.added).toBe(false);
  });

  it('replaces an older version of itself, and ignores a stale one', () => {
    const acked = alert('a', 1000, { status: 'acknowledged', updatedAt: 5000 });
    const r = mergeLiveAlert(list, acked, {});
    expect(r.added).toBe(false);
    expect(r.list.find((a) => a.id === 'a')?.status).toBe('acknowledged');
    expect(mergeLiveAlert(r.list, alert('a', 1000, { updatedAt: 10 }), {}).list).toBe(r.list);
  });

  it('drops out when an update no longer matches the filters', () => {
    const closed = alert('a', 1000, { status: 'closed', updatedAt: 9000 });
    expect(mergeLiveAlert(list, closed, { status: 'open' }).list.map((a) => a.id)).toEqual(['c']);
  });

  it('is parsed defensively from the event stream', () => {
    expect(parseAlertMessage(JSON.stringify(alert('x', 1)))?.id).toBe('x');
    expect(parseAlertMessage('{"id": 3}')).toBeNull();
    expect(parseAlertMessage('not json')).toBeNull();
    expect(parseAlertMessage('null')).toBeNull();
  });
});

describe('an alert explanation', () => {
  it('reads a rule and deviating features, skipping malformed ones', () => {
    const e = readExplanation({
      rule: { id: 'usb-bulk', name: 'Bulk copy to USB', description: 'More than 1 GB in an hour' },
      features: [{ name: 'bytes_out', observed: 5e9, baseline: 1e8, peer: 2e8 }, { name: 'broken', observed: 'lots' }, null, { name: 'new_domains', observed: 4 }],
      hits: 3,
    });
    expect(e.rule).toEqual({ id: 'usb-bulk', name: 'Bulk copy to USB', description: 'More than 1 GB in an hour' });
    expect(e.features.map((f) => f.name)).toEqual(['bytes_out', 'new_domains']);
    expect(e.features[1]).toEqual({ name: 'new_domains', observed: 4, baseline: 0, peer: 0 });
  });

  it('survives anything', () => {
    for (const v of [null, undefined, 'text', 42, [], { rule: 'x', features: 'y' }]) expect(readExplanation(v)).toEqual({ rule: null, features: [] });
  });

  it('states how far a value left its baseline', () => {
    expect(deviationRatio({ name: 'x', observed: 50, baseline: 5, peer: 4 })).toBe(10);
    expect(deviationRatio({ name: 'x', observed: 3, baseline: 0, peer: 0 })).toBeNull();
    expect(deviationRatio({ name: 'x', observed: 0, baseline: 0, peer: 0 })).toBe(1);
  });
});
