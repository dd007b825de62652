import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../../errors/index.js';
import { storeWith, type Brief } from '../test-support.js';
import { parseWindowsSpec, windowMask, dayOf } from './calendar-windows.js';
import { analyseWindows } from './window-analysis.js';

describe('calendar windows', () => {
  it('parses fixed and yearly ranges, and refuses bad ones with ANALYTICS_WINDOWS_INVALID naming the problem', () => {
    const spec = parseWindowsSpec({
      period: { from: '2019-01-01', to: '2020-12-31' },
      windows: [
        { name: 'two-sessions', label: '全国两会', ranges: [['2019-03-03', '2019-03-15'], { from: '2020-05-21', to: '2020-05-28' }] },
        { name: 'new-year', yearly: [['12-25', '01-05']] },
      ],
    });
    expect(spec.windows.map((w) => [w.name, w.label, w.ranges.length, w.yearly.length])).toEqual([
      ['two-sessions', '全国两会', 2, 0],
      ['new-year', 'new-year', 0, 1],
    ]);
    for (const [input, message] of [
      [{ windows: [] }, /non-empty list/],
      [{ windows: [{ name: 'a', ranges: [['2019-02-30', '2019-03-01']] }] }, /YYYY-MM-DD/],
      [{ windows: [{ name: 'a', ranges: [['2019-03-02', '2019-03-01']] }] }, /is after/],
      [{ windows: [{ name: 'a', yearly: [['13-01', '12-01']] }] }, /MM-DD/],
      [{ windows: [{ name: 'a', ranges: [['2019-01-01', '2019-01-02']] }, { name: 'a', ranges: [['2019-01-01', '2019-01-02']] }] }, /used twice/],
      [{ windows: [{ name: 'a' }] }, /at least one range/],
    ] as const) {
      try {
        parseWindowsSpec(input);
        expect.unreachable('accepted');
      } catch (err) {
        expect(isLeakwatchError(err, 'ANALYTICS_WINDOWS_INVALID')).toBe(true);
        expect((err as Error).message).toMatch(message);
      }
    }
  });

  it('marks yearly ranges across the new year in every year of the period', () => {
    const first = dayOf('2019-01-01')!;
    const mask = windowMask({ name: 'x', label: 'x', ranges: [], yearly: [{ from: '12-25', to: '01-05' }] }, first, dayOf('2020-12-31')!);
    const days = [...mask.entries()].filter(([, v]) => v).map(([i]) => i);
    expect(days.length).toBe(5 + 12 + 7);
    expect(days[0]).toBe(0);
    expect(days.at(-1)).toBe(dayOf('2020-12-31')! - first);
  });
});

describe('incident rates inside vs outside a window', () => {
  // 2019: 365 days; a 73-day window (20%) holding 40 of 100 dated incidents.
  const briefs: Brief[] = [];
  for (let i = 0; i < 40; i++) briefs.push({ date: `2019-03-${String(1 + (i % 28)).padStart(2, '0')}`, action: i < 30 ? 'hacking' : 'error' });
  for (let i = 0; i < 60; i++) briefs.push({ date: `2019-${String(7 + (i % 6)).padStart(2, '0')}-10`, action: i < 30 ? 'hacking' : 'error' });
  briefs.push({ date: '2019-05', action: 'misuse' });

  it('gives the rate ratio with its exact interval and p-value, overall and per category', async () => {
    const { store } = await storeWith(briefs);
    const spec = parseWindowsSpec({ period: { from: '2019-01-01', to: '2019-12-31' }, windows: [{ name: 'spring', ranges: [['2019-03-01', '2019-05-12']] }] });
    const a = analyseWindows(await store.factColumns({}), spec, ['action']);
    expect(a.period).toEqual({ from: '2019-01-01', to: '2019-12-31', days: 365 });
    expect(a.undated).toBe(1);
    const [w] = a.windows;
    expect([w!.daysInside, w!.daysOutside]).toEqual([73, 292]);
    expect([w!.overall.inside, w!.overall.outside]).toEqual([40, 60]);
    // (40/73)/(60/292) = 8/3. Interval and p-value: scipy 1.17 binomtest(40, 100, 73/365),
    // Clopper–Pearson mapped to the ratio (what R's poisson.test(c(40, 60), c(73, 292)) computes).
    expect(w!.overall.rateRatio).toBeCloseTo(8 / 3, 10);
    expect(w!.overall.interval!.low).toBeCloseTo(1.7413089787665745, 8);
    expect(w!.overall.interval!.high).toBeCloseTo(4.044904235174207, 8);
    expect(w!.overall.pValue).toBeCloseTo(4.191407079592953e-6, 12);
    const hacking = w!.byCategory.find((c) => c.key === 'hacking')!;
    expect([hacking.inside, hacking.outside]).toEqual([30, 30]);
    expect(hacking.rateRatio).toBeCloseTo(4, 10);
    expect(hacking.pHolm).toBeGreaterThanOrEqual(hacking.pValue);
    const error = w!.byCategory.find((c) => c.key === 'error')!;
    expect([error.inside, error.outside]).toEqual([10, 30]);
  });

  it('refuses a window that covers none of the period', async () => {
    const { store } = await storeWith(briefs);
    const spec = parseWindowsSpec({ period: { from: '2019-01-01', to: '2019-12-31' }, windows: [{ name: 'later', ranges: [['2021-01-01', '2021-01-02']] }] });
    try {
      analyseWindows(await store.factColumns({}), spec);
      expect.unreachable('analysed');
    } catch (err) {
      expect(isLeakwatchError(err, 'ANALYTICS_WINDOWS_INVALID')).toBe(true);
    }
  });
});
