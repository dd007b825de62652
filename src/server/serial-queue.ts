// Runs jobs one at a time, in order, with a bounded number waiting: past it, new
// jobs are refused with SERVER_OVERLOADED (503 with Retry-After), never queued
// without limit. Detection sees batches in arrival order.
import { LeakwatchError } from '../errors/index.js';

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting: number) {}

  get depth(): number {
    return this.waiting;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.waiting > this.maxWaiting) throw new LeakwatchError('SERVER_OVERLOADED', 'too many event batches are waiting', { retryAfterMs: 2000 });
    this.waiting++;
    const result = this.tail.then(job, job);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }
}
