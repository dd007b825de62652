// Small helpers for writes that survive a crash or power loss: data is fsynced
// before anyone is told it is written, new names are made durable by fsyncing their
// directory, and a file is replaced atomically by write-temp, fsync, rename, fsync dir.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes a whole file and fdatasyncs it (the directory entry is the caller's to sync). */
export async function writeFileSynced(path: string, data: Uint8Array, mode = 0o644): Promise<void> {
  const fh = await open(path, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

/** fsyncs a directory so that names created or renamed in it are durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Replaces `path` atomically: readers see the old bytes or the new, never a mix, even after a crash. */
export async function replaceFileAtomic(path: string, data: Uint8Array, mode = 0o644): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    await writeFileSynced(tmp, data, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dirname(path));
}
