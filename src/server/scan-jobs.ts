// Scans requested over HTTP run as jobs, one at a time, with a bounded queue
// (past it: SERVER_OVERLOADED). Uploads wait in a private temporary folder and are
// deleted when their scan ends, whatever the outcome. Results are kept for a while
// for the caller to collect; only redacted reports are kept.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeakwatchError, errorMessage } from '../errors/index.js';
import { scan, type ScanOptions, type ScanReport } from '../scan/index.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ScanJob {
  readonly id: string;
  readonly requestedBy: string;
  /** What was scanned, as the caller named it (upload file name or server path). */
  readonly target: string;
  status: JobStatus;
  readonly createdAt: number;
  finishedAt: number | null;
  report: ScanReport | null;
  error: string | null;
}

interface Pending {
  job: ScanJob;
  path: string;
  /** Prefix to replace by the target name in the report (uploads). */
  rename: { from: string; to: string } | null;
  cleanup: (() => Promise<void>) | null;
  done: Array<() => void>;
}

export class ScanJobs {
  private readonly jobs = new Map<string, Pending>();
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly options: () => ScanOptions,
    private readonly limits: { queue: number; keep: number; keepMs: number } = { queue: 8, keep: 200, keepMs: 3600_000 },
    private readonly onFinished: (job: ScanJob) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** A private folder (mode 0700) for one upload. */
  async uploadDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
    const dir = await mkdtemp(join(tmpdir(), 'leakwatch-upload-'));
    return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
  }

  get depth(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Queues a scan of `path`; `cleanup` runs when it ends (delete the upload). */
  submit(input: { requestedBy: string; target: string; path: string; rename?: { from: string; to: string }; cleanup?: () => Promise<void> }): ScanJob {
    if (this.queue.length >= this.limits.queue) throw new LeakwatchError('SERVER_OVERLOADED', 'the scan queue is full', { retryAfterMs: 10_000 });
    this.prune();
    const job: ScanJob = { id: randomUUID(), requestedBy: input.requestedBy, target: input.target, status: 'queued', createdAt: this.now(), finishedAt: null, report: null, error: null };
    const pending: Pending = { job, path: input.path, rename: input.rename ?? null, cleanup: input.cleanup ?? null, done: [] };
    this.jobs.set(job.id, pending);
    this.queue.push(pending);
    void this.pump();
    return job;
  }

  get(id: string): ScanJob | null {
    return this.jobs.get(id)?.job ?? null;
  }

  /** Resolves when the job ends or after `timeoutMs`, whichever is first. */
  wait(id: string, timeoutMs: number): Promise<ScanJob | null> {
    const pending = this.jobs.get(id);
    if (!pending) return Promise.resolve(null);
    if (pending.job.status === 'done' || pending.job.status === 'failed') return Promise.resolve(pending.job);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(pending.job), timeoutMs);
      pending.done.push(() => {
        clearTimeout(timer);
        resolve(pending.job);
      });
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = true;
    const { job } = next;
    job.status = 'running';
    try {
      const report = await scan([next.path], { ...this.options(), reveal: false });
      job.report = next.rename ? renamePaths(report, next.rename.from, next.rename.to) : report;
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      job.error = errorMessage(err);
    } finally {
      job.finishedAt = this.now();
      await next.cleanup?.().catch(() => {});
      this.running = false;
      this.onFinished(job);
      for (const f of next.done) f();
      void this.pump();
    }
  }

  private prune(): void {
    const now = this.now();
    for (const [id, p] of this.jobs) {
      const finished = p.job.finishedAt;
      if (finished !== null && (now - finished > this.limits.keepMs || this.jobs.size > this.limits.keep)) this.jobs.delete(id);
    }
  }
}

/** The report with the temporary upload path replaced by the uploaded file's name. */
function renamePaths(report: ScanReport, from: string, to: string): ScanReport {
  const fix = (p: string) => (p.startsWith(from) ? to + p.slice(from.length) : p);
  return {
    ...report,
    findings: report.findings.map((f) => ({ ...f, path: fix(f.path) })),
    errors: report.errors.map((e) => ({ ...e, path: fix(e.path) })),
    files: report.files.map((f) => ({ ...f, path: fix(f.path) })),
  };
}
