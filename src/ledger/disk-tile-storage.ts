// Tile storage on a local disk, laid out exactly as C2SP tlog-tiles names its
// resources (`<root>/checkpoint`, `<root>/tile/0/x001/234.p/7`, ...), so the folder
// can be served as static files. Every file appears whole (written aside, fsynced,
// renamed) and is durable with its directory entry before write() resolves.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CHECKPOINT_PATH, checkFullTilePath, checkResourcePath, type TileFile, type TileStorage } from './tile-storage.js';
import { replaceFileAtomic, syncDir, writeFileSynced } from './durable-fs.js';

const PARALLEL = 16;
const WIDTH_NAME = /^[1-9][0-9]{0,2}$/;

export class DiskTileStorage implements TileStorage {
  readonly location: string;
  // Directories known to exist; bounded, since it only saves mkdir calls.
  readonly #made = new Set<string>();

  constructor(readonly root: string) {
    this.location = root;
  }

  async read(path: string): Promise<Buffer | null> {
    checkResourcePath(path);
    try {
      // A hash tile is at most 8 KiB: reading it directly costs less than the thread pool's round trips.
      if (!path.startsWith('tile/entries/') && path !== CHECKPOINT_PATH) return readFileSync(join(this.root, path));
      return await readFile(join(this.root, path));
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'EISDIR') || isCode(err, 'ENOTDIR')) return null;
      throw err;
    }
  }

  async partialWidths(path: string): Promise<number[]> {
    checkFullTilePath(path);
    try {
      const names = await readdir(join(this.root, `${path}.p`));
      return names.filter((n) => WIDTH_NAME.test(n) && Number(n) < 256).map(Number).sort((a, b) => a - b);
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return [];
      throw err;
    }
  }

  async write(files: readonly TileFile[]): Promise<void> {
    for (const f of files) {
      checkResourcePath(f.path);
      if (f.path === CHECKPOINT_PATH) throw new TypeError('write the checkpoint with writeCheckpoint');
    }
    const toSync = new Set<string>();
    for (let i = 0; i < files.length; i += PARALLEL) {
      await Promise.all(
        files.slice(i, i + PARALLEL).map(async (f) => {
          const file = join(this.root, f.path);
          await this.#ensureDir(dirname(file), toSync);
          // Never a half-written tile, for a reader or after a crash: write aside, then rename.
          const tmp = `${file}.tmp-${process.pid}`;
          await writeFileSynced(tmp, f.data);
          await rename(tmp, file);
          toSync.add(dirname(file));
        }),
      );
    }
    const dirs = [...toSync];
    for (let i = 0; i < dirs.length; i += PARALLEL) await Promise.all(dirs.slice(i, i + PARALLEL).map((d) => syncDir(d)));
  }

  async writeCheckpoint(data: Uint8Array): Promise<void> {
    await replaceFileAtomic(join(this.root, CHECKPOINT_PATH), data);
  }

  async removePartials(path: string): Promise<void> {
    checkFullTilePath(path);
    await rm(join(this.root, `${path}.p`), { recursive: true, force: true });
  }

  // Creates a directory and records, for fsync, the parents of every directory it created.
  async #ensureDir(dir: string, toSync: Set<string>): Promise<void> {
    if (this.#made.has(dir)) return;
    const first = await mkdir(dir, { recursive: true });
    if (first !== undefined) {
      for (let d = dir; ; d = dirname(d)) {
        toSync.add(dirname(d));
        if (d === first || d === dirname(d)) break;
      }
    }
    if (this.#made.size > 4096) this.#made.clear();
    this.#made.add(dir);
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
