// The writer's view of the right edge of the tree: the entries of the rightmost,
// unfinished entry bundle and, at each tile level, the hashes of the rightmost
// unfinished tile. Adding entries completes full tiles (which are hashed once into
// the level above) and yields the files that publish the new tree size: new full
// tiles and bundles plus the partial tiles for the new size (C2SP tlog-tiles).
// Memory is bounded by 255 entries and 255 hashes per level, whatever the log size.
import { encodeBundle } from './entry-bundle.js';
import { emptyRoot, nodeHash, perfectRoot, perfectRootOfRow } from './rfc6962.js';
import { TILE_WIDTH, tilePath } from './tile-path.js';
import type { TileFile } from './tile-storage.js';

export interface BuiltFiles {
  /** Files to write before the checkpoint for the new size is published. */
  files: TileFile[];
  /** Full tiles and bundles written here whose partial versions may go once the checkpoint is out. */
  completed: string[];
}

export class TileBuilder {
  #size: number;
  readonly #bundle: Buffer[];
  readonly #rows: Buffer[][];
  // What the last takeFiles() published as partial, per level (-1 = entries): "index/width".
  readonly #published = new Map<number, string>();
  #files: TileFile[] = [];
  #completed: string[] = [];

  private constructor(size: number, bundle: Buffer[], rows: Buffer[][]) {
    this.#size = size;
    this.#bundle = bundle;
    this.#rows = rows;
  }

  static empty(): TileBuilder {
    return new TileBuilder(0, [], []);
  }

  /**
   * Resumes at `size` from the rightmost partial bundle's entries and each level's
   * partial tile row (rows[L] holds floor(size/256^L) mod 256 hashes).
   */
  static resume(size: number, bundle: Buffer[], rows: Buffer[][]): TileBuilder {
    const b = new TileBuilder(size, [...bundle], rows.map((r) => [...r]));
    if (bundle.length !== size % TILE_WIDTH) throw new RangeError(`a tree of size ${size} has ${size % TILE_WIDTH} entries in its last bundle, got ${bundle.length}`);
    rows.forEach((r, level) => {
      if (r.length !== Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH) throw new RangeError(`level ${level} of a tree of size ${size} has the wrong width`);
    });
    b.#published.set(-1, `${Math.floor(size / TILE_WIDTH)}/${bundle.length}`);
    rows.forEach((r, level) => b.#published.set(level, `${Math.floor(size / TILE_WIDTH ** (level + 1))}/${r.length}`));
    return b;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends entries with their leaf hashes. */
  add(entries: readonly Buffer[], leafHashes: readonly Buffer[]): void {
    for (let i = 0; i < entries.length; i++) {
      this.#bundle.push(entries[i]!);
      if (this.#bundle.length === TILE_WIDTH) {
        const path = tilePath({ level: 'entries', index: Math.floor(this.#size / TILE_WIDTH), width: TILE_WIDTH });
        this.#files.push({ path, data: encodeBundle(this.#bundle) });
        this.#completed.push(path);
        this.#bundle.length = 0;
      }
      this.#push(0, leafHashes[i]!, this.#size);
      this.#size += 1;
    }
  }

  // Adds a hash at tile level `level`; `position` is its index among that level's hashes.
  #push(level: number, hash: Buffer, position: number): void {
    const row = (this.#rows[level] ??= []);
    row.push(hash);
    if (row.length < TILE_WIDTH) return;
    const index = Math.floor(position / TILE_WIDTH);
    const path = tilePath({ level, index, width: TILE_WIDTH });
    const data = Buffer.concat(row);
    this.#files.push({ path, data });
    this.#completed.push(path);
    const root = perfectRootOfRow(data, 0, TILE_WIDTH);
    row.length = 0;
    this.#push(level + 1, root, index);
  }

  /** The files that publish the current size, and the full tiles completed since the last call. */
  takeFiles(): BuiltFiles {
    const files = this.#files;
    const completed = this.#completed;
    this.#files = [];
    this.#completed = [];
    const partial = (level: number, hashes: readonly Buffer[], make: () => Buffer) => {
      if (hashes.length === 0) return;
      const per = level < 0 ? TILE_WIDTH : TILE_WIDTH ** (level + 1);
      const index = Math.floor(this.#size / per);
      const id = `${index}/${hashes.length}`;
      if (this.#published.get(level) === id) return;
      this.#published.set(level, id);
      files.push({ path: tilePath({ level: level < 0 ? 'entries' : level, index, width: hashes.length }), data: make() });
    };
    partial(-1, this.#bundle, () => encodeBundle(this.#bundle));
    this.#rows.forEach((row, level) => partial(level, row, () => Buffer.concat(row)));
    return { files, completed };
  }

  /** MTH of the whole tree: every row split into perfect subtrees, folded from the right. */
  root(): Buffer {
    const subtrees: Buffer[] = [];
    for (let level = this.#rows.length - 1; level >= 0; level--) {
      const row = this.#rows[level]!;
      let at = 0;
      for (let bit = TILE_WIDTH / 2; bit >= 1; bit /= 2) {
        if ((row.length & bit) === 0) continue;
        subtrees.push(perfectRoot(row, at, bit));
        at += bit;
      }
    }
    if (subtrees.length === 0) return emptyRoot();
    let h = subtrees[subtrees.length - 1]!;
    for (let i = subtrees.length - 2; i >= 0; i--) h = nodeHash(subtrees[i]!, h);
    return h;
  }
}
