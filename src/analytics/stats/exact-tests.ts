// Exact intervals and tests for counts. A Poisson count's interval is Garwood's
// (1936), from the chi-square (gamma) quantiles. Two rates are compared
// conditionally on their total (Breslow & Day 1987, vol. II §2.3): given
// n = x₁ + x₀ events, x₁ ~ Binomial(n, π) with π = RR·t₁ / (RR·t₁ + t₀), so the
// Clopper–Pearson interval for π maps to one for the rate ratio RR, and the
// exact binomial test of π₀ = t₁ / (t₁ + t₀) tests RR = 1. This is what R's
// poisson.test does for two samples; its p-value rule is binom.test's.
import { betaQuantile, binomialCdf, binomialLogPmf, binomialSf, gammaQuantile } from './special-functions.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Garwood's exact interval for the mean of a Poisson count `x` (confidence 1 − alpha). */
export function garwoodInterval(x: number, alpha = 0.05): Interval {
  return { low: x === 0 ? 0 : gammaQuantile(alpha / 2, x), high: gammaQuantile(1 - alpha / 2, x + 1) };
}

/** Clopper–Pearson exact interval for a binomial proportion x / n. */
export function clopperPearson(x: number, n: number, alpha = 0.05): Interval {
  return {
    low: x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
    high: x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x),
  };
}

/**
 * Two-sided exact binomial test of P(success) = p (R's binom.test rule: the
 * outcomes no more likely than the observed one, with a relative tolerance of 1e-7).
 */
export function binomialTest(x: number, n: number, p: number): number {
  if (n === 0) return 1;
  const relErr = 1 + 1e-7;
  const logD = binomialLogPmf(x, n, p) + Math.log(relErr);
  const m = n * p;
  if (x === m) return 1;
  if (x < m) {
    // Count i in [ceil(m), n] with pmf(i) ≤ d; the pmf falls there, so find the first such i.
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binomialLogPmf(mid, n, p) <= logD) hi = mid;
      else lo = mid + 1;
    }
    const y = n + 1 - lo;
    return Math.min(1, binomialCdf(x, n, p) + binomialSf(n - y, n, p));
  }
  // Count i in [0, floor(m)] with pmf(i) ≤ d; the pmf rises there, so find the last such i.
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi + 1) / 2);
    if (mid >= 0 && binomialLogPmf(mid, n, p) <= logD) lo = mid;
    else hi = mid - 1;
  }
  const y = lo + 1;
  return Math.min(1, binomialCdf(y - 1, n, p) + binomialSf(x - 1, n, p));
}

export interface RateComparison {
  /** Events and exposure (e.g. days) inside and outside. */
  readonly inside: { readonly count: number; readonly exposure: number; readonly rate: number; readonly interval: Interval };
  readonly outside: { readonly count: number; readonly exposure: number; readonly rate: number; readonly interval: Interval };
  /** (x₁/t₁) / (x₀/t₀); null when not estimable (no events at all); Infinity when none outside. */
  readonly rateRatio: number | null;
  readonly interval: Interval | null;
  readonly pValue: number;
}

/** Compares the event rate inside (x₁ events in t₁) with outside (x₀ in t₀), exactly. */
export function compareRates(x1: number, t1: number, x0: number, t0: number, alpha = 0.05): RateComparison {
  const rate = (x: number, t: number) => (t > 0 ? x / t : 0);
  const scaled = (i: Interval, t: number): Interval => (t > 0 ? { low: i.low / t, high: i.high / t } : { low: 0, high: Infinity });
  const n = x1 + x0;
  const base = {
    inside: { count: x1, exposure: t1, rate: rate(x1, t1), interval: scaled(garwoodInterval(x1, alpha), t1) },
    outside: { count: x0, exposure: t0, rate: rate(x0, t0), interval: scaled(garwoodInterval(x0, alpha), t0) },
  };
  if (n === 0 || t1 <= 0 || t0 <= 0) return { ...base, rateRatio: null, interval: null, pValue: 1 };
  const toRatio = (pi: number) => (pi >= 1 ? Infinity : ((pi / (1 - pi)) * t0) / t1);
  const cp = clopperPearson(x1, n, alpha);
  return {
    ...base,
    rateRatio: x0 === 0 ? Infinity : (x1 / t1) / (x0 / t0),
    interval: { low: toRatio(cp.low), high: toRatio(cp.high) },
    pValue: binomialTest(x1, n, t1 / (t1 + t0)),
  };
}

/** Holm's step-down adjustment of p-values (Holm 1979), in the input order. */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    out[i] = running;
  });
  return out;
}
