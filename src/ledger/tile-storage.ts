// Where a log's public resources live: the checkpoint, hash tiles and entry
// bundles, named as in C2SP tlog-tiles. A small interface about behaviour, so that
// the disk backend (now) and a store-backed one (later) run the same conformance
// suite (tile-storage.test.ts). Read-only sources (an HTTP mirror) implement the
// reading half.
import { LeakwatchError } from '../errors/index.js';
import { parseTilePath } from './tile-path.js';

export const CHECKPOINT_PATH = 'checkpoint';

/** A resource to write: its tlog-tiles name and bytes. */
export interface TileFile {
  path: string;
  data: Uint8Array;
}

/** Reads a log's resources. */
export interface TileSource {
  /** Where this source reads from, for messages. */
  readonly location: string;
  /** The bytes of `checkpoint`, `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, or null when absent. */
  read(path: string): Promise<Buffer | null>;
  /** Widths W of the partial versions `<path>.p/<W>` stored beside a tile; [] when there are none or the source cannot list. */
  partialWidths(path: string): Promise<number[]>;
}

/** Reads and writes a log's resources; writes are durable when their promise resolves. */
export interface TileStorage extends TileSource {
  /** Writes tiles and bundles (not the checkpoint); all are durable when this resolves. */
  write(files: readonly TileFile[]): Promise<void>;
  /** Replaces the checkpoint atomically and durably. */
  writeCheckpoint(data: Uint8Array): Promise<void>;
  /** Removes the partial versions of the tile at `path` (once its full version is durable). */
  removePartials(path: string): Promise<void>;
}

/** Checks a resource name: `checkpoint` or a strict tlog-tiles path. */
export function checkResourcePath(path: string): void {
  if (path === CHECKPOINT_PATH) return;
  parseTilePath(path);
}

/** Checks the name of a full tile, as partialWidths and removePartials take. */
export function checkFullTilePath(path: string): void {
  const id = parseTilePath(path);
  if (id.width !== 256) throw new LeakwatchError('LEDGER_TILE_PATH_INVALID', `${path} names a partial tile; give the full tile's path`, { path });
}
