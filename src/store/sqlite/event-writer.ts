// Where the ingest path's writes (event batches, alerts, dead letters, state) happen:
// on a thread of their own when the database is a file, so that SQLite's work
// (binding, B-tree inserts, compressing raw blocks, the commit) runs on the
// second core while the calling thread parses the next batch and runs detection
// on the last. Jobs are written in the order they were handed in, by one writer,
// so the calling thread never waits on a lock for them. A small job arriving
// while the thread is idle is written on the calling thread: no round trip for
// a single event. The thread writes the jobs queued at one moment in one
// transaction (each in a savepoint of its own), so concurrent requests share
// one commit.
import type { Worker } from 'node:worker_threads';
import { ERROR_CATALOGUE, LeakwatchError, type ErrorCode } from '../../errors/index.js';
import { startWorker } from '../../threads/index.js';
import type { IngestWrites, RowsResult, WriteJob } from './event-insert.js';
import { storeError } from './store-error.js';

export interface EventWriterOptions {
  /** The database file the thread opens (its own connection); none: every batch on the calling thread. */
  readonly file?: string;
  readonly busyTimeoutMs: number;
  /** Batches smaller than this are written on the calling thread when the writer thread is idle (default 256). */
  readonly inlineBelow?: number;
  /** Told when the thread could not start or died: writing goes on, but an operator should know. */
  readonly warn?: (message: string) => void;
  /** Starts the thread (tests start one that fails). */
  readonly start?: (workerData: { file: string; busyTimeoutMs: number }) => Worker;
}

export const startWriterThread = (workerData: { file: string; busyTimeoutMs: number }): Worker => startWorker(import.meta.url, './event-writer-thread', { workerData });

/** A request to the writer thread, and its answer. */
export type WriterRequest = { readonly id: number; readonly job: WriteJob } | { readonly id: number; readonly close: true };
export type WriterReply = { readonly id: number; readonly result: RowsResult | null } | { readonly id: number; readonly error: { code: string; message: string; details?: Record<string, unknown> } };

const WHAT = { events: 'storing events failed', alerts: 'saving alerts failed', dead: 'storing dead letters failed', state: 'saving state failed' } as const;

/** A failed job's error, coded, named after what the job did. */
function jobError(err: unknown, job: WriteJob): LeakwatchError {
  return storeError(err, WHAT[job.op]);
}

/** The error of a failed write as it crosses threads. */
export function describeError(err: unknown, job: WriteJob): { code: string; message: string; details?: Record<string, unknown> } {
  const e = jobError(err, job);
  return { code: e.code, message: e.message, details: { ...e.details } };
}

interface Waiting {
  readonly job: WriteJob;
  resolve(r: RowsResult | null): void;
  reject(e: Error): void;
}

export class EventWriter {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private closed = false;
  /** Set when the thread could not start (no worker threads here): every job runs on the calling thread. */
  private threadless = false;
  private writes: IngestWrites | undefined;

  /** `inline` makes the calling thread's writes when first needed (a read-only store never needs them). */
  constructor(
    private readonly inline: () => IngestWrites,
    private readonly options: EventWriterOptions,
  ) {}

  /** Writes a job; resolves once it is committed (durable). */
  write(job: WriteJob): Promise<RowsResult | null> {
    if (this.closed) return Promise.reject(new LeakwatchError('STORE_WRITE_FAILED', 'the store is closed'));
    if (this.options.file === undefined || this.threadless || (this.waiting.size === 0 && job.rows.length < (this.options.inlineBelow ?? 256))) {
      try {
        return Promise.resolve(this.here(job));
      } catch (err) {
        return Promise.reject(jobError(err, job));
      }
    }
    const worker = this.thread(this.options.file);
    return new Promise<RowsResult | null>((resolve, reject) => {
      const id = this.next++;
      this.waiting.set(id, { job, resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, job } satisfies WriterRequest);
    });
  }

  /** Waits for the batches in flight, then stops the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ id: this.next++, close: true } satisfies WriterRequest);
    await exited;
  }

  private here(job: WriteJob): RowsResult | null {
    return (this.writes ??= this.inline()).apply(job);
  }

  private thread(file: string): Worker {
    if (this.worker) return this.worker;
    const worker = (this.options.start ?? startWriterThread)({ file, busyTimeoutMs: this.options.busyTimeoutMs });
    this.worker = worker;
    let started = false;
    worker.on('message', (m: WriterReply | { ready: true }) => {
      if ('ready' in m) {
        started = true;
        return;
      }
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) worker.unref();
      if ('result' in m) w.resolve(m.result);
      else w.reject(new LeakwatchError(codeOf(m.error.code), m.error.message, m.error.details ?? {}));
    });
    // A thread that dies after it started fails what it held (it may have
    // committed some of it); the next job starts a new one. One that never
    // started wrote nothing: its jobs run here, in order, and so does every later one.
    let failed = false;
    const fail = (why: string) => {
      // 'error' is followed by 'exit': one failure, told once.
      if (failed) return;
      failed = true;
      if (this.worker === worker) this.worker = undefined;
      const held = [...this.waiting.values()];
      this.waiting.clear();
      if (!started) {
        this.threadless = true;
        this.options.warn?.(`the store's writer thread could not start (${why}); events are written on the main thread`);
        for (const w of held) {
          try {
            w.resolve(this.here(w.job));
          } catch (err) {
            w.reject(jobError(err, w.job));
          }
        }
        return;
      }
      const err = new LeakwatchError('STORE_WRITE_FAILED', `writing failed: the writer thread ${why}`);
      for (const w of held) w.reject(err);
      this.options.warn?.(`the store's writer thread ${why}; ${held.length} write(s) failed, the next one starts a new thread`);
    };
    worker.on('error', (err) => fail(`failed: ${err instanceof Error ? err.message : String(err)}`));
    worker.on('exit', (code) => {
      if (!this.closed || this.waiting.size > 0) fail(`exited (${code})`);
    });
    return worker;
  }
}

/** A code from the other thread: one of the catalogue's (storeError only makes STORE_ codes). */
function codeOf(code: string): ErrorCode {
  return code in ERROR_CATALOGUE ? (code as ErrorCode) : 'STORE_WRITE_FAILED';
}
