// Runs a whole scan: checks the roots, walks them, spreads files over worker
// threads (or scans inline for small jobs), and assembles the report in walk
// order. Reports progress and each file's result as it lands.
import { availableParallelism } from 'node:os';
import { FileScanner, type FileResult } from './engine/file-scanner.js';
import { ScanPool } from './pool/pool.js';
import { checkRoots, walk, type WalkItem } from './walk/walker.js';
import { CONFIDENCE_RANK } from './detectors/index.js';
import type { ScanOptions } from './config/options.js';
import type { ScanIssue, ScanReport, ScanStats } from './report/types.js';

export interface ScanProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ScanHooks {
  /** Reads standard input when `-` is among the inputs. */
  readStdin?: () => Promise<Uint8Array>;
  onProgress?: (p: ScanProgress) => void;
  /** Each root file's result, in completion order. */
  onResult?: (result: FileResult) => void;
}

/** Below this many bytes in all, threads cost more than they save. */
const INLINE_BYTES = 512 * 1024;

/** Scans files, folders and `-` (stdin); returns the full report. */
export async function scan(inputs: readonly string[], options: ScanOptions, hooks: ScanHooks = {}): Promise<ScanReport> {
  const started = performance.now();
  await checkRoots(inputs);
  const files: Array<Extract<WalkItem, { kind: 'file' }>> = [];
  const walkIssues: ScanIssue[] = [];
  for await (const item of walk(inputs, options)) {
    if (item.kind === 'file') files.push(item);
    else walkIssues.push(item.issue);
  }
  const stdin = inputs.includes('-') && hooks.readStdin ? await hooks.readStdin() : undefined;
  const bytesTotal = files.reduce((n, f) => n + f.size, 0) + (stdin?.length ?? 0);
  const jobs = files.length + (stdin ? 1 : 0);
  const wanted = options.workers > 0 ? options.workers : 0;
  const threads = bytesTotal < INLINE_BYTES ? 0 : Math.min(wanted, jobs);

  const results: FileResult[] = new Array(jobs);
  const progress: ScanProgress = { filesDone: 0, filesTotal: jobs, bytesDone: 0, bytesTotal };
  const land = (i: number, size: number, r: FileResult) => {
    results[i] = r;
    progress.filesDone++;
    progress.bytesDone += size;
    hooks.onResult?.(r);
    hooks.onProgress?.(progress);
  };

  const tooLarge = (size: number) => size > options.limits.maxFileBytes;
  const skipLarge = (f: { displayPath: string; size: number }): FileResult => ({
    findings: [],
    errors: [{ path: f.displayPath, code: 'SCAN_FILE_TOO_LARGE', message: `${f.size} bytes is over maxFileBytes (${options.limits.maxFileBytes}); not scanned` }],
    files: [],
    documents: 0,
    findingsNotListed: 0,
    allowed: 0,
  });

  if (threads === 0) {
    const scanner = new FileScanner(options);
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      land(i, f.size, tooLarge(f.size) ? skipLarge(f) : await scanner.scanFile(f.filePath, f.displayPath));
    }
    if (stdin) land(files.length, stdin.length, await scanner.scanBytes(stdin, '-'));
  } else {
    const pool = new ScanPool(options, threads);
    try {
      // Keep a bounded number of files in flight so memory does not grow with the tree.
      const inFlight = new Set<Promise<void>>();
      const submit = (i: number, size: number, p: Promise<FileResult>) => {
        const t: Promise<void> = p.then((r) => {
          land(i, size, r);
          inFlight.delete(t);
        });
        inFlight.add(t);
      };
      for (let i = 0; i < files.length; i++) {
        const f = files[i]!;
        if (tooLarge(f.size)) land(i, f.size, skipLarge(f));
        else submit(i, f.size, pool.scan({ kind: 'file', filePath: f.filePath, displayPath: f.displayPath }));
        if (inFlight.size >= threads * 4) await Promise.race(inFlight);
      }
      if (stdin) submit(files.length, stdin.length, pool.scan({ kind: 'bytes', bytes: stdin, displayPath: '-' }));
      await Promise.all(inFlight);
    } finally {
      await pool.close();
    }
  }
  return assemble(results, walkIssues, options, { bytes: bytesTotal, files: jobs, started, workers: threads });
}

function assemble(results: FileResult[], walkIssues: ScanIssue[], options: ScanOptions, run: { bytes: number; files: number; started: number; workers: number }): ScanReport {
  const report: ScanReport = { findings: [], errors: [...walkIssues], files: [], stats: emptyStats(options) };
  const stats = report.stats;
  for (const r of results) {
    if (!r) continue;
    report.findings.push(...r.findings);
    report.errors.push(...r.errors);
    report.files.push(...r.files);
    stats.documents += r.documents;
    stats.findingsNotListed += r.findingsNotListed;
    stats.allowed += r.allowed;
  }
  for (const f of report.files) {
    stats.findings += f.findings;
    if (f.bulk) stats.bulkFiles++;
    for (const [t, n] of Object.entries(f.types)) stats.byType[t] = (stats.byType[t] ?? 0) + n;
  }
  for (const f of report.findings) stats.byConfidence[f.confidence]++;
  stats.filesScanned = run.files;
  stats.bytes = run.bytes;
  stats.errors = report.errors.length;
  stats.workers = run.workers;
  stats.durationMs = Math.round(performance.now() - run.started);
  const seconds = Math.max(stats.durationMs, 1) / 1000;
  stats.mbPerSecond = round(run.bytes / 1e6 / seconds);
  stats.filesPerSecond = round(run.files / seconds);
  return report;
}

function emptyStats(options: ScanOptions): ScanStats {
  return {
    filesScanned: 0,
    documents: 0,
    bytes: 0,
    findings: 0,
    findingsNotListed: 0,
    allowed: 0,
    errors: 0,
    durationMs: 0,
    mbPerSecond: 0,
    filesPerSecond: 0,
    byType: {},
    byConfidence: { low: 0, medium: 0, high: 0 },
    bulkFiles: 0,
    workers: 0,
    revealed: options.reveal,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Default worker count: every core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Whether a report has findings at or above a confidence. */
export function hasFindings(report: ScanReport, min: keyof typeof CONFIDENCE_RANK = 'low'): boolean {
  return report.findings.some((f) => CONFIDENCE_RANK[f.confidence] >= CONFIDENCE_RANK[min]) || report.stats.findingsNotListed > 0;
}
