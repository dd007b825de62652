// Generic JSON lines with a field-mapping file: for any source without a parser
// of its own (a proxy, a DLP agent, an in-house app). The mapping names, by
// dotted path, where each DataEvent field is; it is validated on load and every
// mistake is reported with the field it concerns.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { LeakwatchError } from '../../errors/index.js';
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { at, bool, build, hashId, isRecord, num, parseTime, recordError, str, strings, type Attributes } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

export const CHANNELS: readonly Channel[] = [
  'download',
  'upload',
  'read',
  'write',
  'delete',
  'share_link',
  'share_external',
  'share_internal',
  'permission_change',
  'mail_forward',
  'mail_send',
  'app_grant',
  'removable_media',
  'print',
  'login',
  'admin',
  'logging_change',
  'network',
  'other',
];

export interface JsonlMapping {
  /** Stream name (stored as the events' tenant). */
  readonly name?: string;
  readonly id?: string;
  readonly time: string;
  readonly timeFormat?: 'auto' | 'iso' | 'epoch_s' | 'epoch_ms';
  readonly action: string;
  /** A constant channel, or a field whose values map to channels. */
  readonly channel?: Channel | { readonly field: string; readonly map?: Readonly<Record<string, Channel>>; readonly default?: Channel };
  readonly actor?: { readonly user?: string; readonly service?: string; readonly ip?: string; readonly userAgent?: string; readonly group?: string };
  readonly object?: { readonly path?: string; readonly container?: string; readonly id?: string; readonly kind?: string };
  readonly destination?: { readonly domain?: string; readonly account?: string; readonly device?: string; readonly ip?: string; readonly external?: string };
  readonly bytes?: string;
  readonly records?: string;
  /** A constant outcome, or a field and the values that mean success and failure. */
  readonly outcome?: Outcome | { readonly field: string; readonly success?: readonly (string | number | boolean)[]; readonly failure?: readonly (string | number | boolean)[] };
  /** Attribute name → dotted path. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Lower-case actor.user and destination account/domain (default true). */
  readonly lowercase?: boolean;
}

const TOP = new Set(['name', 'id', 'time', 'timeFormat', 'action', 'channel', 'actor', 'object', 'destination', 'bytes', 'records', 'outcome', 'attributes', 'lowercase']);
const SUB: Record<string, readonly string[]> = {
  actor: ['user', 'service', 'ip', 'userAgent', 'group'],
  object: ['path', 'container', 'id', 'kind'],
  destination: ['domain', 'account', 'device', 'ip', 'external'],
};

/**
 * Checks a parsed mapping document and returns it typed; throws
 * EVENTS_MAPPING_INVALID naming the first bad field.
 */
export function validateMapping(doc: unknown, file = 'mapping'): JsonlMapping {
  const bad = (field: string, why: string): never => {
    throw new LeakwatchError('EVENTS_MAPPING_INVALID', `${file}: ${field}: ${why}`, { path: file, field });
  };
  if (!isRecord(doc)) return bad('(root)', 'the mapping must be an object');
  for (const k of Object.keys(doc)) if (!TOP.has(k)) bad(k, `unknown field (known: ${[...TOP].join(', ')})`);
  const path = (field: string, v: unknown, required = false) => {
    if (v === undefined) {
      if (required) bad(field, 'is required: the dotted path of the field in each record');
      return;
    }
    if (typeof v !== 'string' || v.trim() === '') bad(field, 'must be a dotted field path such as "user.email"');
  };
  path('time', doc['time'], true);
  path('action', doc['action'], true);
  path('id', doc['id']);
  path('bytes', doc['bytes']);
  path('records', doc['records']);
  if (doc['name'] !== undefined && typeof doc['name'] !== 'string') bad('name', 'must be a string');
  if (doc['lowercase'] !== undefined && typeof doc['lowercase'] !== 'boolean') bad('lowercase', 'must be true or false');
  if (doc['timeFormat'] !== undefined && !['auto', 'iso', 'epoch_s', 'epoch_ms'].includes(doc['timeFormat'] as string)) bad('timeFormat', 'must be auto, iso, epoch_s or epoch_ms');
  for (const [section, keys] of Object.entries(SUB)) {
    const v = doc[section];
    if (v === undefined) continue;
    if (!isRecord(v)) bad(section, 'must be an object of field paths');
    for (const [k, p] of Object.entries(v as Record<string, unknown>)) {
      if (!keys.includes(k)) bad(`${section}.${k}`, `unknown field (known: ${keys.join(', ')})`);
      path(`${section}.${k}`, p);
    }
  }
  const channel = doc['channel'];
  if (typeof channel === 'string') {
    if (!CHANNELS.includes(channel as Channel)) bad('channel', `unknown channel ${JSON.stringify(channel)} (known: ${CHANNELS.join(', ')})`);
  } else if (channel !== undefined) {
    if (!isRecord(channel)) bad('channel', 'must be a channel name or { field, map, default }');
    path('channel.field', (channel as Record<string, unknown>)['field'], true);
    const map = (channel as Record<string, unknown>)['map'];
    if (map !== undefined) {
      if (!isRecord(map)) bad('channel.map', 'must map field values to channel names');
      for (const [k, c] of Object.entries(map as Record<string, unknown>)) if (!CHANNELS.includes(c as Channel)) bad(`channel.map.${k}`, `unknown channel ${JSON.stringify(c)}`);
    }
    const def = (channel as Record<string, unknown>)['default'];
    if (def !== undefined && !CHANNELS.includes(def as Channel)) bad('channel.default', `unknown channel ${JSON.stringify(def)}`);
  }
  const outcome = doc['outcome'];
  if (typeof outcome === 'string') {
    if (!['success', 'failure', 'unknown'].includes(outcome)) bad('outcome', 'must be success, failure or unknown, or { field, success, failure }');
  } else if (outcome !== undefined) {
    if (!isRecord(outcome)) bad('outcome', 'must be an outcome or { field, success, failure }');
    path('outcome.field', (outcome as Record<string, unknown>)['field'], true);
    for (const k of ['success', 'failure']) {
      const list = (outcome as Record<string, unknown>)[k];
      if (list !== undefined && !Array.isArray(list)) bad(`outcome.${k}`, 'must be a list of values');
    }
  }
  const attrs = doc['attributes'];
  if (attrs !== undefined) {
    if (!isRecord(attrs)) bad('attributes', 'must map attribute names to field paths');
    for (const [k, p] of Object.entries(attrs as Record<string, unknown>)) {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(k)) bad(`attributes.${k}`, 'attribute names are letters, digits, _ and .');
      path(`attributes.${k}`, p);
    }
  }
  return doc as unknown as JsonlMapping;
}

/** Reads a mapping file (JSON or YAML) and validates it. */
export async function loadMapping(file: string): Promise<JsonlMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new LeakwatchError('EVENTS_MAPPING_INVALID', `${file}: cannot be read: ${err instanceof Error ? err.message : String(err)}`, { path: file });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new LeakwatchError('EVENTS_MAPPING_INVALID', `${file}: not valid JSON or YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { path: file });
  }
  return validateMapping(doc, file);
}

function timeOf(v: unknown, format: JsonlMapping['timeFormat']): number | undefined {
  if (format === 'epoch_s' && num(v) !== undefined) return Math.round(num(v)! * 1000);
  if (format === 'epoch_ms' && num(v) !== undefined) return Math.round(num(v)!);
  return parseTime(v);
}

/** A parser for records described by a mapping. */
export function mappingParser(m: JsonlMapping): FormatParser {
  const low = m.lowercase !== false;
  const s = (rec: unknown, p: string | undefined) => (p === undefined ? undefined : str(at(rec, p)));
  const ls = (rec: unknown, p: string | undefined) => (low ? s(rec, p)?.toLowerCase() : s(rec, p));
  return {
    format: 'jsonl',
    parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
      if (input.kind !== 'json' || !isRecord(input.value)) throw recordError('EVENTS_RECORD_INVALID', 'a mapped JSONL record must be a JSON object');
      const rec = input.value;
      const action = s(rec, m.action);
      if (!action) throw recordError('EVENTS_RECORD_INVALID', `the record has no action at "${m.action}"`);
      let channel: Channel = 'other';
      if (typeof m.channel === 'string') channel = m.channel;
      else if (m.channel) {
        const v = s(rec, m.channel.field);
        channel = (v !== undefined ? (m.channel.map?.[v] ?? (CHANNELS.includes(v as Channel) ? (v as Channel) : undefined)) : undefined) ?? m.channel.default ?? 'other';
      }
      let outcome: Outcome = 'unknown';
      if (typeof m.outcome === 'string') outcome = m.outcome;
      else if (m.outcome) {
        const v = at(rec, m.outcome.field);
        const eq = (list: readonly (string | number | boolean)[] | undefined) => list?.some((x) => String(x) === String(v)) ?? false;
        outcome = eq(m.outcome.success) ? 'success' : eq(m.outcome.failure) ? 'failure' : 'unknown';
      }
      const attrs: Attributes = {};
      for (const [name, p] of Object.entries(m.attributes ?? {})) {
        const v = at(rec, p);
        if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) attrs[name] = v;
        else if (Array.isArray(v)) attrs[name] = strings(v);
      }
      const d = m.destination;
      const id = m.id ? s(rec, m.id) : undefined;
      return [
        build({
          id: id ? `jsonl:${m.name ? `${m.name}:` : ''}${id}` : hashId('jsonl', rec),
          time: timeOf(at(rec, m.time), m.timeFormat),
          ingestTime: ctx.ingestTime,
          source: 'jsonl',
          action,
          channel,
          actor: { user: ls(rec, m.actor?.user), service: s(rec, m.actor?.service), ip: s(rec, m.actor?.ip), userAgent: s(rec, m.actor?.userAgent), group: s(rec, m.actor?.group) },
          object: { path: s(rec, m.object?.path), container: s(rec, m.object?.container), id: s(rec, m.object?.id), kind: s(rec, m.object?.kind) },
          destination: d ? { domain: ls(rec, d.domain), account: ls(rec, d.account), device: s(rec, d.device), ip: s(rec, d.ip), external: d.external ? bool(at(rec, d.external)) : undefined } : undefined,
          bytes: m.bytes ? num(at(rec, m.bytes)) : undefined,
          records: m.records ? num(at(rec, m.records)) : undefined,
          outcome,
          tenant: m.name,
          attributes: attrs,
          raw: rec,
        }),
      ];
    },
  };
}
