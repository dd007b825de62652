// The platform's data directory: --data, else LEAKWATCH_DATA, else ./data. It
// holds the SQLite store, the ledger and the fingerprint salt, so it is private.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

export function dataDir(flag: string | undefined): string {
  return resolve(flag ?? process.env['LEAKWATCH_DATA'] ?? 'data');
}

export async function ensureDataDir(flag: string | undefined): Promise<string> {
  const dir = dataDir(flag);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
