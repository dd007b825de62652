// Verifiers for inclusion and consistency proofs, following RFC 9162 §2.1.3.2 and
// §2.1.4.2 step by step. Pure: hashes in, a typed error out when the proof fails.
//
// Policy (documented in the README): every hash must be exactly 32 bytes, and a
// consistency check from size 0 is refused (RFC 9162 defines it only for
// 0 < first < second; like Go's transparency-dev/merkle we reject it rather than
// call the empty tree consistent with anything). When first == second the proof
// must be empty and the roots equal.
import { LeakwatchError } from '../errors/index.js';
import { HASH_SIZE, nodeHash } from './rfc6962.js';

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function requireHash(h: Uint8Array, what: string): void {
  if (h.length !== HASH_SIZE) throw new LeakwatchError('LEDGER_PROOF_MALFORMED', `${what} is ${h.length} bytes, not ${HASH_SIZE}`);
}

function fail(message: string): never {
  throw new LeakwatchError('LEDGER_PROOF_INVALID', message);
}

/**
 * The root an inclusion proof leads to, by RFC 9162 §2.1.3.2. Throws
 * LEDGER_PROOF_INVALID when index and size do not fit the proof's length.
 */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Buffer {
  if (!isSize(index) || !isSize(size)) fail(`index ${index} or tree size ${size} is not a valid integer`);
  if (index >= size) fail(`leaf index ${index} is not below tree size ${size}`);
  requireHash(leaf, 'the leaf hash');
  proof.forEach((p, i) => requireHash(p, `proof hash ${i}`));
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) fail('the proof is longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) fail('the proof is shorter than the tree is deep');
  return r;
}

/** Checks that `leaf` is at `index` in the tree of `size` leaves with root `root` (RFC 9162 §2.1.3.2). */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  requireHash(root, 'the root hash');
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  if (!computed.equals(root)) fail(`the inclusion proof for leaf ${index} leads to a different root than the tree of size ${size}`);
}

/**
 * Checks that the tree of size2 with root2 extends the tree of size1 with root1
 * (RFC 9162 §2.1.4.2), under the policy in this file's header.
 */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): void {
  if (!isSize(size1) || !isSize(size2)) fail(`tree sizes ${size1} and ${size2} are not valid integers`);
  requireHash(root1, 'the first root');
  requireHash(root2, 'the second root');
  proof.forEach((p, i) => requireHash(p, `proof hash ${i}`));
  if (size1 > size2) fail(`the first tree (${size1}) is larger than the second (${size2})`);
  if (size1 === 0) fail('a consistency proof from the empty tree proves nothing and is refused');
  if (size1 === size2) {
    if (proof.length !== 0) fail('trees of equal size need an empty proof');
    if (!Buffer.from(root1).equals(root2)) fail(`two different roots for the same tree size ${size1}`);
    return;
  }
  if (proof.length === 0) fail('the proof is empty');
  const path = [...proof];
  // Step 1: a power-of-two first tree is itself a node on the path.
  if (isPowerOfTwo(size1)) path.unshift(root1);
  // Steps 2 and 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  // Step 4.
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  // Step 5.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) fail('the proof is longer than the trees are deep');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 6.
  if (sn !== 0) fail('the proof is shorter than the trees are deep');
  if (!fr.equals(root1)) fail(`the proof does not lead to the first root (size ${size1})`);
  if (!sr.equals(root2)) fail(`the proof does not lead to the second root (size ${size2})`);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
