import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../../errors/index.js';
import { planRelease, type DpRequest } from './release-plan.js';

const NOW = Date.UTC(2026, 5, 1);

describe('planning a release', () => {
  it('gives the exact discrete Laplace scale Δ/ε and the budget cost in whole units', () => {
    const p = planRelease({ by: 'year', epsilon: '0.3' }, NOW);
    expect(p.mechanism).toBe('discrete_laplace');
    expect(p.keys).toBe('public');
    expect(p.count.kind === 'discrete_laplace' && [p.count.t, p.count.s]).toEqual([10n, 3n]);
    expect(p.cost).toEqual({ epsilon: 300_000, delta: 0 });
    expect(p.years).toEqual({ from: 1950, to: 2026 });
    expect(p.domainSize).toBe(77);
  });

  it('bounds multi-valued dimensions to 2 keys per incident by default, which doubles the sensitivity', () => {
    const p = planRelease({ by: 'year,action', epsilon: 1, years: { from: 2000, to: 2019 } }, NOW);
    expect(p.maxKeysPerIncident).toBe(2);
    expect(p.count.kind === 'discrete_laplace' && p.count.scale).toBe(2);
    expect(p.domainSize).toBe(20 * 8);
  });

  it('splits ε between counts and sums, and δ between Gaussian noise and the threshold', () => {
    const p = planRelease({ by: 'country', epsilon: 1, delta: '1e-6', mechanism: 'gaussian', sum: 'records', clamp: 1000 }, NOW);
    expect(p.keys).toBe('threshold');
    expect(p.deltaNoise).toBeCloseTo(5e-7, 15);
    expect(p.deltaThreshold).toBeCloseTo(5e-7, 15);
    expect(p.sum?.kind).toBe('discrete_gaussian');
    expect(p.threshold).toBeGreaterThan(p.count.errorBound95);
    expect(p.cost).toEqual({ epsilon: 1_000_000, delta: 1_000_000_000 });
    // country is multi-valued: 2 keys per incident, ε/2 each to counts and sums.
    const laplace = planRelease({ by: 'country', epsilon: 1, sum: 'records', clamp: 1000 }, NOW);
    expect(laplace.count.kind === 'discrete_laplace' && laplace.count.scale).toBe(4);
    expect(laplace.sum?.kind === 'discrete_laplace' && laplace.sum.scale).toBe(4000);
  });

  it.each<[DpRequest, string]>([
    [{ by: 'year', epsilon: 0 }, 'ANALYTICS_DP_PARAMETER_INVALID'],
    [{ by: 'year', epsilon: '-1' }, 'ANALYTICS_DP_PARAMETER_INVALID'],
    [{ by: 'year', epsilon: 'abc' }, 'ANALYTICS_DP_PARAMETER_INVALID'],
    [{ by: 'year', epsilon: 1, delta: 1 }, 'ANALYTICS_DP_PARAMETER_INVALID'],
    [{ by: 'year', epsilon: 1, mechanism: 'gaussian' }, 'ANALYTICS_DP_DELTA_REQUIRED'],
    [{ by: 'year', epsilon: 1, keys: 'threshold' }, 'ANALYTICS_DP_DELTA_REQUIRED'],
    [{ by: 'planet', epsilon: 1 }, 'ANALYTICS_DIMENSION_UNKNOWN'],
    [{ by: 'year', epsilon: 1, sum: 'records' }, 'ANALYTICS_DP_PARAMETER_INVALID'],
    [{ by: 'year,country,industry,region', epsilon: 1 }, 'ANALYTICS_DP_PARAMETER_INVALID'],
    [{ by: 'year', epsilon: 1, maxKeysPerIncident: 0 }, 'ANALYTICS_DP_PARAMETER_INVALID'],
  ])('refuses %j with %s', (request, code) => {
    try {
      planRelease(request, NOW);
      expect.unreachable('planned');
    } catch (err) {
      expect(isLeakwatchError(err) && err.code).toBe(code);
    }
  });
});
