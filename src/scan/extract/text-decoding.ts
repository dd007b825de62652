// Turning bytes into text: the encoding is decided once, on a sample of the first
// 64 KiB, and the whole stream is then decoded piece by piece, so a file of any size
// is decoded in bounded memory. Pure: no I/O, byte iterables in, string chunks out.
import { isUtf8 } from 'node:buffer';
import { concatBytes } from './byte-source.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type EncodingGuess =
  | { readonly kind: 'binary'; readonly reason: string }
  /** `invalid`: the sample is valid in no supported encoding; it is decoded as UTF-8 with replacement characters. */
  | { readonly kind: 'text'; readonly encoding: TextEncodingName; readonly invalid: boolean };

/** How many leading bytes decide the encoding. */
export const SAMPLE_BYTES = 64 * 1024;
/** How many leading bytes decide that a file is binary. */
const BINARY_WINDOW = 8 * 1024;
/** Above this share of control bytes, a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

/**
 * Decides how to decode a file from its first bytes. `complete` says whether the
 * sample is the whole file (otherwise it may end inside a character).
 *
 * Order: a BOM wins; then UTF-16 without a BOM when the NUL pattern shows Latin
 * text in 16-bit units (UTF-16 of CJK-only text without a BOM is not recognised:
 * it needs a BOM); then a NUL or many control bytes mean binary; then valid UTF-8;
 * then GB18030 (a superset of GBK and GB2312) when the text decodes and reads as
 * Chinese; else UTF-8 with replacement characters.
 */
export function guessEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  const bom = bomEncoding(sample);
  if (bom) return { kind: 'text', encoding: bom, invalid: false };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { kind: 'text', encoding: utf16, invalid: false };
  const binary = binaryReason(sample);
  if (binary) return { kind: 'binary', reason: binary };
  const whole = complete ? sample : sample.subarray(0, completeUtf8Prefix(sample));
  if (isUtf8(whole)) return { kind: 'text', encoding: 'utf-8', invalid: false };
  if (readsAsGb18030(sample)) return { kind: 'text', encoding: 'gb18030', invalid: false };
  return { kind: 'text', encoding: 'utf-8', invalid: true };
}

function bomEncoding(b: Uint8Array): TextEncodingName | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Latin text in UTF-16 has a NUL in every other byte; binary data rarely has that pattern and decodes to control characters. */
function utf16WithoutBom(sample: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(sample.length, BINARY_WINDOW) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i++) if (sample[i] === 0) { if (i & 1) oddZero++; else evenZero++; }
  const units = n / 2;
  let encoding: TextEncodingName;
  if (oddZero > units * 0.2 && evenZero < units * 0.02) encoding = 'utf-16le';
  else if (evenZero > units * 0.2 && oddZero < units * 0.02) encoding = 'utf-16be';
  else return undefined;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(sample.subarray(0, n), { stream: true });
  } catch {
    return undefined;
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) controls++;
  return controls <= text.length * 0.02 ? encoding : undefined;
}

function binaryReason(sample: Uint8Array): string | undefined {
  const n = Math.min(sample.length, BINARY_WINDOW);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i] ?? 0;
    if (b === 0) return 'The file holds NUL bytes: it is binary, of no format the scanner extracts.';
    if (isControl(b)) controls++;
  }
  if (controls > n * MAX_CONTROL_SHARE) return 'The file is mostly control bytes: it is binary, of no format the scanner extracts.';
  return undefined;
}

/** C0 controls and DEL, except tab, line feed, vertical tab, form feed, carriage return and escape (ANSI-coloured logs). */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) || c === 0x7f;
}

/**
 * GB18030 decodes most byte soup, Latin-1 text included, so decoding alone proves
 * little. Chinese text in GBK keeps both bytes of its characters in the GB2312 area
 * (A1-F7, A1-FE); Latin-1 letters before ASCII letters fall outside it.
 */
function readsAsGb18030(sample: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return false;
  }
  let gb2312 = 0;
  let other = 0;
  for (let i = 0; i < sample.length;) {
    const b = sample[i] ?? 0;
    if (b < 0x80) { i++; continue; }
    const t = sample[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) { other++; i += 4; continue; }
    if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) gb2312++;
    else other++;
    i += 2;
  }
  if (gb2312 === 0 || gb2312 < (gb2312 + other) * 0.6) return false;
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) cjk++;
  }
  return cjk >= nonAscii * 0.5;
}

/** Length of the prefix of `b` that does not end inside a UTF-8 sequence. */
export function completeUtf8Prefix(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 3; i--) {
    const c = b[i] ?? 0;
    if ((c & 0xc0) === 0x80) continue;
    if (c >= 0xf8) return b.length; // never a lead byte: invalid now, not incomplete
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return i + need > b.length ? i : b.length;
  }
  return b.length;
}

/** Validates UTF-8 piece by piece (pieces may split a character). */
export class Utf8Validator {
  private carry: Uint8Array | undefined;
  valid = true;

  push(chunk: Uint8Array): void {
    if (!this.valid) return;
    const buf = this.carry ? concatBytes([this.carry, chunk]) : chunk;
    const cut = completeUtf8Prefix(buf);
    if (!isUtf8(buf.subarray(0, cut))) this.valid = false;
    this.carry = cut < buf.length ? buf.slice(cut) : undefined;
  }

  end(): void {
    if (this.carry) this.valid = false;
  }
}

/** Validates any other encoding with a second, fatal decoder, dropped at the first error. */
class FatalValidator {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  valid = true;

  constructor(encoding: TextEncodingName) {
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  push(chunk: Uint8Array): void {
    try { this.decoder?.decode(chunk, { stream: true }); } catch { this.fail(); }
  }

  end(): void {
    try { this.decoder?.decode(); } catch { this.fail(); }
  }

  private fail(): void {
    this.valid = false;
    this.decoder = undefined;
  }
}

/** What decoding found, known once the chunks have been consumed. */
export interface DecodeStatus {
  /** Some bytes were not valid in the encoding and became U+FFFD. */
  invalid: boolean;
  /** The byte source failed; the text ends where it failed. */
  error: unknown;
}

/**
 * Decodes a byte stream into chunks of about `chunkChars` characters. Never throws:
 * a failing source ends the text and is recorded in `status.error`.
 */
export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  chunkChars: number,
  status: DecodeStatus,
  validate = true,
): AsyncGenerator<string> {
  const size = Math.max(1, chunkChars);
  const decoder = new TextDecoder(encoding);
  const validator = !validate ? undefined : encoding === 'utf-8' ? new Utf8Validator() : new FatalValidator(encoding);
  let text = '';
  try {
    for await (const piece of bytes) {
      validator?.push(piece);
      text += decoder.decode(piece, { stream: true });
      while (text.length >= size) {
        const cut = cutPoint(text, 0, size);
        yield text.slice(0, cut);
        text = text.slice(cut);
      }
    }
  } catch (err) {
    status.error = err;
  }
  validator?.end();
  if (validator && !validator.valid) status.invalid = true;
  text += decoder.decode();
  if (text.length > 0) yield* splitText(text, size);
}

/** A finished text as chunks of about `chunkChars`. */
export function* splitText(text: string, chunkChars: number): Generator<string> {
  const size = Math.max(1, chunkChars);
  for (let at = 0; at < text.length;) {
    const cut = cutPoint(text, at, size);
    yield text.slice(at, cut);
    at = cut;
  }
}

/** Where a chunk of `size` starting at `from` ends: never between the halves of a surrogate pair. */
function cutPoint(text: string, from: number, size: number): number {
  const cut = from + size;
  if (cut >= text.length) return text.length;
  const c = text.charCodeAt(cut - 1);
  return c >= 0xd800 && c <= 0xdbff && cut - 1 > from ? cut - 1 : cut;
}
