import { describe, expect, it } from 'vitest';
import { storeWith, type Brief } from '../test-support.js';
import { detectChanges, monthlyTrends } from './monthly-trends.js';

const months = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);

describe('change detection on a monthly series', () => {
  it('flags a month far above its trailing 12-month baseline, and one far below', () => {
    const counts = [10, 9, 11, 10, 10, 9, 11, 10, 10, 9, 11, 10, 30, 10, 0];
    const changes = detectChanges(counts, months(counts.length));
    expect(changes.map((c) => [c.month, c.direction])).toEqual([
      ['m12', 'rise'],
      ['m14', 'fall'],
    ]);
    expect(changes[0]!.baseline).toBe(10);
    // P(X ≥ 30 | Poisson(10)) = scipy.stats.poisson.sf(29, 10) (scipy 1.17).
    expect(changes[0]!.pValue).toBeCloseTo(2.509951201527959e-7, 15);
  });

  it('does not test months without enough history or events', () => {
    expect(detectChanges([0, 0, 9], months(3))).toEqual([]);
    expect(detectChanges([0, 0, 0, 0, 0, 0, 0, 0, 4], months(9))).toEqual([]);
  });

  it('leaves ordinary Poisson noise alone', () => {
    const counts = [12, 8, 10, 11, 9, 13, 7, 10, 12, 9, 11, 10, 14, 6, 11];
    expect(detectChanges(counts, months(counts.length))).toEqual([]);
  });
});

describe('monthly series over incidents', () => {
  it('counts by month with zeros filled, per dimension, and sets undated incidents apart', async () => {
    const briefs: Brief[] = [{ date: '2019-01-05', action: 'error' }, { date: '2019-01-20' }, { date: '2019-03-02' }, { date: '2019' }];
    const { store } = await storeWith(briefs);
    const t = monthlyTrends(await store.factColumns({}), { dimensions: ['cause'] });
    expect(t.months).toEqual(['2019-01', '2019-02', '2019-03']);
    expect(t.undated).toBe(1);
    expect(t.series.find((s) => s.dimension === 'all')!.counts).toEqual([2, 0, 1]);
    expect(t.series.filter((s) => s.dimension === 'cause').map((s) => [s.key, s.counts])).toEqual([
      ['accidental', [1, 0, 0]],
      ['external', [1, 0, 1]],
    ]);
  });
});
