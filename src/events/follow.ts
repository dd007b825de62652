// `--follow`: tails a growing log file the way `tail -F` does. New bytes are
// handed on as they are appended; when the file is renamed away and a new one
// takes its path (rotation), the old file is drained to its end first; when it
// is truncated in place (copytruncate), reading restarts at its start. Each
// generation of the file is read as a new input (its own format sniffing).
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const CHUNK = 1 << 20;

/**
 * Reads `path` generation by generation until `signal` aborts. `consume` gets
 * each generation's bytes: chunks as they arrive, an empty chunk whenever the
 * file has nothing more for now, and the end when the file rotates or is
 * truncated (or the signal aborts).
 */
export async function followFile(path: string, signal: AbortSignal, pollMs: number, consume: (bytes: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  while (!signal.aborted) {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch {
      // Not there (yet, or mid-rotation): wait for it.
      await pause(pollMs, signal);
      continue;
    }
    try {
      await consume(generation(path, handle, signal, pollMs));
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // aborted
  }
}

async function* generation(path: string, handle: FileHandle, signal: AbortSignal, pollMs: number): AsyncGenerator<Buffer> {
  const ino = (await handle.stat()).ino;
  let position = 0;
  let mtime = 0;
  let yielded = false;
  const drain = async function* (): AsyncGenerator<Buffer> {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yielded = true;
      yield buf.subarray(0, bytesRead);
    }
  };
  for (;;) {
    yield* drain();
    mtime = (await handle.stat()).mtimeMs;
    if (signal.aborted) return;
    if (yielded) yield Buffer.alloc(0);
    await pause(pollMs, signal);
    if (signal.aborted) {
      yield* drain();
      return;
    }
    let current;
    try {
      current = await stat(path);
    } catch {
      current = undefined;
    }
    if (!current || current.ino !== ino) {
      // Rotated: what was appended to the old file before the switch still counts.
      yield* drain();
      if (!current) await pause(pollMs, signal);
      return;
    }
    // Truncated in place (copytruncate), or rewritten without growing: start over on the new content.
    if (current.size < position || (current.size === position && current.mtimeMs !== mtime)) return;
  }
}
