// A fixed pool of scan worker threads. Each worker holds one file at a time; a
// worker that dies is replaced and its file reported, so one bad file cannot stop
// a scan.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ScanOptions } from '../config/options.js';
import type { FileResult } from '../engine/file-scanner.js';
import type { PoolRequest, PoolResponse } from './messages.js';

type Job = { req: PoolRequest; resolve: (r: FileResult) => void };
type Request = { kind: 'file'; filePath: string; displayPath: string } | { kind: 'bytes'; bytes: Uint8Array; displayPath: string };

interface Slot {
  worker: Worker;
  job: Job | undefined;
  dead: boolean;
}

/**
 * Starts a worker on the compiled scan-worker.js or, when running from the
 * TypeScript sources (tests, `node --import tsx`), on scan-worker.ts through tsx,
 * which a worker does not inherit from its parent's --import.
 */
function startWorker(workerData: ScanOptions): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(fileURLToPath(new URL('./scan-worker.js', here)), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./scan-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData });
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ScanOptions, readonly size: number) {
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
    const worker = startWorker(this.options);
    const slot: Slot = { worker, job: undefined, dead: false };
    worker.on('message', (msg: PoolResponse) => {
      const job = slot.job;
      if (!job || job.req.id !== msg.id) return;
      slot.job = undefined;
      job.resolve('result' in msg ? msg.result : failed(job.req.displayPath, msg.error));
      this.pump();
    });
    const onDeath = (reason: string) => {
      if (this.closed || slot.dead) return;
      slot.dead = true;
      const job = slot.job;
      slot.job = undefined;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      if (job) job.resolve(failed(job.req.displayPath, reason));
      this.pump();
    };
    worker.on('error', (err) => onDeath(`worker error: ${err.message}`));
    worker.on('exit', (code) => onDeath(`worker exited with code ${code}`));
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.req);
    }
  }
}

function failed(path: string, message: string): FileResult {
  return { findings: [], errors: [{ path, code: 'SCAN_WORKER_FAILED', message }], files: [], documents: 0, findingsNotListed: 0 };
}
