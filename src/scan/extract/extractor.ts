// Extraction of one root file: sniff what each file or member is, open containers
// recursively under the limits, and hand decoded text to the sink. Every problem
// becomes an issue at the path of the member that failed, and the rest goes on.
import { open, stat } from 'node:fs/promises';
import { LeakwatchError } from '../../errors/index.js';
import { ByteStream, bytesRandomAccess, fileRandomAccess, readRange, type RandomAccess } from './byte-source.js';
import { classifyCfb, cfbEntryNames } from './cfb.js';
import type { ExtractIssue, ExtractSink, TextDocument, TextFormat } from './document.js';
import { parseEmail } from './email-message.js';
import { gunzip } from './gzip-stream.js';
import { InflateMeter, type InflateBudget } from './inflate-meter.js';
import type { ExtractLimits } from './limits.js';
import { MissingPartError, OFFICE_EXTENSIONS, isOpcPackage, mainPart, officeKind, officeText, type OfficeKind } from './office-text.js';
import { pdfText } from './pdf-text.js';
import { baseName, extensionOf, looksLikeEmail, sniffContainer, textFormat, unsupportedArchive } from './sniff.js';
import { tarMembers } from './tar-archive.js';
import { SAMPLE_BYTES, decodeChunks, guessEncoding, splitText, type DecodeStatus, type EncodingGuess } from './text-decoding.js';
import { entryData, listZip, type ZipListing } from './zip-archive.js';
import { FLAG_ENCRYPTED, METHOD_AES, METHOD_DEFLATE, METHOD_STORED, type ZipEntry } from './zip-format.js';

/**
 * Extracts everything scannable from one file on disk. Never rejects for bad
 * content: every problem is an issue. It rejects only when the sink does.
 *
 * @example
 * await extractFile('/data/export.zip', 'export.zip', DEFAULT_LIMITS, {
 *   async document(doc) { for await (const chunk of doc.chunks) scan(doc.path, chunk); },
 *   issue(issue) { report.errors.push(issue); },
 * });
 */
export async function extractFile(filePath: string, displayPath: string, limits: ExtractLimits, sink: ExtractSink): Promise<void> {
  const ctx = newContext(limits, sink);
  await guarded(ctx, displayPath, async () => {
    const info = await stat(filePath);
    if (info.isDirectory()) return unreadable(ctx, displayPath, 'The path is a directory, not a file.');
    if (!info.isFile()) return unreadable(ctx, displayPath, 'The path is not a regular file (a device, socket or pipe).');
    if (info.size > limits.maxFileBytes) return tooLarge(ctx, displayPath, info.size);
    const fh = await open(filePath, 'r');
    try {
      await extractMember(ctx, { path: displayPath, name: baseName(filePath), level: 0, source: fileRandomAccess(fh, info.size) });
    } finally {
      await fh.close().catch(() => undefined);
    }
  });
}

/** Extracts everything scannable from bytes already in memory (stdin, an upload). The bytes are not modified. */
export async function extractBytes(bytes: Uint8Array, displayPath: string, limits: ExtractLimits, sink: ExtractSink): Promise<void> {
  const ctx = newContext(limits, sink);
  await guarded(ctx, displayPath, async () => {
    if (bytes.length > limits.maxFileBytes) return tooLarge(ctx, displayPath, bytes.length);
    await extractMember(ctx, { path: displayPath, name: baseName(displayPath), level: 0, source: bytesRandomAccess(bytes) });
  });
}

interface Context {
  readonly limits: ExtractLimits;
  readonly sink: ExtractSink;
  readonly budget: InflateBudget;
  /** Archive members seen so far from this root, at every level. */
  entries: number;
  /** Errors already turned into issues (a damaged tar fails both its member and itself). */
  readonly reported: WeakSet<object>;
}

interface Member {
  readonly path: string;
  /** File or member name, for extension hints. */
  readonly name: string;
  /** Containers around this member. */
  readonly level: number;
  readonly source: RandomAccess | ByteStream;
}

/** The sink failed: not a content problem, so it ends extraction and reaches the caller. */
class SinkFailure {
  constructor(readonly cause: unknown) {}
}

function newContext(limits: ExtractLimits, sink: ExtractSink): Context {
  return { limits, sink, budget: { inflated: 0, halted: false }, entries: 0, reported: new WeakSet() };
}

async function guarded(ctx: Context, path: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof SinkFailure) throw err.cause;
    try {
      reportError(ctx, err, path);
    } catch (sinkErr) {
      if (sinkErr instanceof SinkFailure) throw sinkErr.cause;
      throw sinkErr;
    }
  }
}

async function extractMember(ctx: Context, m: Member): Promise<void> {
  if (ctx.budget.halted) return;
  try {
    await dispatch(ctx, m);
  } catch (err) {
    if (err instanceof SinkFailure) throw err;
    reportError(ctx, err, m.path);
  }
}

async function dispatch(ctx: Context, m: Member): Promise<void> {
  const peeked = m.source instanceof ByteStream ? await m.source.peek(SAMPLE_BYTES) : await m.source.read(0, SAMPLE_BYTES);
  const sample = peeked.subarray(0, SAMPLE_BYTES);
  const complete = m.source instanceof ByteStream ? peeked.length < SAMPLE_BYTES : m.source.size <= SAMPLE_BYTES;
  const ext = extensionOf(m.name);
  switch (sniffContainer(sample)) {
    case 'zip': return zipMember(ctx, m);
    case 'gzip': return gzipMember(ctx, m);
    case 'tar': return tarMember(ctx, m);
    case 'pdf': return pdfMember(ctx, m);
    case 'cfb': return cfbMember(ctx, m);
    case undefined: break;
  }
  const unsupported = unsupportedArchive(sample);
  if (unsupported) return issue(ctx, m.path, 'SCAN_BINARY_SKIPPED', `The file is a ${unsupported}, a format the scanner does not open; it was skipped.`);
  const guess = guessEncoding(sample, complete);
  if (guess.kind === 'binary') {
    if (OFFICE_EXTENSIONS[ext] || ext === 'pdf') {
      return issue(ctx, m.path, 'SCAN_DOCUMENT_CORRUPT', `The file is named .${ext} but is not a ${ext === 'pdf' ? 'PDF' : 'readable Office'} file.`);
    }
    return issue(ctx, m.path, 'SCAN_BINARY_SKIPPED', guess.reason);
  }
  if (guess.encoding !== 'utf-16le' && guess.encoding !== 'utf-16be' && (ext === 'eml' || looksLikeEmail(sample))) {
    return emailMember(ctx, m, sample, guess);
  }
  return textMember(ctx, m, sample, guess);
}

// ---- text ----

async function textMember(ctx: Context, m: Member, sample: Uint8Array, guess: EncodingGuess & { kind: 'text' }): Promise<void> {
  const start = new TextDecoder(guess.encoding).decode(sample.subarray(0, 4096), { stream: true });
  const status: DecodeStatus = { invalid: false, error: undefined };
  const bytes = m.source instanceof ByteStream ? m.source : readRange(m.source);
  await deliver(ctx, {
    path: m.path,
    format: textFormat(m.name, start),
    encoding: guess.encoding,
    chunks: decodeChunks(bytes, guess.encoding, ctx.limits.chunkChars, status, !guess.invalid),
  });
  if (guess.invalid) {
    issue(ctx, m.path, 'SCAN_ENCODING_INVALID', 'The text is not valid UTF-8, UTF-16 or GB18030; it was decoded as UTF-8 with replacement characters.');
  } else if (status.invalid) {
    issue(ctx, m.path, 'SCAN_ENCODING_INVALID', `The text has byte sequences that are not valid ${guess.encoding}; they were replaced with replacement characters.`);
  }
  if (status.error !== undefined) throw status.error;
}

/** A finished text (Office, PDF, e-mail) as a document. */
async function textDocument(ctx: Context, path: string, format: TextFormat, text: string): Promise<void> {
  const chunkChars = ctx.limits.chunkChars;
  async function* chunks(): AsyncGenerator<string> {
    yield* splitText(text, chunkChars);
  }
  await deliver(ctx, { path, format, encoding: 'utf-8', chunks: chunks() });
}

function truncatedIssue(ctx: Context, path: string): void {
  issue(ctx, path, 'SCAN_DOCUMENT_TRUNCATED', `The document holds more than maxDocumentTextChars (${ctx.limits.maxDocumentTextChars}) characters of text; only the first part was scanned.`);
}

// ---- archives ----

async function zipMember(ctx: Context, m: Member): Promise<void> {
  const ra = await randomAccessOf(ctx, m);
  const listing = await listZip(ra, Math.max(0, ctx.limits.maxArchiveEntries - ctx.entries));
  const names = new Set(listing.entries.map((e) => e.name));
  const kind = officeKind(names);
  if (kind) return officeMember(ctx, m, ra, listing, kind);
  const ext = extensionOf(m.name);
  if (OFFICE_EXTENSIONS[ext] && (isOpcPackage(names) || listing.entries.length === 0)) {
    return issue(ctx, m.path, 'SCAN_DOCUMENT_CORRUPT', `The .${ext} file is damaged: its main part is missing or unreadable.`);
  }
  tooDeep(ctx, m);
  for (const entry of listing.entries) {
    if (ctx.budget.halted || !countEntry(ctx, m.path)) return;
    if (entry.name.endsWith('/') || entry.name.endsWith('\\') || entry.name.startsWith('__MACOSX/')) continue;
    const path = `${m.path}!${entry.name}`;
    if (!readableEntry(ctx, entry, path, 'archive')) continue;
    const meter = new InflateMeter(ctx.budget, ctx.limits, path);
    const data = ByteStream.from(entryData(ra, entry, meter, path));
    await extractMember(ctx, { path, name: entry.name, level: m.level + 1, source: data });
  }
  if (listing.damage && !ctx.budget.halted) issue(ctx, m.path, 'SCAN_ARCHIVE_CORRUPT', listing.damage);
}

/** Reports a member that cannot be read: encrypted, or compressed with a method other than store and deflate. */
function readableEntry(ctx: Context, entry: ZipEntry, path: string, as: 'archive' | 'document'): boolean {
  if (entry.flags & FLAG_ENCRYPTED || entry.method === METHOD_AES) {
    if (as === 'document') throw new LeakwatchError('SCAN_DOCUMENT_ENCRYPTED', 'The document\'s parts are encrypted; its text could not be extracted.', { path });
    issue(ctx, path, 'SCAN_ARCHIVE_ENCRYPTED', 'The archive member is encrypted; it cannot be scanned without the password.');
    return false;
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    if (as === 'document') throw new LeakwatchError('SCAN_DOCUMENT_CORRUPT', `The document's parts use compression method ${entry.method}, which is not supported.`, { path });
    issue(ctx, path, 'SCAN_BINARY_SKIPPED', `The archive member uses compression method ${entry.method}, which the scanner does not support; it was skipped.`);
    return false;
  }
  return true;
}

async function tarMember(ctx: Context, m: Member): Promise<void> {
  tooDeep(ctx, m);
  const src = m.source instanceof ByteStream ? m.source : readRange(m.source);
  for await (const t of tarMembers(src, m.path)) {
    if (ctx.budget.halted || !countEntry(ctx, m.path)) return;
    await extractMember(ctx, { path: `${m.path}!${t.name}`, name: t.name, level: m.level + 1, source: t.data });
  }
}

/** A gzipped tar is one level (`logs.tar.gz!app.log`); any other gzip holds one member, named without `.gz`. */
async function gzipMember(ctx: Context, m: Member): Promise<void> {
  tooDeep(ctx, m);
  const src = m.source instanceof ByteStream ? m.source : readRange(m.source);
  const inner = ByteStream.from(gunzip(src, new InflateMeter(ctx.budget, ctx.limits, m.path), m.path));
  const name = gunzippedName(m.name);
  if (sniffContainer(await inner.peek(512)) === 'tar') return tarMember(ctx, { ...m, name, source: inner });
  await extractMember(ctx, { path: `${m.path}!${name}`, name, level: m.level + 1, source: inner });
}

function gunzippedName(name: string): string {
  const base = baseName(name);
  if (/\.tgz$/i.test(base)) return base.slice(0, -4) + '.tar';
  if (/\.svgz$/i.test(base)) return base.slice(0, -1);
  return base.replace(/[.-](gz|gzip)$/i, '');
}

function countEntry(ctx: Context, containerPath: string): boolean {
  ctx.entries++;
  if (ctx.entries <= ctx.limits.maxArchiveEntries) return true;
  ctx.budget.halted = true;
  issue(ctx, containerPath, 'SCAN_ARCHIVE_TOO_MANY_ENTRIES', `The file holds more than maxArchiveEntries (${ctx.limits.maxArchiveEntries}) archive members; the rest were skipped.`);
  return false;
}

function tooDeep(ctx: Context, m: Member): void {
  if (m.level < ctx.limits.maxArchiveDepth) return;
  throw new LeakwatchError('SCAN_ARCHIVE_TOO_DEEP', `The archive nests deeper than maxArchiveDepth (${ctx.limits.maxArchiveDepth}); it was not opened.`, { path: m.path });
}

// ---- documents ----

async function officeMember(ctx: Context, m: Member, ra: RandomAccess, listing: ZipListing, kind: OfficeKind): Promise<void> {
  const byName = new Map(listing.entries.map((e) => [e.name, e]));
  const deadline = Date.now() + ctx.limits.documentTimeoutMs;
  const checkpoint = (): void => {
    if (Date.now() > deadline) {
      throw new LeakwatchError('SCAN_TIMEOUT', `Extracting the document's text took longer than documentTimeoutMs (${ctx.limits.documentTimeoutMs} ms); it was abandoned.`, { path: m.path });
    }
  };
  let damaged = listing.damage !== undefined;
  const readPart = async (name: string): Promise<string | undefined> => {
    const entry = byName.get(name);
    if (!entry) return undefined;
    readableEntry(ctx, entry, m.path, 'document');
    const meter = new InflateMeter(ctx.budget, ctx.limits, m.path);
    try {
      return decodeXml(await ByteStream.from(entryData(ra, entry, meter, m.path)).readAll(ctx.limits.maxMemberBytes, m.path));
    } catch (err) {
      // A damaged header, footer or sheet costs that part only; a damaged main part, the document.
      if (!(err instanceof LeakwatchError && err.code === 'SCAN_ARCHIVE_CORRUPT') || name === mainPart(kind)) throw err;
      damaged = true;
      return undefined;
    }
  };
  let result: { text: string; truncated: boolean };
  try {
    result = await officeText(kind, new Set(byName.keys()), readPart, ctx.limits.maxDocumentTextChars, checkpoint);
  } catch (err) {
    if (err instanceof MissingPartError) throw new LeakwatchError('SCAN_DOCUMENT_CORRUPT', `The document is damaged: ${err.message}`, { path: m.path });
    if (err instanceof LeakwatchError && err.code === 'SCAN_ARCHIVE_CORRUPT') {
      throw new LeakwatchError('SCAN_DOCUMENT_CORRUPT', 'The document is damaged: a part could not be read.', { path: m.path });
    }
    throw err;
  }
  await textDocument(ctx, m.path, kind, result.text);
  if (result.truncated) truncatedIssue(ctx, m.path);
  if (damaged) issue(ctx, m.path, 'SCAN_DOCUMENT_CORRUPT', 'The document\'s package is damaged; the text of the parts that could be read was scanned.');
}

/** Office XML parts are UTF-8, or UTF-16 with a BOM. */
function decodeXml(bytes: Uint8Array): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  return new TextDecoder(utf16 ?? 'utf-8').decode(bytes);
}

async function pdfMember(ctx: Context, m: Member): Promise<void> {
  const bytes = await bytesOf(ctx, m);
  const { text, truncated } = await pdfText(bytes, ctx.limits.maxDocumentTextChars, ctx.limits.documentTimeoutMs, m.path);
  await textDocument(ctx, m.path, 'pdf', text);
  if (truncated) truncatedIssue(ctx, m.path);
}

async function cfbMember(ctx: Context, m: Member): Promise<void> {
  const names = await cfbEntryNames(await randomAccessOf(ctx, m));
  if (!names) {
    const office = OFFICE_EXTENSIONS[extensionOf(m.name)] !== undefined;
    return issue(ctx, m.path, office ? 'SCAN_DOCUMENT_CORRUPT' : 'SCAN_BINARY_SKIPPED', 'The OLE compound file is damaged; it was skipped.');
  }
  const verdict = classifyCfb(names);
  if (verdict.encrypted) return issue(ctx, m.path, 'SCAN_DOCUMENT_ENCRYPTED', 'The Office document is password-protected; its text could not be extracted.');
  issue(ctx, m.path, 'SCAN_BINARY_SKIPPED', `The file is a ${verdict.label}; the scanner does not support this format, so it was skipped.`);
}

async function emailMember(ctx: Context, m: Member, sample: Uint8Array, guess: EncodingGuess & { kind: 'text' }): Promise<void> {
  const bytes = await bytesOf(ctx, m);
  const mail = await parseEmail(bytes, ctx.limits.maxDocumentTextChars, ctx.limits.documentTimeoutMs, m.path);
  if (!mail.hasHeaders) {
    issue(ctx, m.path, 'SCAN_DOCUMENT_CORRUPT', 'The e-mail has no header block; it was scanned as plain text.');
    return textMember(ctx, { ...m, source: bytesRandomAccess(bytes) }, sample, guess);
  }
  await textDocument(ctx, m.path, 'eml', mail.text);
  if (mail.truncated) truncatedIssue(ctx, m.path);
  if (mail.attachments.length === 0) return;
  if (m.level >= ctx.limits.maxArchiveDepth) {
    return issue(ctx, m.path, 'SCAN_ARCHIVE_TOO_DEEP', `The e-mail nests deeper than maxArchiveDepth (${ctx.limits.maxArchiveDepth}); its attachments were not opened.`);
  }
  for (const a of mail.attachments) {
    if (ctx.budget.halted || !countEntry(ctx, m.path)) return;
    await extractMember(ctx, { path: `${m.path}!${a.name}`, name: a.name, level: m.level + 1, source: bytesRandomAccess(a.content) });
  }
}

// ---- sources ----

/** The whole member in memory, at most maxMemberBytes. */
async function bytesOf(ctx: Context, m: Member): Promise<Uint8Array> {
  if (m.source instanceof ByteStream) return m.source.readAll(ctx.limits.maxMemberBytes, m.path);
  if (m.source.size > ctx.limits.maxMemberBytes) {
    throw new LeakwatchError('SCAN_FILE_TOO_LARGE', `The document is larger than maxMemberBytes (${ctx.limits.maxMemberBytes} bytes), the most held in memory; it was not scanned.`, { path: m.path });
  }
  return m.source.read(0, m.source.size);
}

async function randomAccessOf(ctx: Context, m: Member): Promise<RandomAccess> {
  return m.source instanceof ByteStream ? bytesRandomAccess(await bytesOf(ctx, m)) : m.source;
}

// ---- sink ----

async function deliver(ctx: Context, doc: TextDocument): Promise<void> {
  try {
    await ctx.sink.document(doc);
  } catch (err) {
    throw new SinkFailure(err);
  }
}

function issue(ctx: Context, path: string, code: ExtractIssue['code'], message: string): void {
  try {
    ctx.sink.issue({ path, code, message });
  } catch (err) {
    throw new SinkFailure(err);
  }
}

function unreadable(ctx: Context, path: string, message: string): void {
  issue(ctx, path, 'SCAN_FILE_UNREADABLE', message);
}

function tooLarge(ctx: Context, path: string, size: number): void {
  issue(ctx, path, 'SCAN_FILE_TOO_LARGE', `The file is ${size} bytes, larger than maxFileBytes (${ctx.limits.maxFileBytes}); it was not scanned.`);
}

/** Turns a thrown value into an issue, once per error object. Messages are ours: a library's message may quote the content. */
function reportError(ctx: Context, err: unknown, path: string): void {
  if (typeof err === 'object' && err !== null) {
    if (ctx.reported.has(err)) return;
    ctx.reported.add(err);
  }
  if (err instanceof LeakwatchError) return issue(ctx, typeof err.details.path === 'string' ? err.details.path : path, err.code, err.message);
  const code = systemErrorCode(err);
  if (code) return unreadable(ctx, path, `The file could not be read (${code}).`);
  const name = err instanceof Error ? err.name : typeof err;
  issue(ctx, path, 'SCAN_WORKER_FAILED', `Extraction failed unexpectedly (${name}); the file was skipped.`);
}

/** The errno code of a Node system error (ENOENT, EACCES, EIO...). */
function systemErrorCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || !('code' in err) || !('syscall' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}
