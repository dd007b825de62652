import { cp, mkdtemp, readFile, readdir, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { DiskTileStorage } from './disk-tile-storage.js';
import { openLedger } from './ledger.js';
import { initLedger } from './ledger-files.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey, type NoteVerifier } from './note-keys.js';
import { openNote, signNote } from './signed-note.js';
import { verifyLog } from './verify-log.js';

let pristine: string;
let verifier: NoteVerifier;
let work: string;

/** Every file of the published log (the checkpoint, tiles, bundles and leftover partials), relative to its folder. */
async function publishedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  await walk(join(dir, 'tile'));
  return ['checkpoint', ...out.sort()];
}

async function copyLog(): Promise<string> {
  const dir = join(work, `copy-${Math.random().toString(36).slice(2)}`);
  await cp(pristine, dir, { recursive: true });
  return dir;
}

async function failure(dir: string, key = verifier): Promise<{ code: string; path?: unknown; index?: unknown; message: string } | null> {
  try {
    await verifyLog(new DiskTileStorage(dir), key);
    return null;
  } catch (err) {
    if (isLeakwatchError(err)) return { code: err.code, path: err.details.path, index: err.details['index'], message: err.message };
    throw err;
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lw-verify-'));
  pristine = join(work, 'log');
  const config = await initLedger(pristine, { origin: 'example.org/audit' });
  verifier = parseVerifierKey(config.vkey);
  const l = await openLedger(pristine, { checkpointIntervalMs: 60_000 });
  // Checkpoints at 300, 520, 560 and 600: full and partial tiles at two levels, plus older partial versions.
  let i = 0;
  for (const size of [300, 520, 560, 600]) {
    const ps = [];
    for (; i < size; i++) ps.push(i % 5 === 0 ? l.appendLeaf(Buffer.from(`raw leaf ${i}`)) : l.append({ kind: 'login', at: '2026-01-31T09:30:00Z', actor: `u${i}`, subject: 'crm', data: { i } }));
    await Promise.all(ps);
    await l.integrated(size - 1);
  }
  await l.close();
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('verifying a whole log', () => {
  it('passes an intact log, reading every tile, bundle and leftover partial', async () => {
    const result = await verifyLog(new DiskTileStorage(pristine), verifier);
    expect(result.size).toBe(600);
    expect(result.files).toBe((await publishedFiles(pristine)).length);
    expect(await publishedFiles(pristine)).toContain('tile/0/002.p/48'); // an older partial version is checked too
  });

  it('names every file in which any one byte was flipped', async () => {
    const files = await publishedFiles(pristine);
    const missed: string[] = [];
    const dir = await copyLog();
    for (const file of files) {
      const original = await readFile(join(dir, file));
      const positions = new Set([0, 1, 2, Math.floor(original.length / 3), Math.floor(original.length / 2), original.length - 2, original.length - 1]);
      for (const at of positions) {
        for (const mask of [0x01, 0xff]) {
          const bytes = Buffer.from(original);
          bytes[at] = bytes[at]! ^ mask;
          await writeFile(join(dir, file), bytes);
          const f = await failure(dir);
          if (!f || f.path !== file) missed.push(`${file}@${at}^${mask}: ${f ? `${f.code} ${String(f.path)}` : 'passed'}`);
        }
      }
      await writeFile(join(dir, file), original);
    }
    expect(missed).toEqual([]);
  }, 120_000);

  it('names the entry index when an entry was rewritten', async () => {
    const dir = await copyLog();
    const path = join(dir, 'tile/entries/001');
    const bytes = await readFile(path);
    const at = bytes.indexOf('"u301"');
    bytes.write('"u3X1"', at);
    await writeFile(path, bytes);
    expect(await failure(dir)).toMatchObject({ code: 'LEDGER_ENTRY_MISMATCH', index: 301, path: 'tile/entries/001' });
  });

  it.each([
    ['the last bundle deleted', 'tile/entries/002.p/88', (p: string) => unlink(p), 'LEDGER_TILE_MISSING'],
    ['a full bundle cut short', 'tile/entries/000', (p: string) => truncate(p, 1000), 'LEDGER_BUNDLE_CORRUPT'],
    ['a tile cut short', 'tile/0/001', (p: string) => truncate(p, 8160), 'LEDGER_TILE_CORRUPT'],
    ['an upper tile deleted', 'tile/1/000.p/2', (p: string) => unlink(p), 'LEDGER_TILE_MISSING'],
    ['the checkpoint deleted', 'checkpoint', (p: string) => unlink(p), 'LEDGER_TILE_MISSING'],
  ])('fails a truncated log: %s', async (_what, file, damage, want) => {
    const dir = await copyLog();
    await damage(join(dir, file));
    expect(await failure(dir)).toMatchObject({ code: want, path: file });
  });

  it('fails when the entries were cut back and the tiles too, since the checkpoint still counts them', async () => {
    const dir = await copyLog();
    await rm(join(dir, 'tile/entries/002.p'), { recursive: true });
    await rm(join(dir, 'tile/0/002.p'), { recursive: true });
    expect(await failure(dir)).toMatchObject({ code: 'LEDGER_TILE_MISSING' });
  });

  it('rejects a checkpoint under another key, and one re-signed by another key', async () => {
    expect(await failure(pristine, parseVerifierKey(generateSignerKey('example.org/audit').vkey))).toMatchObject({ code: 'LEDGER_NOTE_UNVERIFIED', path: 'checkpoint' });
    const dir = await copyLog();
    const text = openNote(await readFile(join(dir, 'checkpoint')), [verifier]).text;
    const mallory = parseSignerKey(generateSignerKey('example.org/audit').skey);
    await writeFile(join(dir, 'checkpoint'), signNote(text, [mallory]));
    expect(await failure(dir)).toMatchObject({ code: 'LEDGER_NOTE_UNVERIFIED', path: 'checkpoint' });
  });

  it('reports a signed root that the log does not reproduce as LEDGER_ROOT_MISMATCH', async () => {
    // Possible only for the key holder: re-sign the checkpoint over another root.
    const dir = await copyLog();
    const key = await readFile(join(pristine, 'private/signing.key'), 'utf8');
    const c = parseCheckpoint(openNote(await readFile(join(dir, 'checkpoint')), [verifier]).text);
    await writeFile(join(dir, 'checkpoint'), signNote(formatCheckpoint({ ...c, rootHash: Buffer.alloc(32, 7) }), [parseSignerKey(key)]));
    expect(await failure(dir)).toMatchObject({ code: 'LEDGER_ROOT_MISMATCH', path: 'checkpoint' });
  });

  it('turns a malformed checkpoint into a typed error naming it', async () => {
    const dir = await copyLog();
    await writeFile(join(dir, 'checkpoint'), 'not a note');
    expect(await failure(dir)).toMatchObject({ code: 'LEDGER_NOTE_MALFORMED', path: 'checkpoint' });
  });
});
