// Exact samplers for the discrete Laplace and discrete Gaussian distributions,
// after Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
// Privacy" (NeurIPS 2020; arXiv:2004.00010), Algorithms 1–3. Every step is
// integer arithmetic (BigInt) on uniform integers from a RandomSource, so no
// floating-point rounding can leak through the noise (Mironov 2012).
import { rational, type Rational } from './rational.js';
import type { RandomSource } from './random-source.js';

/** Bernoulli(num/den), 0 ≤ num ≤ den: one uniform integer below den. */
export function bernoulli(p: Rational, rng: RandomSource): boolean {
  return rng.below(p.den) < p.num;
}

/** CKS20 Algorithm 1: Bernoulli(exp(−γ)) for rational γ ≥ 0. */
export function bernoulliExpNeg(gamma: Rational, rng: RandomSource): boolean {
  if (gamma.num < 0n) throw new RangeError('γ must be ≥ 0');
  if (gamma.num <= gamma.den) {
    // γ ∈ [0, 1]: K ← 1; while Bernoulli(γ/K) K ← K + 1; return K odd.
    let k = 1n;
    while (bernoulli(rational(gamma.num, gamma.den * k), rng)) k++;
    return k % 2n === 1n;
  }
  // γ > 1: ⌊γ⌋ independent Bernoulli(exp(−1)), then one Bernoulli(exp(−(γ − ⌊γ⌋))).
  const whole = gamma.num / gamma.den;
  const one = rational(1n, 1n);
  for (let i = 0n; i < whole; i++) if (!bernoulliExpNeg(one, rng)) return false;
  return bernoulliExpNeg(rational(gamma.num - whole * gamma.den, gamma.den), rng);
}

/**
 * CKS20 Algorithm 2: the discrete Laplace distribution with scale t/s
 * (P[X = x] ∝ exp(−|x|·s/t)), integers s, t ≥ 1.
 */
export function discreteLaplace(t: bigint, s: bigint, rng: RandomSource): bigint {
  if (t < 1n || s < 1n) throw new RangeError('the scale t/s needs integers t, s ≥ 1');
  const one = rational(1n, 1n);
  for (;;) {
    const u = rng.below(t);
    if (!bernoulliExpNeg(rational(u, t), rng)) continue;
    let v = 0n;
    while (bernoulliExpNeg(one, rng)) v++;
    const x = u + t * v; // geometric with p = 1 − exp(−1/t)
    const y = x / s; // geometric with p = 1 − exp(−s/t)
    const negative = rng.below(2n) === 1n;
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}

/** ⌊√n⌋ for n ≥ 0, exactly (Newton's method on integers). */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** CKS20 Algorithm 3: the discrete Gaussian N_Z(0, σ²) for rational σ² > 0. */
export function discreteGaussian(sigma2: Rational, rng: RandomSource): bigint {
  if (sigma2.num <= 0n) throw new RangeError('σ² must be > 0');
  const { num: a, den: b } = sigma2;
  const t = isqrt(a / b) + 1n; // ⌊σ⌋ + 1
  for (;;) {
    const y = discreteLaplace(t, 1n, rng);
    const abs = y < 0n ? -y : y;
    // Accept with probability exp(−(|Y| − σ²/t)² / (2σ²)) = exp(−(|Y|·b·t − a)² / (2·a·b·t²)).
    const d = abs * b * t - a;
    if (bernoulliExpNeg(rational(d * d, 2n * a * b * t * t), rng)) return y;
  }
}
