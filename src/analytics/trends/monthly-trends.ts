// Monthly incident series (overall and by channel, cause, industry, region) and
// a simple change detection: a month is flagged when its count is improbable
// under a Poisson model whose mean is the average of the preceding months.
//
// Rule, per series and month m: the baseline is the mean λ of the `baselineMonths`
// (12) months before m; m is tested only when at least `minBaselineMonths` (6) of
// them lie in the series and together they hold at least `minBaselineEvents` (5)
// incidents. It is a rise when P(X ≥ x | λ) < alpha (0.01) and a fall when
// P(X ≤ x | λ) < alpha. Incidents are overdispersed and every month is a test,
// so read a flag as "look here", not as proof.
import type { IncidentFactColumns } from '../../store/index.js';
import { DIMENSIONS, MAX_VALUES, type DimensionName } from '../dimensions.js';
import { poissonCdf, poissonSfInclusive } from '../stats/special-functions.js';

export interface TrendOptions {
  readonly dimensions?: readonly DimensionName[];
  readonly baselineMonths?: number;
  readonly minBaselineMonths?: number;
  readonly minBaselineEvents?: number;
  readonly alpha?: number;
  /** First and last month (YYYY-MM); default: the first and last month with incidents. */
  readonly from?: string;
  readonly to?: string;
}

export const DEFAULT_TREND_OPTIONS: { dimensions: readonly DimensionName[]; baselineMonths: number; minBaselineMonths: number; minBaselineEvents: number; alpha: number } = {
  dimensions: ['channel', 'cause', 'industry', 'region'],
  baselineMonths: 12,
  minBaselineMonths: 6,
  minBaselineEvents: 5,
  alpha: 0.01,
};

export interface TrendChange {
  readonly month: string;
  readonly count: number;
  readonly baseline: number;
  readonly direction: 'rise' | 'fall';
  readonly pValue: number;
}

export interface TrendSeries {
  /** `all`, or the dimension. */
  readonly dimension: 'all' | DimensionName;
  readonly key: string;
  readonly total: number;
  /** One count per month of `months`. */
  readonly counts: number[];
  readonly changes: TrendChange[];
}

export interface MonthlyTrends {
  readonly months: string[];
  /** Incidents without a year and month, left out of the series. */
  readonly undated: number;
  /** Dated incidents outside from..to. */
  readonly outsideSpan: number;
  readonly method: string;
  readonly series: TrendSeries[];
}

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const monthName = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
function parseMonth(s: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return monthIndex(Number(m[1]), Number(m[2]));
}

/** Flags the months of one series that depart from their trailing baseline. */
export function detectChanges(counts: readonly number[], months: readonly string[], options: Partial<typeof DEFAULT_TREND_OPTIONS> = {}): TrendChange[] {
  const o = { ...DEFAULT_TREND_OPTIONS, ...options };
  const out: TrendChange[] = [];
  for (let m = 0; m < counts.length; m++) {
    const from = Math.max(0, m - o.baselineMonths);
    const span = m - from;
    if (span < o.minBaselineMonths) continue;
    let sum = 0;
    for (let k = from; k < m; k++) sum += counts[k]!;
    if (sum < o.minBaselineEvents) continue;
    const lambda = sum / span;
    const x = counts[m]!;
    if (x > lambda) {
      const p = poissonSfInclusive(x, lambda);
      if (p < o.alpha) out.push({ month: months[m]!, count: x, baseline: Math.round(lambda * 1000) / 1000, direction: 'rise', pValue: p });
    } else if (x < lambda) {
      const p = poissonCdf(x, lambda);
      if (p < o.alpha) out.push({ month: months[m]!, count: x, baseline: Math.round(lambda * 1000) / 1000, direction: 'fall', pValue: p });
    }
  }
  return out;
}

/** Monthly series over the fact columns, with their flagged months. */
export function monthlyTrends(f: IncidentFactColumns, options: TrendOptions = {}): MonthlyTrends {
  const o = { ...DEFAULT_TREND_OPTIONS, ...options };
  let lo = Infinity;
  let hi = -Infinity;
  let undated = 0;
  const at = new Int32Array(f.n);
  for (let i = 0; i < f.n; i++) {
    const y = f.year[i]!;
    const mo = f.month[i]!;
    if (y === 0 || mo === 0) {
      undated++;
      at[i] = -1;
      continue;
    }
    const m = monthIndex(y, mo);
    at[i] = m;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const from = options.from !== undefined ? (parseMonth(options.from) ?? lo) : lo;
  const to = options.to !== undefined ? (parseMonth(options.to) ?? hi) : hi;
  const length = Number.isFinite(from) && Number.isFinite(to) && to >= from ? to - from + 1 : 0;
  const months = Array.from({ length }, (_, k) => monthName(from + k));
  const dims = o.dimensions.map((d) => DIMENSIONS[d]);
  const all = new Float64Array(length);
  const perDim = dims.map((d) => new Float64Array(d.size * length));
  const scratch = new Int32Array(MAX_VALUES);
  let outside = 0;
  for (let i = 0; i < f.n; i++) {
    const m = at[i]!;
    if (m < 0) continue;
    if (m < from || m > to) {
      outside++;
      continue;
    }
    const k = m - from;
    all[k]!++;
    for (let d = 0; d < dims.length; d++) {
      const c = dims[d]!.values(f, i, scratch);
      const target = perDim[d]!;
      for (let v = 0; v < c; v++) target[scratch[v]! * length + k]!++;
    }
  }
  const series: TrendSeries[] = [];
  const push = (dimension: TrendSeries['dimension'], key: string, counts: number[]) => {
    const total = counts.reduce((s, c) => s + c, 0);
    if (total === 0 && dimension !== 'all') return;
    series.push({ dimension, key, total, counts, changes: detectChanges(counts, months, o) });
  };
  push('all', 'all', Array.from(all));
  dims.forEach((d, di) => {
    for (let v = 0; v < d.size; v++) push(d.name, d.key(v), Array.from(perDim[di]!.subarray(v * length, (v + 1) * length)));
  });
  return {
    months,
    undated,
    outsideSpan: outside,
    method: `trailing ${o.baselineMonths}-month Poisson baseline; a month is flagged when P(X ≥ x) or P(X ≤ x) < ${o.alpha} (tested with ≥ ${o.minBaselineMonths} baseline months holding ≥ ${o.minBaselineEvents} incidents)`,
    series,
  };
}
