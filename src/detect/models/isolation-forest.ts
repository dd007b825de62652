// Isolation Forest: anomalies are few and different, so random axis-parallel
// splits isolate them in fewer steps than normal points.
// Liu, Ting & Zhou, "Isolation Forest", ICDM 2008, doi:10.1109/ICDM.2008.17, and
// "Isolation-Based Anomaly Detection", ACM TKDD 6(1), 2012, doi:10.1145/2133360.2133363.
// Score s(x, ψ) = 2^(−E[h(x)] / c(ψ)); c(n) = 2H(n−1) − 2(n−1)/n (the average
// unsuccessful-search path length of a binary search tree, eq. 1 of the paper).
// Trees are stored flat in typed arrays (heap layout: children of i are 2i and 2i+1).

const EULER_GAMMA = 0.5772156649015329;

/** Average path length of an unsuccessful search in a BST of n points. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Small, fast, seedable PRNG (mulberry32), so fitted forests and alerts are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ForestOptions {
  readonly trees?: number;
  /** ψ: points per tree (256 in the paper; smaller suits small reservoirs). */
  readonly sampleSize?: number;
  readonly seed?: number;
}

export class IsolationForest {
  private constructor(
    readonly dims: number,
    readonly trees: number,
    readonly sampleSize: number,
    private readonly slots: number,
    private readonly feature: Int8Array,
    private readonly split: Float32Array,
    private readonly leafSize: Uint16Array,
  ) {}

  /**
   * Fits a forest to `n` points of `dims` features, stored row-major in `data`.
   * @example IsolationForest.fit(new Float32Array([0,0, 1,1, 0,1]), 3, 2).score([5, 5])
   */
  static fit(data: Float32Array, n: number, dims: number, options: ForestOptions = {}): IsolationForest {
    if (dims > 127) throw new RangeError('at most 127 features');
    const trees = options.trees ?? 100;
    const psi = Math.max(2, Math.min(options.sampleSize ?? 256, n));
    const heightLimit = Math.ceil(Math.log2(psi));
    const slots = 2 ** (heightLimit + 1);
    const feature = new Int8Array(trees * slots).fill(-2); // -2 unused, -1 leaf
    const split = new Float32Array(trees * slots);
    const leafSize = new Uint16Array(trees * slots);
    const rand = mulberry32(options.seed ?? 0x1f0e57);
    const idx = new Int32Array(psi);
    const lo = new Float64Array(dims);
    const hi = new Float64Array(dims);
    const candidates: number[] = [];

    for (let t = 0; t < trees; t++) {
      // Sample ψ points without replacement (partial Fisher-Yates over an index pool).
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < psi; i++) {
        const j = i + Math.floor(rand() * (n - i));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        idx[i] = pool[i]!;
      }
      const base = t * slots;
      const build = (node: number, from: number, to: number, depth: number): void => {
        const size = to - from;
        if (depth >= heightLimit || size <= 1 || node * 2 + 1 >= slots) {
          feature[base + node] = -1;
          leafSize[base + node] = size;
          return;
        }
        lo.fill(Infinity);
        hi.fill(-Infinity);
        for (let i = from; i < to; i++) {
          const row = idx[i]! * dims;
          for (let d = 0; d < dims; d++) {
            const v = data[row + d]!;
            if (v < lo[d]!) lo[d] = v;
            if (v > hi[d]!) hi[d] = v;
          }
        }
        candidates.length = 0;
        for (let d = 0; d < dims; d++) if (hi[d]! > lo[d]!) candidates.push(d);
        if (candidates.length === 0) {
          feature[base + node] = -1;
          leafSize[base + node] = size;
          return;
        }
        const q = candidates[Math.floor(rand() * candidates.length)]!;
        const p = lo[q]! + rand() * (hi[q]! - lo[q]!);
        feature[base + node] = q;
        split[base + node] = p;
        // Partition idx[from, to) by x_q < p.
        let i = from;
        let j = to - 1;
        while (i <= j) {
          if (data[idx[i]! * dims + q]! < p) i++;
          else {
            const tmp = idx[i]!;
            idx[i] = idx[j]!;
            idx[j] = tmp;
            j--;
          }
        }
        build(node * 2, from, i, depth + 1);
        build(node * 2 + 1, i, to, depth + 1);
      };
      build(1, 0, psi, 0);
    }
    return new IsolationForest(dims, trees, psi, slots, feature, split, leafSize);
  }

  /** Mean path length of `x` over the trees, with the c(size) correction at leaves. */
  pathLength(x: ArrayLike<number>): number {
    let total = 0;
    for (let t = 0; t < this.trees; t++) {
      const base = t * this.slots;
      let node = 1;
      let depth = 0;
      for (;;) {
        const f = this.feature[base + node]!;
        if (f < 0) {
          total += depth + averagePathLength(this.leafSize[base + node]!);
          break;
        }
        node = (x[f] ?? 0) < this.split[base + node]! ? node * 2 : node * 2 + 1;
        depth++;
      }
    }
    return total / this.trees;
  }

  /** Anomaly score in (0, 1): near 1 anomalous, well below 0.5 normal. */
  score(x: ArrayLike<number>): number {
    return 2 ** (-this.pathLength(x) / averagePathLength(this.sampleSize));
  }

  /** Bytes the fitted trees occupy. */
  get byteSize(): number {
    return this.feature.byteLength + this.split.byteLength + this.leafSize.byteLength;
  }
}
