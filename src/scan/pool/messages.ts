// Messages between the scan pool and its worker threads.
import type { FileResult } from '../engine/file-scanner.js';

export type PoolRequest =
  | { id: number; kind: 'file'; filePath: string; displayPath: string }
  | { id: number; kind: 'bytes'; bytes: Uint8Array; displayPath: string };

export type PoolResponse = { id: number; result: FileResult } | { id: number; error: string };
