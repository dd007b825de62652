// Reads hashes and entries of a published tree out of its tiles, and builds
// inclusion and consistency proofs from them (C2SP tlog-tiles: tiles store every
// eighth tree level; the levels between are rehashed from a tile's row). Tiles are
// read on demand and kept in a small LRU cache, so memory does not grow with the
// log. `treeSize` is the size of the checkpoint whose tiles the source holds; any
// smaller tree is a prefix of it.
import { LeakwatchError } from '../errors/index.js';
import { parseBundle } from './entry-bundle.js';
import { consistencyRanges, inclusionRanges, perfectSubtrees, type LeafRange } from './proof-paths.js';
import { HASH_SIZE, emptyRoot, hashPairs, nodeHash } from './rfc6962.js';
import { TILE_WIDTH, entryBundleRanges, nodeTileAddress, tilePath, tileWidth } from './tile-path.js';
import type { TileSource } from './tile-storage.js';

/** The hashes of one tile: its row, and the levels above it rebuilt on demand, each level back to back in one buffer. */
class TileHashes {
  readonly #levels: Buffer[];

  constructor(
    readonly width: number,
    row: Buffer,
  ) {
    this.#levels = [row];
  }

  node(level: number, index: number): Buffer {
    while (this.#levels.length <= level) {
      const below = this.#levels[this.#levels.length - 1]!;
      const count = Math.floor(below.length / HASH_SIZE / 2);
      const next = Buffer.allocUnsafe(count * HASH_SIZE);
      hashPairs(below, count, next);
      this.#levels.push(next);
    }
    const hashes = this.#levels[level]!;
    if ((index + 1) * HASH_SIZE > hashes.length) throw new RangeError(`node ${level}/${index} is not complete in a tile of width ${this.width}`);
    return hashes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}

/** A bounded map that forgets the least recently used key. */
class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }

  set(key: string, v: V): void {
    this.#map.delete(key);
    this.#map.set(key, v);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value!);
  }

  delete(key: string): void {
    this.#map.delete(key);
  }
}

export interface TileReaderOptions {
  /** Level-0 tiles kept in memory (each about 16 KB with its rebuilt levels). Default 64. */
  cacheTiles?: number;
  /** Tiles of levels ≥ 1 kept in memory; every proof passes through them, so they get their own cache. Default 512. */
  cacheUpperTiles?: number;
}

export class TileReader {
  // Level-0 tiles are many and each proof needs a different one; the few upper tiles serve every proof.
  readonly #tiles: Lru<Promise<TileHashes>>;
  readonly #upperTiles: Lru<Promise<TileHashes>>;
  readonly #bundles = new Lru<Promise<Buffer[]>>(4);

  constructor(
    readonly source: TileSource,
    options: TileReaderOptions = {},
  ) {
    this.#tiles = new Lru(options.cacheTiles ?? 64);
    this.#upperTiles = new Lru(options.cacheUpperTiles ?? 512);
  }

  /**
   * Reads a resource that may be partial; when the partial version is gone (its
   * full tile replaced it, as C2SP tlog-tiles allows), reads the full one instead.
   */
  async readTileBytes(level: number | 'entries', index: number, width: number): Promise<{ data: Buffer; path: string }> {
    const path = tilePath({ level, index, width });
    const data = await this.source.read(path);
    if (data) return { data, path };
    if (width < TILE_WIDTH) {
      const full = tilePath({ level, index, width: TILE_WIDTH });
      const fullData = await this.source.read(full);
      if (fullData) return { data: fullData, path: full };
    }
    throw new LeakwatchError('LEDGER_TILE_MISSING', `${path} is missing from ${this.source.location}`, { path });
  }

  #tile(level: number, index: number, width: number): Promise<TileHashes> {
    const key = `${level}/${index}/${width}`;
    const cache = level === 0 ? this.#tiles : this.#upperTiles;
    let p = cache.get(key);
    if (!p) {
      p = this.readTileBytes(level, index, width).then(({ data, path }) => {
        if (data.length < width * HASH_SIZE || data.length % HASH_SIZE !== 0 || data.length > TILE_WIDTH * HASH_SIZE) {
          throw new LeakwatchError('LEDGER_TILE_CORRUPT', `${path} is ${data.length} bytes; a tile of width ${width} is ${width * HASH_SIZE}`, { path });
        }
        return new TileHashes(width, data.subarray(0, width * HASH_SIZE));
      });
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  }

  /** The hash of the perfect subtree of 2^level leaves starting at index·2^level. */
  async nodeHash(level: number, index: number, treeSize: number): Promise<Buffer> {
    if ((index + 1) * 2 ** level > treeSize) throw new LeakwatchError('LEDGER_RANGE_INVALID', `node ${level}/${index} is not complete in a tree of size ${treeSize}`);
    const a = nodeTileAddress(level, index);
    const width = tileWidth(a.tileLevel, a.tileIndex, treeSize);
    const tile = await this.#tile(a.tileLevel, a.tileIndex, width);
    return tile.node(a.nodeLevel, a.nodeIndex);
  }

  /** MTH(D[begin:end]) for a range a proof uses (or [0, n)). */
  async rangeHash(range: LeafRange, treeSize: number): Promise<Buffer> {
    if (range.end > treeSize) throw new LeakwatchError('LEDGER_RANGE_INVALID', `leaves up to ${range.end} are beyond tree size ${treeSize}`);
    if (range.begin === range.end) return emptyRoot();
    const nodes = await Promise.all(perfectSubtrees(range.begin, range.end).map((n) => this.nodeHash(n.level, n.index, treeSize)));
    let h = nodes[nodes.length - 1]!;
    for (let i = nodes.length - 2; i >= 0; i--) h = nodeHash(nodes[i]!, h);
    return h;
  }

  /** The root of the tree of `size` leaves, read from the tiles of a tree of `treeSize` ≥ size. */
  rootAt(size: number, treeSize: number = size): Promise<Buffer> {
    return this.rangeHash({ begin: 0, end: size }, treeSize);
  }

  /** RFC 6962 §2.1.1 audit path for leaf `index` in the tree of `size` leaves. */
  async inclusionProof(index: number, size: number, treeSize: number = size): Promise<Buffer[]> {
    if (size > treeSize) throw new LeakwatchError('LEDGER_RANGE_INVALID', `tree size ${size} is beyond the published size ${treeSize}`);
    return Promise.all(inclusionRanges(index, size).map((r) => this.rangeHash(r, treeSize)));
  }

  /** RFC 6962 §2.1.2 consistency proof from size1 to size2. */
  async consistencyProof(size1: number, size2: number, treeSize: number = size2): Promise<Buffer[]> {
    if (size2 > treeSize) throw new LeakwatchError('LEDGER_RANGE_INVALID', `tree size ${size2} is beyond the published size ${treeSize}`);
    return Promise.all(consistencyRanges(size1, size2).map((r) => this.rangeHash(r, treeSize)));
  }

  /** The leaf hash at `index`, from the level-0 tile. */
  leafHash(index: number, treeSize: number): Promise<Buffer> {
    return this.nodeHash(0, index, treeSize);
  }

  /** Entries [from, from+count) of the tree of `treeSize` leaves, from its entry bundles. */
  async entries(from: number, count: number, treeSize: number): Promise<Buffer[]> {
    if (!Number.isSafeInteger(from) || from < 0 || from + count > treeSize) throw new LeakwatchError('LEDGER_RANGE_INVALID', `entries ${from}..${from + count - 1} are not all below tree size ${treeSize}`);
    const out: Buffer[] = [];
    for (const slice of entryBundleRanges(from, count, treeSize)) {
      const width = slice.partial === 0 ? TILE_WIDTH : slice.partial;
      const key = `${slice.index}/${width}`;
      let p = this.#bundles.get(key);
      if (!p) {
        p = this.readTileBytes('entries', slice.index, width).then(({ data, path }) => {
          const all = parseBundle(data, undefined, path);
          if (all.length < width) throw new LeakwatchError('LEDGER_BUNDLE_CORRUPT', `${path} holds ${all.length} entries, expected ${width}`, { path });
          return all.slice(0, width);
        });
        p.catch(() => this.#bundles.delete(key));
        this.#bundles.set(key, p);
      }
      const bundle = await p;
      out.push(...bundle.slice(slice.first, slice.first + slice.n));
    }
    return out;
  }
}
