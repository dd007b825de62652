// Planning a differentially private release before touching any data: checking
// the request, choosing the mechanism and key selection, splitting ε and δ,
// deriving the exact noise scales, the thresholds and the per-cell error bounds.
// The plan fixes what the release costs; nothing here depends on the incidents.
import { LeakwatchError } from '../../errors/index.js';
import type { IncidentFilter } from '../../store/index.js';
import { parseDimensions, type Dimension, type DimensionName } from '../dimensions.js';
import { cdpRho, DiscreteGaussianTable, laplaceErrorBound, laplaceMeanAbs, laplaceThresholdMargin } from './calibrate.js';
import { ceilMicro, ceilUnits, isZero, parseDecimal, rational, toNumber, type Rational } from './rational.js';

export interface DpRequest {
  /** Datasets to read (and charge); default every dataset in the registry. */
  readonly datasets?: readonly string[];
  /** Dimensions to count by, e.g. ['year', 'action'] or 'year,action'. */
  readonly by: readonly string[] | string;
  readonly epsilon: string | number;
  /** Default 0. Needed (> 0) for threshold key selection and for the Gaussian mechanism. */
  readonly delta?: string | number;
  /** Default laplace. */
  readonly mechanism?: 'laplace' | 'gaussian';
  /** public: every key of the dimensions' public domains, zeros included; threshold: only keys whose noisy count passes a threshold. Default: public when δ = 0, else threshold. */
  readonly keys?: 'public' | 'threshold';
  /** Contribution bound: cells one incident may add to (default 1, or 2 when a dimension is multi-valued). */
  readonly maxKeysPerIncident?: number;
  /** Also release noisy sums of records affected, each incident's value clamped to [0, clamp]. */
  readonly sum?: 'records';
  readonly clamp?: number;
  /** The public domain of `year` (default 1950 to the current year). */
  readonly years?: { readonly from: number; readonly to: number };
  /** Other, public, selection of incidents (not datasets). */
  readonly filter?: Omit<IncidentFilter, 'datasets'>;
}

export interface LaplaceNoise {
  readonly kind: 'discrete_laplace';
  /** Scale b = t/s exactly; sensitivity/ε. */
  readonly t: bigint;
  readonly s: bigint;
  readonly scale: number;
  readonly epsilon: number;
  readonly l1Sensitivity: number;
  readonly errorBound95: number;
  readonly expectedAbsError: number;
}

export interface GaussianNoise {
  readonly kind: 'discrete_gaussian';
  readonly sigma2: Rational;
  readonly sigma: number;
  readonly rho: number;
  readonly l2Sensitivity: number;
  readonly errorBound95: number;
  readonly expectedAbsError: number;
}

export type NoisePlan = LaplaceNoise | GaussianNoise;

export interface ReleasePlan {
  readonly dims: readonly Dimension[];
  readonly epsilon: Rational;
  readonly delta: Rational;
  readonly mechanism: 'discrete_laplace' | 'discrete_gaussian';
  readonly keys: 'public' | 'threshold';
  readonly maxKeysPerIncident: number;
  readonly clamp: number | null;
  readonly years: { readonly from: number; readonly to: number };
  readonly count: NoisePlan;
  readonly sum: NoisePlan | null;
  /** Released keys need a noisy count ≥ threshold (threshold mode). */
  readonly threshold: number | null;
  readonly deltaNoise: number;
  readonly deltaThreshold: number;
  /** Budget cost in store units: ε in 10⁻⁶, δ in 10⁻¹⁵ (rounded up). */
  readonly cost: { readonly epsilon: number; readonly delta: number };
  /** Number of keys in the public domain (the cross product of the dimensions). */
  readonly domainSize: number;
}

const MAX_EPSILON = rational(50n, 1n);
const MAX_DOMAIN = 5_000_000;
const bad = (message: string) => new LeakwatchError('ANALYTICS_DP_PARAMETER_INVALID', message);

/** The size of a dimension's public domain. */
export function domainSizeOf(d: Dimension, years: { from: number; to: number }): number {
  return d.name === 'year' ? years.to - years.from + 1 : d.size;
}

export function planRelease(request: DpRequest, now = Date.now()): ReleasePlan {
  const dims = parseDimensions(request.by);
  const epsilon = parseDecimal(request.epsilon, 'ε');
  if (isZero(epsilon) || epsilon.num * MAX_EPSILON.den > MAX_EPSILON.num * epsilon.den) throw bad('ε must be greater than 0 and at most 50');
  const delta = parseDecimal(request.delta ?? 0, 'δ');
  if (delta.num >= delta.den) throw bad('δ must be less than 1');
  const deltaPositive = !isZero(delta);
  const mechanism = request.mechanism ?? 'laplace';
  if (mechanism !== 'laplace' && mechanism !== 'gaussian') throw bad(`unknown mechanism ${JSON.stringify(mechanism)} (laplace or gaussian)`);
  const keys = request.keys ?? (deltaPositive ? 'threshold' : 'public');
  if (keys !== 'public' && keys !== 'threshold') throw bad(`keys must be public or threshold, not ${JSON.stringify(keys)}`);
  if (!deltaPositive && (mechanism === 'gaussian' || keys === 'threshold')) {
    throw new LeakwatchError('ANALYTICS_DP_DELTA_REQUIRED', `${mechanism === 'gaussian' ? 'the discrete Gaussian mechanism' : 'threshold key selection'} needs δ > 0 (e.g. --delta 1e-6)`);
  }
  const multi = dims.some((d) => d.multi);
  const k = request.maxKeysPerIncident ?? (multi ? 2 : 1);
  if (!Number.isInteger(k) || k < 1 || k > 64) throw bad('maxKeysPerIncident must be a whole number from 1 to 64');
  let clamp: number | null = null;
  if (request.sum !== undefined) {
    if (request.sum !== 'records') throw bad('only sums of records are released (sum: records)');
    if (request.clamp === undefined || !Number.isSafeInteger(request.clamp) || request.clamp < 1) throw bad('a sum needs clamp: a whole number ≥ 1 bounding each incident’s records');
    clamp = request.clamp;
  }
  const thisYear = new Date(now).getUTCFullYear();
  const years = request.years ?? { from: 1950, to: thisYear };
  if (!Number.isInteger(years.from) || !Number.isInteger(years.to) || years.from < 1 || years.to > 4095 || years.from > years.to) throw bad('years must be a range of whole years from 1 to 4095');
  let domainSize = 1;
  for (const d of dims) domainSize *= domainSizeOf(d, years);
  if (domainSize > MAX_DOMAIN) throw bad(`the dimensions give ${domainSize} keys, more than ${MAX_DOMAIN}; count by fewer dimensions or narrow the years`);

  // ε: all to counts, or half to counts and half to sums (sequential composition).
  const epsCount = clamp === null ? epsilon : rational(epsilon.num, epsilon.den * 2n);
  const epsSum = clamp === null ? null : epsCount;
  // δ: to the noise (Gaussian) and/or to the threshold, half each when both need it.
  const dNum = toNumber(delta);
  const deltaNoise = mechanism === 'gaussian' ? (keys === 'threshold' ? dNum / 2 : dNum) : 0;
  const deltaThreshold = keys === 'threshold' ? (mechanism === 'gaussian' ? dNum / 2 : dNum) : 0;

  let count: NoisePlan;
  let sum: NoisePlan | null = null;
  if (mechanism === 'laplace') {
    const laplace = (eps: Rational, l1: number): LaplaceNoise => {
      // b = Δ₁/ε = Δ₁·den/num exactly.
      const b = rational(BigInt(l1) * eps.den, eps.num);
      const scale = toNumber(b);
      return { kind: 'discrete_laplace', t: b.num, s: b.den, scale, epsilon: toNumber(eps), l1Sensitivity: l1, errorBound95: laplaceErrorBound(scale), expectedAbsError: laplaceMeanAbs(scale) };
    };
    count = laplace(epsCount, k);
    if (epsSum && clamp !== null) sum = laplace(epsSum, k * clamp);
  } else {
    // ρ for the whole release from (ε, δ_noise), split like ε; σ² = Δ₂²/(2ρ), rounded up to 10⁻⁶.
    const rho = cdpRho(toNumber(epsilon), deltaNoise);
    const rhoPart = clamp === null ? rho : rho / 2;
    const gaussian = (l2: number): GaussianNoise => {
      const sigma2 = ceilMicro((l2 * l2) / (2 * rhoPart));
      const table = new DiscreteGaussianTable(toNumber(sigma2));
      return {
        kind: 'discrete_gaussian',
        sigma2,
        sigma: Math.sqrt(toNumber(sigma2)),
        rho: rhoPart,
        l2Sensitivity: l2,
        errorBound95: table.errorBound(),
        expectedAbsError: table.meanAbs(),
      };
    };
    count = gaussian(Math.sqrt(k));
    if (clamp !== null) sum = gaussian(Math.sqrt(k) * clamp);
  }
  let threshold: number | null = null;
  if (keys === 'threshold') {
    // A key only one incident holds has a true count of at most 1 (one incident adds at most 1 to a count).
    const margin = count.kind === 'discrete_laplace' ? laplaceThresholdMargin(count.scale, k, deltaThreshold) : new DiscreteGaussianTable(toNumber(count.sigma2)).thresholdMargin(k, deltaThreshold);
    threshold = 1 + margin;
  }
  return {
    dims,
    epsilon,
    delta,
    mechanism: count.kind,
    keys,
    maxKeysPerIncident: k,
    clamp,
    years,
    count,
    sum,
    threshold,
    deltaNoise,
    deltaThreshold,
    cost: { epsilon: ceilUnits(epsilon, 1_000_000n), delta: ceilUnits(delta, 1_000_000_000_000_000n) },
    domainSize,
  };
}

export const dimensionNames = (plan: ReleasePlan): DimensionName[] => plan.dims.map((d) => d.name);
