// Fixtures for extraction tests, made in code so no binary sits in the repository:
// minimal PDFs with correct xref offsets, OLE compound files, e-mails, tars, and a
// sink that collects what extraction delivers. Used by the scan engine's tests too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tarStream from 'tar-stream';
import type { ExtractIssue, ExtractSink, TextFormat } from './document.js';
import { extractBytes, extractFile } from './extractor.js';
import { DEFAULT_LIMITS, type ExtractLimits } from './limits.js';

export interface CollectedDocument {
  path: string;
  format: TextFormat;
  encoding: string;
  text: string;
  chunkCount: number;
}

export interface CollectingSink extends ExtractSink {
  readonly documents: CollectedDocument[];
  readonly issues: ExtractIssue[];
  /** The text of the document at `path`, undefined when there is none. */
  text(path: string): string | undefined;
  paths(): string[];
}

/** A sink that keeps every document's full text and every issue. */
export function collectingSink(): CollectingSink {
  const documents: CollectedDocument[] = [];
  const issues: ExtractIssue[] = [];
  return {
    documents,
    issues,
    async document(doc) {
      let text = '';
      let chunkCount = 0;
      for await (const chunk of doc.chunks) { text += chunk; chunkCount++; }
      documents.push({ path: doc.path, format: doc.format, encoding: doc.encoding, text, chunkCount });
    },
    issue(i) { issues.push(i); },
    text: (path) => documents.find((d) => d.path === path)?.text,
    paths: () => documents.map((d) => d.path),
  };
}

/** A temp directory and its removal, for `beforeEach`/`afterEach`. */
export async function tempDir(prefix = 'leakwatch-extract-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// ---- PDF ----

/** Assembles a PDF from object bodies (object n is `objects[n-1]`), computing the xref offsets. */
function assemblePdf(objects: readonly string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/**
 * A PDF with one page per entry of `pages`, each line a Helvetica text line.
 * Lines must be Latin-1; use `cjk: true` for Chinese text (a Type0 font with the
 * predefined UniGB-UCS2-H CMap, as Chinese PDFs often use).
 */
export function makePdfPages(pages: readonly (readonly string[])[], options: { cjk?: boolean } = {}): Uint8Array {
  const font = options.cjk
    ? '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>'
    : '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // page tree, filled in below
    font,
    options.cjk
      ? '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R >>'
      : '<< >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  ];
  const kids: string[] = [];
  for (const lines of pages) {
    const shown = lines.map((l, i) => `${i === 0 ? '' : 'T* '}${options.cjk ? ucs2Hex(l) : pdfString(l)} Tj`).join('\n');
    const content = `BT /F1 12 Tf 14 TL 72 720 Td\n${shown}\nET`;
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    const contentRef = objects.length;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentRef} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return assemblePdf(objects);
}

/** A one-page PDF whose text is `lines`. */
export function makePdf(lines: readonly string[]): Uint8Array {
  return makePdfPages([lines]);
}

/** A PDF protected by a user password (standard security handler, RC4 40-bit): it cannot be opened without it. */
export function makeEncryptedPdf(): Uint8Array {
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [] /Count 0 >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`,
  ], ` /Encrypt 3 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`);
}

function pdfString(s: string): string {
  if (!/^[\x20-\xff]*$/.test(s)) throw new Error('makePdf: Helvetica lines must be Latin-1; pass { cjk: true } for Chinese');
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function ucs2Hex(s: string): string {
  return `<${[...s].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('')}>`;
}

// ---- OLE compound file ----

/** A minimal compound file (version 3, 512-byte sectors) whose directory holds streams named `names`. */
export function makeCfb(names: readonly string[]): Uint8Array {
  const entries = ['Root Entry', ...names];
  const dirSectors = Math.ceil(entries.length / 4);
  const out = new Uint8Array(512 * (2 + dirSectors));
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true); // one FAT sector
  v.setUint32(0x30, 1, true); // directory starts at sector 1
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, 0xfffffffe, true);
  v.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // Sector 0 is the FAT: itself, then the directory chain 1 -> 2 -> ... -> end.
  const fat = 512;
  for (let i = 0; i < 128; i++) v.setUint32(fat + i * 4, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true);
  for (let s = 1; s <= dirSectors; s++) v.setUint32(fat + s * 4, s === dirSectors ? 0xfffffffe : s + 1, true);
  entries.forEach((name, i) => {
    const at = 1024 + i * 128;
    for (let c = 0; c < name.length; c++) v.setUint16(at + c * 2, name.charCodeAt(c), true);
    v.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = i === 0 ? 5 : 2;
  });
  return out;
}

// ---- e-mail ----

export interface EmlAttachment { name: string; contentType: string; content: Uint8Array }

/** A MIME message: headers, a text (or HTML-only) body, and base64 attachments. */
export function makeEml(opts: { headers: Record<string, string>; text?: string; html?: string; attachments?: readonly EmlAttachment[] }): Uint8Array {
  const boundary = '=_leakwatch_boundary';
  const head = Object.entries(opts.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  const body = opts.html !== undefined
    ? `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(utf8(opts.html))}`
    : `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(utf8(opts.text ?? ''))}`;
  if (!opts.attachments?.length) return utf8(`${head}\r\nMIME-Version: 1.0\r\n${body}\r\n`);
  const parts = [body, ...opts.attachments.map((a) =>
    `Content-Type: ${a.contentType}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(a.content)}`)];
  return utf8(`${head}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n`
    + parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`);
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
}

// ---- tar and zip ----

/** A tar (ustar) archive of regular files. */
export async function makeTar(files: readonly { name: string; content: Uint8Array | string }[]): Promise<Uint8Array> {
  const pack = tarStream.pack();
  for (const f of files) pack.entry({ name: f.name }, typeof f.content === 'string' ? f.content : Buffer.from(f.content));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

/** Rewrites the named member's general-purpose flags (OR-ed in) or compression method, in its local and central headers. */
export function patchZipMember(zip: Uint8Array, member: string, patch: { orFlags?: number; method?: number }): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  const name = Buffer.from(member);
  const named = (at: number, length: number): boolean => length === name.length && name.equals(out.subarray(at, at + length));
  const apply = (flagsAt: number): void => {
    if (patch.orFlags !== undefined) v.setUint16(flagsAt, v.getUint16(flagsAt, true) | patch.orFlags, true);
    if (patch.method !== undefined) v.setUint16(flagsAt + 2, patch.method, true);
  };
  for (let p = 0; p + 46 <= out.length; p++) {
    const sig = v.getUint32(p, true);
    if (sig === 0x04034b50 && named(p + 30, v.getUint16(p + 26, true))) apply(p + 6);
    if (sig === 0x02014b50 && named(p + 46, v.getUint16(p + 28, true))) apply(p + 8);
  }
  return out;
}

/** Extracts bytes held in memory under `name`, with limits changed by `over`. */
export async function extractInMemory(name: string, bytes: Uint8Array, over: Partial<ExtractLimits> = {}): Promise<CollectingSink> {
  const sink = collectingSink();
  await extractBytes(bytes, name, { ...DEFAULT_LIMITS, ...over }, sink);
  return sink;
}

/** Writes `bytes` to `dir/name` and extracts that file, with limits changed by `over`. */
export async function extractFromDisk(dir: string, name: string, bytes: Uint8Array, over: Partial<ExtractLimits> = {}): Promise<CollectingSink> {
  await writeFile(join(dir, name), bytes);
  const sink = collectingSink();
  await extractFile(join(dir, name), name, { ...DEFAULT_LIMITS, ...over }, sink);
  return sink;
}
