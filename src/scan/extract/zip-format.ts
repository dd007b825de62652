// The zip file format, as far as reading needs it (PKWARE APPNOTE.TXT 6.3.10: §4.3.7
// local file header, §4.3.9 data descriptor, §4.3.12 central directory header,
// §4.3.14-16 zip64 end records, §4.4.4 general purpose flags, §4.5.3 zip64 extra).
// Pure: byte arrays in, records out; damage is reported, never thrown.

export const LOCAL_HEADER_SIG = 0x04034b50;
export const CENTRAL_HEADER_SIG = 0x02014b50;
export const DESCRIPTOR_SIG = 0x08074b50;
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;

export const LOCAL_HEADER_SIZE = 30;
export const EOCD_SIZE = 22;
/** The end record can be followed by a comment of up to 65535 bytes. */
export const EOCD_SEARCH = EOCD_SIZE + 0xffff;
export const ZIP64_LOCATOR_SIZE = 20;
export const ZIP64_EOCD_SIZE = 56;

/** General purpose flag bits (§4.4.4). */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
/** WinZip AES (APPNOTE appendix E): always encrypted. */
export const METHOD_AES = 99;

export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  /** -1 when unknown (a local header whose sizes follow the data in a descriptor). */
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export interface EndOfCentralDirectory {
  readonly entries: number;
  readonly cdSize: number;
  readonly cdOffset: number;
  /** Absolute offset of the end record, to find a zip64 locator just before it. */
  readonly eocdOffset: number;
  readonly needsZip64: boolean;
}

/** Finds the end record in the file's tail (`tailOffset` is where the tail starts). */
export function findEndOfCentralDirectory(tail: Uint8Array, tailOffset: number): EndOfCentralDirectory | undefined {
  const v = view(tail);
  let fallback: number | undefined;
  for (let p = tail.length - EOCD_SIZE; p >= 0; p--) {
    if (v.getUint32(p, true) !== EOCD_SIG) continue;
    // The record whose comment ends exactly at the end of the file is the real one.
    if (p + EOCD_SIZE + v.getUint16(p + 20, true) === tail.length) { fallback = p; break; }
    fallback ??= p;
  }
  if (fallback === undefined) return undefined;
  const p = fallback;
  const entries = v.getUint16(p + 10, true);
  const cdSize = v.getUint32(p + 12, true);
  const cdOffset = v.getUint32(p + 16, true);
  return {
    entries, cdSize, cdOffset,
    eocdOffset: tailOffset + p,
    needsZip64: entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff,
  };
}

/** Offset of the zip64 end record, from the locator that precedes the end record. */
export function zip64EndOffset(locator: Uint8Array): number | undefined {
  if (locator.length < ZIP64_LOCATOR_SIZE) return undefined;
  const v = view(locator);
  if (v.getUint32(0, true) !== ZIP64_LOCATOR_SIG) return undefined;
  return u64(v, 8);
}

export function parseZip64End(record: Uint8Array, eocd: EndOfCentralDirectory): EndOfCentralDirectory | undefined {
  if (record.length < ZIP64_EOCD_SIZE) return undefined;
  const v = view(record);
  if (v.getUint32(0, true) !== ZIP64_EOCD_SIG) return undefined;
  return { ...eocd, entries: u64(v, 32), cdSize: u64(v, 40), cdOffset: u64(v, 48), needsZip64: false };
}

/**
 * Parses central directory headers, at most `max` of them. `damaged` is set when the
 * bytes stop looking like headers before `expected` entries were read.
 */
export function parseCentralDirectory(cd: Uint8Array, expected: number, max: number): { entries: ZipEntry[]; damaged: boolean } {
  const v = view(cd);
  const entries: ZipEntry[] = [];
  let p = 0;
  while (entries.length < Math.min(expected, max)) {
    if (p + 46 > cd.length || v.getUint32(p, true) !== CENTRAL_HEADER_SIG) return { entries, damaged: true };
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    let compressedSize = v.getUint32(p + 20, true);
    let uncompressedSize = v.getUint32(p + 24, true);
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    let localHeaderOffset = v.getUint32(p + 42, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) return { entries, damaged: true };
    const name = entryName(cd.subarray(p + 46, p + 46 + nameLength), flags);
    const z64 = zip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), {
      uncompressed: uncompressedSize === 0xffffffff,
      compressed: compressedSize === 0xffffffff,
      offset: localHeaderOffset === 0xffffffff,
    });
    uncompressedSize = z64.uncompressed ?? uncompressedSize;
    compressedSize = z64.compressed ?? compressedSize;
    localHeaderOffset = z64.offset ?? localHeaderOffset;
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localHeaderOffset });
    p = end;
  }
  return { entries, damaged: false };
}

export interface LocalHeader extends ZipEntry {
  /** Bytes from the header's start to its data. */
  readonly headerLength: number;
}

/** Parses a local file header; `b` must hold the fixed part, name and extra field. Undefined when it is not one or is cut short. */
export function parseLocalHeader(b: Uint8Array, offset: number): LocalHeader | undefined {
  if (b.length < LOCAL_HEADER_SIZE) return undefined;
  const v = view(b);
  if (v.getUint32(0, true) !== LOCAL_HEADER_SIG) return undefined;
  const flags = v.getUint16(6, true);
  const nameLength = v.getUint16(26, true);
  const extraLength = v.getUint16(28, true);
  const headerLength = LOCAL_HEADER_SIZE + nameLength + extraLength;
  if (b.length < headerLength) return undefined;
  let compressedSize = v.getUint32(18, true);
  let uncompressedSize = v.getUint32(22, true);
  const z64 = zip64Extra(b.subarray(LOCAL_HEADER_SIZE + nameLength, headerLength), {
    uncompressed: uncompressedSize === 0xffffffff,
    compressed: compressedSize === 0xffffffff,
    offset: false,
  });
  uncompressedSize = z64.uncompressed ?? uncompressedSize;
  compressedSize = z64.compressed ?? compressedSize;
  const sizesFollow = (flags & FLAG_DESCRIPTOR) !== 0 && compressedSize === 0;
  return {
    name: entryName(b.subarray(LOCAL_HEADER_SIZE, LOCAL_HEADER_SIZE + nameLength), flags),
    flags,
    method: v.getUint16(8, true),
    compressedSize: sizesFollow ? -1 : compressedSize,
    uncompressedSize: sizesFollow ? -1 : uncompressedSize,
    localHeaderOffset: offset,
    headerLength,
  };
}

/** Length of the fixed local header plus its name and extra field, read from the fixed part. */
export function localHeaderLength(fixed: Uint8Array): number | undefined {
  if (fixed.length < LOCAL_HEADER_SIZE) return undefined;
  const v = view(fixed);
  if (v.getUint32(0, true) !== LOCAL_HEADER_SIG) return undefined;
  return LOCAL_HEADER_SIZE + v.getUint16(26, true) + v.getUint16(28, true);
}

/**
 * In `window` (starting at absolute `windowOffset`), a data descriptor whose
 * compressed size matches its distance from `dataStart`: the end of that entry's data.
 */
export function findDescriptor(window: Uint8Array, windowOffset: number, dataStart: number): { compressedSize: number; next: number } | undefined {
  const v = view(window);
  for (let p = 0; p + 16 <= window.length; p++) {
    if (v.getUint32(p, true) !== DESCRIPTOR_SIG) continue;
    const at = windowOffset + p;
    if (v.getUint32(p + 8, true) === at - dataStart) return { compressedSize: at - dataStart, next: at + 16 };
    if (p + 24 <= window.length && u64(v, p + 8) === at - dataStart) return { compressedSize: at - dataStart, next: at + 24 };
  }
  return undefined;
}

export function isDirectoryEntry(e: ZipEntry): boolean {
  return e.name.endsWith('/') || e.name.endsWith('\\');
}

/**
 * Names carry the UTF-8 flag when written as UTF-8; many tools write UTF-8 without it,
 * and Chinese Windows writes GBK, so: flag, else valid UTF-8, else GB18030, else Latin-1.
 */
function entryName(bytes: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) return new TextDecoder('utf-8').decode(bytes);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return Buffer.from(bytes).toString('latin1');
}

/** The zip64 extended information extra field (§4.5.3): values present only for fields that overflowed, in this order. */
function zip64Extra(extra: Uint8Array, want: { uncompressed: boolean; compressed: boolean; offset: boolean }): { uncompressed?: number; compressed?: number; offset?: number } {
  const v = view(extra);
  for (let p = 0; p + 4 <= extra.length;) {
    const id = v.getUint16(p, true);
    const size = v.getUint16(p + 2, true);
    if (id === 0x0001) {
      const out: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let q = p + 4;
      const end = Math.min(extra.length, p + 4 + size);
      if (want.uncompressed && q + 8 <= end) { out.uncompressed = u64(v, q); q += 8; }
      if (want.compressed && q + 8 <= end) { out.compressed = u64(v, q); q += 8; }
      if (want.offset && q + 8 <= end) out.offset = u64(v, q);
      return out;
    }
    p += 4 + size;
  }
  return {};
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** A little-endian 64-bit value as a number; sizes past 2^53 are not real and become Infinity. */
function u64(v: DataView, p: number): number {
  const n = v.getBigUint64(p, true);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(n);
}
