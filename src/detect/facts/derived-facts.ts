// Derived facts: what rules ask of an event that no single field says, such as
// "does this request make a resource public", "which recipients are outside the
// organisation", "was it outside working hours", "is this network new for the
// actor". Rules read them as `derived.<name>`; each is computed once per event, on demand.
import type { DataEvent } from '../events.js';
import { entityOf, eventParams, walk } from '../rules/field-path.js';
import type { FieldValue } from '../rules/rule-types.js';
import { requestHasPublicAcl, requestHasPublicPolicy, sharedWith } from './aws-exposure.js';
import { destinationAddresses, destinationDomains, domainOf, externalDomains } from './destinations.js';

/** What the behaviour models know about an event (first-seen and rarity facts). */
export interface ModelFacts {
  readonly newCountry?: boolean;
  readonly newIpRange?: boolean;
  readonly newDevice?: boolean;
  readonly newDestination?: boolean;
  readonly rareHour?: boolean;
}

export interface FactEnv {
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** Offset of local time from UTC, in minutes (Asia/Shanghai: 480). */
  readonly utcOffsetMinutes: number;
  /** Working hours [start, end) in local time. */
  readonly workHours: readonly [number, number];
  /** Model facts for the event, when models run before rules. */
  readonly modelFacts?: (event: DataEvent) => ModelFacts | undefined;
}

type FactFn = (event: DataEvent, env: FactEnv, get: (name: string) => readonly FieldValue[]) => readonly FieldValue[];

const NONE: readonly FieldValue[] = Object.freeze([]);
const bool = (b: boolean): readonly FieldValue[] => [b];

function requestParameters(event: DataEvent): unknown {
  const raw = event.raw as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object') return undefined;
  if ('requestParameters' in raw) return raw['requestParameters'];
  for (const k of Object.keys(raw)) if (k.toLowerCase() === 'requestparameters') return raw[k];
  return undefined;
}

function strings(values: readonly FieldValue[]): string[] {
  return values.filter((v): v is string => typeof v === 'string');
}

const SCOPE_PATHS: readonly (readonly string[])[] = [
  ['events', 'parameters', 'scope'],
  ['parameters', 'scope'],
  ['events', 'parameters', 'scope_data', 'scope_name'],
  ['parameters', 'scope_data', 'scope_name'],
];

const APP_PATHS: readonly (readonly string[])[] = [
  ['events', 'parameters', 'app_name'],
  ['events', 'parameters', 'client_id'],
  ['parameters', 'app_name'],
  ['parameters', 'client_id'],
];

const LOCAL_DAY_MS = 86_400_000;

export function localHour(time: number, offsetMinutes: number): number {
  const local = time + offsetMinutes * 60_000;
  return Math.floor((((local % LOCAL_DAY_MS) + LOCAL_DAY_MS) % LOCAL_DAY_MS) / 3_600_000);
}

/** Day of week in local time, 0 = Sunday. */
export function localWeekday(time: number, offsetMinutes: number): number {
  const days = Math.floor((time + offsetMinutes * 60_000) / LOCAL_DAY_MS);
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isOffHours(time: number, env: Pick<FactEnv, 'utcOffsetMinutes' | 'workHours'>): boolean {
  const wd = localWeekday(time, env.utcOffsetMinutes);
  if (wd === 0 || wd === 6) return true;
  const h = localHour(time, env.utcOffsetMinutes);
  return h < env.workHours[0] || h >= env.workHours[1];
}

function compileSensitive(patterns: readonly string[]): RegExp | null {
  const parts: string[] = [];
  for (const p of patterns) {
    try {
      new RegExp(p, 'iu');
      parts.push(`(?:${p})`);
    } catch {
      /* invalid patterns are reported when the lists load */
    }
  }
  return parts.length ? new RegExp(parts.join('|'), 'iu') : null;
}

const sensitiveCache = new WeakMap<readonly string[], RegExp | null>();

/** Glob with `*` wildcards, whole-string, case-insensitive. */
export function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'is');
  return re.test(text);
}

const ACTOR_PATHS: readonly (readonly string[])[] = [['UserId'], ['actor', 'email'], ['userIdentity', 'userName']];
const OBJECT_PATHS: readonly (readonly string[])[] = [['SourceRelativeUrl'], ['ObjectId'], ['SourceFileName']];

export const DERIVED_FACTS: Record<string, FactFn> = {
  actor_domain: (e) => {
    let who = e.actor.user;
    if (!who || !who.includes('@')) {
      const raw: FieldValue[] = [];
      for (const p of ACTOR_PATHS) walk(e.raw, p, 0, raw);
      who = strings(raw).find((s) => s.includes('@')) ?? who;
    }
    const d = who ? domainOf(who) : undefined;
    return d ? [d] : NONE;
  },
  /** A person rather than a service: an e-mail-like user, or what the parser says. */
  human: (e) => {
    const h = e.attributes?.['human'];
    if (typeof h === 'boolean') return bool(h);
    return bool(!!e.actor.user && e.actor.user.includes('@') && !e.actor.service);
  },
  succeeded: (e) => {
    if (e.outcome === 'failure') return bool(false);
    const err: FieldValue[] = [];
    walk(e.raw, ['errorCode'], 0, err);
    return bool(!err.some((v) => v !== '' && v !== '-' && v !== null));
  },
  dest_addresses: (e) => destinationAddresses(e),
  dest_domains: (e, _env, get) => destinationDomains(e, strings(get('dest_addresses'))),
  external_domains: (_e, env, get) => {
    const org = env.lists.get('org_domains') ?? [];
    const actor = strings(get('actor_domain'))[0];
    return externalDomains(strings(get('dest_domains')), org, actor);
  },
  dest_external: (e, _env, get) => bool(e.destination?.external === true || get('external_domains').length > 0),
  /**
   * External recipients the organisation has not approved: not a partner domain
   * (allowed_share_domains), no share_allowlist entry `sender>recipient[>object]`
   * (globs), and the object not under share_exempt_paths.
   */
  /** Names of the object: path, id, and the vendor's URL or title fields. */
  object_names: (e) => {
    const out: FieldValue[] = [e.object?.path, e.object?.id].filter((x): x is string => typeof x === 'string');
    for (const p of OBJECT_PATHS) walk(e.raw, p, 0, out);
    out.push(...eventParams(e, 'doc_title'));
    return [...new Set(strings(out))];
  },
  /** One key per object, for grouping and distinct counts. */
  object_key: (e, _env, get) => {
    const o = e.object;
    const k = o?.id ?? (o?.path ? `${o.container ?? ''}/${o.path}` : undefined) ?? strings(get('object_names'))[0];
    return k ? [k] : NONE;
  },
  /** True when the object matches share_exempt_paths (meant for outside eyes). */
  exempt_object: (_e, env, get) => {
    const exempt = env.lists.get('share_exempt_paths') ?? [];
    return bool(exempt.length > 0 && strings(get('object_names')).some((o) => exempt.some((g) => globMatch(g, o))));
  },
  unapproved_recipients: (e, env, get) => {
    const external = new Set(strings(get('external_domains')));
    if (external.size === 0 && e.destination?.external !== true) return NONE;
    if (get('exempt_object')[0] === true) return NONE;
    const objs = strings(get('object_names'));
    const partners = (env.lists.get('allowed_share_domains') ?? []).map((d) => d.toLowerCase());
    const allow = (env.lists.get('share_allowlist') ?? []).map((x) => x.split('>'));
    const sender = (e.actor.user ?? strings(get('actor_domain'))[0] ?? '').toLowerCase();
    const recipients = strings(get('dest_addresses'));
    const candidates = [...recipients.filter((a) => { const d = domainOf(a); return d !== undefined && external.has(d); })];
    for (const d of external) if (!recipients.some((a) => domainOf(a) === d)) candidates.push(d);
    if (candidates.length === 0 && e.destination?.external === true) candidates.push(e.destination.account ?? e.destination.domain ?? 'external');
    return candidates.filter((r) => {
      const d = r.includes('@') ? domainOf(r)! : r;
      if (partners.some((p) => d === p || d.endsWith('.' + p))) return false;
      return !allow.some(([s, rc, obj]) => globMatch(s ?? '*', sender) && globMatch(rc ?? '*', r) && (obj === undefined || objs.some((o) => globMatch(obj, o))));
    });
  },
  /** The bucket an S3 event is about: object.container, else the request's bucketName, else the access log's bucket. */
  bucket: (e) => {
    if (e.object?.container) return [e.object.container];
    const out: FieldValue[] = [];
    walk(e.raw, ['requestParameters', 'bucketName'], 0, out);
    if (out.length === 0) walk(e.raw, ['bucket'], 0, out);
    return out.slice(0, 1);
  },
  /** Distinct account ids among the resources a CloudTrail event touched. */
  resource_accounts: (e) => {
    const out: FieldValue[] = [];
    walk(e.raw, ['resources', 'accountId'], 0, out);
    return [...new Set(strings(out))];
  },
  public_policy: (e) => bool(requestHasPublicPolicy(requestParameters(e))),
  public_acl: (e) => bool(requestHasPublicAcl(requestParameters(e))),
  shared_with: (e) => sharedWith(requestParameters(e)),
  anonymous: (e) => {
    const who = (e.actor.user ?? e.actor.service ?? '').toLowerCase();
    if (who === 'anonymous' || who === '-' || who.includes('anonymous_principal')) return bool(true);
    if (who !== '') return bool(false);
    if (e.source === 's3access') return bool(true);
    if (e.source === 'cloudtrail') {
      // CloudTrail writes unauthenticated S3 calls as an AWSAccount of ANONYMOUS_PRINCIPAL.
      const ids: FieldValue[] = [];
      walk(e.raw, ['userIdentity', 'accountId'], 0, ids);
      walk(e.raw, ['userIdentity', 'principalId'], 0, ids);
      return bool(ids.some((v) => typeof v === 'string' && v.toUpperCase() === 'ANONYMOUS_PRINCIPAL'));
    }
    return bool(false);
  },
  scopes: (e) => {
    const out: FieldValue[] = [];
    const s = e.attributes?.['scopes'];
    if (Array.isArray(s)) out.push(...s);
    else if (typeof s === 'string') out.push(...s.split(/[\s,]+/).filter(Boolean));
    if (out.length === 0) for (const p of SCOPE_PATHS) walk(e.raw, p, 0, out);
    if (out.length === 0) {
      // Entra / M365 consent: ModifiedProperties carry "... Scope: Mail.Read Files.Read.All, ..." as text.
      const texts: FieldValue[] = [];
      walk(e.raw, ['ModifiedProperties', 'NewValue'], 0, texts);
      walk(e.raw, ['TargetResources', 'modifiedProperties', 'newValue'], 0, texts);
      for (const t of strings(texts)) for (const m of t.matchAll(/Scope:\s*([^,\]]+)/g)) out.push(...m[1]!.trim().split(/\s+/).filter(Boolean));
    }
    return out;
  },
  app: (e) => {
    const out: FieldValue[] = [];
    for (const k of ['app_name', 'client_id', 'app_id']) {
      const v = e.attributes?.[k];
      if (typeof v === 'string') out.push(v);
    }
    if (out.length === 0) for (const p of APP_PATHS) walk(e.raw, p, 0, out);
    return out;
  },
  sensitive: (e, env, get) => {
    const label = e.attributes?.['sensitivity_label'] ?? e.attributes?.['sensitivity'];
    if (typeof label === 'string' && label !== '' && !/^(public|general|none)$/i.test(label)) return bool(true);
    const patterns = env.lists.get('sensitive_patterns') ?? [];
    let re = sensitiveCache.get(patterns);
    if (re === undefined) {
      re = compileSensitive(patterns);
      sensitiveCache.set(patterns, re);
    }
    if (!re) return bool(false);
    const texts = [e.object?.path, e.object?.container, e.object?.id];
    const titles = get('object_names');
    return bool([...texts, ...titles].some((t) => typeof t === 'string' && re.test(t)));
  },
  local_hour: (e, env) => [localHour(e.time, env.utcOffsetMinutes)],
  weekday: (e, env) => [localWeekday(e.time, env.utcOffsetMinutes)],
  off_hours: (e, env) => bool(isOffHours(e.time, env)),
  entity: (e) => {
    const k = entityOf(e);
    return k ? [k] : NONE;
  },
  new_country: (e, env) => bool(env.modelFacts?.(e)?.newCountry === true),
  new_ip_range: (e, env) => bool(env.modelFacts?.(e)?.newIpRange === true),
  new_device: (e, env) => bool(env.modelFacts?.(e)?.newDevice === true),
  new_destination: (e, env) => bool(env.modelFacts?.(e)?.newDestination === true),
  rare_hour: (e, env) => bool(env.modelFacts?.(e)?.rareHour === true),
};

export const DERIVED_FACT_NAMES: ReadonlySet<string> = new Set(Object.keys(DERIVED_FACTS));

/** A per-event memo of derived facts. */
export function factReader(event: DataEvent, env: FactEnv): (name: string) => readonly FieldValue[] {
  const memo = new Map<string, readonly FieldValue[]>();
  const get = (name: string): readonly FieldValue[] => {
    const hit = memo.get(name);
    if (hit) return hit;
    const fn = DERIVED_FACTS[name];
    const v = fn ? fn(event, env, get) : NONE;
    memo.set(name, v);
    return v;
  };
  return get;
}
