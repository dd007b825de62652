import { describe, expect, it } from 'vitest';
import { MemoryTileStorage } from './memory-tile-storage.js';
import { verifyConsistency, verifyInclusion } from './proof-verify.js';
import { leafHash } from './rfc6962.js';
import { TEST_LEAVES, entries, refMth, refPath, refProof } from './rfc6962-reference.case.js';
import { TileBuilder } from './tile-builder.js';
import { TileReader } from './tile-reader.js';
import { haveMerkle, merkle } from './vectors.case.js';
import { rejectedCode as code } from '../../test/support/error-code.js';

/** A log of `d` in memory, published at each of `sizes` (so older partial tiles exist too). */
async function publish(d: Buffer[], sizes: number[]): Promise<MemoryTileStorage> {
  const storage = new MemoryTileStorage();
  const b = TileBuilder.empty();
  for (const size of sizes) {
    b.add(d.slice(b.size, size), d.slice(b.size, size).map(leafHash));
    await storage.write(b.takeFiles().files);
  }
  return storage;
}

describe('reading proofs out of tiles', () => {
  const d = entries(1200, 21);

  it('builds the RFC 6962 audit path for leaves across tile boundaries', async () => {
    const reader = new TileReader(await publish(d, [1200]));
    for (const [m, n] of [[0, 1], [0, 2], [255, 256], [256, 257], [300, 1200], [1199, 1200], [511, 513], [70, 700]] as const) {
      const proof = await reader.inclusionProof(m, n, 1200);
      expect(proof).toEqual(refPath(m, d.slice(0, n)));
      verifyInclusion(m, n, leafHash(d[m]!), proof, await reader.rootAt(n, 1200));
    }
  });

  it('builds the RFC 6962 consistency proof between any two sizes', async () => {
    const reader = new TileReader(await publish(d, [1200]));
    for (const [m, n] of [[1, 1200], [256, 1200], [257, 513], [600, 601], [1199, 1200], [77, 77]] as const) {
      const proof = await reader.consistencyProof(m, n, 1200);
      expect(proof).toEqual(refProof(m, d.slice(0, n)));
      verifyConsistency(m, n, refMth(d.slice(0, m)), refMth(d.slice(0, n)), proof);
    }
  });

  it('gives the root and the entries of any published prefix', async () => {
    const reader = new TileReader(await publish(d, [1000, 1200]));
    expect(await reader.rootAt(1000, 1200)).toEqual(refMth(d.slice(0, 1000)));
    expect(await reader.rootAt(0, 1200)).toEqual(refMth([]));
    expect(await reader.entries(250, 20, 1200)).toEqual(d.slice(250, 270));
  });

  it('falls back to the full tile when a partial one was removed', async () => {
    const storage = await publish(d, [700, 1200]);
    await storage.removePartials('tile/0/002');
    await storage.removePartials('tile/entries/002');
    const reader = new TileReader(storage);
    expect(await reader.inclusionProof(600, 700, 700)).toEqual(refPath(600, d.slice(0, 700)));
    expect(await reader.entries(690, 10, 700)).toEqual(d.slice(690, 700));
  });

  it('reports a missing tile as LEDGER_TILE_MISSING and a short one as LEDGER_TILE_CORRUPT', async () => {
    const storage = await publish(d, [1200]);
    expect(await code(new TileReader(storage).inclusionProof(5, 1300, 1300))).toBe('LEDGER_TILE_MISSING');
    await storage.write([{ path: 'tile/0/000', data: Buffer.alloc(100) }]);
    expect(await code(new TileReader(storage).leafHash(3, 1200))).toBe('LEDGER_TILE_CORRUPT');
  });

  it('refuses leaves and sizes beyond the published tree with LEDGER_RANGE_INVALID', async () => {
    const reader = new TileReader(await publish(d, [1200]));
    expect(await code(reader.inclusionProof(1200, 1200))).toBe('LEDGER_RANGE_INVALID');
    expect(await code(reader.consistencyProof(10, 1201, 1200))).toBe('LEDGER_RANGE_INVALID');
    expect(await code(reader.consistencyProof(0, 10, 1200))).toBe('LEDGER_RANGE_INVALID');
  });

  it('keeps a bounded number of tiles in memory', async () => {
    const storage = await publish(entries(256 * 40, 2), [256 * 40]);
    let reads = 0;
    const counting = { location: 'counting', read: (p: string) => (reads++, storage.read(p)), partialWidths: (p: string) => storage.partialWidths(p) };
    const reader = new TileReader(counting, { cacheTiles: 4 });
    for (let t = 0; t < 40; t++) await reader.leafHash(t * 256, 256 * 40);
    const before = reads;
    await reader.leafHash(0, 256 * 40); // evicted long ago: read again
    expect(reads).toBe(before + 1);
    await reader.leafHash(39 * 256 + 1, 256 * 40); // still cached
    expect(reads).toBe(before + 1);
  });
});

describe.skipIf(!haveMerkle)('proofs from tiles on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it('reproduces every derived inclusion and consistency proof of the eight test leaves', async () => {
    const reader = new TileReader(await publish(TEST_LEAVES, [8]));
    for (const p of merkle.derived.inclusionProofs) {
      expect((await reader.inclusionProof(p.leafIndex, p.treeSize, 8)).map((h) => h.toString('hex'))).toEqual(p.proof);
      expect((await reader.rootAt(p.treeSize, 8)).toString('hex')).toBe(p.root);
    }
    for (const p of merkle.derived.consistencyProofs) {
      expect((await reader.consistencyProof(p.size1, p.size2, 8)).map((h) => h.toString('hex'))).toEqual(p.proof);
    }
  });
});
