import { describe, expect, it } from 'vitest';
import { binomialTest } from '../stats/exact-tests.js';
import { chiSquareSf } from '../stats/special-functions.js';
import { DiscreteGaussianTable } from './calibrate.js';
import { SeededRandom } from './random-source.js';
import { rational } from './rational.js';
import { bernoulliExpNeg, discreteGaussian, discreteLaplace, isqrt } from './samplers.js';

// Goodness of fit on many draws from a fixed seed: Pearson's chi-square over
// [−K, K] with both tails pooled into the end bins (every expected count ≥ 5).
function chiSquare(samples: readonly number[], pmf: (z: number) => number): { stat: number; df: number; p: number } {
  const n = samples.length;
  let k = 0;
  while (n * pmf(k + 1) >= 5) k++;
  const observed = new Map<number, number>();
  for (const s of samples) {
    const bin = Math.max(-k - 1, Math.min(k + 1, s));
    observed.set(bin, (observed.get(bin) ?? 0) + 1);
  }
  let tail = 0;
  for (let z = k + 1; pmf(z) > 1e-300; z++) tail += pmf(z);
  let stat = 0;
  for (let z = -k - 1; z <= k + 1; z++) {
    const expected = n * (Math.abs(z) === k + 1 ? tail : pmf(z));
    stat += ((observed.get(z) ?? 0) - expected) ** 2 / expected;
  }
  const df = 2 * k + 2;
  return { stat, df, p: chiSquareSf(stat, df) };
}

const laplacePmf = (scale: number) => {
  const q = Math.exp(-1 / scale);
  return (z: number) => ((1 - q) / (1 + q)) * q ** Math.abs(z);
};

describe('Bernoulli(exp(−γ)) (CKS20 Algorithm 1)', () => {
  it.each([
    [0, 1],
    [1, 3],
    [1, 1],
    [5, 2],
  ])('draws 1 with probability exp(−%d/%d)', (num, den) => {
    const rng = new SeededRandom(`bern-${num}/${den}`);
    const n = 40_000;
    let ones = 0;
    for (let i = 0; i < n; i++) if (bernoulliExpNeg(rational(BigInt(num), BigInt(den)), rng)) ones++;
    const p = Math.exp(-Number(num) / Number(den));
    if (p === 1) expect(ones).toBe(n);
    else expect(binomialTest(ones, n, p)).toBeGreaterThan(0.001);
  });
});

describe('the discrete Laplace sampler (CKS20 Algorithm 2)', () => {
  const draw = (t: bigint, s: bigint, n: number, seed: string) => {
    const rng = new SeededRandom(seed);
    return Array.from({ length: n }, () => Number(discreteLaplace(t, s, rng)));
  };

  it('matches the discrete Laplace pmf at scale 3/2 (chi-square, 60,000 draws)', () => {
    const r = chiSquare(draw(3n, 2n, 60_000, 'lap-3/2'), laplacePmf(1.5));
    expect(r.df).toBeGreaterThan(10);
    expect(r.p).toBeGreaterThan(0.001);
  });

  it('matches at scale 1 (ε = 1 on counts) and at a scale that is not an integer (10/3)', () => {
    expect(chiSquare(draw(1n, 1n, 40_000, 'lap-1'), laplacePmf(1)).p).toBeGreaterThan(0.001);
    expect(chiSquare(draw(10n, 3n, 40_000, 'lap-10/3'), laplacePmf(10 / 3)).p).toBeGreaterThan(0.001);
  });

  it('is rejected against the wrong scale (the check can fail)', () => {
    expect(chiSquare(draw(3n, 2n, 60_000, 'lap-3/2'), laplacePmf(1.7)).p).toBeLessThan(1e-6);
  });

  it('is symmetric and has the mean absolute value of the theory at a large, BigInt scale', () => {
    const samples = draw(1_000_000_007n, 3_000_000n, 20_000, 'lap-big');
    const scale = 1_000_000_007 / 3_000_000;
    const q = Math.exp(-1 / scale);
    const meanAbs = samples.reduce((s, x) => s + Math.abs(x), 0) / samples.length;
    expect(meanAbs / ((2 * q) / (1 - q * q))).toBeCloseTo(1, 1);
    const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
    expect(Math.abs(mean)).toBeLessThan((5 * scale * Math.SQRT2) / Math.sqrt(samples.length));
  });
});

describe('the discrete Gaussian sampler (CKS20 Algorithm 3)', () => {
  const draw = (sigma2: readonly [number, number], n: number, seed: string) => {
    const rng = new SeededRandom(seed);
    return Array.from({ length: n }, () => Number(discreteGaussian(rational(BigInt(sigma2[0]), BigInt(sigma2[1])), rng)));
  };

  it.each([
    [[5, 2], 40_000],
    [[1, 10], 20_000],
    [[100, 1], 40_000],
  ] as const)('matches N_Z(0, %j) (chi-square)', (sigma2, n) => {
    const table = new DiscreteGaussianTable(Number(sigma2[0]) / Number(sigma2[1]));
    const r = chiSquare(draw(sigma2, n, `gauss-${sigma2.join('/')}`), (z) => table.pmf(z));
    expect(r.p).toBeGreaterThan(0.001);
  });

  it('is rejected against a different variance (the check can fail)', () => {
    const table = new DiscreteGaussianTable(3);
    expect(chiSquare(draw([5, 2], 40_000, 'gauss-5/2'), (z) => table.pmf(z)).p).toBeLessThan(1e-6);
  });
});

describe('integer helpers', () => {
  it.each([
    ['0', '0'],
    ['1', '1'],
    ['15', '3'],
    ['16', '4'],
    [(10n ** 40n).toString(), (10n ** 20n).toString()],
    [(10n ** 40n - 1n).toString(), (10n ** 20n - 1n).toString()],
  ])('isqrt(%s) = %s', (n, r) => {
    expect(isqrt(BigInt(n))).toBe(BigInt(r));
  });

  it('gives the same stream for the same seed and uniform values below n, for small and wide n', () => {
    const a = new SeededRandom('x');
    const b = new SeededRandom('x');
    const xs = Array.from({ length: 50 }, () => a.below(1000n));
    expect(Array.from({ length: 50 }, () => b.below(1000n))).toEqual(xs);
    const rng = new SeededRandom('uniform');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[Number(rng.below(6n))]!++;
    const stat = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chiSquareSf(stat, 5)).toBeGreaterThan(0.001);
    const wide = 2n ** 70n + 12345n;
    let high = 0;
    for (let i = 0; i < 2000; i++) {
      const v = rng.below(wide);
      expect(v < wide).toBe(true);
      if (v >= wide / 2n) high++;
    }
    expect(binomialTest(high, 2000, 0.5)).toBeGreaterThan(0.001);
  });
});
