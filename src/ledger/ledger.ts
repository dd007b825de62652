// The audit ledger: a single-writer RFC 6962 log stored as C2SP tlog-tiles with
// signed C2SP checkpoints. append() is group-committed: every append waiting while
// a batch is written joins the next one, and a batch is acknowledged only after it
// is fdatasynced to the journal. Integration then adds durable entries to the
// tiles, signs a checkpoint and replaces it atomically; integrated(i) resolves once
// a signed checkpoint covers entry i. Opening recovers: the tiles' right edge is
// checked against the checkpoint, and journal entries beyond it are integrated.
import { join } from 'node:path';
import { LeakwatchError, isLeakwatchError } from '../errors/index.js';
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { DiskTileStorage } from './disk-tile-storage.js';
import { MAX_ENTRY_SIZE, parseBundle } from './entry-bundle.js';
import { Journal, encodeJournalRecord, type JournalRecovery } from './journal.js';
import { JOURNAL_DIR, acquireLock, readConfig, readSigner } from './ledger-files.js';
import type { NoteSigner, NoteVerifier } from './note-keys.js';
import { encodeRecordPrefixed, normaliseRecord, type LedgerRecordInput } from './record.js';
import { HASH_SIZE, leafHash, leafHashPrefixed } from './rfc6962.js';
import { openNote, signNote } from './signed-note.js';
import { TileBuilder } from './tile-builder.js';
import { TILE_WIDTH } from './tile-path.js';
import { TileReader } from './tile-reader.js';
import { CHECKPOINT_PATH, type TileSource, type TileStorage } from './tile-storage.js';

export interface LedgerOptions {
  /** Most entries written to the journal in one batch. Default 8192. */
  maxBatch?: number;
  /** Sign a checkpoint at least this often while entries wait for one (ms). Default 1000. */
  checkpointIntervalMs?: number;
  /** Integrate as soon as this many durable entries wait. Default 16384. */
  integrateEvery?: number;
  /** Appends wait while this many durable entries are not yet integrated (bounds memory). Default 65536. */
  maxUnintegrated?: number;
  /** Cut off a torn journal tail on open (default), or refuse to open with LEDGER_JOURNAL_TORN. */
  repairTornTail?: boolean;
}

export interface AppendResult {
  index: number;
  leafHash: Buffer;
}

export interface SignedCheckpoint {
  /** The signed note, byte for byte as published. */
  note: string;
  checkpoint: Checkpoint;
}

export interface RecoveryReport {
  /** Journal entries beyond the checkpoint that were integrated on open. */
  replayed: number;
  /** Bytes of a torn, never-acknowledged journal tail cut off on open (0 if none). */
  tornBytes: number;
  tornSegment?: string;
  /** LEDGER_JOURNAL_TORN describing the repair, when there was one: for the operator's log. */
  warning?: LeakwatchError<'LEDGER_JOURNAL_TORN'>;
}

interface Pending {
  entry: Buffer;
  leaf: Buffer;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

interface Waiter {
  index: number;
  resolve: (c: SignedCheckpoint) => void;
  reject: (e: unknown) => void;
}

/** Opens the ledger in `dir` for appending (it must have been created with initLedger). */
export async function openLedger(dir: string, options: LedgerOptions = {}): Promise<Ledger> {
  const config = await readConfig(dir);
  const signer = await readSigner(dir, config);
  const release = await acquireLock(dir);
  try {
    const storage = new DiskTileStorage(dir);
    const { note, checkpoint } = await readCheckpoint(storage, config.verifier, config.origin);
    const builder = await resumeBuilder(storage, checkpoint);
    const { journal, recovery } = await Journal.open(join(dir, JOURNAL_DIR), checkpoint.size, { repair: options.repairTornTail ?? true });
    const ledger = new Ledger(storage, journal, signer, release, { note, checkpoint }, builder, recovery, options);
    await ledger.integrateAll();
    return ledger;
  } catch (err) {
    await release();
    throw err;
  }
}

/** Reads and verifies the published checkpoint of a log. */
export async function readCheckpoint(storage: TileSource, verifier: NoteVerifier, origin?: string): Promise<SignedCheckpoint> {
  const data = await storage.read(CHECKPOINT_PATH);
  if (!data) throw new LeakwatchError('LEDGER_TILE_MISSING', `the checkpoint is missing from ${storage.location}`, { path: CHECKPOINT_PATH });
  const opened = openNote(data, [verifier]);
  const checkpoint = parseCheckpoint(opened.text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new LeakwatchError('LEDGER_CHECKPOINT_MALFORMED', `the checkpoint's origin ${JSON.stringify(checkpoint.origin)} is not this log's ${JSON.stringify(origin)}`, { path: CHECKPOINT_PATH });
  }
  return { note: data.toString('utf8'), checkpoint };
}

// Rebuilds the writer's right edge from the partial tiles of the checkpoint's size and checks it against the root.
async function resumeBuilder(storage: TileStorage, checkpoint: Checkpoint): Promise<TileBuilder> {
  const size = checkpoint.size;
  const reader = new TileReader(storage, { cacheTiles: 16 });
  let bundle: Buffer[] = [];
  const width0 = size % TILE_WIDTH;
  if (width0 > 0) {
    const { data, path } = await reader.readTileBytes('entries', Math.floor(size / TILE_WIDTH), width0);
    bundle = parseBundle(data, undefined, path).slice(0, width0).map((e) => Buffer.from(e));
    if (bundle.length < width0) throw new LeakwatchError('LEDGER_BUNDLE_CORRUPT', `${path} holds ${bundle.length} entries, expected ${width0}`, { path });
  }
  const rows: Buffer[][] = [];
  for (let level = 0; Math.floor(size / TILE_WIDTH ** level) > 0; level++) {
    const width = Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
    if (width === 0) {
      rows.push([]);
      continue;
    }
    const { data, path } = await reader.readTileBytes(level, Math.floor(size / TILE_WIDTH ** (level + 1)), width);
    if (data.length < width * HASH_SIZE) throw new LeakwatchError('LEDGER_TILE_CORRUPT', `${path} is ${data.length} bytes, expected ${width * HASH_SIZE}`, { path });
    const row: Buffer[] = [];
    for (let i = 0; i < width; i++) row.push(Buffer.from(data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
    rows.push(row);
  }
  bundle.forEach((e, i) => {
    if (!leafHash(e).equals(rows[0]![i]!)) {
      throw new LeakwatchError('LEDGER_ENTRY_MISMATCH', `entry ${size - width0 + i} does not match its level-0 tile; run \`leakwatch ledger verify\``, { index: size - width0 + i });
    }
  });
  const builder = TileBuilder.resume(size, bundle, rows);
  if (!builder.root().equals(checkpoint.rootHash)) {
    throw new LeakwatchError('LEDGER_ROOT_MISMATCH', 'the right edge of the tiles does not match the checkpoint; run `leakwatch ledger verify`', { path: CHECKPOINT_PATH });
  }
  return builder;
}

export class Ledger {
  readonly recovery: RecoveryReport;
  readonly reader: TileReader;
  readonly #storage: TileStorage;
  readonly #journal: Journal;
  readonly #signer: NoteSigner;
  readonly #release: () => Promise<void>;
  readonly #builder: TileBuilder;
  readonly #maxBatch: number;
  readonly #interval: number;
  readonly #integrateEvery: number;
  readonly #maxUnintegrated: number;
  #latest: SignedCheckpoint;
  #size: number;
  #pending: Pending[] = [];
  #flushing: Promise<void> | null = null;
  #flushQueued = false;
  #uEntries: Buffer[] = [];
  #uLeaves: Buffer[] = [];
  #integrating: Promise<void> | null = null;
  #cleanup: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #waiters: Waiter[] = [];
  #failure: LeakwatchError | null = null;
  #closed = false;

  /** @internal Use openLedger. */
  constructor(storage: TileStorage, journal: Journal, signer: NoteSigner, release: () => Promise<void>, latest: SignedCheckpoint, builder: TileBuilder, recovery: JournalRecovery, options: LedgerOptions) {
    this.#storage = storage;
    this.#journal = journal;
    this.#signer = signer;
    this.#release = release;
    this.#latest = latest;
    this.#builder = builder;
    this.reader = new TileReader(storage);
    this.#maxBatch = options.maxBatch ?? 8192;
    this.#interval = options.checkpointIntervalMs ?? 1000;
    this.#integrateEvery = options.integrateEvery ?? 16384;
    this.#maxUnintegrated = Math.max(options.maxUnintegrated ?? 65536, this.#maxBatch);
    this.#size = recovery.end;
    for (const e of recovery.entries) {
      this.#uEntries.push(e);
      this.#uLeaves.push(leafHash(e));
    }
    this.recovery = { replayed: recovery.entries.length, tornBytes: recovery.tornBytes };
    if (recovery.tornSegment) {
      this.recovery.tornSegment = recovery.tornSegment;
      this.recovery.warning = new LeakwatchError('LEDGER_JOURNAL_TORN', `cut a torn, never-acknowledged batch of ${recovery.tornBytes} bytes off journal ${recovery.tornSegment}`, {
        path: join(JOURNAL_DIR, recovery.tornSegment),
        bytes: recovery.tornBytes,
      });
    }
  }

  /** The log's origin (its checkpoints' first line). */
  get origin(): string {
    return this.#latest.checkpoint.origin;
  }

  /** Entries acknowledged as durable. */
  get size(): number {
    return this.#size;
  }

  /** Entries covered by the latest signed checkpoint. */
  get integratedSize(): number {
    return this.#latest.checkpoint.size;
  }

  /** The latest signed checkpoint. */
  get checkpoint(): SignedCheckpoint {
    return this.#latest;
  }

  /**
   * Appends a record ({kind, at, actor, subject, data}; `at` defaults to now). Resolves
   * with its index and leaf hash once it is durable (fsynced), in a batch with the
   * appends made meanwhile.
   * @example const { index } = await ledger.append({ kind: 'evidence.viewed', actor: 'u:42', subject: 'alert:9' });
   */
  append(record: LedgerRecordInput): Promise<AppendResult> {
    let prefixed: Buffer;
    try {
      prefixed = encodeRecordPrefixed(normaliseRecord(record));
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#enqueue(prefixed.subarray(1), leafHashPrefixed(prefixed));
  }

  /** Appends raw entry bytes (at most 65,535), as `ledger append --hex` does. */
  appendLeaf(data: Uint8Array): Promise<AppendResult> {
    if (data.length > MAX_ENTRY_SIZE) return Promise.reject(new LeakwatchError('LEDGER_ENTRY_TOO_LARGE', undefined, { size: data.length }));
    const prefixed = Buffer.allocUnsafe(data.length + 1);
    prefixed[0] = 0x00;
    prefixed.set(data, 1);
    return this.#enqueue(prefixed.subarray(1), leafHashPrefixed(prefixed));
  }

  #enqueue(entry: Buffer, leaf: Buffer): Promise<AppendResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new LeakwatchError('LEDGER_CLOSED'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.#pending.push({ entry, leaf, resolve, reject });
      if (!this.#flushQueued && !this.#flushing) {
        this.#flushQueued = true;
        // Let the caller's synchronous loop enqueue the rest of its batch first.
        queueMicrotask(() => this.#startFlush());
      }
    });
  }

  #startFlush(): void {
    this.#flushQueued = false;
    if (this.#flushing) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = null;
      if (this.#pending.length > 0 && !this.#failure) this.#startFlush();
    });
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      if (this.#failure) {
        for (const p of this.#pending.splice(0)) p.reject(this.#failure);
        return;
      }
      while (this.#uEntries.length >= this.#maxUnintegrated) {
        this.#startIntegration();
        await this.#integrating;
        if (this.#failure) break;
      }
      if (this.#failure) continue;
      const batch = this.#pending.length <= this.#maxBatch ? this.#pending : this.#pending.slice(0, this.#maxBatch);
      this.#pending = batch === this.#pending ? [] : this.#pending.slice(this.#maxBatch);
      const first = this.#size;
      try {
        if (this.#journal.segmentStart < this.integratedSize) await this.#journal.rotate(first);
        const entries = new Array<Buffer>(batch.length);
        for (let i = 0; i < batch.length; i++) entries[i] = batch[i]!.entry;
        await this.#journal.appendRecord(encodeJournalRecord(first, entries));
      } catch (err) {
        this.#fail(err);
        for (const p of batch) p.reject(this.#failure);
        continue;
      }
      this.#size = first + batch.length;
      for (let i = 0; i < batch.length; i++) {
        const p = batch[i]!;
        this.#uEntries.push(p.entry);
        this.#uLeaves.push(p.leaf);
        p.resolve({ index: first + i, leafHash: Buffer.from(p.leaf) });
      }
      this.#afterDurable();
    }
  }

  // Decides when the new durable entries get a checkpoint.
  #afterDurable(): void {
    if (this.#uEntries.length === 0) return;
    if (this.#uEntries.length >= this.#integrateEvery || this.#waiters.length > 0) {
      this.#startIntegration();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#startIntegration();
      }, this.#interval);
      this.#timer.unref();
    }
  }

  #startIntegration(): void {
    if (this.#integrating || this.#failure) return;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#integrating = this.#integrate()
      .catch((err: unknown) => this.#fail(err))
      .finally(() => {
        this.#integrating = null;
        if (this.#uEntries.length > 0 && !this.#failure) this.#afterDurable();
      });
  }

  // Moves durable entries into tiles and publishes a signed checkpoint, chunk by chunk.
  async #integrate(): Promise<void> {
    while (this.#uEntries.length > 0) {
      const n = Math.min(this.#uEntries.length, this.#maxUnintegrated);
      const entries = n === this.#uEntries.length ? this.#uEntries : this.#uEntries.slice(0, n);
      const leaves = n === this.#uLeaves.length ? this.#uLeaves : this.#uLeaves.slice(0, n);
      this.#uEntries = entries === this.#uEntries ? [] : this.#uEntries.slice(n);
      this.#uLeaves = leaves === this.#uLeaves ? [] : this.#uLeaves.slice(n);
      this.#builder.add(entries, leaves);
      const { files, completed } = this.#builder.takeFiles();
      await this.#storage.write(files);
      const checkpoint: Checkpoint = { origin: this.origin, size: this.#builder.size, rootHash: this.#builder.root(), extensions: [] };
      const note = signNote(formatCheckpoint(checkpoint), [this.#signer]);
      await this.#storage.writeCheckpoint(Buffer.from(note));
      this.#latest = { note, checkpoint };
      this.#wake();
      // Housekeeping that no one waits for: partial tiles a full one replaced, journal segments the checkpoint covers.
      this.#cleanup = this.#cleanup
        .then(() => Promise.all(completed.map((path) => this.#storage.removePartials(path))))
        .then(() => this.#journal.dropBefore(checkpoint.size))
        .catch((err: unknown) => this.#fail(err));
    }
  }

  #wake(): void {
    const size = this.integratedSize;
    const still: Waiter[] = [];
    for (const w of this.#waiters) {
      if (w.index < size) w.resolve(this.#latest);
      else still.push(w);
    }
    this.#waiters = still;
  }

  #fail(err: unknown): void {
    if (this.#failure) return;
    this.#failure = isLeakwatchError(err) ? err : new LeakwatchError('LEDGER_IO_FAILED', `the ledger stopped: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
    for (const w of this.#waiters.splice(0)) w.reject(this.#failure);
    for (const p of this.#pending.splice(0)) p.reject(this.#failure);
  }

  /**
   * Resolves with the first signed checkpoint that covers entry `index` (asking for
   * one now rather than at the next interval).
   */
  integrated(index: number): Promise<SignedCheckpoint> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (!Number.isSafeInteger(index) || index < 0) return Promise.reject(new LeakwatchError('LEDGER_RANGE_INVALID', `index ${index} is not a non-negative integer`));
    if (index < this.integratedSize) return Promise.resolve(this.#latest);
    if (index >= this.#size + this.#pending.length) {
      return Promise.reject(new LeakwatchError('LEDGER_RANGE_INVALID', `entry ${index} has not been appended (the log has ${this.#size + this.#pending.length})`));
    }
    return new Promise<SignedCheckpoint>((resolve, reject) => {
      this.#waiters.push({ index, resolve, reject });
      if (this.#uEntries.length > 0) this.#startIntegration();
    });
  }

  /** Integrates every durable entry now and waits for the checkpoint. */
  async integrateAll(): Promise<SignedCheckpoint> {
    while (this.#flushing || this.#flushQueued) await (this.#flushing ?? Promise.resolve());
    while (this.#uEntries.length > 0 || this.#integrating) {
      this.#startIntegration();
      await this.#integrating;
      if (this.#failure) throw this.#failure;
    }
    if (this.#failure) throw this.#failure;
    return this.#latest;
  }

  /** Inclusion proof for entry `index` in the tree of `size` leaves (default: the latest checkpoint). */
  inclusionProof(index: number, size = this.integratedSize): Promise<Buffer[]> {
    return this.reader.inclusionProof(index, size, this.integratedSize);
  }

  /** Consistency proof between two tree sizes (default to: the latest checkpoint). */
  consistencyProof(from: number, to = this.integratedSize): Promise<Buffer[]> {
    return this.reader.consistencyProof(from, to, this.integratedSize);
  }

  /** Entry bytes at `index` (integrated entries only). */
  async entry(index: number): Promise<Buffer> {
    const [e] = await this.reader.entries(index, 1, this.integratedSize);
    return e!;
  }

  /** Writes and integrates what is pending, then releases the writer lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (!this.#failure) await this.integrateAll();
      await this.#cleanup;
    } finally {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      await this.#journal.close();
      await this.#release();
    }
  }
}
