// What a ledger directory holds besides its public tlog-tiles resources:
//   ledger.json           origin and verifier key (public)
//   private/signing.key   the Ed25519 signer key, mode 0600 (never serve private/)
//   private/journal/      the write-ahead journal
//   private/lock          the single writer's pid
// and how it is created, read and locked.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LeakwatchError } from '../errors/index.js';
import { formatCheckpoint } from './checkpoint.js';
import { DiskTileStorage } from './disk-tile-storage.js';
import { replaceFileAtomic, syncDir } from './durable-fs.js';
import { formatVerifierKey, generateSignerKey, isValidKeyName, parseSignerKey, parseVerifierKey, type NoteSigner, type NoteVerifier } from './note-keys.js';
import { emptyRoot } from './rfc6962.js';
import { signNote } from './signed-note.js';

export const CONFIG_FILE = 'ledger.json';
export const PRIVATE_DIR = 'private';
export const KEY_FILE = 'private/signing.key';
export const JOURNAL_DIR = 'private/journal';
export const LOCK_FILE = 'private/lock';
const FORMAT = 'leakwatch-ledger/1';

export interface LedgerConfig {
  format: typeof FORMAT;
  origin: string;
  vkey: string;
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** A fresh origin when none is given: unique, so two logs never share one. */
export function defaultOrigin(): string {
  return `leakwatch.ledger/${randomBytes(6).toString('hex')}`;
}

/**
 * Creates a ledger in `dir`: its signing key (mode 0600), the empty tree's signed
 * checkpoint and ledger.json. Refuses a directory that holds a ledger already.
 */
export async function initLedger(dir: string, options: { origin?: string } = {}): Promise<LedgerConfig> {
  const origin = options.origin ?? defaultOrigin();
  if (!isValidKeyName(origin) || origin.length > 256) {
    throw new LeakwatchError('LEDGER_KEY_INVALID', `origin ${JSON.stringify(origin)} must be a non-empty name of at most 256 characters without spaces or "+"`);
  }
  if (await exists(join(dir, CONFIG_FILE))) throw new LeakwatchError('LEDGER_EXISTS', `${dir} holds a ledger already`, { path: dir });
  await mkdir(join(dir, PRIVATE_DIR), { recursive: true, mode: 0o700 });
  const { skey, vkey } = generateSignerKey(origin);
  let fh;
  try {
    fh = await open(join(dir, KEY_FILE), 'wx', 0o600);
  } catch (err) {
    if (isCode(err, 'EEXIST')) throw new LeakwatchError('LEDGER_EXISTS', `${join(dir, KEY_FILE)} exists; remove it or use another directory`, { path: dir });
    throw err;
  }
  try {
    await fh.writeFile(`${skey}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await syncDir(join(dir, PRIVATE_DIR));
  const signer = parseSignerKey(skey);
  const note = signNote(formatCheckpoint({ origin, size: 0, rootHash: emptyRoot(), extensions: [] }), [signer]);
  await new DiskTileStorage(dir).writeCheckpoint(Buffer.from(note));
  const config: LedgerConfig = { format: FORMAT, origin, vkey };
  await replaceFileAtomic(join(dir, CONFIG_FILE), Buffer.from(`${JSON.stringify(config, null, 2)}\n`));
  return config;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return false;
    throw err;
  }
}

/** Reads ledger.json; LEDGER_NOT_FOUND when the directory holds no ledger. */
export async function readConfig(dir: string): Promise<LedgerConfig & { verifier: NoteVerifier }> {
  let text: string;
  try {
    text = await readFile(join(dir, CONFIG_FILE), 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) throw new LeakwatchError('LEDGER_NOT_FOUND', `no ledger in ${dir} (create one with \`leakwatch ledger init\`)`, { path: dir });
    throw err;
  }
  let parsed: Partial<LedgerConfig>;
  try {
    parsed = JSON.parse(text) as Partial<LedgerConfig>;
  } catch {
    throw new LeakwatchError('LEDGER_NOT_FOUND', `${join(dir, CONFIG_FILE)} is not JSON`, { path: dir });
  }
  if (parsed.format !== FORMAT || typeof parsed.origin !== 'string' || typeof parsed.vkey !== 'string') {
    throw new LeakwatchError('LEDGER_NOT_FOUND', `${join(dir, CONFIG_FILE)} is not a ${FORMAT} file`, { path: dir });
  }
  return { format: FORMAT, origin: parsed.origin, vkey: parsed.vkey, verifier: parseVerifierKey(parsed.vkey) };
}

/** Reads the signing key and checks that it is the key ledger.json names. */
export async function readSigner(dir: string, config: LedgerConfig): Promise<NoteSigner> {
  let text: string;
  try {
    text = await readFile(join(dir, KEY_FILE), 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) throw new LeakwatchError('LEDGER_KEY_INVALID', `the signing key ${join(dir, KEY_FILE)} is missing`, { path: join(dir, KEY_FILE) });
    throw err;
  }
  const signer = parseSignerKey(text);
  if (formatVerifierKey(signer) !== config.vkey) throw new LeakwatchError('LEDGER_KEY_INVALID', `${join(dir, KEY_FILE)} is not the key ledger.json names`);
  return signer;
}

const heldLocks = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isCode(err, 'EPERM');
  }
}

/** Takes the single-writer lock; a lock left by a dead process is taken over. Returns the release function. */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  if (heldLocks.has(path)) throw new LeakwatchError('LEDGER_LOCKED', `${dir} is open for writing in this process already`, { path: dir });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      try {
        await fh.writeFile(`${process.pid}\n`);
      } finally {
        await fh.close();
      }
      heldLocks.add(path);
      return async () => {
        heldLocks.delete(path);
        await rm(path, { force: true });
      };
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new LeakwatchError('LEDGER_LOCKED', `process ${pid} is writing to ${dir}`, { path: dir, pid });
      }
      await rm(path, { force: true });
    }
  }
  throw new LeakwatchError('LEDGER_LOCKED', `could not take the writer lock of ${dir}`, { path: dir });
}
