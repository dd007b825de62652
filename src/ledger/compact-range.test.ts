import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.js';
import { leafHash, perfectRoot } from './rfc6962.js';
import { entries, refMth } from './rfc6962-reference.case.js';

describe('a compact range', () => {
  const d = entries(600, 3);
  const leaves = d.map(leafHash);

  it('gives MTH of every prefix while holding one hash per set bit of the size', () => {
    const range = CompactRange.empty();
    for (let n = 1; n <= 600; n++) {
      range.append(leaves[n - 1]!);
      expect(range.hashes().length).toBe(n.toString(2).replaceAll('0', '').length);
      if (n % 37 === 0 || n === 256 || n === 257 || n === 600) expect(range.root()).toEqual(refMth(d.slice(0, n)));
    }
  });

  it('accepts whole perfect subtrees, as when tile roots are fed in', () => {
    const byLeaf = CompactRange.empty();
    for (const l of leaves.slice(0, 512 + 8 + 1)) byLeaf.append(l);
    const bySubtree = CompactRange.empty();
    bySubtree.appendSubtree(8, perfectRoot(leaves, 0, 256));
    bySubtree.appendSubtree(8, perfectRoot(leaves, 256, 256));
    bySubtree.appendSubtree(3, perfectRoot(leaves, 512, 8));
    bySubtree.append(leaves[520]!);
    expect(bySubtree.size).toBe(521);
    expect(bySubtree.root()).toEqual(byLeaf.root());
  });

  it('refuses an unaligned subtree and a hash count that does not fit the size', () => {
    const r = CompactRange.empty();
    r.append(leaves[0]!);
    expect(() => r.appendSubtree(1, leaves[1]!)).toThrow(RangeError);
    expect(() => CompactRange.from(3, [leaves[0]!])).toThrow(RangeError);
  });

  it('resumes from its hashes, and a clone grows independently', () => {
    const a = CompactRange.empty();
    for (const l of leaves.slice(0, 77)) a.append(l);
    const b = CompactRange.from(77, [...a.hashes()]);
    const c = a.clone();
    for (const l of leaves.slice(77, 100)) b.append(l);
    expect(b.root()).toEqual(refMth(d.slice(0, 100)));
    expect(c.root()).toEqual(refMth(d.slice(0, 77)));
  });
});
