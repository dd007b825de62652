// Kills a process that is appending with SIGKILL, many times, and checks after each
// kill that every index it acknowledged is in the log with its leaf hash, and that
// the whole log verifies.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskTileStorage } from './disk-tile-storage.js';
import { openLedger } from './ledger.js';
import { initLedger } from './ledger-files.js';
import { parseVerifierKey, type NoteVerifier } from './note-keys.js';
import { verifyLog } from './verify-log.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CHILD = join(import.meta.dirname, 'crash-child.case.ts');
const KILLS = 20;

let dir: string;
let key: NoteVerifier;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-crash-'));
  key = parseVerifierKey((await initLedger(join(dir, 'log'), { origin: 'example.org/crash' })).vkey);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the child until it has acknowledged `atLeast` entries, waits `extraMs` more, then SIGKILLs it. */
function runAndKill(atLeast: number, extraMs: number): Promise<{ acked: Map<number, string>; opened: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, join(dir, 'log')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<number, string>();
    let opened = '';
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [a, b] = line.split(' ');
        if (a === 'open') opened = line;
        else acked.set(Number(a), b!);
      }
      if (!armed && acked.size >= atLeast) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the child ended on its own (${code}): ${stderr}`));
      else resolve({ acked, opened });
    });
  });
}

describe('when the appending process is killed with SIGKILL', () => {
  it(`keeps every acknowledged entry and a verifiable log, ${KILLS} times over`, async () => {
    const everAcked = new Map<number, string>();
    let rnd = 12345;
    const next = () => (rnd = (rnd * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < KILLS; round++) {
      const { acked, opened } = await runAndKill(1 + (next() % 400), next() % 40);
      expect(opened).toMatch(/^open \d+ \d+$/);
      for (const [i, h] of acked) everAcked.set(i, h);

      const ledger = await openLedger(join(dir, 'log'));
      try {
        expect(ledger.integratedSize).toBe(ledger.size);
        expect(ledger.size).toBeGreaterThan(Math.max(...everAcked.keys()));
        const missing: number[] = [];
        for (const [i, h] of everAcked) if ((await ledger.reader.leafHash(i, ledger.integratedSize)).toString('hex') !== h) missing.push(i);
        expect(missing).toEqual([]);
      } finally {
        await ledger.close();
      }
      const result = await verifyLog(new DiskTileStorage(join(dir, 'log')), key);
      expect(result.size).toBeGreaterThan(Math.max(...everAcked.keys()));
    }
  }, 240_000);
});
