// RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle Tree hashing with SHA-256: the leaf hash
// SHA-256(0x00 ‖ data), the node hash SHA-256(0x01 ‖ left ‖ right), the empty-tree
// hash SHA-256(""). One-shot crypto.hash with a latin1 digest copied into pooled or
// caller-owned memory costs about half of a digest Buffer of its own, and a reused
// scratch buffer saves the concatenation: these are the hot loops of the log.
import { hash } from 'node:crypto';

export const HASH_SIZE = 32;

const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');
const scratch = Buffer.alloc(1 + 2 * HASH_SIZE);
scratch[0] = 0x01;

/** SHA-256 of `data` as a (pooled) Buffer. */
export function sha256(data: Uint8Array): Buffer {
  return Buffer.from(hash('sha256', data, 'binary'), 'binary');
}

/** MTH({}) = SHA-256() (RFC 6962 §2.1). */
export function emptyRoot(): Buffer {
  return Buffer.from(EMPTY_ROOT);
}

/** MTH({d}) = SHA-256(0x00 ‖ d) (RFC 6962 §2.1). */
export function leafHash(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

/**
 * The leaf hash of bytes already laid out as 0x00 ‖ data (the caller reserved the
 * prefix byte, so no copy is needed).
 */
export function leafHashPrefixed(prefixed: Uint8Array): Buffer {
  if (prefixed[0] !== 0x00) throw new RangeError('leafHashPrefixed: first byte must be 0x00');
  return sha256(prefixed);
}

/**
 * SHA-256(0x01 ‖ left ‖ right) (RFC 6962 §2.1). Inputs of any length are hashed
 * as given (the RFC test vectors use short ones); tree code only passes 32-byte hashes.
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    scratch.set(left, 1);
    scratch.set(right, 1 + HASH_SIZE);
    return sha256(scratch);
  }
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/**
 * Hashes `count` sibling pairs laid out contiguously in `row` (left ‖ right, 64
 * bytes each) into `out`: out[i] = SHA-256(0x01 ‖ row[64i .. 64i+64]). One level of
 * a tile without a Buffer per hash.
 */
export function hashPairs(row: Buffer, count: number, out: Buffer): void {
  for (let i = 0; i < count; i++) {
    row.copy(scratch, 1, i * 2 * HASH_SIZE, (i + 1) * 2 * HASH_SIZE);
    out.write(hash('sha256', scratch, 'binary'), i * HASH_SIZE, 'binary');
  }
}

/** The largest power of two strictly less than n, for n > 1 (RFC 6962 §2.1's k). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH of a list of leaf hashes by the recursive RFC 6962 §2.1 definition. Used for
 * small trees and tests; logs use the compact range or tiles instead.
 */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return emptyRoot();
  if (n === 1) return Buffer.from(leafHashes[0]!);
  const k = splitPoint(n);
  return nodeHash(merkleRoot(leafHashes.slice(0, k)), merkleRoot(leafHashes.slice(k)));
}

/** MTH of a power-of-two run of hashes stored back to back in `row`, starting at hash `start`. */
export function perfectRootOfRow(row: Buffer, start: number, count: number): Buffer {
  if (count === 1) return Buffer.from(row.subarray(start * HASH_SIZE, (start + 1) * HASH_SIZE));
  let level = Buffer.allocUnsafe((count / 2) * HASH_SIZE);
  hashPairs(row.subarray(start * HASH_SIZE, (start + count) * HASH_SIZE), count / 2, level);
  for (let n = count / 2; n > 1; n /= 2) {
    const next = Buffer.allocUnsafe((n / 2) * HASH_SIZE);
    hashPairs(level, n / 2, next);
    level = next;
  }
  return level;
}

/** MTH of a power-of-two run of sibling hashes. */
export function perfectRoot(hashes: readonly Uint8Array[], start = 0, count = hashes.length): Buffer {
  const row = Buffer.allocUnsafe(count * HASH_SIZE);
  for (let i = 0; i < count; i++) row.set(hashes[start + i]!, i * HASH_SIZE);
  return perfectRootOfRow(row, 0, count);
}
