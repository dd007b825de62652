// Compiles a rule's condition tree into a predicate. A condition is an object
// whose keys are field paths (ANDed) or the combinators `all`, `any`, `not`; a
// field's matcher is a scalar (equals), a list (in) or an object of operators.
// String comparisons ignore case unless `caseSensitive: true`.
import { DERIVED_FACT_NAMES } from '../facts/derived-facts.js';
import { domainOf, isSameOrSubdomain } from '../facts/destinations.js';
import { compilePath } from './field-path.js';
import { cidrContains, parseCidr, parseIp, type Cidr } from './ip.js';
import type { EvalContext, FieldValue, Gate, GateField, Predicate } from './rule-types.js';

/** A schema problem, with the path inside the rule document where it sits. */
export class RuleSchemaError extends Error {
  constructor(
    message: string,
    readonly at: readonly (string | number)[],
  ) {
    super(message);
  }
}

export interface CompileEnv {
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

type ValueTest = (v: FieldValue) => boolean;

export const MATCHER_OPERATORS = [
  'equals',
  'in',
  'regex',
  'exists',
  'cidr',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'startsWith',
  'endsWith',
  'inList',
  'domainInList',
  'matchesList',
  'length',
  'not',
  'every',
  'caseSensitive',
] as const;
const OPERATOR_SET = new Set<string>(MATCHER_OPERATORS);
const COMBINATORS = new Set(['all', 'any', 'not']);

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function norm(v: FieldValue, cs: boolean): string {
  const s = typeof v === 'string' ? v : String(v);
  return cs ? s : s.toLowerCase();
}

function asNumber(v: FieldValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function equalsTest(expected: string | number | boolean, cs: boolean): ValueTest {
  if (typeof expected === 'number') return (v) => asNumber(v) === expected;
  const want = norm(expected, cs);
  return (v) => norm(v, cs) === want;
}

function scalars(value: unknown, at: readonly (string | number)[], what: string): (string | number | boolean)[] {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((x, i) => {
    if (!isScalar(x)) throw new RuleSchemaError(`${what} takes a string, number or boolean (or a list of them)`, Array.isArray(value) ? [...at, i] : at);
  });
  return list as (string | number | boolean)[];
}

function strings(value: unknown, at: readonly (string | number)[], what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((x, i) => {
    if (typeof x !== 'string') throw new RuleSchemaError(`${what} takes a string (or a list of strings)`, Array.isArray(value) ? [...at, i] : at);
  });
  return list as string[];
}

function numberArg(value: unknown, at: readonly (string | number)[], op: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RuleSchemaError(`${op} takes a number`, at);
  return value;
}

function listRef(name: unknown, at: readonly (string | number)[], env: CompileEnv): readonly string[] {
  if (typeof name !== 'string') throw new RuleSchemaError('a list reference is the name of a list', at);
  const list = env.lists.get(name);
  if (!list) throw new RuleSchemaError(`unknown list "${name}" (define it under lists:)`, at);
  return list;
}

function compileRegex(pattern: string, cs: boolean, at: readonly (string | number)[]): RegExp {
  try {
    return new RegExp(pattern, cs ? 'u' : 'iu');
  } catch (err) {
    throw new RuleSchemaError(`invalid regex ${JSON.stringify(pattern)}: ${(err as Error).message}`, at);
  }
}

interface Matcher {
  /** Holds for the list of values a path yielded. */
  (values: readonly FieldValue[]): boolean;
}

function anyOf(test: ValueTest): Matcher {
  return (values) => {
    for (const v of values) if (test(v)) return true;
    return false;
  };
}

function compileMatcher(spec: unknown, at: readonly (string | number)[], env: CompileEnv): Matcher {
  if (spec === null) return (values) => values.length === 0;
  if (isScalar(spec)) return anyOf(equalsTest(spec, false));
  if (Array.isArray(spec)) {
    const tests = scalars(spec, at, 'a list matcher').map((x) => equalsTest(x, false));
    return anyOf((v) => tests.some((t) => t(v)));
  }
  if (typeof spec !== 'object') throw new RuleSchemaError('a matcher is a value, a list, or an object of operators', at);
  const ops = spec as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (keys.length === 0) throw new RuleSchemaError('an empty matcher matches nothing; give an operator', at);
  for (const k of keys) {
    if (!OPERATOR_SET.has(k)) throw new RuleSchemaError(`unknown operator "${k}" (one of ${MATCHER_OPERATORS.join(', ')})`, [...at, k]);
  }
  if ('caseSensitive' in ops && typeof ops['caseSensitive'] !== 'boolean') throw new RuleSchemaError('caseSensitive takes true or false', [...at, 'caseSensitive']);
  if ('every' in ops && typeof ops['every'] !== 'boolean') throw new RuleSchemaError('every takes true or false', [...at, 'every']);
  const cs = ops['caseSensitive'] === true;
  const every = ops['every'] === true;
  const valueTests: ValueTest[] = [];
  const listTests: Matcher[] = [];

  for (const k of keys) {
    const arg = ops[k];
    const p = [...at, k];
    switch (k) {
      case 'equals': {
        if (!isScalar(arg)) throw new RuleSchemaError('equals takes a string, number or boolean', p);
        valueTests.push(equalsTest(arg, cs));
        break;
      }
      case 'in': {
        if (!Array.isArray(arg)) throw new RuleSchemaError('in takes a list', p);
        const tests = scalars(arg, p, 'in').map((x) => equalsTest(x, cs));
        valueTests.push((v) => tests.some((t) => t(v)));
        break;
      }
      case 'regex': {
        const res = strings(arg, p, 'regex').map((r) => compileRegex(r, cs, p));
        valueTests.push((v) => {
          const s = String(v);
          return res.some((re) => re.test(s));
        });
        break;
      }
      case 'exists': {
        if (typeof arg !== 'boolean') throw new RuleSchemaError('exists takes true or false', p);
        listTests.push(arg ? (values) => values.length > 0 : (values) => values.length === 0);
        break;
      }
      case 'cidr': {
        const nets: Cidr[] = strings(arg, p, 'cidr').map((c) => {
          const parsed = parseCidr(c);
          if (!parsed) throw new RuleSchemaError(`invalid CIDR ${JSON.stringify(c)}`, p);
          return parsed;
        });
        valueTests.push((v) => {
          const ip = typeof v === 'string' ? parseIp(v) : undefined;
          return ip !== undefined && nets.some((n) => cidrContains(n, ip));
        });
        break;
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const n = numberArg(arg, p, k);
        const cmp = k === 'gt' ? (x: number) => x > n : k === 'gte' ? (x: number) => x >= n : k === 'lt' ? (x: number) => x < n : (x: number) => x <= n;
        valueTests.push((v) => {
          const x = asNumber(v);
          return x !== undefined && cmp(x);
        });
        break;
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith': {
        const needles = strings(arg, p, k).map((s) => (cs ? s : s.toLowerCase()));
        const f = k === 'contains' ? (s: string, n: string) => s.includes(n) : k === 'startsWith' ? (s: string, n: string) => s.startsWith(n) : (s: string, n: string) => s.endsWith(n);
        valueTests.push((v) => {
          const s = norm(v, cs);
          return needles.some((n) => f(s, n));
        });
        break;
      }
      case 'inList': {
        const list = new Set(listRef(arg, p, env).map((x) => (cs ? x : x.toLowerCase())));
        valueTests.push((v) => list.has(norm(v, cs)));
        break;
      }
      case 'domainInList': {
        const list = listRef(arg, p, env).map((x) => x.toLowerCase());
        valueTests.push((v) => {
          if (typeof v !== 'string') return false;
          const d = v.includes('@') ? domainOf(v) : v.toLowerCase();
          return d !== undefined && list.some((base) => isSameOrSubdomain(d, base));
        });
        break;
      }
      case 'matchesList': {
        const res = listRef(arg, p, env).map((r) => compileRegex(r, cs, p));
        valueTests.push((v) => {
          const s = String(v);
          return res.some((re) => re.test(s));
        });
        break;
      }
      case 'length': {
        const inner = compileMatcher(arg, p, env);
        listTests.push((values) => inner([values.length]));
        break;
      }
      case 'not': {
        const inner = compileMatcher(arg, p, env);
        listTests.push((values) => !inner(values));
        break;
      }
      case 'every':
      case 'caseSensitive':
        break;
    }
  }

  const valueMatcher: Matcher | null =
    valueTests.length === 0
      ? null
      : every
        ? (values) => values.length > 0 && values.every((v) => valueTests.every((t) => t(v)))
        : (values) => values.some((v) => valueTests.every((t) => t(v)));
  return (values) => {
    if (valueMatcher && !valueMatcher(values)) return false;
    for (const t of listTests) if (!t(values)) return false;
    return true;
  };
}

/** Lower-cased values a condition pins for `field` at its top level (or in a top-level `all`), for indexing; null when it does not. */
export function pinnedValues(spec: unknown, field: string): Set<string> | null {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return null;
  const obj = spec as Record<string, unknown>;
  const m = obj[field];
  let found: Set<string> | null = null;
  if (typeof m === 'string') found = new Set([m.toLowerCase()]);
  else if (Array.isArray(m) && m.every((x) => typeof x === 'string')) found = new Set((m as string[]).map((x) => x.toLowerCase()));
  else if (m && typeof m === 'object' && !Array.isArray(m)) {
    const ops = m as Record<string, unknown>;
    const keys = Object.keys(ops);
    if (keys.length === 1 && keys[0] === 'in' && Array.isArray(ops['in']) && ops['in'].every((x) => typeof x === 'string'))
      found = new Set((ops['in'] as string[]).map((x) => x.toLowerCase()));
    else if (keys.length === 1 && keys[0] === 'equals' && typeof ops['equals'] === 'string') found = new Set([ops['equals'].toLowerCase()]);
  }
  if (found) return found;
  const all = obj['all'];
  if (Array.isArray(all)) {
    for (const c of all) {
      const inner = pinnedValues(c, field);
      if (inner) return inner;
    }
  }
  return null;
}

/** The event fields a gate can pin (read straight off the event, compared ignoring case). */
export const GATE_FIELDS: readonly GateField[] = ['source', 'action', 'channel'];

function gateSize(g: Gate): number {
  let n = 0;
  for (const f of GATE_FIELDS) n += g[f]?.size ?? 0;
  return n;
}

function pinnedField(m: unknown): Set<string> | null {
  if (typeof m === 'string') return new Set([m.toLowerCase()]);
  if (Array.isArray(m)) return m.length > 0 && m.every((x) => typeof x === 'string') ? new Set((m as string[]).map((x) => x.toLowerCase())) : null;
  if (m && typeof m === 'object') {
    const ops = m as Record<string, unknown>;
    const keys = Object.keys(ops);
    if (keys.length !== 1) return null;
    if (keys[0] === 'in' && Array.isArray(ops['in']) && ops['in'].length > 0 && ops['in'].every((x) => typeof x === 'string'))
      return new Set((ops['in'] as string[]).map((x) => x.toLowerCase()));
    if (keys[0] === 'equals' && typeof ops['equals'] === 'string') return new Set([ops['equals'].toLowerCase()]);
  }
  return null;
}

/**
 * A gate every event satisfying the condition passes (null when the analysis
 * finds none): conjunctions take their most selective conjunct's gate, `any`
 * the union of its branches' gates (none when a branch has none), `not` none.
 * Only exact lower-case `source`, `action` and `channel` keys with plain string
 * matchers pin; anything else is left unconstrained, so the gate never rejects
 * an event the condition could accept.
 */
export function conditionGate(spec: unknown): Gate | null {
  if (Array.isArray(spec)) return conditionGate({ all: spec });
  if (!spec || typeof spec !== 'object') return null;
  const obj = spec as Record<string, unknown>;
  let best: Gate | null = null;
  const consider = (g: Gate | null) => {
    if (g && (best === null || gateSize(g) < gateSize(best))) best = g;
  };
  for (const key of Object.keys(obj)) {
    const val = obj[key];
    if (key === 'all') {
      if (Array.isArray(val)) for (const c of val) consider(conditionGate(c));
    } else if (key === 'any') {
      if (!Array.isArray(val) || val.length === 0) continue;
      const union: Partial<Record<GateField, Set<string>>> = {};
      let open = false;
      for (const c of val) {
        const g = conditionGate(c);
        if (!g) {
          open = true;
          break;
        }
        for (const f of GATE_FIELDS) {
          const set = g[f];
          if (set) for (const v of set) (union[f] ??= new Set()).add(v);
        }
      }
      if (!open) consider(union);
    } else if (key === 'source' || key === 'action' || key === 'channel') {
      const set = pinnedField(val);
      if (set) consider({ [key]: set });
    }
  }
  return best;
}

/** Whether an event with these lower-cased fields passes the gate (always, for none). */
export function passesGate(gate: Gate | null | undefined, source: string, action: string, channel: string): boolean {
  if (!gate) return true;
  return gate.source?.has(source) === true || gate.action?.has(action) === true || gate.channel?.has(channel) === true;
}

/** Lower-cased action names a condition pins at its top level, for indexing; null when it does not. */
export function pinnedActions(spec: unknown): Set<string> | null {
  return pinnedValues(spec, 'action');
}

/** Checks that a field path names something the engine can read. */
export function checkPath(path: string, at: readonly (string | number)[]): void {
  if (!compilePath(path)) {
    throw new RuleSchemaError(
      `unknown field "${path}" (use id, time, source, action, channel, outcome, bytes, records, actor, actor.*, object.*, destination.*, attributes.*, param.*, derived.*, raw.*)`,
      at,
    );
  }
  if (path.startsWith('derived.') && !DERIVED_FACT_NAMES.has(path.slice('derived.'.length))) {
    throw new RuleSchemaError(`unknown derived fact "${path}" (one of ${[...DERIVED_FACT_NAMES].join(', ')})`, at);
  }
}

/** Compiles a condition tree. `at` is where it sits in the rule document. */
export function compileCondition(spec: unknown, at: readonly (string | number)[], env: CompileEnv): Predicate {
  if (Array.isArray(spec)) return compileCondition({ all: spec }, at, env);
  if (!spec || typeof spec !== 'object') throw new RuleSchemaError('a condition is an object of field: matcher pairs', at);
  const obj = spec as Record<string, unknown>;
  const parts: Predicate[] = [];
  const keys = Object.keys(obj);
  if (keys.length === 0) throw new RuleSchemaError('an empty condition; give at least one field', at);
  for (const key of keys) {
    const p = [...at, key];
    const val = obj[key];
    if (COMBINATORS.has(key)) {
      if (key === 'not') {
        const inner = compileCondition(val, p, env);
        parts.push((ctx) => !inner(ctx));
        continue;
      }
      if (!Array.isArray(val) || val.length === 0) throw new RuleSchemaError(`${key} takes a non-empty list of conditions`, p);
      const inner = val.map((c, i) => compileCondition(c, [...p, i], env));
      parts.push(key === 'all' ? (ctx) => inner.every((f) => f(ctx)) : (ctx) => inner.some((f) => f(ctx)));
      continue;
    }
    checkPath(key, p);
    const matcher = compileMatcher(val, p, env);
    parts.push((ctx: EvalContext) => matcher(ctx.values(key)));
  }
  if (parts.length === 1) return parts[0]!;
  return (ctx) => {
    for (const f of parts) if (!f(ctx)) return false;
    return true;
  };
}
