// Sliding-window aggregates per key: count, sum and distinct within a span of
// event time. Memory per key is bounded: a count window keeps only the last N
// timestamps (N = threshold), sums and distinct sets are capped.
import type { WindowSpec } from './rule-types.js';

/** Evidence ids kept per window key. */
export const MAX_WINDOW_EVIDENCE = 50;
const MAX_SUM_ENTRIES = 4096;
const MAX_DISTINCT_FACTOR = 4;

export interface WindowFire {
  /** The aggregate when the window fired (count, sum or distinct count). */
  readonly value: number;
  /** Event time of the oldest event still in the window. */
  readonly start: number;
  readonly evidence: string[];
}

interface WindowAcc {
  add(time: number, value: number | string | undefined, id: string): WindowFire | null;
  readonly lastTime: number;
}

class Evidence {
  private readonly ids: string[] = [];
  add(id: string): void {
    this.ids.push(id);
    if (this.ids.length > MAX_WINDOW_EVIDENCE) this.ids.shift();
  }
  take(): string[] {
    return [...this.ids];
  }
}

/** Count >= N within T holds exactly when the N-th most recent event is no older than T. */
class CountAcc implements WindowAcc {
  private readonly times: Float64Array;
  private n = 0;
  private head = 0;
  private readonly ev = new Evidence();
  lastTime = -Infinity;
  constructor(private readonly spec: WindowSpec) {
    this.times = new Float64Array(Math.max(1, Math.ceil(spec.threshold)));
  }
  add(time: number, _v: unknown, id: string): WindowFire | null {
    const cap = this.times.length;
    this.times[this.head] = time;
    this.head = (this.head + 1) % cap;
    if (this.n < cap) this.n++;
    this.ev.add(id);
    this.lastTime = Math.max(this.lastTime, time);
    if (this.n < cap) return null;
    const oldest = this.times[this.head % cap]!;
    if (this.lastTime - oldest > this.spec.withinMs) return null;
    const fire = { value: cap, start: oldest, evidence: this.ev.take() };
    this.n = 0;
    return fire;
  }
}

class SumAcc implements WindowAcc {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;
  private sum = 0;
  private readonly ev = new Evidence();
  lastTime = -Infinity;
  constructor(private readonly spec: WindowSpec) {}
  add(time: number, v: number | string | undefined, id: string): WindowFire | null {
    const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isFinite(x) || x <= 0) return null;
    this.lastTime = Math.max(this.lastTime, time);
    this.times.push(time);
    this.values.push(x);
    this.sum += x;
    this.ev.add(id);
    const cutoff = this.lastTime - this.spec.withinMs;
    while (this.head < this.times.length && (this.times[this.head]! < cutoff || this.times.length - this.head > MAX_SUM_ENTRIES)) {
      this.sum -= this.values[this.head]!;
      this.head++;
    }
    if (this.head > 1024) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
    if (this.sum < this.spec.threshold) return null;
    const fire = { value: this.sum, start: this.times[this.head]!, evidence: this.ev.take() };
    this.times = [];
    this.values = [];
    this.head = 0;
    this.sum = 0;
    return fire;
  }
}

class DistinctAcc implements WindowAcc {
  /** value -> last time seen; Map order is insertion order, and re-inserting moves a value to the end. */
  private readonly seen = new Map<string, number>();
  private readonly ev = new Evidence();
  lastTime = -Infinity;
  constructor(private readonly spec: WindowSpec) {}
  add(time: number, v: number | string | undefined, id: string): WindowFire | null {
    if (v === undefined || v === '') return null;
    const key = String(v);
    this.lastTime = Math.max(this.lastTime, time);
    this.seen.delete(key);
    this.seen.set(key, time);
    this.ev.add(id);
    const cutoff = this.lastTime - this.spec.withinMs;
    const cap = Math.max(16, this.spec.threshold * MAX_DISTINCT_FACTOR);
    for (const [k, t] of this.seen) {
      if (t >= cutoff && this.seen.size <= cap) break;
      this.seen.delete(k);
    }
    if (this.seen.size < this.spec.threshold) return null;
    let start = time;
    for (const t of this.seen.values()) start = Math.min(start, t);
    const fire = { value: this.seen.size, start, evidence: this.ev.take() };
    this.seen.clear();
    return fire;
  }
}

/** All keys of one window spec. Stale keys are swept when the table grows. */
export class WindowTable {
  private readonly accs = new Map<string, WindowAcc>();
  private sweepAt = 4096;
  constructor(readonly spec: WindowSpec) {}

  add(key: string, time: number, value: number | string | undefined, id: string): WindowFire | null {
    let acc = this.accs.get(key);
    if (!acc) {
      acc = this.spec.kind === 'count' ? new CountAcc(this.spec) : this.spec.kind === 'sum' ? new SumAcc(this.spec) : new DistinctAcc(this.spec);
      this.accs.set(key, acc);
      if (this.accs.size >= this.sweepAt) this.sweep(time);
    }
    return acc.add(time, value, id);
  }

  get size(): number {
    return this.accs.size;
  }

  private sweep(now: number): void {
    const cutoff = now - this.spec.withinMs;
    for (const [k, acc] of this.accs) if (acc.lastTime < cutoff) this.accs.delete(k);
    this.sweepAt = Math.max(4096, this.accs.size * 2);
  }
}
