// Reading zip archives by random access: the central directory says what is inside
// (names, flags, sizes; encrypted members are known before reading them); when it is
// missing (a truncated download) the local headers are walked instead. Member data
// is inflated with fflate piece by piece, so every inflated byte is metered.
import { Inflate } from 'fflate';
import { LeakwatchError } from '../../errors/index.js';
import { readRange, type RandomAccess } from './byte-source.js';
import type { InflateMeter } from './inflate-meter.js';
import {
  EOCD_SEARCH, LOCAL_HEADER_SIZE, METHOD_DEFLATE, METHOD_STORED, ZIP64_EOCD_SIZE, ZIP64_LOCATOR_SIZE,
  findDescriptor, findEndOfCentralDirectory, localHeaderLength, parseCentralDirectory, parseLocalHeader,
  parseZip64End, zip64EndOffset, type ZipEntry,
} from './zip-format.js';

export interface ZipListing {
  /** Members in archive order, at most `max` + 1 of them (one more than allowed shows there are too many). */
  readonly entries: ZipEntry[];
  /** Why the listing may be incomplete, for a SCAN_ARCHIVE_CORRUPT issue after the members. */
  readonly damage?: string;
}

/** Compressed bytes handed to the inflater at a time: bounds one step's output to about 16 MiB. */
const INFLATE_STEP = 16 * 1024;
/** A central directory larger than this is treated as damage rather than read. */
const MAX_DIRECTORY_BYTES = 256 * 1024 * 1024;
/** How far ahead to look for a data descriptor when salvaging a member of unknown size. */
const DESCRIPTOR_WINDOW = 1024 * 1024;

/** Lists the members of a zip: from the central directory, or salvaged from local headers. */
export async function listZip(ra: RandomAccess, max: number): Promise<ZipListing> {
  const fromDirectory = await readCentralDirectory(ra, max + 1);
  if (fromDirectory && fromDirectory.entries.length > 0) return fromDirectory;
  const salvaged = await walkLocalHeaders(ra, max + 1);
  if (fromDirectory && salvaged.entries.length === 0) return fromDirectory; // an empty archive
  return {
    entries: salvaged.entries,
    damage: salvaged.damage ?? 'The zip has no readable central directory; members were read from their local headers.',
  };
}

async function readCentralDirectory(ra: RandomAccess, max: number): Promise<ZipListing | undefined> {
  const tailStart = Math.max(0, ra.size - EOCD_SEARCH);
  let eocd = findEndOfCentralDirectory(await ra.read(tailStart, ra.size - tailStart), tailStart);
  if (!eocd) return undefined;
  if (eocd.needsZip64 && eocd.eocdOffset >= ZIP64_LOCATOR_SIZE) {
    const at = zip64EndOffset(await ra.read(eocd.eocdOffset - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE));
    const z64 = at === undefined ? undefined : parseZip64End(await ra.read(at, ZIP64_EOCD_SIZE), eocd);
    if (z64) eocd = z64;
  }
  if (eocd.entries === 0) return { entries: [] };
  if (eocd.cdOffset + eocd.cdSize > ra.size || eocd.cdSize > MAX_DIRECTORY_BYTES) return undefined;
  const cd = await ra.read(eocd.cdOffset, eocd.cdSize);
  const { entries, damaged } = parseCentralDirectory(cd, eocd.entries, max);
  return damaged ? { entries, damage: 'The zip central directory is damaged; only the members listed before the damage were read.' } : { entries };
}

/** Salvage: local headers one after another, as far as they go. */
async function walkLocalHeaders(ra: RandomAccess, max: number): Promise<{ entries: ZipEntry[]; damage?: string }> {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (entries.length < max) {
    const fixed = await ra.read(at, LOCAL_HEADER_SIZE);
    const length = localHeaderLength(fixed);
    if (length === undefined) break;
    const header = parseLocalHeader(await ra.read(at, length), at);
    if (!header) return { entries, damage: `The zip is truncated or damaged after ${entries.length} members.` };
    const dataStart = at + header.headerLength;
    let compressedSize = header.compressedSize;
    let next: number;
    if (compressedSize < 0) {
      const found = await seekDescriptor(ra, dataStart);
      if (!found) {
        entries.push({ ...header, compressedSize: ra.size - dataStart });
        return { entries, damage: `The zip is truncated or damaged after ${entries.length - 1} members.` };
      }
      compressedSize = found.compressedSize;
      next = found.next;
    } else {
      next = dataStart + compressedSize;
    }
    entries.push({ ...header, compressedSize });
    if (next > ra.size) return { entries, damage: `The zip is truncated or damaged after ${entries.length - 1} members.` };
    at = next;
  }
  return { entries, damage: at < ra.size && entries.length === 0 ? 'The zip is damaged: no member could be read.' : undefined };
}

async function seekDescriptor(ra: RandomAccess, dataStart: number): Promise<{ compressedSize: number; next: number } | undefined> {
  for (let at = dataStart; at < ra.size; at += DESCRIPTOR_WINDOW) {
    // Windows overlap so a descriptor across a boundary is still seen.
    const window = await ra.read(at, DESCRIPTOR_WINDOW + 24);
    const found = findDescriptor(window, at, dataStart);
    if (found) return found;
  }
  return undefined;
}

/**
 * A member's uncompressed bytes. Throws LeakwatchError: SCAN_ARCHIVE_CORRUPT (bad
 * header, truncated or invalid data), SCAN_DECOMPRESSION_LIMIT (from the meter).
 * The caller has already refused encrypted members and unknown methods.
 */
export async function* entryData(ra: RandomAccess, entry: ZipEntry, meter: InflateMeter, path: string): AsyncGenerator<Uint8Array> {
  const corrupt = (why: string): LeakwatchError => new LeakwatchError('SCAN_ARCHIVE_CORRUPT', why, { path });
  const fixed = await ra.read(entry.localHeaderOffset, LOCAL_HEADER_SIZE);
  const headerLength = localHeaderLength(fixed);
  if (headerLength === undefined) throw corrupt('The member\'s local header is missing or damaged.');
  const start = entry.localHeaderOffset + headerLength;
  const end = start + entry.compressedSize;
  if (entry.method === METHOD_STORED) {
    for await (const piece of readRange(ra, start, Math.min(end, ra.size))) yield piece;
    if (end > ra.size) throw corrupt('The member is cut short: the archive is truncated.');
    return;
  }
  if (entry.method !== METHOD_DEFLATE) throw corrupt(`The member uses compression method ${entry.method}, which is not supported.`);
  const out: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => { if (chunk.length > 0) out.push(chunk); });
  let read = start;
  try {
    for await (const piece of readRange(ra, start, Math.min(end, ra.size))) {
      read += piece.length;
      for (let i = 0; i < piece.length; i += INFLATE_STEP) {
        const step = piece.subarray(i, i + INFLATE_STEP);
        meter.input(step.length);
        inflater.push(step, read >= end && i + INFLATE_STEP >= piece.length);
        for (const chunk of out.splice(0)) { meter.output(chunk.length); yield chunk; }
      }
    }
    if (read < end) throw corrupt('The member is cut short: the archive is truncated.');
  } catch (err) {
    if (err instanceof LeakwatchError) throw err;
    throw corrupt('The member\'s compressed data is invalid.');
  }
  for (const chunk of out.splice(0)) { meter.output(chunk.length); yield chunk; }
}
