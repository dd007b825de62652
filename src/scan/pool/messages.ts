// Messages between the scan pool and its worker threads.
import type { FileResult } from '../engine/file-scanner.js';

export type PoolRequest =
  | { id: number; kind: 'file'; filePath: string; displayPath: string }
  | { id: number; kind: 'bytes'; bytes: Uint8Array; displayPath: string };

/** `ready` once the worker has built its scanner; then one answer per request, in order. */
export type PoolResponse = { ready: true } | { id: number; result: FileResult } | { id: number; error: string };
