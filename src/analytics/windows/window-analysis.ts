// Incident rates inside vs outside calendar windows, overall and per category:
// the rate ratio with its exact conditional-binomial interval and p-value
// (stats/exact-tests.ts), and Holm-adjusted p-values across a window's
// categories. Exposure is counted in days of the observation period; only
// incidents dated to the day can be placed and the rest are reported as undated.
import type { IncidentFactColumns } from '../../store/index.js';
import { DIMENSIONS, MAX_VALUES, type DimensionName } from '../dimensions.js';
import { compareRates, holm, type Interval } from '../stats/exact-tests.js';
import { dateOf, dayOf, windowMask, type CalendarWindow, type WindowsSpec } from './calendar-windows.js';
import { LeakwatchError } from '../../errors/index.js';

export const DEFAULT_WINDOW_DIMENSIONS: readonly DimensionName[] = ['action', 'cause', 'channel', 'industry'];

export interface RateCell {
  readonly inside: number;
  readonly outside: number;
  /** Incidents per day inside and outside, with Garwood 95% intervals. */
  readonly rateInside: number;
  readonly rateOutside: number;
  readonly rateInsideInterval: Interval;
  readonly rateOutsideInterval: Interval;
  /** null when no incident fell in the period; Infinity (JSON: "Infinity") when none fell outside. */
  readonly rateRatio: number | null;
  readonly interval: Interval | null;
  readonly pValue: number;
}

export interface CategoryRate extends RateCell {
  readonly dimension: DimensionName;
  readonly key: string;
  /** Holm-adjusted across this window's categories. */
  readonly pHolm: number;
}

export interface WindowResult {
  readonly name: string;
  readonly label: string;
  readonly daysInside: number;
  readonly daysOutside: number;
  readonly overall: RateCell;
  readonly byCategory: CategoryRate[];
}

export interface WindowAnalysis {
  readonly period: { readonly from: string; readonly to: string; readonly days: number };
  /** Incidents without a full date (year, month and day), which cannot be placed in a window. */
  readonly undated: number;
  /** Dated incidents outside the observation period. */
  readonly outsidePeriod: number;
  readonly method: string;
  readonly windows: WindowResult[];
}

function cell(x1: number, t1: number, x0: number, t0: number): RateCell {
  const c = compareRates(x1, t1, x0, t0);
  return {
    inside: x1,
    outside: x0,
    rateInside: c.inside.rate,
    rateOutside: c.outside.rate,
    rateInsideInterval: c.inside.interval,
    rateOutsideInterval: c.outside.interval,
    rateRatio: c.rateRatio,
    interval: c.interval,
    pValue: c.pValue,
  };
}

/** Compares incident rates inside and outside each window. */
export function analyseWindows(f: IncidentFactColumns, spec: WindowsSpec, dimensions: readonly DimensionName[] = DEFAULT_WINDOW_DIMENSIONS): WindowAnalysis {
  const day = new Int32Array(f.n);
  let undated = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < f.n; i++) {
    const y = f.year[i]!;
    const m = f.month[i]!;
    const d = f.day[i]!;
    if (!y || !m || !d) {
      day[i] = -2147483648;
      undated++;
      continue;
    }
    const t = Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
    day[i] = t;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const first = spec.period ? dayOf(spec.period.from)! : lo;
  const last = spec.period ? dayOf(spec.period.to)! : hi;
  if (!Number.isFinite(first) || !Number.isFinite(last)) {
    throw new LeakwatchError('ANALYTICS_WINDOWS_INVALID', 'no incident is dated to the day, so there is no observation period; give one as "period"');
  }
  const days = last - first + 1;
  const dims = dimensions.map((d) => DIMENSIONS[d]);
  const scratch = new Int32Array(MAX_VALUES);
  let outsidePeriod = 0;
  for (let i = 0; i < f.n; i++) if (day[i]! !== -2147483648 && (day[i]! < first || day[i]! > last)) outsidePeriod++;

  const windows = spec.windows.map((w: CalendarWindow): WindowResult => {
    const mask = windowMask(w, first, last);
    let t1 = 0;
    for (const v of mask) t1 += v;
    const t0 = days - t1;
    if (t1 === 0 || t0 === 0) {
      throw new LeakwatchError('ANALYTICS_WINDOWS_INVALID', `window ${w.name} covers ${t1 === 0 ? 'none' : 'all'} of the period ${dateOf(first)}..${dateOf(last)}`);
    }
    let x1 = 0;
    let x0 = 0;
    const cin = dims.map((d) => new Float64Array(d.size));
    const cout = dims.map((d) => new Float64Array(d.size));
    for (let i = 0; i < f.n; i++) {
      const t = day[i]!;
      if (t < first || t > last) continue;
      const inside = mask[t - first] === 1;
      if (inside) x1++;
      else x0++;
      for (let k = 0; k < dims.length; k++) {
        const c = dims[k]!.values(f, i, scratch);
        const target = inside ? cin[k]! : cout[k]!;
        for (let v = 0; v < c; v++) target[scratch[v]!]!++;
      }
    }
    const cats: Array<Omit<CategoryRate, 'pHolm'>> = [];
    dims.forEach((d, k) => {
      for (let v = 0; v < d.size; v++) {
        const a = cin[k]![v]!;
        const b = cout[k]![v]!;
        if (a + b === 0) continue;
        cats.push({ dimension: d.name, key: d.key(v), ...cell(a, t1, b, t0) });
      }
    });
    const adjusted = holm(cats.map((c) => c.pValue));
    return { name: w.name, label: w.label, daysInside: t1, daysOutside: t0, overall: cell(x1, t1, x0, t0), byCategory: cats.map((c, k) => ({ ...c, pHolm: adjusted[k]! })) };
  });
  return {
    period: { from: dateOf(first), to: dateOf(last), days },
    undated,
    outsidePeriod,
    method:
      'Rates are incidents per day inside vs outside each window within the period. The rate ratio’s 95% interval and two-sided p-value are exact, conditional on the total (binomial; Clopper–Pearson interval, as R poisson.test); per-rate intervals are Garwood’s. Per-category p-values are also given Holm-adjusted within each window.',
    windows,
  };
}
