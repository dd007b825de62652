// Calibration of the noise (data-independent, so floating point is fine here;
// only the sampling itself must be exact): error bounds and thresholds for the
// discrete Laplace and discrete Gaussian distributions, and the conversion from
// concentrated DP to (ε, δ)-DP.
//
// Discrete Laplace with scale b: P[Z = z] = (1 − q)/(1 + q) · q^|z|, q = e^(−1/b),
// so P[Z ≥ k] = q^k/(1 + q) for k ≥ 1 and E|Z| = 2q/(1 − q²).
// Discrete Gaussian N_Z(0, σ²): P[Z = z] ∝ e^(−z²/2σ²), summed numerically.
// With sensitivity Δ₂ it is (Δ₂²/2σ²)-zCDP (CKS20 Theorem 4; composed per cell),
// and ρ-zCDP implies (ε, δ)-DP for δ = min over α > 1 of
// exp((α − 1)(αρ − ε)) / (α − 1) · (1 − 1/α)^α (CKS20 Corollary 13).

/** Smallest k ≥ 0 with P[|Z| > k] ≤ 1 − level for the discrete Laplace of scale b. */
export function laplaceErrorBound(scale: number, level = 0.95): number {
  const q = Math.exp(-1 / scale);
  // P[|Z| > k] = 2·q^(k+1)/(1 + q) ≤ 1 − level  ⇔  k + 1 ≥ ln((1 − level)(1 + q)/2) / ln q.
  const k = Math.ceil(Math.log(((1 - level) * (1 + q)) / 2) / Math.log(q) - 1 - 1e-12);
  return Math.max(0, k);
}

export function laplaceMeanAbs(scale: number): number {
  const q = Math.exp(-1 / scale);
  return (2 * q) / (1 - q * q);
}

/**
 * Smallest j ≥ 1 with keys · P[Z ≥ j] ≤ delta for the discrete Laplace of scale b:
 * a key only one incident holds (count ≤ 1 from it) passes a threshold of 1 + j
 * with probability at most delta over all the keys that incident touches.
 */
export function laplaceThresholdMargin(scale: number, keys: number, delta: number): number {
  const q = Math.exp(-1 / scale);
  const j = Math.ceil(Math.log((delta * (1 + q)) / keys) / Math.log(q) - 1e-12);
  return Math.max(1, j);
}

/** The discrete Gaussian's tail P[Z ≥ j] and the like, by direct summation. */
export class DiscreteGaussianTable {
  private readonly norm: number;

  constructor(readonly sigma2: number) {
    let s = 1;
    for (let z = 1; ; z++) {
      const t = Math.exp((-z * z) / (2 * sigma2));
      s += 2 * t;
      if (t < 1e-18 * s) break;
    }
    this.norm = s;
  }

  pmf(z: number): number {
    return Math.exp((-z * z) / (2 * this.sigma2)) / this.norm;
  }

  /** P[Z ≥ j]. */
  tail(j: number): number {
    // By symmetry P[Z ≤ j − 1] = P[Z ≥ 1 − j].
    if (j <= 0) return 1 - this.tail(1 - j);
    let s = 0;
    for (let z = j; ; z++) {
      const t = this.pmf(z);
      s += t;
      if (t < 1e-18 * s || t === 0) break;
    }
    return s;
  }

  meanAbs(): number {
    let s = 0;
    for (let z = 1; ; z++) {
      const t = z * this.pmf(z);
      s += 2 * t;
      if (t < 1e-18 * s) break;
    }
    return s;
  }

  /** Smallest k ≥ 0 with P[|Z| > k] ≤ 1 − level. */
  errorBound(level = 0.95): number {
    let lo = 0;
    let hi = Math.ceil(10 * Math.sqrt(this.sigma2)) + 10;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (2 * this.tail(mid + 1) <= 1 - level) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Smallest j ≥ 1 with keys · P[Z ≥ j] ≤ delta. */
  thresholdMargin(keys: number, delta: number): number {
    let lo = 1;
    let hi = Math.ceil(40 * Math.sqrt(this.sigma2)) + 40;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys * this.tail(mid) <= delta) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** δ of a ρ-zCDP mechanism at ε (CKS20 Corollary 13), minimised over α by bisection on its derivative. */
export function cdpDelta(rho: number, eps: number): number {
  if (rho === 0) return 0;
  let lo = 1.01;
  let hi = (eps + 1) / (2 * rho) + 2;
  let alpha = lo;
  for (let i = 0; i < 1000; i++) {
    alpha = (lo + hi) / 2;
    const derivative = (2 * alpha - 1) * rho - eps + Math.log1p(-1 / alpha);
    if (derivative < 0) lo = alpha;
    else hi = alpha;
  }
  const delta = Math.exp((alpha - 1) * (alpha * rho - eps) + alpha * Math.log1p(-1 / alpha)) / (alpha - 1);
  return Math.min(delta, 1);
}

/** The largest ρ whose zCDP guarantee gives (ε, δ)-DP. */
export function cdpRho(eps: number, delta: number): number {
  let lo = 0;
  let hi = eps + 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdpDelta(mid, eps) <= delta) lo = mid;
    else hi = mid;
  }
  return lo;
}
