import { describe, expect, it } from 'vitest';
import { binomialTest, clopperPearson, compareRates, garwoodInterval, holm } from './exact-tests.js';
import { chiSquareSf, poissonCdf, poissonSfInclusive } from './special-functions.js';

describe('comparing two Poisson rates exactly', () => {
  // R documentation, ?poisson.test: "Comparison of incidence rates of lung cancer
  // in the cities" (ISwR), poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)) prints
  // rate ratio 1.971488, 95% CI 0.8584264 4.2772659, p-value = 0.07967. The digits
  // below are scipy 1.17 binomtest on the same conditional binomial (x=11, n=32,
  // p=800/3811), which agree with R's to the seven printed places.
  it('reproduces R poisson.test on the lung-cancer example', () => {
    const r = compareRates(11, 800, 21, 3011);
    expect(r.rateRatio).toBeCloseTo(1.9714880952380953, 12);
    expect(r.interval!.low).toBeCloseTo(0.858426403391619, 9);
    expect(r.interval!.high).toBeCloseTo(4.277265943654079, 9);
    expect(r.pValue).toBeCloseTo(0.0796686330333295, 9);
  });

  it('has no ratio without events, an infinite one without outside events, and a zero lower bound without inside events', () => {
    expect(compareRates(0, 10, 0, 100)).toMatchObject({ rateRatio: null, interval: null, pValue: 1 });
    expect(compareRates(5, 10, 0, 100).rateRatio).toBe(Infinity);
    expect(compareRates(5, 10, 0, 100).interval!.high).toBe(Infinity);
    const none = compareRates(0, 10, 20, 100);
    expect(none.rateRatio).toBe(0);
    expect(none.interval!.low).toBe(0);
  });

  it('finds no effect when the rates are equal', () => {
    const r = compareRates(100, 100, 300, 300);
    expect(r.rateRatio).toBe(1);
    expect(r.pValue).toBe(1);
    expect(r.interval!.low).toBeLessThan(1);
    expect(r.interval!.high).toBeGreaterThan(1);
  });
});

describe('exact intervals and tests', () => {
  // scipy.stats.chi2.ppf(0.025, 2x)/2 and chi2.ppf(0.975, 2x+2)/2 (Garwood 1936).
  it.each([
    [0, 0, 3.6888794541139354],
    [1, 0.025317807984289876, 5.571643390938898],
    [10, 4.7953886961324335, 18.39035604201778],
    [137, 115.02053443379857, 161.9564046880734],
  ])('gives Garwood interval for %d events', (x, low, high) => {
    const i = garwoodInterval(x);
    expect(i.low).toBeCloseTo(low, 9);
    expect(i.high).toBeCloseTo(high, 9);
  });

  // R documentation, ?binom.test: Mendel's peas, binom.test(682, 925, p = 0.75) →
  // p-value = 0.3825, 95% CI 0.7076683 0.7654066 (digits: scipy 1.17 binomtest).
  it('reproduces R binom.test on Mendel’s peas', () => {
    expect(binomialTest(682, 925, 0.75)).toBeCloseTo(0.3824915595748517, 9);
    const ci = clopperPearson(682, 925);
    expect(ci.low).toBeCloseTo(0.707668264079039, 9);
    expect(ci.high).toBeCloseTo(0.7654065582414781, 9);
  });

  it('handles the edges: no successes', () => {
    // scipy 1.17: binomtest(0, 10, 0.3) → p = P(X = 0) + P(X ≥ 7) = 0.0388396033, CI [0, 0.30849710781876294].
    expect(binomialTest(0, 10, 0.3)).toBeCloseTo(0.0388396033, 9);
    expect(clopperPearson(0, 10).high).toBeCloseTo(0.30849710781876294, 9);
  });

  it('computes Poisson and chi-square tails', () => {
    // scipy.stats.poisson.sf(19, 10) and poisson.cdf(2, 10); chi2.sf(3.84, 1).
    expect(poissonSfInclusive(20, 10)).toBeCloseTo(0.0034543419758568334, 12);
    expect(poissonCdf(2, 10)).toBeCloseTo(0.0027693957155115775, 12);
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
  });

  it('adjusts p-values with Holm’s method', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });
});
