// The conformance suite every tile storage backend runs. A store-backed backend
// joins by adding itself to BACKENDS; a backend that cannot pass a case must say
// which and why here.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskTileStorage } from './disk-tile-storage.js';
import { MemoryTileStorage } from './memory-tile-storage.js';
import type { TileStorage } from './tile-storage.js';
import { rejectedCode as code } from '../../test/support/error-code.js';

interface Backend {
  name: string;
  /** A fresh, empty storage, and a second view of the same data (as after a restart). */
  make(): Promise<{ storage: TileStorage; reopen(): TileStorage; cleanup(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'disk',
    async make() {
      const dir = await mkdtemp(join(tmpdir(), 'lw-tiles-'));
      return { storage: new DiskTileStorage(dir), reopen: () => new DiskTileStorage(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'memory',
    async make() {
      const storage = new MemoryTileStorage();
      return { storage, reopen: () => storage, cleanup: async () => {} };
    },
  },
];

describe.each(BACKENDS)('tile storage: $name', (backend) => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  async function fresh() {
    const made = await backend.make();
    cleanup = made.cleanup;
    return made;
  }

  it('returns null for a resource that was never written', async () => {
    const { storage } = await fresh();
    expect(await storage.read('checkpoint')).toBeNull();
    expect(await storage.read('tile/0/000')).toBeNull();
    expect(await storage.partialWidths('tile/0/000')).toEqual([]);
  });

  it('keeps what it wrote, byte for byte, for a later reader', async () => {
    const { storage, reopen } = await fresh();
    const tile = Buffer.alloc(8192, 1);
    const bundle = Buffer.from([0, 1, 0x41]);
    await storage.write([
      { path: 'tile/0/x001/x234/067', data: tile },
      { path: 'tile/entries/000.p/1', data: bundle },
    ]);
    await storage.writeCheckpoint(Buffer.from('log\n1\nroot\n'));
    const again = reopen();
    expect(await again.read('tile/0/x001/x234/067')).toEqual(tile);
    expect(await again.read('tile/entries/000.p/1')).toEqual(bundle);
    expect((await again.read('checkpoint'))?.toString()).toBe('log\n1\nroot\n');
  });

  it('replaces the checkpoint as a whole', async () => {
    const { storage } = await fresh();
    await storage.writeCheckpoint(Buffer.from('a much longer first checkpoint\n'));
    await storage.writeCheckpoint(Buffer.from('short\n'));
    expect((await storage.read('checkpoint'))?.toString()).toBe('short\n');
  });

  it('lists the partial versions of a tile and removes them once it is full', async () => {
    const { storage } = await fresh();
    await storage.write([
      { path: 'tile/1/005.p/3', data: Buffer.alloc(96) },
      { path: 'tile/1/005.p/17', data: Buffer.alloc(544) },
      { path: 'tile/1/006.p/1', data: Buffer.alloc(32) },
    ]);
    expect(await storage.partialWidths('tile/1/005')).toEqual([3, 17]);
    await storage.write([{ path: 'tile/1/005', data: Buffer.alloc(8192) }]);
    await storage.removePartials('tile/1/005');
    expect(await storage.partialWidths('tile/1/005')).toEqual([]);
    expect(await storage.read('tile/1/005.p/3')).toBeNull();
    expect(await storage.read('tile/1/005')).not.toBeNull();
    expect(await storage.partialWidths('tile/1/006')).toEqual([1]);
  });

  it.each(['../escape', '/etc/passwd', 'tile/0/1', 'tile/0/000/../../x', 'tile/x/000', 'private/signing.key'])('refuses the resource name %s with LEDGER_TILE_PATH_INVALID', async (path) => {
    const { storage } = await fresh();
    expect(await code(storage.read(path))).toBe('LEDGER_TILE_PATH_INVALID');
    expect(await code(storage.write([{ path, data: Buffer.alloc(1) }]))).toBe('LEDGER_TILE_PATH_INVALID');
  });

  it('takes only full tile names where it lists or removes partials', async () => {
    const { storage } = await fresh();
    expect(await code(storage.partialWidths('tile/0/000.p/4'))).toBe('LEDGER_TILE_PATH_INVALID');
    expect(await code(storage.removePartials('tile/0/000.p/4'))).toBe('LEDGER_TILE_PATH_INVALID');
  });
});

describe('disk tile storage', () => {
  it('lays files out exactly as tlog-tiles names them, leaving no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-tiles-'));
    try {
      const s = new DiskTileStorage(dir);
      await s.write([{ path: 'tile/entries/x001/000.p/2', data: Buffer.from([0, 0, 0, 0]) }]);
      await s.writeCheckpoint(Buffer.from('x\n'));
      expect((await stat(join(dir, 'tile/entries/x001/000.p/2'))).isFile()).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'tile']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
