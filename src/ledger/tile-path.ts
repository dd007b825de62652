// C2SP tlog-tiles resource names and tile arithmetic (c2sp.org/tlog-tiles):
// `tile/<L>/<N>[.p/<W>]` for hash tiles and `tile/entries/<N>[.p/<W>]` for entry
// bundles, 256 hashes or entries wide. <N> is written in 3-digit groups, all but
// the last prefixed with "x" (1234067 → x001/x234/067); <L> is 0..63 without
// leading zeros; <W> is 1..255 and marks a partial tile. Parsing is strict: any
// other spelling is a typed LEDGER_TILE_PATH_INVALID error.
import { LeakwatchError } from '../errors/index.js';

/** Hashes per full tile, entries per full bundle. */
export const TILE_WIDTH = 256;
/** Tree levels per tile. */
export const TILE_HEIGHT = 8;
export const MAX_TILE_LEVEL = 63;

/** A hash tile (level ≥ 0) or an entry bundle (level 'entries'). width 256 = full. */
export interface TileId {
  level: number | 'entries';
  index: number;
  width: number;
}

function bad(path: string, why: string): never {
  throw new LeakwatchError('LEDGER_TILE_PATH_INVALID', `${JSON.stringify(path)} is not a tlog-tiles path: ${why}`, { path });
}

/** The <N> path elements for an index: 1234067 → "x001/x234/067". */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new LeakwatchError('LEDGER_TILE_PATH_INVALID', `tile index ${index} is not a non-negative integer`);
  let n = index;
  const groups: string[] = [String(n % 1000).padStart(3, '0')];
  n = Math.floor(n / 1000);
  while (n > 0) {
    groups.unshift(`x${String(n % 1000).padStart(3, '0')}`);
    n = Math.floor(n / 1000);
  }
  return groups.join('/');
}

/** The resource name of a tile or entry bundle. */
export function tilePath(tile: TileId): string {
  const { level, index, width } = tile;
  if (level !== 'entries' && !(Number.isInteger(level) && level >= 0 && level <= MAX_TILE_LEVEL)) {
    throw new LeakwatchError('LEDGER_TILE_PATH_INVALID', `tile level ${level} is outside 0..${MAX_TILE_LEVEL}`);
  }
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new LeakwatchError('LEDGER_TILE_PATH_INVALID', `tile width ${width} is outside 1..${TILE_WIDTH}`);
  const suffix = width === TILE_WIDTH ? '' : `.p/${width}`;
  return `tile/${level}/${encodeTileIndex(index)}${suffix}`;
}

const GROUP = /^[0-9]{3}$/;
const X_GROUP = /^x[0-9]{3}$/;
const WIDTH = /^[1-9][0-9]{0,2}$/;
const LEVEL = /^(0|[1-9][0-9]?)$/;

/**
 * Parses the <N>[.p/<W>] part exactly, for any uint64 index (width 256 = a full
 * tile).
 */
export function parseTileIndexExact(text: string, path = text): { index: bigint; width: number } {
  let body = text;
  let width = TILE_WIDTH;
  const p = text.indexOf('.p/');
  if (p >= 0) {
    const w = text.slice(p + 3);
    if (!WIDTH.test(w) || Number(w) > TILE_WIDTH - 1) bad(path, `partial width ${JSON.stringify(w)} is not 1..255 without leading zeros`);
    width = Number(w);
    body = text.slice(0, p);
  }
  const parts = body.split('/');
  const last = parts.pop()!;
  if (!GROUP.test(last)) bad(path, 'the last index element must be three digits');
  if (parts.some((g) => !X_GROUP.test(g))) bad(path, 'every index element but the last must be x and three digits');
  let index = 0n;
  for (const g of parts) index = index * 1000n + BigInt(g.slice(1));
  index = index * 1000n + BigInt(last);
  if (index >= 1n << 64n) bad(path, 'the index is beyond 2^64');
  return { index, width };
}

/** Parses the <N>[.p/<W>] part; indices beyond 2^53 (which no log of ours reaches) are refused rather than rounded. */
export function parseTileIndex(text: string, path = text): { index: number; width: number } {
  const { index, width } = parseTileIndexExact(text, path);
  if (index > BigInt(Number.MAX_SAFE_INTEGER)) bad(path, 'the index is beyond 2^53, which this log does not support');
  return { index: Number(index), width };
}

/** Parses the <L> part: 0..63, no leading zeros. */
export function parseTileLevel(text: string, path = text): number {
  if (!LEVEL.test(text) || Number(text) > MAX_TILE_LEVEL) bad(path, `level ${JSON.stringify(text)} is not 0..63 without leading zeros`);
  return Number(text);
}

/** Parses a full resource name `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`. */
export function parseTilePath(path: string): TileId {
  if (typeof path !== 'string' || !path.startsWith('tile/')) bad(String(path), 'it must start with tile/');
  const rest = path.slice('tile/'.length);
  const slash = rest.indexOf('/');
  if (slash < 0) bad(path, 'it has no index');
  const levelText = rest.slice(0, slash);
  const level = levelText === 'entries' ? 'entries' : parseTileLevel(levelText, path);
  const { index, width } = parseTileIndex(rest.slice(slash + 1), path);
  return { level, index, width };
}

/**
 * Width of the tile at `level` holding hash/entry position `tileIndex` in a tree of
 * `size` leaves: 256 when full, 1..255 for the rightmost partial tile, 0 when the
 * tree does not reach it (C2SP tlog-tiles, "Partial Tiles").
 */
export function tileWidth(level: number, tileIndex: number, size: number): number {
  const countAtLevel = Math.floor(size / TILE_WIDTH ** level); // hashes at tree level 8·level
  const full = Math.floor(countAtLevel / TILE_WIDTH);
  if (tileIndex < full) return TILE_WIDTH;
  if (tileIndex === full) return countAtLevel % TILE_WIDTH;
  return 0;
}

/** Full tiles and the partial width at each level for a tree of `size` leaves. */
export function tileCounts(size: number): { level: number; fullTiles: number; partialWidth: number }[] {
  const out: { level: number; fullTiles: number; partialWidth: number }[] = [];
  for (let level = 0; ; level++) {
    const count = Math.floor(size / TILE_WIDTH ** level);
    if (count === 0) break;
    out.push({ level, fullTiles: Math.floor(count / TILE_WIDTH), partialWidth: count % TILE_WIDTH });
  }
  return out;
}

/** Path of the entry bundle holding `entryIndex` in a tree of `size` leaves. */
export function entriesPathFor(entryIndex: number, size: number): string {
  if (!(entryIndex < size)) throw new LeakwatchError('LEDGER_RANGE_INVALID', `entry ${entryIndex} is not below tree size ${size}`);
  const bundle = Math.floor(entryIndex / TILE_WIDTH);
  return tilePath({ level: 'entries', index: bundle, width: tileWidth(0, bundle, size) });
}

/**
 * Where a tree node lives: tree level `level`, index `index` → tile level
 * floor(level/8), tile index, and the node's level and index inside that tile.
 */
export function nodeTileAddress(level: number, index: number): { tileLevel: number; tileIndex: number; nodeLevel: number; nodeIndex: number } {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const nodeLevel = level % TILE_HEIGHT;
  const perTile = TILE_WIDTH / 2 ** nodeLevel; // nodes of this level in one tile
  return { tileLevel, tileIndex: Math.floor(index / perTile), nodeLevel, nodeIndex: index % perTile };
}

/** One read from an entry bundle. partial: 0 for a full bundle, else its width. */
export interface BundleSlice {
  index: number;
  partial: number;
  first: number;
  n: number;
}

/** Splits entries [from, from+count), clipped to `size`, into per-bundle reads. */
export function entryBundleRanges(from: number, count: number, size: number): BundleSlice[] {
  const out: BundleSlice[] = [];
  const end = Math.min(from + count, size);
  for (let at = from; at < end; ) {
    const index = Math.floor(at / TILE_WIDTH);
    const bundleEnd = Math.min((index + 1) * TILE_WIDTH, end);
    const width = tileWidth(0, index, size);
    out.push({ index, partial: width === TILE_WIDTH ? 0 : width, first: at % TILE_WIDTH, n: bundleEnd - at });
    at = bundleEnd;
  }
  return out;
}

/**
 * The tiles that change when a tree grows from oldSize to newSize, for tiles of
 * `height` levels (8 in tlog-tiles; the Go checksum database uses other heights):
 * every tile at every level whose width differs between the two sizes, at its new
 * width. These are exactly the files a log must write to publish newSize.
 */
export function tilesToPublish(oldSize: number, newSize: number, height = TILE_HEIGHT): { level: number; index: number; width: number }[] {
  const w = 2 ** height;
  const out: { level: number; index: number; width: number }[] = [];
  if (newSize <= oldSize) return out;
  for (let level = 0; ; level++) {
    const unit = w ** level;
    const newCount = Math.floor(newSize / unit);
    if (newCount === 0) break;
    const oldCount = Math.floor(oldSize / unit);
    const first = Math.floor(oldCount / w);
    const last = Math.floor((newCount - 1) / w);
    for (let index = first; index <= last; index++) {
      const width = Math.min(w, newCount - index * w);
      const oldWidth = Math.max(0, Math.min(w, oldCount - index * w));
      if (width !== oldWidth) out.push({ level, index, width });
    }
  }
  return out;
}
