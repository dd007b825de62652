// Where the fingerprint salt comes from: --salt, LEAKWATCH_SALT, the config file,
// or a random per-installation salt kept (mode 0600) under the user's config
// folder, so fingerprints are comparable between runs on one machine.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export function saltFile(): string {
  const base = process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'leakwatch', 'salt');
}

export async function resolveSalt(explicit: string | undefined, fromConfig: string | undefined, file = saltFile()): Promise<string> {
  const given = explicit ?? process.env['LEAKWATCH_SALT'] ?? fromConfig;
  if (given) return given;
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 16) return existing;
  } catch {
    // first run: create it below
  }
  const salt = randomBytes(32).toString('hex');
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, salt + '\n', { mode: 0o600, flag: 'wx' });
    return salt;
  } catch {
    // Another process won the race, or the folder is read-only: use what is there, else this run's salt.
    const again = await readFile(file, 'utf8').catch(() => '');
    return again.trim().length >= 16 ? again.trim() : salt;
  }
}
