import { describe, expect, it } from 'vitest';
import { averagePathLength, IsolationForest, mulberry32 } from './isolation-forest.js';

function gaussianCloud(n: number, dims: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(n * dims);
  for (let i = 0; i < out.length; i += 2) {
    // Box-Muller
    const u = Math.max(1e-9, rand());
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

describe('isolation forest', () => {
  it('uses the paper\'s c(n): c(2) = 1, c(256) ≈ 10.24', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 3);
  });

  it('scores a far point higher than points from the cloud', () => {
    const dims = 4;
    const data = gaussianCloud(512, dims, 7);
    const forest = IsolationForest.fit(data, 512, dims, { trees: 100, sampleSize: 128, seed: 1 });
    const inlier = forest.score([0, 0, 0, 0]);
    const outlier = forest.score([6, -6, 6, 0]);
    expect(outlier).toBeGreaterThan(0.65);
    expect(inlier).toBeLessThan(0.5);
    expect(outlier).toBeGreaterThan(inlier + 0.2);
  });

  it('ranks a joint deviation in several features above a deviation in one (why per-feature z leads and the forest confirms)', () => {
    const dims = 6;
    const forest = IsolationForest.fit(gaussianCloud(256, dims, 3), 256, dims, { trees: 100, sampleSize: 128, seed: 2 });
    const normal = forest.score([0.5, -0.5, 0, 0.3, 0, 0]);
    const one = forest.score([0, 0, 0, 6, 0, 0]);
    const joint = forest.score([0, 5, 0, 6, 5, 0]);
    expect(one).toBeGreaterThan(normal);
    expect(joint).toBeGreaterThan(one + 0.05);
    expect(joint).toBeGreaterThan(0.6);
  });

  it('is reproducible for a seed', () => {
    const data = gaussianCloud(300, 3, 9);
    const a = IsolationForest.fit(data, 300, 3, { seed: 42, trees: 20 });
    const b = IsolationForest.fit(data, 300, 3, { seed: 42, trees: 20 });
    const c = IsolationForest.fit(data, 300, 3, { seed: 43, trees: 20 });
    expect(a.score([2, 2, 2])).toBe(b.score([2, 2, 2]));
    expect(a.score([2, 2, 2])).not.toBe(c.score([2, 2, 2]));
  });

  it('stays small: trees are flat typed arrays', () => {
    const forest = IsolationForest.fit(gaussianCloud(512, 11, 5), 512, 11, { trees: 64, sampleSize: 128 });
    expect(forest.byteSize).toBeLessThan(64 * 256 * 8);
  });
});
