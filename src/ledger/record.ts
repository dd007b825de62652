// Ledger records: what the platform writes to its audit trail. A record is the
// RFC 8785 canonical JSON of exactly {kind, at, actor, subject, data}, so the same
// record always becomes the same entry bytes and the same leaf hash.
import { LeakwatchError } from '../errors/index.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { MAX_ENTRY_SIZE } from './entry-bundle.js';

export interface LedgerRecord {
  /** What happened, e.g. "alert.raised", "incident.updated", "evidence.viewed". */
  kind: string;
  /** When, as an RFC 3339 timestamp. */
  at: string;
  /** Who did it: a user, token or service id. */
  actor: string;
  /** What it was done to: an alert, incident, file or setting id. */
  subject: string;
  /** Details; any JSON value (an object by convention). */
  data: JsonValue;
}

/** A record before `at` and `data` are filled in. */
export type LedgerRecordInput = Omit<LedgerRecord, 'at' | 'data'> & { at?: string | Date; data?: JsonValue };

const FIELDS = new Set(['kind', 'at', 'actor', 'subject', 'data']);
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const MAX_FIELD = 1024;

function invalid(why: string, field?: string): never {
  throw new LeakwatchError('LEDGER_RECORD_INVALID', why, field ? { field } : {});
}

function text(input: Record<string, unknown>, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || v.length === 0) invalid(`${field} must be a non-empty string`, field);
  if (v.length > MAX_FIELD) invalid(`${field} is longer than ${MAX_FIELD} characters`, field);
  return v;
}

/**
 * Checks a record and fills `at` (now) and `data` ({}) when absent. Unknown fields
 * are refused so nothing is silently left out of the hash.
 */
export function normaliseRecord(input: unknown, now: () => Date = () => new Date()): LedgerRecord {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) invalid('a record must be a JSON object');
  const obj = input as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!FIELDS.has(k)) invalid(`unknown field ${JSON.stringify(k)} (a record has kind, at, actor, subject, data)`, k);
  const kind = text(obj, 'kind');
  const actor = text(obj, 'actor');
  const subject = text(obj, 'subject');
  let at: string;
  if (obj['at'] === undefined) at = now().toISOString();
  else if (obj['at'] instanceof Date) {
    if (Number.isNaN(obj['at'].getTime())) invalid('at is an invalid date', 'at');
    at = obj['at'].toISOString();
  } else {
    at = text(obj, 'at');
    if (!RFC3339.test(at) || Number.isNaN(Date.parse(at))) invalid('at must be an RFC 3339 timestamp such as 2026-01-31T09:30:00Z', 'at');
  }
  const data = (obj['data'] === undefined ? {} : obj['data']) as JsonValue;
  return { kind, at, actor, subject, data };
}

/** The entry bytes of a record: its canonical JSON in UTF-8. */
export function encodeRecord(record: LedgerRecord): Buffer {
  const bytes = Buffer.from(canonicalJson(record), 'utf8');
  if (bytes.length > MAX_ENTRY_SIZE) throw new LeakwatchError('LEDGER_ENTRY_TOO_LARGE', undefined, { size: bytes.length });
  return bytes;
}

/**
 * Entry bytes with one spare byte in front (set to 0x00), so the leaf hash can be
 * taken without copying: returns the prefixed buffer; the entry is `.subarray(1)`.
 */
export function encodeRecordPrefixed(record: LedgerRecord): Buffer {
  const json = canonicalJson(record);
  const len = Buffer.byteLength(json, 'utf8');
  if (len > MAX_ENTRY_SIZE) throw new LeakwatchError('LEDGER_ENTRY_TOO_LARGE', undefined, { size: len });
  const out = Buffer.allocUnsafe(len + 1);
  out[0] = 0x00;
  out.write(json, 1, 'utf8');
  return out;
}

/** Parses entry bytes back into a record (for reading the log). */
export function decodeRecord(entry: Uint8Array): LedgerRecord {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(entry).toString('utf8'));
  } catch {
    invalid('the entry is not JSON');
  }
  if (value === null || typeof value !== 'object' || !('at' in value) || !('data' in value)) invalid('a stored record has all five fields');
  return normaliseRecord(value);
}
