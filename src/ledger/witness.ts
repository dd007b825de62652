// A witness (the C2SP tlog-witness role, run from the command line): it remembers
// the last checkpoint it cosigned for a log, accepts a new one only if the log can
// prove (RFC 6962 consistency proof, built from the log's tiles) that the new tree
// extends the old, and then cosigns it (c2sp.org/tlog-cosignature, cosignature/v1).
// A smaller tree (rollback) or a different tree (fork) is refused, with both
// checkpoints in the error, and the remembered checkpoint is left as it was.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LeakwatchError, isLeakwatchError } from '../errors/index.js';
import type { Checkpoint } from './checkpoint.js';
import { cosignCheckpoint } from './cosignature.js';
import { replaceFileAtomic } from './durable-fs.js';
import { SIG_COSIGNATURE_V1, formatVerifierKey, generateSignerKey, keyIdHex, parseSignerKey, type NoteSigner, type NoteVerifier } from './note-keys.js';
import { verifyConsistency } from './proof-verify.js';
import { emptyRoot } from './rfc6962.js';
import { TileReader } from './tile-reader.js';
import type { TileSource } from './tile-storage.js';
import { verifiedCheckpoint } from './verify-log.js';

export const WITNESS_KEY_FILE = 'witness.key';

export interface WitnessOptions {
  /** The witness's own folder: its key and the checkpoints it cosigned. */
  stateDir: string;
  /** Where the log is read from (a folder or an HTTP prefix). */
  source: TileSource;
  /** The log's verifier key. */
  logKey: NoteVerifier;
  /** Key name when the witness key is created. */
  name?: string;
  /** Seconds since the epoch, for the cosignature. */
  now?: () => number;
}

export interface WitnessResult {
  /** The log's signed checkpoint with this witness's cosignature added. */
  cosigned: string;
  checkpoint: Checkpoint;
  previous: Checkpoint | null;
  /** The cosignature/v1 verifier key of this witness. */
  witnessKey: string;
  createdKey: boolean;
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) return null;
    throw err;
  }
}

async function loadWitnessKey(dir: string, name?: string): Promise<{ signer: NoteSigner; created: boolean }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, WITNESS_KEY_FILE);
  const text = await readOptional(path);
  if (text !== null) return { signer: parseSignerKey(text, SIG_COSIGNATURE_V1), created: false };
  const { skey } = generateSignerKey(name ?? `leakwatch.witness/${randomBytes(6).toString('hex')}`);
  await replaceFileAtomic(path, Buffer.from(`${skey}\n`), 0o600);
  return { signer: parseSignerKey(skey, SIG_COSIGNATURE_V1), created: true };
}

function refuse(code: 'LEDGER_WITNESS_ROLLBACK' | 'LEDGER_WITNESS_FORK', why: string, witnessed: string, presented: string): never {
  throw new LeakwatchError(code, `${why}\n--- checkpoint this witness cosigned before ---\n${witnessed}--- checkpoint the log presents now ---\n${presented}`, {
    witnessed,
    presented,
  });
}

/** Checks the log's latest checkpoint against the last one witnessed and cosigns it. */
export async function witnessLog(options: WitnessOptions): Promise<WitnessResult> {
  const { signer, created } = await loadWitnessKey(options.stateDir, options.name);
  const logId = `${options.logKey.name}+${keyIdHex(options.logKey.keyId)}`;
  const logDir = join(options.stateDir, 'logs', encodeURIComponent(logId));
  const { note, checkpoint } = await verifiedCheckpoint(options.source, options.logKey);
  const presented = note.toString('utf8');
  const oldNote = await readOptional(join(logDir, 'checkpoint'));
  let previous: Checkpoint | null = null;
  const reader = new TileReader(options.source, { cacheTiles: 32 });
  if (oldNote !== null) {
    previous = (await verifiedCheckpoint({ location: logDir, read: async () => Buffer.from(oldNote), partialWidths: async () => [] }, options.logKey)).checkpoint;
    if (checkpoint.origin !== previous.origin) refuse('LEDGER_WITNESS_FORK', `the log's origin changed from ${previous.origin} to ${checkpoint.origin}`, oldNote, presented);
    if (checkpoint.size < previous.size) refuse('LEDGER_WITNESS_ROLLBACK', `rollback: the log presents ${checkpoint.size} entries after this witness cosigned ${previous.size}`, oldNote, presented);
    if (checkpoint.size === previous.size) {
      if (!checkpoint.rootHash.equals(previous.rootHash)) refuse('LEDGER_WITNESS_FORK', `fork: two different trees of ${checkpoint.size} entries`, oldNote, presented);
    } else if (previous.size === 0) {
      if (!previous.rootHash.equals(emptyRoot())) refuse('LEDGER_WITNESS_FORK', 'fork: the empty tree was signed with a non-empty root', oldNote, presented);
    } else {
      try {
        const proof = await reader.consistencyProof(previous.size, checkpoint.size, checkpoint.size);
        verifyConsistency(previous.size, checkpoint.size, previous.rootHash, checkpoint.rootHash, proof);
      } catch (err) {
        if (isLeakwatchError(err) && (err.code === 'LEDGER_PROOF_INVALID' || err.code === 'LEDGER_PROOF_MALFORMED')) {
          refuse('LEDGER_WITNESS_FORK', `fork: the tree of ${checkpoint.size} entries does not extend the tree of ${previous.size} entries this witness cosigned (${err.message})`, oldNote, presented);
        }
        throw err;
      }
    }
  } else {
    // First sight: at least make sure the log serves the tree its checkpoint signs.
    const root = await reader.rootAt(checkpoint.size);
    if (!root.equals(checkpoint.rootHash)) {
      throw new LeakwatchError('LEDGER_ROOT_MISMATCH', `the log's tiles give root ${root.toString('hex')} for ${checkpoint.size} entries, its checkpoint signs ${checkpoint.rootHash.toString('hex')}`, { path: 'checkpoint' });
    }
  }
  const now = options.now?.() ?? Math.floor(Date.now() / 1000);
  const cosigned = cosignCheckpoint(presented, signer, now);
  await mkdir(logDir, { recursive: true, mode: 0o700 });
  await replaceFileAtomic(join(logDir, 'checkpoint'), Buffer.from(presented));
  await replaceFileAtomic(join(logDir, 'cosigned'), Buffer.from(cosigned));
  return { cosigned, checkpoint, previous, witnessKey: formatVerifierKey(signer), createdKey: created };
}
