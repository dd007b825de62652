// `leakwatch ledger init|append|checkpoint|prove|consistency|verify|witness`: the
// tamper-evident audit ledger from the command line. Every command takes --dir D
// for a standalone log, or acts on <data>/ledger. Proofs and results are JSON;
// `verify` and `witness` exit 1 when the log fails a check, 2 on other errors.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isLeakwatchError, type LeakwatchError } from '../../errors/index.js';
import {
  DiskTileStorage,
  HttpTileSource,
  TileReader,
  initLedger,
  openLedger,
  parseVerifierKey,
  readConfig,
  verifiedCheckpoint,
  verifyLog,
  witnessLog,
  type AppendResult,
  type NoteVerifier,
  type TileSource,
} from '../../ledger/index.js';
import { dataDir, ensureDataDir } from '../data-dir.js';
import { ExitError } from '../exit-error.js';

export interface LedgerFlags {
  dir?: string;
  data?: string;
  origin?: string;
  hex?: boolean;
  index?: string;
  size?: string;
  from?: string;
  to?: string;
  vkey?: string;
  log?: string;
  name?: string;
}

/** Codes that mean the log failed a check (exit 1), as opposed to an error running the check (exit 2). */
const FAILED_CHECK = new Set<string>([
  'LEDGER_TILE_MISSING',
  'LEDGER_TILE_CORRUPT',
  'LEDGER_BUNDLE_CORRUPT',
  'LEDGER_ENTRY_MISMATCH',
  'LEDGER_ROOT_MISMATCH',
  'LEDGER_SIGNATURE_INVALID',
  'LEDGER_NOTE_UNVERIFIED',
  'LEDGER_NOTE_MALFORMED',
  'LEDGER_CHECKPOINT_MALFORMED',
  'LEDGER_PROOF_INVALID',
  'LEDGER_WITNESS_ROLLBACK',
  'LEDGER_WITNESS_FORK',
]);

const out = (line: string) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);

function logDir(flags: LedgerFlags): string {
  return flags.dir ? resolve(flags.dir) : join(dataDir(flags.data), 'ledger');
}

function integer(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new ExitError(2, `${flag} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** A verifier key given as its text, or as a file holding it. */
function verifierKey(text: string): NoteVerifier {
  if (!text.includes('+') && existsSync(text)) return parseVerifierKey(readFileSync(text, 'utf8'));
  return parseVerifierKey(text);
}

/** A log folder, or a URL prefix; LEAKWATCH_TOKEN (a `read` token) is sent to logs behind a Leakwatch server. */
function source(location: string): TileSource {
  return /^https?:\/\//i.test(location) ? new HttpTileSource(location, undefined, process.env['LEAKWATCH_TOKEN'] || undefined) : new DiskTileStorage(resolve(location));
}

/** The log's own key from ledger.json, with a reminder that an auditor should bring their own. */
async function ownKey(dir: string, why: string): Promise<NoteVerifier> {
  const config = await readConfig(dir);
  process.stderr.write(`leakwatch: ${why} with the key in ${join(dir, 'ledger.json')}; pass --vkey for a check independent of the log's files\n`);
  return config.verifier;
}

async function init(flags: LedgerFlags): Promise<void> {
  if (!flags.dir) await ensureDataDir(flags.data);
  const dir = logDir(flags);
  const config = await initLedger(dir, flags.origin === undefined ? {} : { origin: flags.origin });
  process.stderr.write(`leakwatch: created the ledger ${config.origin} in ${dir}; its verifier key follows (give it to auditors and witnesses)\n`);
  out(config.vkey);
}

async function append(flags: LedgerFlags): Promise<void> {
  const ledger = await openLedger(logDir(flags));
  const torn = ledger.recovery.warning;
  if (torn) process.stderr.write(`leakwatch: ${torn.code}: ${torn.message}\n`);
  let bad = 0;
  let last = -1;
  try {
    let lineNo = 0;
    let pending: Promise<AppendResult | null>[] = [];
    const drain = async () => {
      for (const r of await Promise.all(pending)) {
        if (!r) continue;
        last = r.index;
        out(JSON.stringify({ index: r.index, leafHash: r.leafHash.toString('hex') }));
      }
      pending = [];
    };
    const report = (n: number) => (err: unknown) => {
      bad++;
      process.stderr.write(`leakwatch: line ${n}: ${isLeakwatchError(err) ? `${err.code}: ${err.message}` : String(err)}\n`);
      return null;
    };
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      lineNo++;
      if (flags.hex) {
        const text = line.trim();
        if (!/^([0-9a-fA-F]{2})*$/.test(text)) {
          report(lineNo)(new ExitError(2, 'not an even number of hex digits'));
          continue;
        }
        pending.push(ledger.appendLeaf(Buffer.from(text, 'hex')).catch(report(lineNo)));
      } else {
        if (line.trim() === '') continue;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch {
          report(lineNo)(new ExitError(2, 'not JSON'));
          continue;
        }
        pending.push(ledger.append(record as never).catch(report(lineNo)));
      }
      if (pending.length >= 8192) await drain();
    }
    await drain();
    if (last >= 0) {
      const { checkpoint } = await ledger.integrated(last);
      process.stderr.write(`leakwatch: integrated; the signed checkpoint covers ${checkpoint.size} entries\n`);
    }
  } finally {
    await ledger.close();
  }
  if (bad > 0) throw new ExitError(2, `${bad} line(s) were not appended`);
}

async function checkpoint(flags: LedgerFlags): Promise<void> {
  const dir = logDir(flags);
  const config = await readConfig(dir);
  const { note } = await verifiedCheckpoint(new DiskTileStorage(dir), config.verifier);
  process.stdout.write(note);
}

async function readable(flags: LedgerFlags) {
  const dir = logDir(flags);
  const config = await readConfig(dir);
  const storage = new DiskTileStorage(dir);
  const { note, checkpoint: head } = await verifiedCheckpoint(storage, flags.vkey ? verifierKey(flags.vkey) : config.verifier);
  return { reader: new TileReader(storage), note: note.toString('utf8'), head };
}

const hexes = (hs: Buffer[]) => hs.map((h) => h.toString('hex'));

async function prove(flags: LedgerFlags): Promise<void> {
  const index = integer(flags.index, '--index');
  if (index === undefined) throw new ExitError(2, '--index is required');
  const { reader, note, head } = await readable(flags);
  const size = integer(flags.size, '--size') ?? head.size;
  const proof = await reader.inclusionProof(index, size, head.size);
  const [leafHash, rootHash] = await Promise.all([reader.leafHash(index, head.size), reader.rootAt(size, head.size)]);
  out(JSON.stringify({ index, treeSize: size, leafHash: leafHash.toString('hex'), rootHash: rootHash.toString('hex'), proof: hexes(proof), checkpoint: note }));
}

async function consistency(flags: LedgerFlags): Promise<void> {
  const from = integer(flags.from, '--from');
  if (from === undefined) throw new ExitError(2, '--from is required');
  const { reader, note, head } = await readable(flags);
  const to = integer(flags.to, '--to') ?? head.size;
  const proof = await reader.consistencyProof(from, to, head.size);
  const [root1, root2] = await Promise.all([reader.rootAt(from, head.size), reader.rootAt(to, head.size)]);
  out(JSON.stringify({ size1: from, size2: to, root1: root1.toString('hex'), root2: root2.toString('hex'), proof: hexes(proof), checkpoint: note }));
}

function failedCheck(err: unknown): LeakwatchError | null {
  return isLeakwatchError(err) && FAILED_CHECK.has(err.code) ? err : null;
}

async function verify(flags: LedgerFlags): Promise<void> {
  let where: TileSource;
  let key: NoteVerifier;
  if (flags.log) {
    where = source(flags.log);
    if (!flags.vkey) {
      if (where instanceof HttpTileSource) throw new ExitError(2, 'verifying a log by URL needs --vkey');
      key = await ownKey(resolve(flags.log), 'verifying');
    } else key = verifierKey(flags.vkey);
  } else {
    const dir = logDir(flags);
    where = new DiskTileStorage(dir);
    key = flags.vkey ? verifierKey(flags.vkey) : await ownKey(dir, 'verifying');
  }
  try {
    const r = await verifyLog(where, key);
    out(JSON.stringify({ ok: true, origin: r.origin, size: r.size, rootHash: r.rootHash.toString('hex'), files: r.files }));
  } catch (err) {
    const f = failedCheck(err);
    if (!f) throw err;
    out(JSON.stringify({ ok: false, code: f.code, message: f.message, ...(f.details.path ? { path: f.details.path } : {}), ...(f.details['index'] !== undefined ? { index: f.details['index'] } : {}) }));
    throw new ExitError(1, `${f.code}: ${f.message}`);
  }
}

async function witness(flags: LedgerFlags): Promise<void> {
  if (!flags.log) throw new ExitError(2, '--log DIR_OR_URL is required');
  if (!flags.vkey) throw new ExitError(2, "--vkey KEY (the log's verifier key) is required");
  const stateDir = flags.dir ? resolve(flags.dir) : join(await ensureDataDir(flags.data), 'witness');
  try {
    const r = await witnessLog({ stateDir, source: source(flags.log), logKey: verifierKey(flags.vkey), ...(flags.name ? { name: flags.name } : {}) });
    if (r.createdKey) process.stderr.write(`leakwatch: created the witness key; its cosignature verifier key is ${r.witnessKey}\n`);
    const from = r.previous ? `${r.previous.size} → ` : 'first sight, ';
    process.stderr.write(`leakwatch: cosigned ${r.checkpoint.origin} at ${from}${r.checkpoint.size} entries\n`);
    process.stdout.write(r.cosigned);
  } catch (err) {
    const f = failedCheck(err);
    if (f) throw new ExitError(1, `${f.code}: ${f.message}`);
    throw err;
  }
}

const COMMANDS: Record<string, (flags: LedgerFlags) => Promise<void>> = { init, append, checkpoint, prove, consistency, verify, witness };

export async function ledgerCommand(name: string, flags: LedgerFlags): Promise<void> {
  const run = COMMANDS[name];
  if (!run) throw new ExitError(2, `unknown ledger command ${name}`);
  await run(flags);
}
