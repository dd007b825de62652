// Tile storage in memory: the reference backend for the conformance suite and for
// fast tests of code that reads and writes tiles. Nothing here is durable.
import { CHECKPOINT_PATH, checkFullTilePath, checkResourcePath, type TileFile, type TileStorage } from './tile-storage.js';

export class MemoryTileStorage implements TileStorage {
  readonly location = 'memory';
  readonly #files = new Map<string, Buffer>();

  async read(path: string): Promise<Buffer | null> {
    checkResourcePath(path);
    const data = this.#files.get(path);
    return data ? Buffer.from(data) : null;
  }

  async partialWidths(path: string): Promise<number[]> {
    checkFullTilePath(path);
    const prefix = `${path}.p/`;
    return [...this.#files.keys()].filter((k) => k.startsWith(prefix)).map((k) => Number(k.slice(prefix.length))).sort((a, b) => a - b);
  }

  async write(files: readonly TileFile[]): Promise<void> {
    for (const f of files) {
      checkResourcePath(f.path);
      if (f.path === CHECKPOINT_PATH) throw new TypeError('write the checkpoint with writeCheckpoint');
    }
    for (const f of files) this.#files.set(f.path, Buffer.from(f.data));
  }

  async writeCheckpoint(data: Uint8Array): Promise<void> {
    this.#files.set(CHECKPOINT_PATH, Buffer.from(data));
  }

  async removePartials(path: string): Promise<void> {
    checkFullTilePath(path);
    for (const k of [...this.#files.keys()]) if (k.startsWith(`${path}.p/`)) this.#files.delete(k);
  }

  /** Test hook: every stored resource name. */
  paths(): string[] {
    return [...this.#files.keys()].sort();
  }
}
