// Telling formats apart by content: magic bytes decide containers and documents, the
// file name is only a hint (a renamed zip is still a zip). Pure functions of the
// first bytes and the name.
import type { TextFormat } from './document.js';

export type ContainerKind = 'zip' | 'gzip' | 'pdf' | 'cfb' | 'tar';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The container or document format the bytes start with, if any. */
export function sniffContainer(head: Uint8Array): ContainerKind | undefined {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, CFB_MAGIC)) return 'cfb';
  // PDF readers accept junk before the header within the first KiB (ISO 32000-1 §7.5.2 note).
  if (indexOfAscii(head.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  if (asciiAt(head, 257, 5) === 'ustar') return 'tar';
  return undefined;
}

const UNSUPPORTED: readonly { magic: readonly number[]; label: string }[] = [
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: '7-Zip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], label: 'RAR archive' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], label: 'xz stream' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], label: 'Zstandard stream' },
  { magic: [0x42, 0x5a, 0x68], label: 'bzip2 stream' },
];

/** A name for a known archive format the scanner does not open, to say so in the issue. */
export function unsupportedArchive(head: Uint8Array): string | undefined {
  for (const u of UNSUPPORTED) if (startsWith(head, u.magic) && (u.label !== 'bzip2 stream' || isBzip2(head))) return u.label;
  return undefined;
}

/** `BZh` is also how some text starts; a bzip2 stream goes on with a block size digit and the block magic. */
function isBzip2(head: Uint8Array): boolean {
  const level = head[3] ?? 0;
  return level >= 0x31 && level <= 0x39 && startsWith(head.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]);
}

const MAIL_FIRST_HEADERS = /^(received|return-path|delivered-to|from|to|subject|date|message-id|mime-version|x-[a-z0-9-]+|dkim-signature|arc-[a-z-]+|authentication-results|reply-to|sender|cc|thread-topic|content-type):[ \t]/i;
const MAIL_KEY_HEADERS = /^(from|received|mime-version|message-id):/im;

/**
 * Whether text starts like an RFC 5322 message: its first line is a well-known
 * header field and the header block holds From, Received, MIME-Version or Message-ID.
 */
export function looksLikeEmail(head: Uint8Array): boolean {
  const top = latin1(head.subarray(0, 4096));
  if (!MAIL_FIRST_HEADERS.test(top)) return false;
  const end = top.search(/\r?\n\r?\n/);
  const block = end < 0 ? top : top.slice(0, end);
  for (const line of block.split(/\r?\n/)) {
    // Every line of the header block is a field or a folded continuation.
    if (line !== '' && !/^[\x21-\x39\x3b-\x7e]+:/.test(line) && !/^[ \t]/.test(line)) return false;
  }
  return MAIL_KEY_HEADERS.test(block);
}

/** Lower-case extension of a file name (`report.CSV` → `csv`), empty when there is none. */
export function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The last segment of a path or member name. */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'), name.lastIndexOf('!')) + 1);
}

const FORMAT_BY_EXTENSION: Record<string, TextFormat> = {
  csv: 'csv', tsv: 'tsv', tab: 'tsv', json: 'json', geojson: 'json', jsonl: 'jsonl', ndjson: 'jsonl',
  xml: 'xml', xsd: 'xml', xsl: 'xml', xslt: 'xml', svg: 'xml', plist: 'xml', rss: 'xml', atom: 'xml', xhtml: 'html',
  html: 'html', htm: 'html', eml: 'eml',
};

/** Text sub-format by extension, else by a cheap look at the first characters. All are scanned as text. */
export function textFormat(name: string, text: string): TextFormat {
  const byExtension = FORMAT_BY_EXTENSION[extensionOf(name)];
  if (byExtension && byExtension !== 'eml') return byExtension;
  const start = text.slice(0, 4096).replace(/^\uFEFF?\s*/, '');
  if (/^<\?xml[\s?]/.test(start)) return /<html[\s>]/i.test(start) ? 'html' : 'xml';
  if (/^<!doctype html|^<html[\s>]/i.test(start)) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) {
    const lines = start.split(/\r?\n/).filter((l) => l.trim() !== '');
    const objectLines = lines.slice(0, 3).filter((l) => /^\s*\{.*\}\s*$/.test(l));
    return lines.length >= 2 && objectLines.length >= 2 ? 'jsonl' : 'json';
  }
  return delimited(start) ?? 'text';
}

/** CSV or TSV when the first lines all split into the same number (two or more) of fields. */
function delimited(start: string): TextFormat | undefined {
  const lines = start.split(/\r?\n/).slice(0, 6);
  if (!start.includes('\n') || lines.length < 3) return undefined;
  const complete = lines.slice(0, -1).filter((l) => l !== '');
  if (complete.length < 2) return undefined;
  for (const [sep, format] of [['\t', 'tsv'], [',', 'csv']] as const) {
    const counts = complete.map((l) => l.split(sep).length - 1);
    const first = counts[0] ?? 0;
    if (first >= 1 && counts.every((c) => c === first)) return format;
  }
  return undefined;
}

function startsWith(b: Uint8Array, magic: readonly number[]): boolean {
  if (b.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (b[i] !== magic[i]) return false;
  return true;
}

function asciiAt(b: Uint8Array, at: number, length: number): string {
  return latin1(b.subarray(at, at + length));
}

function indexOfAscii(b: Uint8Array, s: string): number {
  return latin1(b).indexOf(s);
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
