// Uniform random integers for the exact samplers. Production draws from the
// operating system's CSPRNG (crypto.randomFillSync); tests and benchmarks may
// use SeededRandom, a deterministic SHA-256 counter-mode stream, so that a
// goodness-of-fit test is reproducible. Never use SeededRandom for a release.
import { createHash, randomFillSync } from 'node:crypto';

export interface RandomSource {
  /** A uniform integer in [0, n), n ≥ 1. */
  below(n: bigint): bigint;
}

const TWO32 = 0x1_0000_0000;

abstract class ByteStreamRandom implements RandomSource {
  private readonly buf = Buffer.alloc(4096);
  private pos = this.buf.length;

  protected abstract refill(buf: Buffer): void;

  private uint32(): number {
    if (this.pos + 4 > this.buf.length) {
      this.refill(this.buf);
      this.pos = 0;
    }
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  below(n: bigint): bigint {
    if (n < 1n) throw new RangeError('below(n) needs n ≥ 1');
    if (n <= BigInt(TWO32)) {
      // Rejection sampling on 32-bit words: accept only below the largest multiple of n.
      const m = Number(n);
      const limit = TWO32 - (TWO32 % m);
      for (;;) {
        const r = this.uint32();
        if (r < limit) return BigInt(r % m);
      }
    }
    // Wider: draw as many 32-bit words as n − 1 needs, mask the top one, reject at or above n.
    const bits = (n - 1n).toString(2).length;
    const words = Math.ceil(bits / 32);
    const topMask = BigInt(2 ** (bits - (words - 1) * 32) - 1);
    for (;;) {
      let r = BigInt(this.uint32()) & topMask;
      for (let w = 1; w < words; w++) r = (r << 32n) | BigInt(this.uint32());
      if (r < n) return r;
    }
  }
}

/** The operating system's CSPRNG. */
export class CryptoRandom extends ByteStreamRandom {
  protected refill(buf: Buffer): void {
    randomFillSync(buf);
  }
}

/** A deterministic stream: SHA-256(seed ‖ counter). For tests and benchmarks only. */
export class SeededRandom extends ByteStreamRandom {
  private counter = 0n;

  constructor(private readonly seed: string) {
    super();
  }

  protected refill(buf: Buffer): void {
    for (let off = 0; off < buf.length; off += 32) {
      const block = createHash('sha256').update(this.seed).update(this.counter.toString()).digest();
      this.counter++;
      block.copy(buf, off);
    }
  }
}
