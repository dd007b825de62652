import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { verifyConsistency, verifyInclusion } from './proof-verify.js';
import { consistencyRanges, inclusionRanges } from './proof-paths.js';
import { leafHash, merkleRoot } from './rfc6962.js';
import { entries, refMth, refPath, refProof } from './rfc6962-reference.case.js';
import { haveMerkle, hex, merkle } from './vectors.case.js';

/** The result we choose where upstream's depends on verifier policy (see README, "Audit ledger"). */
const POLICY: Record<string, { wantErr: boolean; why: string }> = {
  'testdata/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json': { wantErr: true, why: 'roots must be 32 bytes; these are 12' },
  'testdata/consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json': { wantErr: true, why: 'a check from size 0 is refused' },
};

function outcome(fn: () => void): 'ok' | string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (isLeakwatchError(err) && (err.code === 'LEDGER_PROOF_INVALID' || err.code === 'LEDGER_PROOF_MALFORMED')) return err.code;
    throw err; // anything else is a bug, not a rejection
  }
}

describe('inclusion and consistency proofs from the RFC definitions (our own vectors)', () => {
  const d = entries(70, 11);
  const leaves = d.map(leafHash);

  it('verifies every inclusion proof for trees up to 40 leaves and refuses it at a wrong index or against another root', () => {
    for (let n = 1; n <= 40; n++) {
      const root = refMth(d.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = refPath(m, d.slice(0, n));
        expect(outcome(() => verifyInclusion(m, n, leaves[m]!, proof, root))).toBe('ok');
        if (n > 1) expect(outcome(() => verifyInclusion((m + 1) % n, n, leaves[m]!, proof, root))).not.toBe('ok');
        expect(outcome(() => verifyInclusion(m, n, leaves[m]!, proof, refMth(d.slice(1, n + 1))))).not.toBe('ok');
      }
    }
  });

  it('verifies every consistency proof for trees up to 40 leaves and refuses a wrong old root', () => {
    for (let n = 1; n <= 40; n++) {
      const root2 = refMth(d.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const root1 = refMth(d.slice(0, m));
        const proof = refProof(m, d.slice(0, n));
        expect(outcome(() => verifyConsistency(m, n, root1, root2, proof))).toBe('ok');
        expect(outcome(() => verifyConsistency(m, n, refMth(d.slice(1, m + 1)), root2, proof))).not.toBe('ok');
      }
    }
  });

  it('describes the same subtrees as PATH and PROOF', () => {
    for (const [m, n] of [[0, 1], [5, 8], [6, 7], [63, 70], [64, 70]] as const) {
      const viaRanges = inclusionRanges(m, n).map((r) => merkleRoot(leaves.slice(r.begin, r.end)));
      expect(viaRanges).toEqual(refPath(m, d.slice(0, n)));
    }
    for (const [m, n] of [[1, 8], [3, 7], [6, 8], [33, 70], [64, 64]] as const) {
      const viaRanges = consistencyRanges(m, n).map((r) => merkleRoot(leaves.slice(r.begin, r.end)));
      expect(viaRanges).toEqual(refProof(m, d.slice(0, n)));
    }
  });

  it('refuses hashes that are not 32 bytes as malformed, and indices beyond 2^53', () => {
    const root = refMth(d.slice(0, 8));
    const proof = refPath(0, d.slice(0, 8));
    expect(outcome(() => verifyInclusion(0, 8, leaves[0]!, [...proof.slice(0, 2), proof[2]!.subarray(1)], root))).toBe('LEDGER_PROOF_MALFORMED');
    expect(outcome(() => verifyInclusion(2 ** 64, 8, leaves[0]!, proof, root))).toBe('LEDGER_PROOF_INVALID');
    expect(outcome(() => verifyConsistency(0, 8, merkleRoot([]), root, []))).toBe('LEDGER_PROOF_INVALID');
  });
});

describe.skipIf(!haveMerkle)('proofs on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it.each(merkle.inclusionProofs)('verifies the upstream audit path for leaf $leafIndex of $treeSize', (p) => {
    expect(outcome(() => verifyInclusion(p.leafIndex, p.treeSize, hex(p.leafHash), p.proof.map(hex), hex(p.root)))).toBe('ok');
  });

  it.each(merkle.consistencyProofs)('verifies the upstream consistency proof $size1 → $size2', (p) => {
    expect(outcome(() => verifyConsistency(p.size1, p.size2, hex(p.root1), hex(p.root2), p.proof.map(hex)))).toBe('ok');
  });

  it.each(merkle.derived.inclusionProofs)('verifies the derived audit path for leaf $leafIndex of $treeSize, and not for a wrong leaf', (p) => {
    expect(outcome(() => verifyInclusion(p.leafIndex, p.treeSize, hex(p.leafHash), p.proof.map(hex), hex(p.root)))).toBe('ok');
    const other = merkle.leafHashes[(p.leafIndex + 1) % 8]!;
    if (p.treeSize > 1) expect(outcome(() => verifyInclusion(p.leafIndex, p.treeSize, hex(other), p.proof.map(hex), hex(p.root)))).toBe('LEDGER_PROOF_INVALID');
  });

  it.each(merkle.derived.consistencyProofs)('verifies the derived consistency proof $size1 → $size2, and not with a wrong old root', (p) => {
    expect(outcome(() => verifyConsistency(p.size1, p.size2, hex(p.root1), hex(p.root2), p.proof.map(hex)))).toBe('ok');
    const wrong = merkle.roots[(p.size1 % 8) + 1]!.root;
    if (wrong !== p.root1) expect(outcome(() => verifyConsistency(p.size1, p.size2, hex(wrong), hex(p.root2), p.proof.map(hex)))).toBe('LEDGER_PROOF_INVALID');
  });

  it('has all 196 upstream probes, two of them policy-dependent', () => {
    expect(merkle.probes.inclusion.length + merkle.probes.consistency.length).toBe(196);
    expect(merkle.probes.consistency.filter((p) => p.policyDependent).map((p) => p.file).sort()).toEqual(Object.keys(POLICY).sort());
  });

  it.each(merkle.probes.inclusion)('inclusion probe $file: wantErr=$wantErr', (p) => {
    const got = outcome(() => verifyInclusion(p.leafIndex, p.treeSize, hex(p.leafHash), p.proof.map(hex), hex(p.root)));
    expect(got === 'ok' ? 'accepted' : 'rejected').toBe(p.wantErr ? 'rejected' : 'accepted');
  });

  it.each(merkle.probes.consistency)('consistency probe $file: wantErr=$wantErr (or our policy)', (p) => {
    const want = POLICY[p.file]?.wantErr ?? p.wantErr;
    const got = outcome(() => verifyConsistency(p.size1, p.size2, hex(p.root1), hex(p.root2), p.proof.map(hex)));
    expect(got === 'ok' ? 'accepted' : 'rejected').toBe(want ? 'rejected' : 'accepted');
  });
});
