// Admission and order of posted event batches: a few at once, a bounded queue,
// 503 past it, and detection turns in arrival order.
import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { IngestScheduler, type Turn } from './ingest-scheduler.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the ingest scheduler', () => {
  it('runs as many batches at once as allowed, queues the next and refuses past the queue', async () => {
    const s = new IngestScheduler(2, 1);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const jobs = gates.map((g, i) => s.run(async () => (started.push(i), await g.opened, i)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(s.depth).toBe(3);
    let refused: unknown;
    try {
      void s.run(async () => 9);
    } catch (err) {
      refused = err;
    }
    expect(isLeakwatchError(refused, 'SERVER_OVERLOADED')).toBe(true);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(s.depth).toBe(0);
  });

  it('gives detection turns in arrival order, whichever batch is parsed first', async () => {
    const s = new IngestScheduler(3, 8);
    const order: string[] = [];
    const first = gate();
    const a = s.run(async (turn: Turn) => {
      await first.opened; // a slow upload
      await turn.ready;
      order.push('a');
    });
    const b = s.run(async (turn: Turn) => {
      await turn.ready;
      order.push('b');
    });
    const c = s.run(async (turn: Turn) => {
      await turn.ready;
      order.push('c');
    });
    await tick();
    expect(order).toEqual([]);
    first.open();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('passes the turn on when a batch fails', async () => {
    const s = new IngestScheduler(2, 8);
    const failed = s.run(async () => {
      throw new Error('bad batch');
    });
    const next = s.run(async (turn) => {
      await turn.ready;
      return 'detected';
    });
    await expect(failed).rejects.toThrow('bad batch');
    expect(await next).toBe('detected');
  });
});
