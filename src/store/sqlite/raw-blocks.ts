// Raw vendor records, kept for evidence, in compressed blocks: the raw text of a
// few hundred events (each after its meta JSON) is concatenated and
// Brotli-compressed (quality 0, ~1 GB/s, ~7x on audit logs) into one row of
// `raw_blocks`; each event row points at its block and its character range. Writing a gigabyte of raw text twice (WAL, then
// the checkpoint) is what bounds ingest speed on SQLite; blocks cut it to a sixth.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';

/** Characters of raw text per block before it is sealed. */
const BLOCK_CHARS = 256 * 1024;
/** Codec ids in `raw_blocks.codec`. */
const CODEC_BROTLI = 1;

export interface RawRef {
  readonly block: number;
  readonly off: number;
  readonly len: number;
}

function compress(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  // Quality 0: ~1.2 GB/s and ~7x on CloudTrail and M365 blocks (quality 1 gains
  // a little ratio at half the speed; deflate level 1 is slower and larger).
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/**
 * Appends raw texts to blocks inside one write transaction. Blocks are allocated
 * as empty rows and filled when sealed; `finish` seals the last one. Created per
 * transaction, so a rolled-back batch leaves nothing behind.
 */
export class RawBlockWriter {
  private block = 0;
  private parts: string[] = [];
  private chars = 0;
  private lastParts = 0;
  private joined: string | undefined;

  constructor(
    private readonly allocate: BetterSqlite3.Statement<[], unknown>,
    private readonly seal: BetterSqlite3.Statement<[Buffer, number, number], unknown>,
    private readonly drop: BetterSqlite3.Statement<[number], unknown>,
  ) {}

  /** Appends an event's meta JSON and raw text; the ref covers both. */
  append(meta: string, text: string): RawRef {
    // Sealing waits for the next append, so the last append can still be undone.
    if (this.chars >= BLOCK_CHARS) this.sealBlock();
    if (this.block === 0) this.block = Number(this.allocate.run().lastInsertRowid);
    const ref = { block: this.block, off: this.chars, len: meta.length + text.length };
    if (meta.length) this.parts.push(meta);
    this.parts.push(text);
    this.chars += ref.len;
    this.lastParts = meta.length ? 2 : 1;
    this.joined = undefined;
    return ref;
  }

  /** Takes back the last append (its event turned out to be a duplicate). */
  undoLast(): void {
    for (let i = 0; i < this.lastParts; i++) {
      const last = this.parts.pop();
      if (last !== undefined) this.chars -= last.length;
    }
    this.lastParts = 0;
    this.joined = undefined;
  }

  /** The raw text of a ref in the block being written, if it is there. */
  pending(ref: RawRef): string | undefined {
    if (ref.block !== this.block || this.block === 0) return undefined;
    this.joined ??= this.parts.join('');
    return this.joined.slice(ref.off, ref.off + ref.len);
  }

  finish(): void {
    if (this.block !== 0) this.sealBlock();
  }

  private sealBlock(): void {
    if (this.chars === 0) this.drop.run(this.block);
    else this.seal.run(compress(this.parts.join('')), this.chars, this.block);
    this.block = 0;
    this.parts = [];
    this.chars = 0;
    this.joined = undefined;
  }
}

/** Reads raw texts back, keeping the last few decompressed blocks. */
export class RawBlockReader {
  private readonly cache = new Map<number, string>();

  constructor(
    private readonly select: BetterSqlite3.Statement<[number], { codec: number; data: Buffer }>,
    private readonly size = 8,
  ) {}

  read(ref: RawRef): string | undefined {
    let text = this.cache.get(ref.block);
    if (text === undefined) {
      const row = this.select.get(ref.block);
      if (!row || row.codec !== CODEC_BROTLI) return undefined;
      text = brotliDecompressSync(row.data).toString('utf8');
      this.cache.set(ref.block, text);
      if (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value as number);
    }
    return text.slice(ref.off, ref.off + ref.len);
  }

  /** Forgets cached blocks (after a rollback, block ids may be reused). */
  clear(): void {
    this.cache.clear();
  }
}

export const RAW_CODEC = CODEC_BROTLI;
