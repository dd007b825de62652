// Entry bundles of C2SP tlog-tiles ("Log entries"): a sequence of entries, each
// prefixed by its length as a big-endian uint16. So an entry holds at most 65,535
// bytes. Parsing is strict: a bundle must split into exactly the expected number
// of entries with no bytes left over.
import { LeakwatchError } from '../errors/index.js';

export const MAX_ENTRY_SIZE = 0xffff;

/** Bytes a bundle needs for these entries. */
export function bundleSize(entries: readonly Uint8Array[]): number {
  let n = 0;
  for (const e of entries) n += 2 + e.length;
  return n;
}

/** Writes entries into `out` at `offset` as length-prefixed records; returns the end offset. */
export function writeBundle(entries: readonly Uint8Array[], out: Buffer, offset = 0): number {
  let at = offset;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) throw new LeakwatchError('LEDGER_ENTRY_TOO_LARGE', undefined, { size: e.length });
    out.writeUInt16BE(e.length, at);
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return at;
}

/** A bundle (or journal payload) for these entries. */
export function encodeBundle(entries: readonly Uint8Array[]): Buffer {
  const out = Buffer.allocUnsafe(bundleSize(entries));
  writeBundle(entries, out);
  return out;
}

/**
 * Splits a bundle into its entries (views into `bundle`, not copies). With
 * `expected`, the bundle must hold exactly that many. Throws
 * LEDGER_BUNDLE_CORRUPT naming `path` when the bytes do not split cleanly.
 */
export function parseBundle(bundle: Buffer, expected?: number, path = 'entry bundle'): Buffer[] {
  const entries: Buffer[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new LeakwatchError('LEDGER_BUNDLE_CORRUPT', `${path}: a length prefix is cut off after entry ${entries.length}`, { path, entry: entries.length });
    const len = bundle.readUInt16BE(at);
    if (at + 2 + len > bundle.length) throw new LeakwatchError('LEDGER_BUNDLE_CORRUPT', `${path}: entry ${entries.length} runs past the end of the bundle`, { path, entry: entries.length });
    entries.push(bundle.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  if (expected !== undefined && entries.length !== expected) {
    throw new LeakwatchError('LEDGER_BUNDLE_CORRUPT', `${path}: holds ${entries.length} entries, expected ${expected}`, { path, entries: entries.length, expected });
  }
  return entries;
}
