// A full audit of a published log: checks the checkpoint's signature, recomputes
// the whole tree from the entry bundles, and compares every stored tile (and every
// leftover partial tile) with it. Memory stays bounded: one bundle and one tile per
// level at a time. The first problem is reported by name: the entry index and its
// bundle, or the tile path, or the checkpoint.
//
// Who is to blame when entries and tiles disagree: if the tree recomputed from the
// entries matches the signed root, the entries are authentic and the tile is bad;
// if instead the stored level-0 hashes reproduce the signed root, the entry is bad.
import { LeakwatchError, isLeakwatchError } from '../errors/index.js';
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { CompactRange } from './compact-range.js';
import { encodeBundle, parseBundle } from './entry-bundle.js';
import type { NoteVerifier } from './note-keys.js';
import { HASH_SIZE, leafHash, perfectRoot } from './rfc6962.js';
import { openNote } from './signed-note.js';
import { TILE_WIDTH, tilePath, tileWidth } from './tile-path.js';
import { CHECKPOINT_PATH, type TileSource } from './tile-storage.js';

export interface VerifyResult {
  origin: string;
  size: number;
  rootHash: Buffer;
  /** Tiles, bundles and partial versions read and checked (plus the checkpoint). */
  files: number;
}

export interface VerifyOptions {
  /** Called after each entry bundle with the entries checked so far. */
  onProgress?: (done: number, total: number) => void;
}

interface Suspect {
  code: 'LEDGER_TILE_CORRUPT' | 'LEDGER_BUNDLE_CORRUPT';
  path: string;
  message: string;
}

/** Reads and checks the signed checkpoint; problems name `checkpoint`. */
export async function verifiedCheckpoint(source: TileSource, verifier: NoteVerifier): Promise<{ note: Buffer; checkpoint: Checkpoint }> {
  const note = await source.read(CHECKPOINT_PATH);
  if (!note) throw new LeakwatchError('LEDGER_TILE_MISSING', `checkpoint: missing from ${source.location}`, { path: CHECKPOINT_PATH });
  try {
    return { note, checkpoint: parseCheckpoint(openNote(note, [verifier]).text) };
  } catch (err) {
    if (isLeakwatchError(err)) throw new LeakwatchError(err.code, `checkpoint: ${err.message}`, { ...err.details, path: CHECKPOINT_PATH }, { cause: err });
    throw err;
  }
}

/**
 * Verifies the whole log served by `source` against `verifier`. Resolves with a
 * summary when every byte checks out; throws a LeakwatchError naming the first bad
 * entry index, tile path or the checkpoint otherwise.
 */
export async function verifyLog(source: TileSource, verifier: NoteVerifier, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { checkpoint } = await verifiedCheckpoint(source, verifier);
  const size = checkpoint.size;
  let files = 1;
  const fromEntries = CompactRange.empty();
  const found: {
    // A second range, only once stored level-0 hashes diverge from the entries.
    fromTiles: CompactRange | null;
    entryDiff: { index: number; bundle: string; tile: string } | null;
    tileDiff: Suspect | null;
    suspect: Suspect | null;
  } = { fromTiles: null, entryDiff: null, tileDiff: null, suspect: null };
  const upper: Buffer[][] = []; // computed rows of levels ≥ 1

  // Reads the file for (level, index) at `width`, falling back to the full tile, with exact size checks for hash tiles.
  const readRequired = async (level: number | 'entries', index: number, width: number): Promise<{ data: Buffer; path: string }> => {
    const path = tilePath({ level, index, width });
    let data = await source.read(path);
    let read = path;
    if (!data && width < TILE_WIDTH) {
      read = tilePath({ level, index, width: TILE_WIDTH });
      data = await source.read(read);
    }
    if (!data) throw new LeakwatchError('LEDGER_TILE_MISSING', `${path}: missing (the checkpoint covers ${size} entries)`, { path });
    files++;
    if (level !== 'entries') {
      const want = (read === path ? width : TILE_WIDTH) * HASH_SIZE;
      if (data.length !== want) throw new LeakwatchError('LEDGER_TILE_CORRUPT', `${read}: ${data.length} bytes, expected ${want}`, { path: read });
      data = data.subarray(0, width * HASH_SIZE);
    }
    return { data, path: read };
  };

  // Checks leftover partial versions of a tile against the authoritative prefix.
  const checkPartials = async (level: number | 'entries', index: number, primary: string, expect: (width: number) => Buffer | null): Promise<void> => {
    const full = tilePath({ level, index, width: TILE_WIDTH });
    for (const w of await source.partialWidths(full)) {
      const path = tilePath({ level, index, width: w });
      if (path === primary) continue;
      const data = await source.read(path);
      if (!data) continue;
      files++;
      const want = expect(w);
      if (want && !data.equals(want) && !found.suspect) {
        found.suspect = { code: level === 'entries' ? 'LEDGER_BUNDLE_CORRUPT' : 'LEDGER_TILE_CORRUPT', path, message: `${path}: does not match the first ${w} ${level === 'entries' ? 'entries' : 'hashes'} of the log` };
      }
    }
  };

  // Feeds a computed hash into level `level` ≥ 1 and checks completed upper tiles.
  const pushUpper = async (level: number, hash: Buffer, position: number): Promise<void> => {
    const row = (upper[level] ??= []);
    row.push(hash);
    if (row.length < TILE_WIDTH) return;
    const index = Math.floor(position / TILE_WIDTH);
    const { data, path } = await readRequired(level, index, TILE_WIDTH);
    const computed = Buffer.concat(row);
    if (!data.equals(computed) && !found.tileDiff) found.tileDiff = { code: 'LEDGER_TILE_CORRUPT', path, message: `${path}: hash ${firstDifference(data, computed)} does not match the tree recomputed from the entries` };
    await checkPartials(level, index, path, (w) => computed.subarray(0, w * HASH_SIZE));
    const root = perfectRoot(row);
    row.length = 0;
    await pushUpper(level + 1, root, index);
  };

  const bundles = Math.ceil(size / TILE_WIDTH);
  for (let b = 0; b < bundles; b++) {
    const width = tileWidth(0, b, size);
    const bundle = await readRequired('entries', b, width);
    const all = parseBundle(bundle.data, bundle.path.includes('.p/') ? width : TILE_WIDTH, bundle.path);
    if (all.length < width) throw new LeakwatchError('LEDGER_BUNDLE_CORRUPT', `${bundle.path}: holds ${all.length} entries, expected ${width}`, { path: bundle.path });
    const entries = all.slice(0, width);
    const tile = await readRequired(0, b, width);
    const leaves = entries.map((e) => leafHash(e));
    for (let i = 0; i < width; i++) {
      const stored = tile.data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
      if (!found.fromTiles && !stored.equals(leaves[i]!)) {
        found.fromTiles = fromEntries.clone();
        found.entryDiff = { index: b * TILE_WIDTH + i, bundle: bundle.path, tile: tile.path };
      }
      fromEntries.append(leaves[i]!);
      found.fromTiles?.append(Buffer.from(stored));
    }
    await checkPartials('entries', b, bundle.path, (w) => (w <= width ? encodeBundle(entries.slice(0, w)) : null));
    const computedRow = Buffer.concat(leaves);
    await checkPartials(0, b, tile.path, (w) => (w <= width ? computedRow.subarray(0, w * HASH_SIZE) : null));
    if (width === TILE_WIDTH) await pushUpper(1, perfectRoot(leaves), b);
    options.onProgress?.(b * TILE_WIDTH + width, size);
  }

  // The right edge of the upper levels: partial tiles of the checkpoint's size.
  for (let level = 1; Math.floor(size / TILE_WIDTH ** level) > 0; level++) {
    const width = Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
    if (width === 0) continue;
    const index = Math.floor(size / TILE_WIDTH ** (level + 1));
    const { data, path } = await readRequired(level, index, width);
    const computed = Buffer.concat(upper[level] ?? []);
    if (!data.equals(computed) && !found.tileDiff) found.tileDiff = { code: 'LEDGER_TILE_CORRUPT', path, message: `${path}: hash ${firstDifference(data, computed)} does not match the tree recomputed from the entries` };
    await checkPartials(level, index, path, (w) => (w <= width ? computed.subarray(0, w * HASH_SIZE) : null));
  }

  const rootFromEntries = fromEntries.root();
  const { entryDiff, tileDiff, suspect, fromTiles } = found;
  if (rootFromEntries.equals(checkpoint.rootHash)) {
    const bad: Suspect | null = entryDiff
      ? { code: 'LEDGER_TILE_CORRUPT', path: entryDiff.tile, message: `${entryDiff.tile}: the hash of entry ${entryDiff.index} does not match the entry` }
      : (tileDiff ?? suspect);
    if (bad) throw new LeakwatchError(bad.code, bad.message, { path: bad.path });
    return { origin: checkpoint.origin, size, rootHash: checkpoint.rootHash, files };
  }
  if (entryDiff) {
    const tilesAgree = fromTiles?.root().equals(checkpoint.rootHash) ?? false;
    throw new LeakwatchError(
      'LEDGER_ENTRY_MISMATCH',
      tilesAgree
        ? `entry ${entryDiff.index} in ${entryDiff.bundle}: does not match the tree in the signed checkpoint`
        : `entry ${entryDiff.index} in ${entryDiff.bundle}: does not match ${entryDiff.tile}, and neither matches the signed checkpoint`,
      { index: entryDiff.index, path: entryDiff.bundle },
    );
  }
  throw new LeakwatchError('LEDGER_ROOT_MISMATCH', `checkpoint: the tree of ${size} entries recomputed from the log has root ${rootFromEntries.toString('hex')}, the checkpoint signs ${checkpoint.rootHash.toString('hex')}`, {
    path: CHECKPOINT_PATH,
  });
}

function firstDifference(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += HASH_SIZE) if (!a.subarray(i, i + HASH_SIZE).equals(b.subarray(i, i + HASH_SIZE))) return i / HASH_SIZE;
  return Math.min(a.length, b.length) / HASH_SIZE;
}
