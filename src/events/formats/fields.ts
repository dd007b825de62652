// Small, total helpers for reading vendor records: every one accepts any value
// and returns undefined rather than throwing, so hostile input cannot escape as a
// TypeError. Keys are matched exactly first, then in lower case (Panther's test
// fixtures and some exports lower-case every key).
import { createHash } from 'node:crypto';
import { LeakwatchError, type ErrorCode } from '../../errors/index.js';
import type { Actor, Channel, DataEvent, DataObject, Destination, Outcome, SourceFormat } from '../data-event.js';

export type Rec = Record<string, unknown>;
export type Attributes = Record<string, string | number | boolean | readonly string[]>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const lowerCache = new Map<string, string>();
function lc(key: string): string {
  let l = lowerCache.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (lowerCache.size < 4096) lowerCache.set(key, l);
  }
  return l;
}

/** `obj[key]`, else `obj[key in lower case]` (arrays and primitives have no fields). */
export function get(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const o = obj as Rec;
  const v = o[key];
  if (v !== undefined) return Array.isArray(obj) ? undefined : v;
  const l = lc(key);
  return l === key || Array.isArray(obj) ? undefined : o[l];
}

/** `get` along a dotted path. */
export function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split('.')) {
    cur = get(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A copy with every object key in lower case, for records whose keys are not in the vendor's case. */
export function lowerKeys(v: unknown, depth = 0): unknown {
  if (depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => lowerKeys(x, depth + 1));
  if (!isRecord(v)) return v;
  const out: Rec = {};
  for (const [k, x] of Object.entries(v)) out[k.toLowerCase()] = lowerKeys(x, depth + 1);
  return out;
}

/** A non-empty string (numbers and booleans as text), else undefined. Placeholders such as '-' and 'null' count as empty. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    if (v === '' || v === '-' || v === 'null' || v === 'None') return undefined;
    return v;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

export function lower(v: unknown): string | undefined {
  return str(v)?.toLowerCase();
}

/** A finite number, or a string holding one. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && v !== '-') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true' || s === 'yes' || s === '1') return true;
    if (s === 'false' || s === 'no' || s === '0') return false;
  }
  return undefined;
}

/** Strings of an array (or of a single value), non-empty ones only. */
export function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((x): x is string => x !== undefined);
  const s = str(v);
  return s === undefined ? [] : [s];
}

/** The domain of an e-mail address or UPN, lower-cased. */
export function domainOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return undefined;
  return address.slice(at + 1).toLowerCase().replace(/[>\s]+$/, '');
}

/** Parses JSON text that a record carries as a string (Sentinel rows, AuditData); undefined when it is not JSON. */
export function jsonField(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.(\d+))?\s*([AaPp][Mm])?)?$/;
const CLF = /^\[?(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\s*([+-]\d{4})?\]?$/;
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, zone: string | undefined): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return Number.NaN;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (zone && zone !== 'Z' && zone !== 'z' && zone.toUpperCase() !== 'UTC') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4) || '0');
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return t;
}

/**
 * Event time in epoch ms. Accepts ISO 8601 (with or without a zone; no zone is
 * UTC, as every vendor here writes UTC), Panther's `YYYY-MM-DD hh:mm:ss[.f…]`,
 * US `M/D/YYYY h:mm:ss AM`, the access-log `[01/Nov/2020:10:43:07 +0000]`, and
 * epoch seconds or milliseconds. undefined when absent, NaN when unreadable.
 */
export function parseTime(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return Number.NaN;
    return v < 1e11 ? Math.round(v * 1000) : v < 1e14 ? Math.round(v) : Math.round(v / 1000);
  }
  if (typeof v !== 'string') return Number.NaN;
  const s = v.trim();
  let m = ISO.exec(s);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7], m[8]);
  m = US.exec(s);
  if (m) {
    let h = +(m[4] ?? 0);
    const ampm = m[8]?.toLowerCase();
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
    return utc(+m[3]!, +m[1]!, +m[2]!, h, +(m[5] ?? 0), +(m[6] ?? 0), m[7], undefined);
  }
  m = CLF.exec(s);
  if (m) return utc(+m[3]!, MONTHS[m[2]!.toLowerCase()] ?? 0, +m[1]!, +m[4]!, +m[5]!, +m[6]!, undefined, m[7]);
  if (/^\d{9,16}(\.\d+)?$/.test(s)) return parseTime(Number(s));
  return Number.NaN;
}

/** A per-record problem: it becomes a dead-letter entry, never a crash. */
export function recordError(code: ErrorCode, reason: string): LeakwatchError {
  return new LeakwatchError(code, reason);
}

/** JSON with sorted keys: the same record gives the same text however it was formatted. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > 128) return '"…"';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const k of keys) if (value[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(value[k], depth + 1)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `<source>:sha256:<hex>` of the canonical record: the id of a record with no usable vendor id. */
export function hashId(source: SourceFormat, raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : canonicalJson(raw);
  return `${source}:sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** A vendor id good enough to deduplicate on: test fixtures use placeholders such as "1". */
export function vendorId(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && s.length >= 8 ? s : undefined;
}

/** What a format parser fills in; `build` drops empty parts and applies defaults. */
export interface EventParts {
  id: string;
  time: number | undefined;
  ingestTime: number;
  source: SourceFormat;
  action: string;
  channel: Channel;
  actor: Actor;
  object?: DataObject | undefined;
  destination?: Destination | undefined;
  bytes?: number | undefined;
  records?: number | undefined;
  outcome?: Outcome | undefined;
  tenant?: string | undefined;
  attributes?: Attributes | undefined;
  raw: unknown;
}

/** The object when any of its values is set, else undefined. Unset keys stay (as undefined): no copy on the hot path. */
function present<T extends object>(o: T | undefined): T | undefined {
  if (!o) return undefined;
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined && v !== '') return o;
  }
  return undefined;
}

/**
 * Assembles a DataEvent. A record with no event time gets its ingest time and
 * `attributes.time_missing = true`; the ingest pipeline dead-letters such events
 * unless told otherwise (see ParseOptions.missingTime).
 */
export function build(p: EventParts): DataEvent {
  let attributes = p.attributes;
  let time = p.time;
  if (time === undefined) {
    time = p.ingestTime;
    attributes = { ...attributes, time_missing: true };
  } else if (Number.isNaN(time)) {
    throw recordError('EVENTS_TIME_INVALID', 'the event time cannot be parsed');
  }
  const e: Record<string, unknown> = {
    id: p.id,
    time,
    ingestTime: p.ingestTime,
    source: p.source,
    action: p.action,
    channel: p.channel,
    actor: p.actor,
  };
  const object = present(p.object);
  if (object) e['object'] = object;
  const destination = present(p.destination);
  if (destination) e['destination'] = destination;
  if (p.bytes !== undefined && Number.isFinite(p.bytes)) e['bytes'] = p.bytes;
  if (p.records !== undefined && Number.isFinite(p.records)) e['records'] = p.records;
  e['outcome'] = p.outcome ?? 'unknown';
  if (p.tenant !== undefined && p.tenant !== '') e['tenant'] = p.tenant;
  const attrs = present(attributes);
  if (attrs) e['attributes'] = attrs;
  e['raw'] = p.raw;
  return e as unknown as DataEvent;
}
