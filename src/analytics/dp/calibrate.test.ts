import { describe, expect, it } from 'vitest';
import { cdpDelta, cdpRho, DiscreteGaussianTable, laplaceErrorBound, laplaceMeanAbs, laplaceThresholdMargin } from './calibrate.js';

const laplaceAbove = (scale: number, k: number) => {
  const q = Math.exp(-1 / scale);
  return (2 * q ** (k + 1)) / (1 + q); // P[|Z| > k]
};

describe('discrete Laplace calibration', () => {
  it('gives the smallest 95% bound: P[|Z| > k] ≤ 5% < P[|Z| > k − 1]', () => {
    expect(laplaceErrorBound(1)).toBe(3);
    for (const scale of [0.3, 1, 2, 10 / 3, 17, 250]) {
      const k = laplaceErrorBound(scale);
      expect(laplaceAbove(scale, k)).toBeLessThanOrEqual(0.05);
      if (k > 0) expect(laplaceAbove(scale, k - 1)).toBeGreaterThan(0.05);
    }
  });

  it('has E|Z| = 2q/(1 − q²)', () => {
    expect(laplaceMeanAbs(1)).toBeCloseTo((2 * Math.exp(-1)) / (1 - Math.exp(-2)), 12);
  });

  it('sets the threshold margin so that k keys of one incident pass with probability at most δ', () => {
    for (const [scale, keys, delta] of [
      [1, 1, 1e-6],
      [2, 3, 1e-9],
      [0.5, 2, 1e-5],
    ] as const) {
      const j = laplaceThresholdMargin(scale, keys, delta);
      const q = Math.exp(-1 / scale);
      expect((keys * q ** j) / (1 + q)).toBeLessThanOrEqual(delta);
      expect((keys * q ** (j - 1)) / (1 + q)).toBeGreaterThan(delta);
    }
  });
});

describe('discrete Gaussian calibration', () => {
  it('normalises to about σ√(2π) and bounds 95% of the noise', () => {
    const t = new DiscreteGaussianTable(100);
    expect(1 / t.pmf(0)).toBeCloseTo(10 * Math.sqrt(2 * Math.PI), 9);
    const k = t.errorBound();
    expect(2 * t.tail(k + 1)).toBeLessThanOrEqual(0.05);
    expect(2 * t.tail(k)).toBeGreaterThan(0.05);
    expect(k).toBe(20); // P[|Z| > 19] ≈ 2·P[N(0,100) ≥ 19.5] ≈ 0.051
    expect(t.tail(0) + t.tail(1)).toBeCloseTo(1, 12);
    expect(t.tail(0) - t.tail(1)).toBeCloseTo(t.pmf(0), 12);
  });

  // Exact δ of adding N_Z(0, σ²) to a sensitivity-1 query (CKS20 Theorem 7):
  // δ = P[Z > εσ² − 1/2] − e^ε · P[Z > εσ² + 1/2].
  const exactDelta = (sigma2: number, eps: number) => {
    const t = new DiscreteGaussianTable(sigma2);
    return t.tail(Math.floor(eps * sigma2 - 0.5) + 1) - Math.exp(eps) * t.tail(Math.floor(eps * sigma2 + 0.5) + 1);
  };

  it('converts zCDP to (ε, δ) never below the exact privacy curve, and below the standard bound', () => {
    for (const [sigma2, eps] of [
      [4, 1],
      [25, 0.5],
      [1, 2],
    ] as const) {
      const rho = 1 / (2 * sigma2);
      const d = cdpDelta(rho, eps);
      expect(d).toBeGreaterThanOrEqual(exactDelta(sigma2, eps));
      expect(d).toBeLessThanOrEqual(Math.exp(-((eps - rho) ** 2) / (4 * rho)));
    }
  });

  it('inverts: the ρ found for (ε, δ) gives back δ', () => {
    const rho = cdpRho(1, 1e-6);
    expect(cdpDelta(rho, 1)).toBeLessThanOrEqual(1e-6);
    expect(cdpDelta(rho * 1.01, 1)).toBeGreaterThan(1e-6);
  });
});
