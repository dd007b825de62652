// The limits that bound what extracting one root file may cost: bytes read, bytes
// inflated, archive nesting, members held in memory, text kept and time spent.
// The engine passes them in; DEFAULT_LIMITS is what the CLI uses unless configured.

export interface ExtractLimits {
  /** A root file larger than this is not read: SCAN_FILE_TOO_LARGE. Plain text is streamed, so this is policy, not memory. */
  maxFileBytes: number;
  /** Containers (zip, tar, gzip, e-mail) opened inside one another; one deeper is SCAN_ARCHIVE_TOO_DEEP, its siblings go on. */
  maxArchiveDepth: number;
  /** Total bytes inflated from one root file, at every nesting level: SCAN_DECOMPRESSION_LIMIT, and the rest of the root is skipped. */
  maxDecompressedBytes: number;
  /** Inflated bytes per compressed byte read, per member, checked once the member has inflated past 1 MiB. */
  maxCompressionRatio: number;
  /** Archive members seen from one root file, at every nesting level: SCAN_ARCHIVE_TOO_MANY_ENTRIES. */
  maxArchiveEntries: number;
  /** Largest member held whole in memory (documents, nested zips, e-mail); larger is SCAN_FILE_TOO_LARGE. */
  maxMemberBytes: number;
  /** Text kept per Office, PDF or e-mail document; the rest is dropped with SCAN_DOCUMENT_TRUNCATED. */
  maxDocumentTextChars: number;
  /** Size of the text chunks a document yields. */
  chunkChars: number;
  /** Time allowed to extract the text of one PDF, Office document or e-mail: SCAN_TIMEOUT. */
  documentTimeoutMs: number;
}

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: Readonly<ExtractLimits> = Object.freeze({
  maxFileBytes: GiB,
  maxArchiveDepth: 5,
  maxDecompressedBytes: GiB,
  maxCompressionRatio: 200,
  maxArchiveEntries: 100_000,
  maxMemberBytes: 256 * MiB,
  maxDocumentTextChars: 64 * MiB,
  chunkChars: MiB,
  documentTimeoutMs: 60_000,
});

/** Inflated size below which a member's compression ratio is not checked (small, very repetitive files are normal). */
export const RATIO_GRACE_BYTES = MiB;
