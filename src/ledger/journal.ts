// The sequencer's write-ahead journal: appends are durable once their batch is
// written here and fdatasynced, before any tile is. Integration into tiles and a
// signed checkpoint follows; segments whose entries are all in a checkpoint are
// deleted. Each batch record is
//   "LWJ1" | count u32 | first index u64 | payload length u32 | payload | SHA-256
// with the payload in the entry-bundle encoding (uint16 length-prefixed entries).
// On open, a torn last record (a crash mid-write: never acknowledged) is cut off and
// reported; damage anywhere else refuses the open, because entries after it were
// acknowledged and must not be dropped silently.
//
// Batches are written and fdatasynced by a small worker thread of their own, so a
// journal sync neither waits behind tile writes in libuv's thread pool nor blocks
// the event loop.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LeakwatchError } from '../errors/index.js';
import { bundleSize, parseBundle, writeBundle } from './entry-bundle.js';
import { syncDir } from './durable-fs.js';

const MAGIC = 0x4c574a31; // "LWJ1"
const HEADER = 20;
const CHECKSUM = 32;
const MAX_PAYLOAD = 1 << 30;
const SEGMENT = /^(\d{16})\.wal$/;

export interface JournalRecovery {
  /** Durable entries at indices [from, end), in order. */
  entries: Buffer[];
  end: number;
  /** Bytes of a torn tail that were cut off (0 when the journal was clean). */
  tornBytes: number;
  tornSegment?: string;
}

interface Segment {
  start: number;
  name: string;
}

function segmentName(start: number): string {
  return `${String(start).padStart(16, '0')}.wal`;
}

/** One batch record's bytes. */
export function encodeJournalRecord(firstIndex: number, entries: readonly Uint8Array[]): Buffer {
  const payload = bundleSize(entries);
  const buf = Buffer.allocUnsafe(HEADER + payload + CHECKSUM);
  buf.writeUInt32BE(MAGIC, 0);
  buf.writeUInt32BE(entries.length, 4);
  buf.writeBigUInt64BE(BigInt(firstIndex), 8);
  buf.writeUInt32BE(payload, 16);
  writeBundle(entries, buf, HEADER);
  createHash('sha256').update(buf.subarray(0, HEADER + payload)).digest().copy(buf, HEADER + payload);
  return buf;
}

// Reads and checks the record at `at`; null when it is incomplete or damaged.
async function readRecord(fh: FileHandle, at: number, fileSize: number): Promise<{ first: number; entries: Buffer[]; next: number } | null> {
  if (at + HEADER > fileSize) return null;
  const head = Buffer.alloc(HEADER);
  await fh.read(head, 0, HEADER, at);
  if (head.readUInt32BE(0) !== MAGIC) return null;
  const count = head.readUInt32BE(4);
  const first = head.readBigUInt64BE(8);
  const payload = head.readUInt32BE(16);
  if (payload > MAX_PAYLOAD || count * 2 > payload || first > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const end = at + HEADER + payload + CHECKSUM;
  if (end > fileSize) return null;
  const body = Buffer.alloc(payload + CHECKSUM);
  await fh.read(body, 0, body.length, at + HEADER);
  const sum = createHash('sha256').update(head).update(body.subarray(0, payload)).digest();
  if (!sum.equals(body.subarray(payload))) return null;
  let entries: Buffer[];
  try {
    entries = parseBundle(body.subarray(0, payload), count);
  } catch {
    return null;
  }
  return { first: Number(first), entries, next: end };
}

// True when some complete, valid record starts after `from` (so damage at `from` is not a torn tail).
async function validRecordAfter(fh: FileHandle, from: number, fileSize: number): Promise<boolean> {
  const chunk = Buffer.alloc(1 << 16);
  const magic = Buffer.alloc(4);
  magic.writeUInt32BE(MAGIC);
  for (let base = from + 1; base < fileSize; base += chunk.length - 3) {
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, base);
    const view = chunk.subarray(0, bytesRead);
    for (let i = view.indexOf(magic); i >= 0; i = view.indexOf(magic, i + 1)) {
      if (await readRecord(fh, base + i, fileSize)) return true;
    }
    if (bytesRead < chunk.length) break;
  }
  return false;
}

// The writer thread: plain CommonJS, no imports of ours, so it runs the same from src/ and dist/.
const WRITER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, fd, data }) => {
  try {
    for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
    fs.fdatasyncSync(fd);
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err), code: err && err.code });
  }
});
`;

/** Writes and fdatasyncs journal records on a thread of its own. */
class JournalWriter {
  readonly #worker = new Worker(WRITER, { eval: true });
  readonly #waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  #next = 0;

  constructor() {
    this.#worker.unref();
    this.#worker.on('message', (m: { id: number; error?: string; code?: string }) => {
      const w = this.#waiting.get(m.id);
      this.#waiting.delete(m.id);
      if (this.#waiting.size === 0) this.#worker.unref();
      if (!w) return;
      if (m.error === undefined) w.resolve();
      else w.reject(Object.assign(new Error(m.error), { code: m.code }));
    });
    this.#worker.on('error', (err) => {
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    });
  }

  write(fd: number, data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      this.#waiting.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, fd, data });
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

export class Journal {
  #fh: FileHandle | null = null;
  #writer: JournalWriter | null = null;
  #segments: Segment[];

  private constructor(
    readonly dir: string,
    segments: Segment[],
  ) {
    this.#segments = segments;
  }

  /**
   * Opens the journal in `dir`, recovering the durable entries at indices ≥ `from`
   * (the size of the last checkpoint), and starts a fresh segment for new batches.
   */
  static async open(dir: string, from: number, options: { repair?: boolean } = {}): Promise<{ journal: Journal; recovery: JournalRecovery }> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const names = (await readdir(dir)).filter((n) => SEGMENT.test(n)).sort();
    const segments: Segment[] = names.map((name) => ({ name, start: Number(SEGMENT.exec(name)![1]) }));
    const entries: Buffer[] = [];
    let end = from;
    let expected: number | null = null;
    let tornBytes = 0;
    let tornSegment: string | undefined;
    const corrupt = (segment: string, why: string): never => {
      throw new LeakwatchError('LEDGER_JOURNAL_CORRUPT', `journal ${segment}: ${why}`, { path: join(dir, segment) });
    };
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s]!;
      if (s === 0 && seg.start > from) corrupt(seg.name, `entries ${from}..${seg.start - 1} are missing`);
      if (expected !== null && seg.start !== expected) corrupt(seg.name, `starts at entry ${seg.start}, but the segment before it ends at ${expected}`);
      expected = seg.start;
      const fh = await open(join(dir, seg.name), 'r+');
      try {
        const size = (await fh.stat()).size;
        for (let at = 0; at < size; ) {
          const rec = await readRecord(fh, at, size);
          if (!rec) {
            if (s !== segments.length - 1 || (await validRecordAfter(fh, at, size))) corrupt(seg.name, `the batch at byte ${at} is damaged and acknowledged batches follow it`);
            if (options.repair === false) {
              throw new LeakwatchError('LEDGER_JOURNAL_TORN', `journal ${seg.name}: the last ${size - at} bytes are a torn batch (never acknowledged); open with repair to cut them off`, { path: join(dir, seg.name), bytes: size - at });
            }
            tornBytes = size - at;
            tornSegment = seg.name;
            await fh.truncate(at);
            await fh.datasync();
            break;
          }
          if (rec.first !== expected) corrupt(seg.name, `the batch at byte ${at} starts at entry ${rec.first}, expected ${expected}`);
          for (let i = 0; i < rec.entries.length; i++) {
            const index = rec.first + i;
            if (index < from) continue;
            if (index !== end) corrupt(seg.name, `entries ${end}..${index - 1} are missing`);
            entries.push(Buffer.from(rec.entries[i]!));
            end = index + 1;
          }
          expected = rec.first + rec.entries.length;
          at = rec.next;
        }
      } finally {
        await fh.close();
      }
    }
    const journal = new Journal(dir, segments);
    await journal.rotate(end);
    await journal.dropBefore(from);
    return { journal, recovery: { entries, end, tornBytes, ...(tornSegment ? { tornSegment } : {}) } };
  }

  /** Writes one batch and fdatasyncs it; the entries are durable when this resolves. */
  async append(firstIndex: number, entries: readonly Uint8Array[]): Promise<void> {
    await this.appendRecord(encodeJournalRecord(firstIndex, entries));
  }

  /** Writes an encoded batch record and fdatasyncs it. */
  async appendRecord(record: Buffer): Promise<void> {
    if (!this.#fh) throw new LeakwatchError('LEDGER_CLOSED');
    this.#writer ??= new JournalWriter();
    await this.#writer.write(this.#fh.fd, record);
  }

  /** The index the current segment starts at. */
  get segmentStart(): number {
    return this.#segments[this.#segments.length - 1]?.start ?? 0;
  }

  /** Starts a new segment whose first entry will be `nextIndex`. */
  async rotate(nextIndex: number): Promise<void> {
    await this.#fh?.close();
    this.#fh = null;
    const lastSeg = this.#segments[this.#segments.length - 1];
    const name = segmentName(nextIndex);
    if (lastSeg && lastSeg.start === nextIndex) {
      // The last segment begins here already (it is empty or being reopened): append to it.
      this.#fh = await open(join(this.dir, name), 'a');
      return;
    }
    this.#fh = await open(join(this.dir, name), 'a', 0o600);
    await syncDir(this.dir);
    this.#segments.push({ start: nextIndex, name });
  }

  /** Deletes closed segments whose entries all lie below `index` (they are in a checkpoint). */
  async dropBefore(index: number): Promise<void> {
    while (this.#segments.length > 1 && this.#segments[1]!.start <= index) {
      const seg = this.#segments.shift()!;
      await rm(join(this.dir, seg.name), { force: true });
    }
  }

  async close(): Promise<void> {
    await this.#writer?.close();
    this.#writer = null;
    await this.#fh?.close();
    this.#fh = null;
  }
}
