import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLeakwatchError, type LeakwatchError } from '../errors/index.js';
import { DiskTileStorage } from './disk-tile-storage.js';
import { HttpTileSource } from './http-tile-source.js';
import { openLedger } from './ledger.js';
import { initLedger } from './ledger-files.js';
import { parseVerifierKey, type NoteVerifier } from './note-keys.js';
import { openNote } from './signed-note.js';
import { witnessLog } from './witness.js';

let work: string;
let log: string;
let logKey: NoteVerifier;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'lw-witness-'));
  log = join(work, 'log');
  logKey = parseVerifierKey((await initLedger(log, { origin: 'example.org/audit' })).vkey);
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function grow(dir: string, n: number, tag = 'a'): Promise<void> {
  const l = await openLedger(dir);
  await Promise.all(Array.from({ length: n }, (_, i) => l.appendLeaf(Buffer.from(`${tag}${i}`))));
  await l.close();
}

async function refusal(p: Promise<unknown>): Promise<LeakwatchError | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (isLeakwatchError(err)) return err;
    throw err;
  }
}

const witness = (dir = log, now = 1_700_000_000) => witnessLog({ stateDir: join(work, 'w'), source: new DiskTileStorage(dir), logKey, name: 'example.org/w1', now: () => now });

describe('a witness', () => {
  it('cosigns the first checkpoint it sees, and that cosignature verifies under its key', async () => {
    await grow(log, 300);
    const r = await witness();
    expect(r.createdKey).toBe(true);
    expect(r.checkpoint.size).toBe(300);
    const opened = openNote(r.cosigned, [logKey, parseVerifierKey(r.witnessKey)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['example.org/audit', 'example.org/w1']);
    expect((await readFile(join(work, 'w/witness.key'), 'utf8')).startsWith('PRIVATE+KEY+example.org/w1+')).toBe(true);
  });

  it('cosigns a grown log once the consistency proof from the last cosigned checkpoint holds', async () => {
    await grow(log, 10);
    await witness();
    await grow(log, 600);
    const r = await witness();
    expect(r.previous?.size).toBe(10);
    expect(r.checkpoint.size).toBe(610);
    expect(r.createdKey).toBe(false);
  });

  it('refuses a rollback loudly, showing both checkpoints, and keeps the newer one', async () => {
    const old = join(work, 'old');
    await grow(log, 5);
    await cp(log, old, { recursive: true });
    await grow(log, 5);
    const newer = await witness();
    const err = await refusal(witness(old));
    expect(err?.code).toBe('LEDGER_WITNESS_ROLLBACK');
    expect(newer.checkpoint.size).toBe(10);
    expect(err?.message).toContain('example.org/audit\n10\n');
    expect(err?.message).toContain('example.org/audit\n5\n');
    expect((await witness()).previous?.size).toBe(10);
  });

  it('refuses a fork: another tree from the same key that does not extend the cosigned one', async () => {
    const fork = join(work, 'fork');
    await grow(log, 5);
    await cp(log, fork, { recursive: true });
    await grow(log, 5, 'honest');
    await grow(fork, 7, 'rewritten');
    await witness();
    const err = await refusal(witness(fork));
    expect(err?.code).toBe('LEDGER_WITNESS_FORK');
    expect(err?.details['witnessed']).toContain('\n10\n');
    expect(err?.details['presented']).toContain('\n12\n');
  });

  it('refuses two different trees of the same size', async () => {
    const fork = join(work, 'fork');
    await cp(log, fork, { recursive: true });
    await grow(log, 3, 'x');
    await grow(fork, 3, 'y');
    await witness();
    expect((await refusal(witness(fork)))?.code).toBe('LEDGER_WITNESS_FORK');
  });

  it('refuses a checkpoint that is not signed by the log key', async () => {
    const other = join(work, 'other');
    await initLedger(other, { origin: 'example.org/audit' });
    expect((await refusal(witness(other)))?.code).toBe('LEDGER_NOTE_UNVERIFIED');
  });
});

describe('a witness of a log served over HTTP', () => {
  let server: Server;
  let url: string;
  beforeEach(async () => {
    // A static file server for the tlog-tiles layout, as any web server would be.
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/log\//, '');
      if (!/^(checkpoint|tile\/[0-9a-z./]+)$/.test(path) || path.includes('..')) {
        res.writeHead(404).end();
        return;
      }
      readFile(join(log, path)).then(
        (data) => res.writeHead(200, { 'content-type': path === 'checkpoint' ? 'text/plain; charset=utf-8' : 'application/octet-stream' }).end(data),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/log`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the checkpoint and tiles by URL and cosigns growth', async () => {
    await grow(log, 100);
    const source = new HttpTileSource(url);
    await witnessLog({ stateDir: join(work, 'w'), source, logKey });
    await grow(log, 500);
    const r = await witnessLog({ stateDir: join(work, 'w'), source, logKey });
    expect(r.previous?.size).toBe(100);
    expect(r.checkpoint.size).toBe(600);
  });

  it('reports a server that does not answer as LEDGER_FETCH_FAILED', async () => {
    const source = new HttpTileSource('http://127.0.0.1:9/nothing', 2000);
    expect((await refusal(witnessLog({ stateDir: join(work, 'w'), source, logKey })))?.code).toBe('LEDGER_FETCH_FAILED');
  });

  it('treats a missing checkpoint as LEDGER_TILE_MISSING', async () => {
    const source = new HttpTileSource(`${url}/elsewhere`);
    expect((await refusal(witnessLog({ stateDir: join(work, 'w'), source, logKey })))?.code).toBe('LEDGER_TILE_MISSING');
  });
});
