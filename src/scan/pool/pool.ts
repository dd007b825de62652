// A fixed pool of scan worker threads. Each worker holds one file at a time; a
// worker that dies is replaced and its file reported, so one bad file cannot stop
// a scan.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../threads/index.js';
import type { ScanOptions } from '../config/options.js';
import { FileScanner, type FileResult } from '../engine/file-scanner.js';
import type { PoolRequest, PoolResponse } from './messages.js';

type Job = { req: PoolRequest; resolve: (r: FileResult) => void };
type Request = { kind: 'file'; filePath: string; displayPath: string } | { kind: 'bytes'; bytes: Uint8Array; displayPath: string };

interface Slot {
  worker: Worker;
  /** Jobs sent to the worker, oldest first; it answers them in order. */
  jobs: Job[];
  dead: boolean;
}

/** Jobs a worker holds at once: the one it scans and the next, so it never idles on a round trip. */
const PER_WORKER = 2;
/** A young generation large enough that scanning a chunk's many small match objects rarely stops for a scavenge. */
const YOUNG_GENERATION_MB = 32;

/** Starts a scan worker (scan-worker.ts) with a young generation sized for scanning. */
export function startScanWorker(workerData: ScanOptions): Worker {
  return startWorker(import.meta.url, './scan-worker', { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/** Workers that die before answering anything, after which the pool scans on the calling thread. */
const MAX_STARTUP_FAILURES = 3;

/** Starts one worker; tests pass their own to simulate workers that fail. */
export type WorkerStarter = (options: ScanOptions) => Worker;

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private startupFailures = 0;
  /** Set when workers cannot start here: jobs then run inline, slower but complete. */
  private inline: FileScanner | undefined;

  constructor(
    private readonly options: ScanOptions,
    readonly size: number,
    private readonly start: WorkerStarter = startScanWorker,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  scan(request: Request): Promise<FileResult> {
    return new Promise((resolve) => {
      this.queue.push({ req: { ...request, id: this.nextId++ } as PoolRequest, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = this.start(this.options);
    const slot: Slot = { worker, jobs: [], dead: false };
    let ready = false;
    worker.on('message', (msg: PoolResponse) => {
      if ('ready' in msg) {
        ready = true;
        return;
      }
      const job = slot.jobs[0];
      if (!job || job.req.id !== msg.id) return;
      slot.jobs.shift();
      job.resolve('result' in msg ? msg.result : failed(job.req.displayPath, msg.error));
      this.pump();
    });
    const onDeath = (reason: string) => {
      if (this.closed || slot.dead) return;
      slot.dead = true;
      const [job, ...waiting] = slot.jobs;
      slot.jobs = [];
      const i = this.slots.indexOf(slot);
      if (!ready) {
        // It never started: its files were not at fault, so they go back to the queue.
        this.queue.unshift(...(job ? [job] : []), ...waiting);
        if (++this.startupFailures >= MAX_STARTUP_FAILURES) {
          // Workers cannot run in this process: scan what is left on this thread.
          this.inline ??= new FileScanner(this.options);
          if (i >= 0) this.slots.splice(i, 1);
        } else if (i >= 0) this.slots[i] = this.spawn();
      } else {
        // The file being scanned is reported (it may be what killed the worker); the next is requeued.
        this.queue.unshift(...waiting);
        if (i >= 0) this.slots[i] = this.spawn();
        if (job) job.resolve(failed(job.req.displayPath, reason));
      }
      this.pump();
    };
    worker.on('error', (err) => onDeath(`worker error: ${err.message}`));
    worker.on('exit', (code) => onDeath(`worker exited with code ${code}`));
    return slot;
  }

  private pump(): void {
    if (this.inline) {
      const scanner = this.inline;
      for (const job of this.queue.splice(0)) {
        const r = job.req;
        void (r.kind === 'file' ? scanner.scanFile(r.filePath, r.displayPath) : scanner.scanBytes(r.bytes, r.displayPath)).then(job.resolve);
      }
      return;
    }
    for (const slot of this.slots) {
      while (slot.jobs.length < PER_WORKER && this.queue.length > 0) {
        const job = this.queue.shift()!;
        slot.jobs.push(job);
        slot.worker.postMessage(job.req);
      }
    }
  }
}

function failed(path: string, message: string): FileResult {
  return { findings: [], errors: [{ path, code: 'SCAN_WORKER_FAILED', message }], files: [], documents: 0, findingsNotListed: 0, allowed: 0 };
}
