import { describe, expect, it } from 'vitest';
import { parseBundle } from './entry-bundle.js';
import { leafHash } from './rfc6962.js';
import { entries, refMth } from './rfc6962-reference.case.js';
import { TileBuilder } from './tile-builder.js';
import { parseTilePath, tilePath, tilesToPublish } from './tile-path.js';

describe('the tile builder', () => {
  const d = entries(700, 5);
  const leaves = d.map(leafHash);

  it('writes exactly the tiles and bundles a growth publishes, and the root of the tree', () => {
    const b = TileBuilder.empty();
    let size = 0;
    for (const step of [1, 7, 200, 48, 1, 300, 143]) {
      b.add(d.slice(size, size + step), leaves.slice(size, size + step));
      const { files } = b.takeFiles();
      const want = tilesToPublish(size, size + step).map((t) => tilePath({ level: t.level, index: t.index, width: t.width }));
      const bundles = tilesToPublish(size, size + step).filter((t) => t.level === 0).map((t) => tilePath({ level: 'entries', index: t.index, width: t.width }));
      expect(files.map((f) => f.path).sort()).toEqual([...want, ...bundles].sort());
      size += step;
      expect(b.root()).toEqual(refMth(d.slice(0, size)));
    }
  });

  it('fills bundles and level-0 tiles with the entries and their leaf hashes', () => {
    const b = TileBuilder.empty();
    b.add(d.slice(0, 300), leaves.slice(0, 300));
    const files = new Map(b.takeFiles().files.map((f) => [f.path, Buffer.from(f.data)]));
    expect(parseBundle(files.get('tile/entries/000')!, 256)).toEqual(d.slice(0, 256));
    expect(parseBundle(files.get('tile/entries/001.p/44')!, 44)).toEqual(d.slice(256, 300));
    expect(files.get('tile/0/001.p/44')).toEqual(Buffer.concat(leaves.slice(256, 300)));
    expect(files.get('tile/1/000.p/1')).toEqual(refMth(d.slice(0, 256)));
  });

  it('names the completed full tiles, whose partial versions may then go', () => {
    const b = TileBuilder.empty();
    b.add(d.slice(0, 100), leaves.slice(0, 100));
    b.takeFiles();
    b.add(d.slice(100, 520), leaves.slice(100, 520));
    expect(b.takeFiles().completed.sort()).toEqual(['tile/0/000', 'tile/0/001', 'tile/entries/000', 'tile/entries/001'].sort());
  });

  it('resumes from the right edge to the same tree as one that never stopped', () => {
    const whole = TileBuilder.empty();
    whole.add(d.slice(0, 700), leaves.slice(0, 700));
    const first = TileBuilder.empty();
    first.add(d.slice(0, 600), leaves.slice(0, 600));
    const files = new Map(first.takeFiles().files.map((f) => [f.path, Buffer.from(f.data)]));
    const row = (p: string) => {
      const data = files.get(p)!;
      return Array.from({ length: data.length / 32 }, (_, i) => data.subarray(i * 32, i * 32 + 32));
    };
    const resumed = TileBuilder.resume(600, parseBundle(files.get('tile/entries/002.p/88')!, 88), [row('tile/0/002.p/88'), row('tile/1/000.p/2')]);
    resumed.add(d.slice(600, 700), leaves.slice(600, 700));
    expect(resumed.root()).toEqual(whole.root());
    expect(resumed.takeFiles().files.map((f) => parseTilePath(f.path))).toContainEqual({ level: 0, index: 2, width: 188 });
  });

  it('refuses to resume from a right edge of the wrong width', () => {
    expect(() => TileBuilder.resume(10, [], [])).toThrow(RangeError);
  });
});
