// Worker-thread entry: builds a FileScanner from the options it was started with
// and scans the files the pool sends, one message per root file.
import { parentPort, workerData } from 'node:worker_threads';
import { FileScanner } from '../engine/file-scanner.js';
import type { ScanOptions } from '../config/options.js';
import type { PoolRequest, PoolResponse } from './messages.js';

const scanner = new FileScanner(workerData as ScanOptions);

parentPort!.on('message', (req: PoolRequest) => {
  const job = req.kind === 'file' ? scanner.scanFile(req.filePath, req.displayPath) : scanner.scanBytes(req.bytes, req.displayPath);
  job.then(
    (result) => parentPort!.postMessage({ id: req.id, result } satisfies PoolResponse),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies PoolResponse),
  );
});
