// Admission and order for event batches posted to the server. A few batches are
// parsed and stored at once (so parsing one overlaps storing another on the
// store's writer thread), a bounded number wait, and past that a batch is
// refused with SERVER_OVERLOADED (503 with Retry-After), never queued without
// limit. Detection still sees batches in arrival order: each batch takes a turn
// when it arrives and runs detection only once every earlier batch is done.
import { LeakwatchError } from '../errors/index.js';

export interface Turn {
  /** Resolves when every batch that arrived earlier is done. */
  readonly ready: Promise<void>;
}

export class IngestScheduler {
  private running = 0;
  private readonly queued: (() => void)[] = [];
  private turns: Promise<void> = Promise.resolve();

  constructor(
    /** Batches parsed and stored at once. */
    private readonly concurrency: number,
    /** Batches that may wait for a slot. */
    private readonly maxWaiting: number,
  ) {}

  /** Batches admitted and not yet done (running and waiting). */
  get depth(): number {
    return this.running + this.queued.length;
  }

  /**
   * Runs a batch's job when a slot is free. The job gets the batch's turn and
   * awaits `turn.ready` before detection.
   * @throws LeakwatchError SERVER_OVERLOADED when too many batches wait.
   */
  run<T>(job: (turn: Turn) => Promise<T>): Promise<T> {
    const free = this.running < this.concurrency;
    if (!free && this.queued.length >= this.maxWaiting) throw new LeakwatchError('SERVER_OVERLOADED', 'too many event batches are waiting', { retryAfterMs: 2000 });
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const turn: Turn = { ready: this.turns };
    this.turns = this.turns.then(() => done);
    const start = async (): Promise<T> => {
      try {
        return await job(turn);
      } finally {
        finish();
        // A finished batch hands its slot straight to the next waiting one.
        const next = this.queued.shift();
        if (next) next();
        else this.running--;
      }
    };
    if (free) {
      this.running++;
      return start();
    }
    return new Promise<void>((resolve) => this.queued.push(resolve)).then(start);
  }
}
