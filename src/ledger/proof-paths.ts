// Which subtrees make up an inclusion or consistency proof: RFC 6962 §2.1.1 PATH
// and §2.1.2 PROOF/SUBPROOF, written as lists of leaf ranges [begin, end) whose
// Merkle Tree Hashes are the proof's hashes, in proof order. Each range splits
// further into perfect, aligned subtrees (`perfectSubtrees`), which is what tiles
// store. Pure; no hashing here.
import { LeakwatchError } from '../errors/index.js';
import { splitPoint } from './rfc6962.js';

/** Leaves [begin, end). */
export interface LeafRange {
  begin: number;
  end: number;
}

/** A perfect subtree: 2^level leaves starting at index * 2^level. */
export interface NodeId {
  level: number;
  index: number;
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new LeakwatchError('LEDGER_RANGE_INVALID', `${what} ${n} is not a non-negative integer`);
}

/** PATH(m, D[0:n]) of RFC 6962 §2.1.1 as ranges, leaf level first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  checkSize(index, 'leaf index');
  checkSize(size, 'tree size');
  if (index >= size) throw new LeakwatchError('LEDGER_RANGE_INVALID', `leaf index ${index} is not below tree size ${size}`);
  const out: LeafRange[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push({ begin: lo + k, end: hi });
      hi = lo + k;
    } else {
      out.push({ begin: lo, end: lo + k });
      lo += k;
    }
  }
  return out.reverse();
}

/**
 * PROOF(m, D[0:n]) of RFC 6962 §2.1.2 as ranges, for 0 < m ≤ n (m = n gives the
 * empty proof).
 */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  checkSize(size1, 'tree size');
  checkSize(size2, 'tree size');
  if (size1 === 0 || size1 > size2) throw new LeakwatchError('LEDGER_RANGE_INVALID', `no consistency proof from size ${size1} to size ${size2} (needs 0 < from ≤ to)`);
  const out: LeafRange[] = [];
  subproof(size1, 0, size2, true, out);
  return out;
}

// SUBPROOF(m, D[lo:hi], b), appending in the RFC's order.
function subproof(m: number, lo: number, hi: number, b: boolean, out: LeafRange[]): void {
  const n = hi - lo;
  if (m === n) {
    if (!b) out.push({ begin: lo, end: hi });
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, lo, lo + k, b, out);
    out.push({ begin: lo + k, end: hi });
  } else {
    subproof(m - k, lo + k, hi, false, out);
    out.push({ begin: lo, end: lo + k });
  }
}

/**
 * The perfect aligned subtrees covering [begin, end), largest first. For the
 * ranges above (and for [0, n)) folding their hashes from the right gives
 * MTH(D[begin:end]).
 */
export function perfectSubtrees(begin: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let at = begin;
  while (at < end) {
    let level = 0;
    // Grow while the subtree stays aligned and inside the range.
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level++;
    out.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return out;
}
