// Exact rationals for privacy parameters: ε = 0.1 is 1/10, not the double
// nearest to it. Parameters are parsed from their decimal text, so the noise
// scale t/s the samplers get is exactly Δ/ε.
import { LeakwatchError } from '../../errors/index.js';

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

export function rational(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError('zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** A decimal such as "1", "0.25", "1e-6" or a JS number (read as its shortest decimal text), exactly. */
export function parseDecimal(value: string | number, what: string): Rational {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new LeakwatchError('ANALYTICS_DP_PARAMETER_INVALID', `${what} must be a non-negative decimal number, not ${JSON.stringify(value)}`);
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? 0) - frac.length;
  if (Math.abs(exp) > 400) throw new LeakwatchError('ANALYTICS_DP_PARAMETER_INVALID', `${what} is out of range`);
  const digits = BigInt(m[1]! + frac);
  return exp >= 0 ? rational(digits * 10n ** BigInt(exp), 1n) : rational(digits, 10n ** BigInt(-exp));
}

export const toNumber = (r: Rational): number => Number(r.num) / Number(r.den);

/** ⌈r · unitsPerOne⌉, for budget accounting in whole units (rounding up never under-charges). */
export function ceilUnits(r: Rational, unitsPerOne: bigint): number {
  const scaled = r.num * unitsPerOne;
  const q = scaled / r.den;
  return Number(scaled % r.den === 0n ? q : q + 1n);
}

export const times = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const divide = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const isZero = (r: Rational): boolean => r.num === 0n;

/** The smallest rational with denominator 10^6 that is ≥ x (x a positive double). */
export function ceilMicro(x: number): Rational {
  return rational(BigInt(Math.ceil(x * 1e6)), 1_000_000n);
}
