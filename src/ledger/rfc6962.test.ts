import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.js';
import { emptyRoot, leafHash, merkleRoot, nodeHash, perfectRoot } from './rfc6962.js';
import { TEST_LEAVES, TEST_ROOTS, entries, refLeaf, refMth } from './rfc6962-reference.case.js';
import { haveMerkle, hex, merkle } from './vectors.case.js';

describe('RFC 6962 hashing (our own vectors)', () => {
  it('hashes the empty tree to SHA-256 of nothing and the empty leaf with a 0x00 prefix', () => {
    expect(emptyRoot().toString('hex')).toBe(TEST_ROOTS[0]);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(TEST_ROOTS[1]);
  });

  it.each(TEST_ROOTS.map((root, size) => ({ size, root })))('gives MTH $root for the first $size test leaves', ({ size, root }) => {
    expect(refMth(TEST_LEAVES.slice(0, size)).toString('hex')).toBe(root);
    expect(merkleRoot(TEST_LEAVES.slice(0, size).map(leafHash)).toString('hex')).toBe(root);
  });

  it('hashes nodes as SHA-256(0x01 ‖ left ‖ right), whatever the input lengths', () => {
    const l = leafHash(TEST_LEAVES[0]!);
    const r = leafHash(TEST_LEAVES[1]!);
    expect(nodeHash(l, r).toString('hex')).toBe(TEST_ROOTS[2]);
    expect(nodeHash(Buffer.from('a'), Buffer.from('bc'))).toEqual(nodeHash(Buffer.from('ab'), Buffer.from('c')));
  });

  it('agrees with the reference MTH on random trees, including perfect runs', () => {
    const d = entries(300, 7);
    for (const n of [2, 3, 5, 16, 17, 255, 256, 257, 300]) expect(merkleRoot(d.slice(0, n).map(leafHash))).toEqual(refMth(d.slice(0, n)));
    const leaves = d.slice(0, 64).map(leafHash);
    expect(perfectRoot(leaves)).toEqual(refMth(d.slice(0, 64)));
    expect(perfectRoot(leaves, 32, 16)).toEqual(refMth(d.slice(32, 48)));
    expect(leafHash(d[5]!)).toEqual(refLeaf(d[5]!));
  });
});

describe.skipIf(!haveMerkle)('RFC 6962 hashing on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it.each(merkle.hasherVectors)('$desc', (v) => {
    const got = v.kind === 'emptyRoot' ? emptyRoot() : v.kind === 'leaf' ? leafHash(hex(v.inputHex!)) : nodeHash(hex(v.leftHex!), hex(v.rightHex!));
    expect(got.toString('hex')).toBe(v.hash);
  });

  it('hashes the eight test leaves as published', () => {
    expect(merkle.leaves.map((l) => leafHash(hex(l)).toString('hex'))).toEqual(merkle.leafHashes);
  });

  it('reproduces every complete subtree hash', () => {
    merkle.nodeHashes.levels.forEach((level, L) =>
      level.forEach((h, i) => {
        expect(perfectRoot(merkle.leafHashes.slice(i * 2 ** L, (i + 1) * 2 ** L).map(hex)).toString('hex')).toBe(h);
      }),
    );
  });

  it.each(merkle.roots)('gives root $root for tree size $treeSize, by recursion and by compact range', ({ treeSize, root }) => {
    const leaves = merkle.leafHashes.slice(0, treeSize).map(hex);
    expect(merkleRoot(leaves).toString('hex')).toBe(root);
    const range = CompactRange.empty();
    for (const l of leaves) range.append(l);
    expect(range.root().toString('hex')).toBe(root);
  });
});
