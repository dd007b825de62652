// Counts what decompression produces, so that a zip bomb is stopped while it
// inflates rather than after: a per-root total and a per-member ratio.
import { LeakwatchError } from '../../errors/index.js';
import { RATIO_GRACE_BYTES, type ExtractLimits } from './limits.js';

/** Shared by every member of one root file. */
export interface InflateBudget {
  inflated: number;
  /** A root-wide limit was reached: nothing more is opened. */
  halted: boolean;
}

export class InflateMeter {
  private inBytes = 0;
  private outBytes = 0;

  constructor(
    private readonly budget: InflateBudget,
    private readonly limits: Pick<ExtractLimits, 'maxDecompressedBytes' | 'maxCompressionRatio'>,
    private readonly path: string,
  ) {}

  /** Compressed bytes handed to the decompressor so far. */
  input(n: number): void {
    this.inBytes += n;
  }

  /** Counts inflated bytes; throws SCAN_DECOMPRESSION_LIMIT past either limit. */
  output(n: number): void {
    this.outBytes += n;
    this.budget.inflated += n;
    if (this.budget.inflated > this.limits.maxDecompressedBytes) {
      this.budget.halted = true;
      throw new LeakwatchError('SCAN_DECOMPRESSION_LIMIT',
        `Data decompressed from this file passed maxDecompressedBytes (${this.limits.maxDecompressedBytes} bytes); the rest of the file was skipped.`,
        { path: this.path });
    }
    if (this.outBytes > RATIO_GRACE_BYTES && this.outBytes > this.inBytes * this.limits.maxCompressionRatio) {
      throw new LeakwatchError('SCAN_DECOMPRESSION_LIMIT',
        `The member inflates more than ${this.limits.maxCompressionRatio} times its compressed size (a possible zip bomb); it was not scanned further.`,
        { path: this.path });
    }
  }
}
