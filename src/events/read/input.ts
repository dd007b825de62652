// Where records come from: files (plain or gzip, decided by the magic bytes, not
// the name), folders walked recursively in name order, and stdin ("-"). Read
// and decompression failures become coded errors carrying the offset reached.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LeakwatchError } from '../../errors/index.js';

export interface InputFile {
  /** The path as given or found, or "-" for stdin. */
  readonly path: string;
  readonly size?: number;
  /** Found by walking a folder (not named on the command line): files of no log format are skipped, not dead-lettered. */
  readonly walked?: boolean;
}

/** Bytes per read. */
const READ_CHUNK = 1 << 20;

/**
 * Files under the given paths: files as given, folders recursively in name
 * order (dot files and folders skipped, and anything under `exclude`, such as
 * the data folder itself), "-" for stdin. A missing path throws
 * EVENTS_PATH_NOT_FOUND before anything is read.
 */
export async function expandInputs(paths: readonly string[], exclude: readonly string[] = []): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const skip = exclude.map((p) => resolve(p));
  const excluded = (p: string) => {
    const r = resolve(p);
    return skip.some((x) => r === x || r.startsWith(x + sep));
  };
  for (const p of paths) {
    if (p === '-') {
      out.push({ path: '-' });
      continue;
    }
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new LeakwatchError('EVENTS_PATH_NOT_FOUND', `${p}: no such file or folder`, { path: p });
    }
    if (s.isDirectory()) await walk(p, out, 0, excluded);
    else if (!excluded(p)) out.push({ path: p, size: s.size });
  }
  return out;
}

async function walk(dir: string, out: InputFile[], depth: number, excluded: (p: string) => boolean): Promise<void> {
  if (excluded(dir)) return;
  if (depth > 32) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    out.push({ path: dir });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (excluded(p)) continue;
    if (e.isDirectory()) await walk(p, out, depth + 1, excluded);
    else if (e.isFile() || e.isSymbolicLink()) {
      try {
        const s = await stat(p);
        if (s.isFile()) out.push({ path: p, size: s.size, walked: true });
      } catch {
        out.push({ path: p });
      }
    }
  }
}

export interface ReadProgress {
  /** Bytes read from the file (compressed bytes for gzip). */
  bytesRead: number;
  gzip: boolean;
}

/**
 * The decompressed bytes of a file or stdin. Throws EVENTS_FILE_UNREADABLE when
 * the file cannot be read and EVENTS_GZIP_CORRUPT when a gzip stream is
 * truncated or damaged (after yielding what came before).
 */
export async function* inputBytes(file: InputFile, progress: ReadProgress, stdin?: () => AsyncIterable<Uint8Array>, start = 0): AsyncGenerator<Buffer> {
  let source: AsyncIterable<Buffer | Uint8Array>;
  if (file.path === '-') source = stdin ? stdin() : (process.stdin as AsyncIterable<Buffer>);
  else source = createReadStream(file.path, { highWaterMark: READ_CHUNK, start });
  const it = source[Symbol.asyncIterator]();
  const next = async (): Promise<Buffer | undefined> => {
    try {
      const r = await it.next();
      if (r.done) return undefined;
      const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      progress.bytesRead += b.length;
      return b;
    } catch (err) {
      throw new LeakwatchError('EVENTS_FILE_UNREADABLE', `${file.path}: ${err instanceof Error ? err.message : String(err)}`, { path: file.path }, { cause: err });
    }
  };
  const head = await next();
  if (!head) return;
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    yield head;
    for (let b = await next(); b; b = await next()) yield b;
    return;
  }
  progress.gzip = true;
  const compressed = Readable.from(
    (async function* () {
      yield head;
      for (let b = await next(); b; b = await next()) yield b;
    })(),
  );
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  compressed.on('error', (err) => gunzip.destroy(err));
  compressed.pipe(gunzip);
  let out = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      out += chunk.length;
      yield chunk;
    }
  } catch (err) {
    if (err instanceof LeakwatchError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new LeakwatchError('EVENTS_GZIP_CORRUPT', `${file.path}: the gzip stream is damaged after ${out} decompressed bytes (${msg}); the records before were kept`, { path: file.path, offset: out }, { cause: err });
  } finally {
    compressed.destroy();
  }
}
