import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from '../config/options.js';
import { tempDir } from '../extract/test-support.js';
import { ScanPool, startScanWorker } from './pool.js';

const options: ScanOptions = { ...DEFAULT_SCAN_OPTIONS, salt: 'pool-test-salt', workers: 2 };
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('lw-pool-'));
  await writeFile(join(dir, 'a.txt'), '手机 13812345678\n');
  await writeFile(join(dir, 'b.txt'), '身份证 11010519491231002X\n');
});
afterEach(() => cleanup());

/** A worker that runs `code` instead of the scanner. */
const fake = (code: string) => () => new Worker(code, { eval: true });

describe('ScanPool', () => {
  it('scans files on worker threads', async () => {
    const pool = new ScanPool(options, 2);
    try {
      const [a, b] = await Promise.all([pool.scan({ kind: 'file', filePath: join(dir, 'a.txt'), displayPath: 'a.txt' }), pool.scan({ kind: 'bytes', bytes: new TextEncoder().encode('tel 13912345678'), displayPath: '-' })]);
      expect(a.findings.map((f) => f.type)).toEqual(['cn_mobile']);
      expect(b.findings.map((f) => f.path)).toEqual(['-']);
    } finally {
      await pool.close();
    }
  });

  describe('when a worker dies while scanning a file', () => {
    it('reports that file as SCAN_WORKER_FAILED and goes on with a new worker', async () => {
      let started = 0;
      const start = (o: ScanOptions) => (started++ === 0 ? fake("const p = require('node:worker_threads').parentPort; p.postMessage({ ready: true }); p.on('message', () => process.exit(7));")() : startScanWorker(o));
      const pool = new ScanPool(options, 1, start);
      try {
        const first = await pool.scan({ kind: 'file', filePath: join(dir, 'a.txt'), displayPath: 'a.txt' });
        expect(first.errors).toEqual([{ path: 'a.txt', code: 'SCAN_WORKER_FAILED', message: 'worker exited with code 7' }]);
        const second = await pool.scan({ kind: 'file', filePath: join(dir, 'b.txt'), displayPath: 'b.txt' });
        expect(second.findings.map((f) => f.type)).toEqual(['cn_resident_id']);
      } finally {
        await pool.close();
      }
    });
  });

  describe('when workers cannot start at all', () => {
    it('scans on the calling thread instead, losing no file', async () => {
      const pool = new ScanPool(options, 2, fake('process.exit(3)'));
      try {
        const results = await Promise.all(['a.txt', 'b.txt'].map((f) => pool.scan({ kind: 'file', filePath: join(dir, f), displayPath: f })));
        expect(results.map((r) => r.findings.map((f) => f.type))).toEqual([['cn_mobile'], ['cn_resident_id']]);
        expect(results.flatMap((r) => r.errors)).toEqual([]);
      } finally {
        await pool.close();
      }
    });
  });
});
