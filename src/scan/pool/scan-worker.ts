// Worker-thread entry: builds a FileScanner from the options it was started with
// and scans the files the pool sends, one message per root file, one at a time in
// the order they arrive (the pool keeps the next one queued here, so the thread
// never waits for a round trip to the main thread between files).
import { parentPort, workerData } from 'node:worker_threads';
import { FileScanner } from '../engine/file-scanner.js';
import type { ScanOptions } from '../config/options.js';
import type { PoolRequest, PoolResponse } from './messages.js';

const scanner = new FileScanner(workerData as ScanOptions);
const queue: PoolRequest[] = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let req = queue.shift(); req !== undefined; req = queue.shift()) {
    let response: PoolResponse;
    try {
      const result = req.kind === 'file' ? await scanner.scanFile(req.filePath, req.displayPath) : await scanner.scanBytes(req.bytes, req.displayPath);
      response = { id: req.id, result };
    } catch (err) {
      response = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(response);
  }
  busy = false;
}

parentPort!.on('message', (req: PoolRequest) => {
  queue.push(req);
  if (!busy) void drain();
});
parentPort!.postMessage({ ready: true } satisfies PoolResponse);
