// Where a file's or member's bytes come from: random access (a file on disk, bytes in
// memory) for formats that seek (zip, OLE), or a one-pass stream (tar entries, gzip
// output, inflated zip members) that can be peeked at for sniffing and then replayed.
import type { FileHandle } from 'node:fs/promises';
import { LeakwatchError } from '../../errors/index.js';

/** Bytes that can be read at any offset. `read` returns fewer bytes only at the end. */
export interface RandomAccess {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Size of the pieces streamed from a file or a buffer. */
export const READ_PIECE = 256 * 1024;

export function bytesRandomAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}

export function fileRandomAccess(fh: FileHandle, size: number): RandomAccess {
  return {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(want);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await fh.read(buf, got, want - got, offset + got);
        if (bytesRead === 0) break; // the file shrank while we read it
        got += bytesRead;
      }
      return got === want ? buf : buf.subarray(0, got);
    },
  };
}

/** The bytes from `start` to `end` in pieces; a short read (the file shrank) ends the range early. */
export async function* readRange(ra: RandomAccess, start = 0, end = ra.size, piece = READ_PIECE): AsyncGenerator<Uint8Array> {
  // The next piece is read while the consumer works on this one, so scanning never waits on the disk.
  const readAt = (at: number) => {
    const p = ra.read(at, Math.min(piece, end - at));
    p.catch(() => undefined); // handled where awaited; a read left behind by an abandoned iteration must not go unhandled
    return p;
  };
  let at = start;
  let next = at < end ? readAt(at) : undefined;
  while (next) {
    const chunk = await next;
    if (chunk.length === 0) return;
    at += chunk.length;
    next = at < end ? readAt(at) : undefined;
    yield chunk;
  }
}

/**
 * A one-pass byte stream that can be peeked at. Iterating it replays the peeked bytes
 * and goes on from the source; abandoning an iteration leaves the source open so that
 * the container can drain it and move to its next member.
 */
export class ByteStream implements AsyncIterable<Uint8Array> {
  private readonly pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private done = false;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  static from(chunks: AsyncIterable<Uint8Array>): ByteStream {
    return new ByteStream(chunks[Symbol.asyncIterator]());
  }

  /** The first bytes, at least `n` of them unless the stream is shorter. */
  async peek(n: number): Promise<Uint8Array> {
    while (this.pendingBytes < n && !this.done) {
      const r = await this.source.next();
      if (r.done) { this.done = true; break; }
      if (r.value.length === 0) continue;
      this.pending.push(r.value);
      this.pendingBytes += r.value.length;
    }
    return concatBytes(this.pending, this.pendingBytes);
  }

  /** The next chunk, or undefined at the end. */
  async next(): Promise<Uint8Array | undefined> {
    const first = this.pending.shift();
    if (first) { this.pendingBytes -= first.length; return first; }
    if (this.done) return undefined;
    const r = await this.source.next();
    if (r.done) { this.done = true; return undefined; }
    return r.value;
  }

  /** Reads what is left, failing with SCAN_FILE_TOO_LARGE past `maxBytes`. */
  async readAll(maxBytes: number, path: string): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let c = await this.next(); c; c = await this.next()) {
      total += c.length;
      if (total > maxBytes) {
        throw new LeakwatchError('SCAN_FILE_TOO_LARGE', `The member is larger than maxMemberBytes (${maxBytes} bytes), the most held in memory; it was not scanned.`, { path });
      }
      parts.push(c);
    }
    return concatBytes(parts, total);
  }

  /** Reads and discards what is left. */
  async drain(): Promise<void> {
    while (await this.next());
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        const value = await this.next();
        return value ? { done: false, value } : { done: true, value: undefined };
      },
    };
  }
}

export function concatBytes(parts: readonly Uint8Array[], total = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
