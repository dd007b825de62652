// Computing a planned release over fact columns: contribution bounding (each
// incident adds to at most k cells, chosen at random when it holds more, and at
// most `clamp` records to a sum), then noise from the exact samplers on every
// cell of the public domain, or only on cells present in the data that pass the
// threshold. Pure given its RandomSource.
import type { IncidentFactColumns } from '../../store/index.js';
import { MAX_VALUES } from '../dimensions.js';
import type { RandomSource } from './random-source.js';
import { domainSizeOf, type NoisePlan, type ReleasePlan } from './release-plan.js';
import { discreteGaussian, discreteLaplace } from './samplers.js';

export interface ReleasedCell {
  readonly key: Record<string, string>;
  readonly count: number;
  readonly countError95: number;
  readonly sum?: number;
  readonly sumError95?: number;
}

export interface ComputedRelease {
  readonly cells: ReleasedCell[];
  /** Keys of the public domain not in the release (listed when there are at most 1,000). */
  readonly suppressed: { readonly count: number; readonly keys?: Array<Record<string, string>> };
}

function noise(plan: NoisePlan, rng: RandomSource): number {
  return Number(plan.kind === 'discrete_laplace' ? discreteLaplace(plan.t, plan.s, rng) : discreteGaussian(plan.sigma2, rng));
}

export function computeRelease(f: IncidentFactColumns, plan: ReleasePlan, rng: RandomSource): ComputedRelease {
  const dims = plan.dims;
  const sizes = dims.map((d) => domainSizeOf(d, plan.years));
  const offsets = dims.map((d) => (d.name === 'year' ? plan.years.from : 0));
  const total = plan.domainSize;
  const counts = new Float64Array(total);
  const sums = plan.clamp === null ? null : new Float64Array(total);
  const k = plan.maxKeysPerIncident;
  const values = dims.map(() => new Int32Array(MAX_VALUES));
  const lengths = new Int32Array(dims.length);
  let cells = new Int32Array(64);

  for (let i = 0; i < f.n; i++) {
    // The incident's cells: the cross product of its in-domain values, as mixed-radix indexes.
    let product = 1;
    for (let d = 0; d < dims.length; d++) {
      const raw = dims[d]!.values(f, i, values[d]!);
      let m = 0;
      for (let v = 0; v < raw; v++) {
        const x = values[d]![v]! - offsets[d]!;
        if (x >= 0 && x < sizes[d]!) values[d]![m++] = x;
      }
      lengths[d] = m;
      product *= m;
    }
    if (product === 0) continue;
    if (cells.length < product) cells = new Int32Array(product * 2);
    for (let c = 0; c < product; c++) {
      let rest = c;
      let index = 0;
      for (let d = 0; d < dims.length; d++) {
        const len = lengths[d]!;
        index = index * sizes[d]! + values[d]![rest % len]!;
        rest = Math.floor(rest / len);
      }
      cells[c] = index;
    }
    let take = product;
    if (product > k) {
      // Keep k of the incident's cells, uniformly at random (a partial Fisher–Yates shuffle).
      for (let c = 0; c < k; c++) {
        const j = c + Number(rng.below(BigInt(product - c)));
        const t = cells[c]!;
        cells[c] = cells[j]!;
        cells[j] = t;
      }
      take = k;
    }
    const rec = f.records[i]!;
    const clamped = plan.clamp === null || rec !== rec ? 0 : Math.min(Math.max(rec, 0), plan.clamp);
    for (let c = 0; c < take; c++) {
      counts[cells[c]!]!++;
      if (sums) sums[cells[c]!]! += clamped;
    }
  }

  const keyOf = (index: number): Record<string, string> => {
    const key: Record<string, string> = {};
    for (let d = dims.length - 1; d >= 0; d--) {
      const size = sizes[d]!;
      const x = index % size;
      index = Math.floor(index / size);
      key[dims[d]!.name] = dims[d]!.key(x + offsets[d]!);
    }
    return Object.fromEntries(dims.map((d) => [d.name, key[d.name]!]));
  };

  const released: ReleasedCell[] = [];
  const inRelease = new Uint8Array(total);
  for (let index = 0; index < total; index++) {
    if (plan.keys === 'threshold' && counts[index] === 0) continue;
    const noisy = counts[index]! + noise(plan.count, rng);
    if (plan.threshold !== null && noisy < plan.threshold) continue;
    inRelease[index] = 1;
    const cell: ReleasedCell = { key: keyOf(index), count: noisy, countError95: plan.count.errorBound95 };
    if (sums && plan.sum) released.push({ ...cell, sum: sums[index]! + noise(plan.sum, rng), sumError95: plan.sum.errorBound95 });
    else released.push(cell);
  }
  const suppressedCount = total - released.length;
  const suppressed: ComputedRelease['suppressed'] = { count: suppressedCount };
  if (suppressedCount > 0 && suppressedCount <= 1000) {
    const keys: Array<Record<string, string>> = [];
    for (let index = 0; index < total; index++) if (!inRelease[index]) keys.push(keyOf(index));
    return { cells: released, suppressed: { count: suppressedCount, keys } };
  }
  return { cells: released, suppressed };
}
