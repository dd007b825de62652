// A compact range (the "frontier") over leaves [0, size): the roots of the perfect
// subtrees that the binary digits of size describe, largest first. Appending a leaf
// costs O(log n) node hashes in the worst case and one on average, and the range
// yields MTH(D[0:size]) (RFC 6962 §2.1) without keeping the leaves. The structure is
// the one transparency-dev/merkle calls compact.Range, anchored at 0.
import { emptyRoot, nodeHash } from './rfc6962.js';

export class CompactRange {
  #size: number;
  readonly #hashes: Buffer[];

  private constructor(size: number, hashes: Buffer[]) {
    this.#size = size;
    this.#hashes = hashes;
  }

  /** An empty range. */
  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /**
   * A range over [0, size) from its perfect-subtree roots, largest first (as
   * `hashes()` returns them). Throws RangeError when the count does not match size.
   */
  static from(size: number, hashes: readonly Buffer[]): CompactRange {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad size ${size}`);
    if (popCount(size) !== hashes.length) throw new RangeError(`a range of size ${size} has ${popCount(size)} hashes, got ${hashes.length}`);
    return new CompactRange(size, [...hashes]);
  }

  get size(): number {
    return this.#size;
  }

  /** The perfect-subtree roots, largest (leftmost) first. */
  hashes(): readonly Buffer[] {
    return this.#hashes;
  }

  /** Appends one leaf hash, merging perfect subtrees of equal size. */
  append(leafHash: Buffer): void {
    let h = leafHash;
    let s = this.#size;
    while (s % 2 === 1) {
      h = nodeHash(this.#hashes.pop()!, h);
      s = (s - 1) / 2;
    }
    this.#hashes.push(h);
    this.#size += 1;
  }

  /**
   * Appends the root of a perfect subtree of 2^level leaves. The range's size must
   * be a multiple of 2^level (the subtree is aligned), as when tile roots are fed in.
   */
  appendSubtree(level: number, hash: Buffer): void {
    const width = 2 ** level;
    if (this.#size % width !== 0) throw new RangeError(`a subtree of ${width} leaves cannot start at ${this.#size}`);
    let h = hash;
    let s = this.#size / width;
    while (s % 2 === 1) {
      h = nodeHash(this.#hashes.pop()!, h);
      s = (s - 1) / 2;
    }
    this.#hashes.push(h);
    this.#size += width;
  }

  /** MTH(D[0:size]): the roots folded right to left. */
  root(): Buffer {
    const hs = this.#hashes;
    if (hs.length === 0) return emptyRoot();
    let h = hs[hs.length - 1]!;
    for (let i = hs.length - 2; i >= 0; i--) h = nodeHash(hs[i]!, h);
    return h;
  }

  clone(): CompactRange {
    return new CompactRange(this.#size, [...this.#hashes]);
  }
}

function popCount(n: number): number {
  let c = 0;
  while (n > 0) {
    c += n % 2;
    n = Math.floor(n / 2);
  }
  return c;
}
