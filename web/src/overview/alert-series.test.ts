import { describe, expect, it } from 'vitest';
import type { Overview } from '../api/types';
import { alertSeries, dayRange, OTHER } from './alert-series';

const rows: Overview['alertsByDay'] = [
  { day: '2026-11-27', channel: 'print', severity: 'low', count: 2 },
  { day: '2026-11-27', channel: 'removable_media', severity: 'high', count: 1 },
  { day: '2026-11-29', channel: 'removable_media', severity: 'critical', count: 3 },
  { day: '2026-11-29', channel: 'share_link', severity: 'high', count: 1 },
];

describe('alert counts as chart series', () => {
  it('fills the days between the first and the last, across a month end', () => {
    expect(dayRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('splits by severity, most severe first, with zero days kept', () => {
    const s = alertSeries(rows, 'severity');
    expect(s.days).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
    expect(s.series.map((x) => x.key)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(s.series.find((x) => x.key === 'critical')!.values).toEqual([0, 0, 3]);
    expect(s.series.find((x) => x.key === 'high')!.values).toEqual([1, 0, 1]);
    expect(s.totals).toEqual([3, 0, 4]);
  });

  it('splits by channel, busiest first, folding the tail into "other"', () => {
    const s = alertSeries(rows, 'channel', 2);
    expect(s.series.map((x) => x.key)).toEqual(['removable_media', OTHER]);
    expect(s.series[1]!.values).toEqual([2, 0, 1]);
    expect(s.totals).toEqual([3, 0, 4]);
    expect(alertSeries(rows, 'channel').series.map((x) => x.key)).toEqual(['removable_media', 'print', 'share_link']);
  });

  it('is empty without alerts', () => {
    expect(alertSeries([], 'severity')).toEqual({ days: [], series: [], totals: [] });
  });
});
