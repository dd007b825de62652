import { describe, expect, it } from 'vitest';
import { encodeTileIndex, entriesPathFor, entryBundleRanges, nodeTileAddress, parseTileIndex, parseTileIndexExact, parseTileLevel, parseTilePath, tileCounts, tilePath, tilesToPublish } from './tile-path.js';
import { haveTiles, tiles } from './vectors.case.js';
import { thrownCode as code } from '../../test/support/error-code.js';

describe('tlog-tiles paths (our own vectors from the spec text)', () => {
  it.each([
    [0, '000'],
    [7, '007'],
    [999, '999'],
    [1000, 'x001/000'],
    [1234067, 'x001/x234/067'],
    [2 ** 53 - 1, 'x009/x007/x199/x254/x740/991'],
  ])('writes index %i as %s and reads it back', (index, encoded) => {
    expect(encodeTileIndex(index)).toBe(encoded);
    expect(parseTileIndex(encoded)).toEqual({ index, width: 256 });
  });

  it('names full and partial tiles and bundles, and parses them back', () => {
    expect(tilePath({ level: 2, index: 1234067, width: 17 })).toBe('tile/2/x001/x234/067.p/17');
    expect(tilePath({ level: 'entries', index: 5, width: 256 })).toBe('tile/entries/005');
    expect(parseTilePath('tile/entries/x001/000.p/3')).toEqual({ level: 'entries', index: 1000, width: 3 });
  });

  it.each(['tile/0/1', 'tile/0/x001', 'tile/00/001', 'tile/64/000', 'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/07', '../tile/0/000', 'tile/0/../000', 'checkpoint', 'tile/entries', 'tile/0/x1000/000', 'tile/0/000/'])(
    'refuses %s with LEDGER_TILE_PATH_INVALID',
    (path) => {
      expect(code(() => parseTilePath(path))).toBe('LEDGER_TILE_PATH_INVALID');
    },
  );

  it('counts the tiles of a tree of 70,000 as the spec does', () => {
    expect(tileCounts(70000)).toEqual([
      { level: 0, fullTiles: 273, partialWidth: 112 },
      { level: 1, fullTiles: 1, partialWidth: 17 },
      { level: 2, fullTiles: 0, partialWidth: 1 },
    ]);
  });

  it('lists exactly the tiles that change when a tree grows', () => {
    expect(tilesToPublish(250, 260)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1, width: 4 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesToPublish(260, 260)).toEqual([]);
  });
});

describe.skipIf(!haveTiles)('tlog-tiles paths on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it.each(tiles.c2sp.indexEncoding)('encodes $index as $encoded', ({ index, encoded }) => {
    expect(encodeTileIndex(index)).toBe(encoded);
  });

  it.each([...tiles.c2sp.tilesForTreeSize, ...tiles.c2sp.tilesForTreeSizeDerived])('counts full and partial tiles for tree size $treeSize', ({ treeSize, levels }) => {
    expect(tileCounts(treeSize)).toEqual(levels);
  });

  it.each(tiles.tessera.tilePath)('names tile level $level index $index width $partialWidth $path', (c) => {
    expect(tilePath({ level: c.level, index: Number(c.index), width: c.partialWidth || 256 })).toBe(c.path);
    expect(parseTilePath(c.path)).toEqual({ level: c.level, index: Number(c.index), width: c.partialWidth || 256 });
  });

  it.each(tiles.tessera.entriesPath)('names entry bundle $index width $partialWidth $path', (c) => {
    expect(tilePath({ level: 'entries', index: Number(c.index), width: c.partialWidth || 256 })).toBe(c.path);
  });

  it.each(tiles.tessera.entriesPathForLogIndex.cases)('finds entry $entryIndex of $treeSize in $path', (c) => {
    expect(entriesPathFor(Number(c.entryIndex), Number(c.treeSize))).toBe(c.path);
  });

  it.each(tiles.tessera.parseLevelIndex.cases)('parses level $level index $index: ok=$ok', (c) => {
    const parse = () => ({ level: parseTileLevel(c.level), ...parseTileIndexExact(c.index) });
    if (c.ok) {
      const got = parse();
      expect({ level: got.level, index: String(got.index), width: got.width === 256 ? 0 : got.width }).toEqual(c.want);
    } else {
      expect(code(parse)).toBe('LEDGER_TILE_PATH_INVALID');
    }
  });

  it.each(tiles.tessera.nodeCoordsToTileAddress.cases)('places node $treeLevel/$treeIndex in its tile', (c) => {
    const a = nodeTileAddress(c.treeLevel, Number(c.treeIndex));
    expect({ tileLevel: a.tileLevel, tileIndex: String(a.tileIndex), nodeLevel: a.nodeLevel, nodeIndex: String(a.nodeIndex) }).toEqual(c.want);
  });

  it.each(tiles.tessera.entryBundleRanges.cases)('splits entry ranges per bundle: $desc', (c) => {
    expect(entryBundleRanges(c.from, c.count, c.treeSize)).toEqual(c.want);
  });

  it.each(tiles.goSumdbTlog.tilePaths.cases)('does not mistake the Go checksum-database path $path for a tlog-tiles one', ({ path }) => {
    expect(code(() => parseTilePath(path))).toBe('LEDGER_TILE_PATH_INVALID');
  });

  it.each(tiles.goSumdbTlog.newTiles.cases)('publishes the same tiles as Go for height $height, $oldTreeSize → $newTreeSize', (c) => {
    const got = tilesToPublish(c.oldTreeSize, c.newTreeSize, c.height);
    expect(got.length).toBe(c.wantCount);
    const goPath = (t: { level: number; index: number; width: number }) => `tile/${c.height}/${t.level}/${encodeTileIndex(t.index)}${t.width === 2 ** c.height ? '' : `.p/${t.width}`}`;
    expect(got.map(goPath)).toEqual(c.tiles);
  });
});
