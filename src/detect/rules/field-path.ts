// Field paths name what a rule looks at: a normalised field (`action`,
// `actor.user`), an attribute (`attributes.scopes`), a derived fact
// (`derived.dest_external`) or a path into the vendor record (`raw.requestParameters.bucketName`).
// Every path yields a list of values; conditions hold when any value matches.
import type { DataEvent } from '../events.js';
import type { FieldValue } from './rule-types.js';

export type PathReader = (event: DataEvent, derived: (name: string) => readonly FieldValue[]) => readonly FieldValue[];

const NONE: readonly FieldValue[] = Object.freeze([]);

/** Keys a name/value pair list uses for its value (M365 `Parameters`, Google `parameters`). */
const PAIR_VALUE_KEYS = ['value', 'multivalue', 'boolvalue', 'intvalue', 'multiintvalue'];

/** A path that ends on an object yields its JSON text (so `exists` and `regex` work on it), capped. */
const MAX_OBJECT_TEXT = 10_000;

function push(out: FieldValue[], v: unknown): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(v);
  else if (Array.isArray(v)) for (const x of v) push(out, x);
  else if (typeof v === 'object') {
    let text: string;
    try {
      text = JSON.stringify(v);
    } catch {
      return;
    }
    out.push(text.length > MAX_OBJECT_TEXT ? text.slice(0, MAX_OBJECT_TEXT) : text);
  }
}

/** The entity a rule or model keys on: the user, else the service, else the source IP. */
export function entityOf(event: DataEvent): string | undefined {
  return event.actor.user ?? event.actor.service ?? event.actor.ip;
}

function getKey(obj: Record<string, unknown>, seg: string): unknown {
  if (seg in obj) return obj[seg];
  const lower = seg.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

function pairName(obj: Record<string, unknown>): unknown {
  return obj['name'] ?? obj['Name'] ?? obj['NAME'];
}

function pairValue(obj: Record<string, unknown>): unknown {
  for (const k of Object.keys(obj)) if (PAIR_VALUE_KEYS.includes(k.toLowerCase())) return obj[k];
  return undefined;
}

/**
 * Walks `node` along `segs`, case-insensitively. Arrays are crossed implicitly; an
 * array of `{name, value}` pairs is also addressable by name; a string holding JSON
 * is parsed when the path goes on into it (policies are often JSON strings).
 */
export function walk(node: unknown, segs: readonly string[], i: number, out: FieldValue[], depth = 0): void {
  if (node === null || node === undefined || depth > 64) return;
  if (i === segs.length) {
    push(out, node);
    return;
  }
  if (Array.isArray(node)) {
    const seg = segs[i]!;
    for (const el of node) {
      if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
        const rec = el as Record<string, unknown>;
        const direct = getKey(rec, seg);
        if (direct !== undefined) walk(direct, segs, i + 1, out, depth + 1);
        else {
          const name = pairName(rec);
          if (typeof name === 'string' && name.toLowerCase() === seg.toLowerCase()) walk(pairValue(rec), segs, i + 1, out, depth + 1);
        }
      } else if (Array.isArray(el)) walk(el, segs, i, out, depth + 1);
    }
    return;
  }
  if (typeof node === 'string') {
    const t = node.trimStart();
    if ((t.startsWith('{') || t.startsWith('[')) && node.length <= 1_000_000) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(node);
      } catch {
        return;
      }
      walk(parsed, segs, i, out, depth + 1);
    }
    return;
  }
  if (typeof node === 'object') walk(getKey(node as Record<string, unknown>, segs[i]!), segs, i + 1, out, depth + 1);
}

/**
 * A named parameter of this very event: the attribute of that name when the parser
 * set one, else the vendor's parameter list. A Google Reports activity holds several
 * events; only those named like this event's action are read. M365 `Parameters`
 * and Google's flattened `parameters` object work the same way.
 */
export function eventParams(e: DataEvent, name: string): readonly FieldValue[] {
  const attr = e.attributes?.[name] ?? e.attributes?.[name.toLowerCase()];
  if (attr !== undefined) return Array.isArray(attr) ? (attr as FieldValue[]) : [attr as FieldValue];
  const out: FieldValue[] = [];
  const raw = e.raw;
  if (!raw || typeof raw !== 'object') return out;
  const events = getKey(raw as Record<string, unknown>, 'events');
  if (Array.isArray(events)) {
    const action = e.action.toLowerCase();
    for (const ev of events) {
      if (!ev || typeof ev !== 'object') continue;
      const n = getKey(ev as Record<string, unknown>, 'name');
      if (typeof n === 'string' && n.toLowerCase() === action) walk(ev, ['parameters', name], 0, out);
    }
    return out;
  }
  walk(raw, ['parameters', name], 0, out);
  return out;
}

const one = (v: unknown): readonly FieldValue[] => (v === undefined || v === null ? NONE : [v as FieldValue]);

const TOP_LEVEL: Record<string, (e: DataEvent) => unknown> = {
  id: (e) => e.id,
  time: (e) => e.time,
  ingesttime: (e) => e.ingestTime,
  source: (e) => e.source,
  action: (e) => e.action,
  channel: (e) => e.channel,
  outcome: (e) => e.outcome,
  bytes: (e) => e.bytes,
  records: (e) => e.records,
  actor: (e) => entityOf(e),
};

const NESTED = new Set(['actor', 'object', 'destination']);

/** Compiles a path once; the reader is called per event. Returns null for an unknown root. */
export function compilePath(path: string): PathReader | null {
  const segs = path.split('.');
  const root = segs[0]!.toLowerCase();
  if (segs.length === 1 && root in TOP_LEVEL) {
    const get = TOP_LEVEL[root]!;
    return (e) => one(get(e));
  }
  if (NESTED.has(root) && segs.length === 2) {
    const field = segs[1]!;
    return (e) => {
      const obj = (e as unknown as Record<string, unknown>)[root] as Record<string, unknown> | undefined;
      return obj ? one(getKey(obj, field)) : NONE;
    };
  }
  if (root === 'attributes' && segs.length >= 2) {
    const rest = segs.slice(1);
    return (e) => {
      if (!e.attributes) return NONE;
      const out: FieldValue[] = [];
      walk(e.attributes, rest, 0, out);
      return out;
    };
  }
  if (root === 'raw') {
    const rest = segs.slice(1);
    return (e) => {
      const out: FieldValue[] = [];
      walk(e.raw, rest, 0, out);
      return out;
    };
  }
  if (root === 'param' && segs.length === 2) {
    const name = segs[1]!;
    return (e) => eventParams(e, name);
  }
  if (root === 'derived' && segs.length === 2) {
    const name = segs[1]!;
    return (_e, derived) => derived(name);
  }
  return null;
}
