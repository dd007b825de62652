// A peer group (a department, or a kind of identity when no directory says):
// robust baselines over its members' days, for cold start and for telling a
// group-wide surge (month-end closing) from one member's; and the reservoir of
// deviation vectors its Isolation Forest is fitted on.
import { F } from './entity-state.js';
import { IsolationForest, mulberry32 } from './isolation-forest.js';

export const RESERVOIR = 512;
const MIN_FIT = 128;
const REFIT_EVERY = 128;

export interface PeerGroupState {
  readonly name: string;
  readonly memberDays: number;
  readonly mean: number[];
  readonly var: number[];
  readonly reservoir: string;
  readonly reservoirCount: number;
  readonly seen: number;
}

export class PeerGroup {
  readonly mean = new Float64Array(F);
  readonly var = new Float64Array(F);
  memberDays = 0;
  /** Row-major vectors of F deviations (Algorithm R reservoir sample). */
  readonly reservoir = new Float32Array(RESERVOIR * F);
  reservoirCount = 0;
  seen = 0;
  private sinceFit = 0;
  forest: IsolationForest | null = null;
  private readonly rand: () => number;

  constructor(
    readonly name: string,
    private readonly seed: number,
  ) {
    this.rand = mulberry32(seed);
  }

  /** Updates the group's day baseline with one member-day (log1p values). */
  observeDay(x: ArrayLike<number>): void {
    this.memberDays++;
    const alpha = Math.max(0.02, 1 / this.memberDays);
    for (let i = 0; i < F; i++) {
      const v = x[i]!;
      const d = v - this.mean[i]!;
      this.mean[i] = this.mean[i]! + alpha * d;
      this.var[i] = (1 - alpha) * (this.var[i]! + alpha * d * d);
    }
  }

  /** Adds a deviation vector to the reservoir; refits the forest when enough is new. */
  observeDeviation(z: ArrayLike<number>): void {
    this.seen++;
    let slot = -1;
    if (this.reservoirCount < RESERVOIR) slot = this.reservoirCount++;
    else {
      const j = Math.floor(this.rand() * this.seen);
      if (j < RESERVOIR) slot = j;
    }
    if (slot >= 0) for (let i = 0; i < F; i++) this.reservoir[slot * F + i] = z[i]!;
    this.sinceFit++;
  }

  /** Fits the forest when the reservoir has grown or changed enough since the last fit. */
  maybeRefit(): void {
    if (this.reservoirCount < MIN_FIT) return;
    if (this.forest && this.sinceFit < REFIT_EVERY) return;
    this.forest = IsolationForest.fit(this.reservoir, this.reservoirCount, F, { trees: 64, sampleSize: 128, seed: this.seed ^ this.seen });
    this.sinceFit = 0;
  }

  sd(i: number, floor: number): number {
    return Math.max(floor, Math.sqrt(this.var[i]!));
  }

  snapshot(): PeerGroupState {
    return {
      name: this.name,
      memberDays: this.memberDays,
      mean: Array.from(this.mean),
      var: Array.from(this.var),
      reservoir: Buffer.from(this.reservoir.buffer, 0, this.reservoirCount * F * 4).toString('base64'),
      reservoirCount: this.reservoirCount,
      seen: this.seen,
    };
  }

  static restore(s: PeerGroupState, seed: number): PeerGroup {
    const g = new PeerGroup(s.name, seed);
    g.memberDays = s.memberDays;
    g.mean.set(s.mean.slice(0, F));
    g.var.set(s.var.slice(0, F));
    const bytes = Buffer.from(s.reservoir, 'base64');
    if (bytes.length !== s.reservoirCount * F * 4) throw new RangeError('peer reservoir size mismatch');
    new Uint8Array(g.reservoir.buffer).set(bytes);
    g.reservoirCount = s.reservoirCount;
    g.seen = s.seen;
    g.sinceFit = REFIT_EVERY;
    g.maybeRefit();
    return g;
  }
}
