// Loads rule files (YAML, or JSON, which YAML 1.2 reads too), checks them against
// the rule schema and compiles them. Every problem names the file, the rule and the
// line; nothing half-loaded is ever returned, so a caller can keep its previous set.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { LeakwatchError } from '../../errors/index.js';
import { compileCondition, conditionGate, pinnedActions, pinnedValues, RuleSchemaError, checkPath, type CompileEnv } from './compile-condition.js';
import { parseAmount, parseDuration } from './duration.js';
import { SEVERITIES, type CompiledRule, type CompiledRuleSet, type SequenceSpec, type SequenceStep, type Severity, type WindowSpec } from './rule-types.js';

export interface RuleSource {
  /** Shown in errors and explanations. */
  readonly file: string;
  readonly text: string;
  /**
   * Sources of a later layer may redefine a list of an earlier one (the shipped
   * pack is layer 0, an organisation's own rule folder layer 1); within a layer a
   * list is defined once.
   */
  readonly layer?: number;
}

export interface RuleLoadOptions {
  /** Lists that replace the files' lists of the same name (configuration wins over the pack). */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
}

const RULE_KEYS = new Set(['id', 'title', 'description', 'family', 'severity', 'score', 'channel', 'reason', 'group_by', 'group_within', 'enabled', 'when', 'window', 'sequence', 'tags', 'references']);
const WINDOW_KEYS = new Set(['within', 'by', 'count', 'sum', 'distinct']);
const SEQUENCE_KEYS = new Set(['by', 'within', 'steps']);
const STEP_KEYS = new Set(['when', 'window']);
const FILE_KEYS = new Set(['version', 'lists', 'rules']);
const DEFAULT_SCORE: Record<Severity, number> = { low: 25, medium: 50, high: 75, critical: 90 };
const ID_RE = /^[a-z0-9][a-z0-9_.-]*$/;

interface ParsedFile {
  readonly source: RuleSource;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly value: unknown;
}

function lineOf(file: ParsedFile, at: readonly (string | number)[]): number {
  const line = (node: unknown): number | undefined => {
    const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined;
    return range ? file.lines.linePos(range[0]).line : undefined;
  };
  for (let n = at.length; n > 0; n--) {
    // The key's line for a map entry (a block value starts on the line after its key).
    const parent = file.doc.getIn(at.slice(0, n - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === at[n - 1]);
      const l = line(pair?.key);
      if (l !== undefined) return l;
    } else if (isSeq(parent)) {
      const l = line(parent.items[at[n - 1] as number]);
      if (l !== undefined) return l;
    }
  }
  return line(file.doc.contents) ?? 1;
}

/** The id of the rule nearest above `line`, for syntax errors where nothing parsed. */
function ruleNearLine(text: string, line: number): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^\s*(?:-\s*)?"?id"?\s*:\s*["']?([A-Za-z0-9_.-]+)/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

function parseSource(source: RuleSource): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? 1;
    const rule = ruleNearLine(source.text, line);
    const where = `${source.file}:${line}${rule ? ` (rule ${rule})` : ''}`;
    throw new LeakwatchError('DETECT_RULE_SYNTAX', `${where}: ${err.message.split('\n')[0]}`, { path: source.file, line, rule });
  }
  return { source, doc, lines, value: doc.toJS({ maxAliasCount: 100 }) };
}

function invalid(file: ParsedFile, at: readonly (string | number)[], message: string, ruleId?: string): LeakwatchError {
  const line = lineOf(file, at);
  const where = `${file.source.file}:${line}${ruleId ? ` (rule ${ruleId})` : ''}`;
  return new LeakwatchError('DETECT_RULE_INVALID', `${where}: ${message}`, { path: file.source.file, line, rule: ruleId });
}

function stringList(v: unknown, at: readonly (string | number)[], what: string): string[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0 || !list.every((x) => typeof x === 'string' && x.length > 0)) throw new RuleSchemaError(`${what} takes a field path or a list of them`, at);
  return list as string[];
}

function compileWindow(spec: unknown, at: readonly (string | number)[]): WindowSpec {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new RuleSchemaError('window is an object with within, by and one of count, sum, distinct', at);
  const w = spec as Record<string, unknown>;
  for (const k of Object.keys(w)) if (!WINDOW_KEYS.has(k)) throw new RuleSchemaError(`unknown window field "${k}" (within, by, count, sum, distinct)`, [...at, k]);
  const withinMs = parseDuration(w['within']);
  if (withinMs === undefined) throw new RuleSchemaError('window.within is a duration such as 15m, 1h or 7d', [...at, 'within']);
  const by = w['by'] === undefined ? ['actor'] : stringList(w['by'], [...at, 'by'], 'window.by');
  by.forEach((p, i) => checkPath(p, [...at, 'by', i]));
  const kinds = (['count', 'sum', 'distinct'] as const).filter((k) => w[k] !== undefined);
  if (kinds.length !== 1) throw new RuleSchemaError('window needs exactly one of count, sum, distinct', at);
  const kind = kinds[0]!;
  if (kind === 'count') {
    const threshold = parseAmount(w['count']);
    if (threshold === undefined || threshold < 1) throw new RuleSchemaError('window.count is the number of events that fires the rule (>= 1)', [...at, 'count']);
    return { withinMs, by, kind, threshold };
  }
  const agg = w[kind];
  if (!agg || typeof agg !== 'object' || Array.isArray(agg)) throw new RuleSchemaError(`window.${kind} is an object with field and gte`, [...at, kind]);
  const a = agg as Record<string, unknown>;
  for (const k of Object.keys(a)) if (k !== 'field' && k !== 'gte') throw new RuleSchemaError(`unknown window.${kind} field "${k}" (field, gte)`, [...at, kind, k]);
  if (typeof a['field'] !== 'string') throw new RuleSchemaError(`window.${kind}.field is a field path`, [...at, kind, 'field']);
  checkPath(a['field'], [...at, kind, 'field']);
  const threshold = parseAmount(a['gte']);
  if (threshold === undefined || threshold <= 0) throw new RuleSchemaError(`window.${kind}.gte is a positive number or size (e.g. 2GB)`, [...at, kind, 'gte']);
  return { withinMs, by, kind, field: a['field'], threshold };
}

function compileSequence(spec: unknown, at: readonly (string | number)[], env: CompileEnv): SequenceSpec {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new RuleSchemaError('sequence is an object with by, within and steps', at);
  const s = spec as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!SEQUENCE_KEYS.has(k)) throw new RuleSchemaError(`unknown sequence field "${k}" (by, within, steps)`, [...at, k]);
  const withinMs = parseDuration(s['within']);
  if (withinMs === undefined) throw new RuleSchemaError('sequence.within is a duration such as 1h or 1d', [...at, 'within']);
  const by = s['by'] === undefined ? ['actor'] : stringList(s['by'], [...at, 'by'], 'sequence.by');
  by.forEach((p, i) => checkPath(p, [...at, 'by', i]));
  const steps = s['steps'];
  if (!Array.isArray(steps) || steps.length < 2) throw new RuleSchemaError('sequence.steps is a list of at least two steps', [...at, 'steps']);
  const compiled: SequenceStep[] = steps.map((step, i) => {
    const p = [...at, 'steps', i];
    if (!step || typeof step !== 'object' || Array.isArray(step)) throw new RuleSchemaError('a step is an object with when (and optionally window)', p);
    const st = step as Record<string, unknown>;
    for (const k of Object.keys(st)) if (!STEP_KEYS.has(k)) throw new RuleSchemaError(`unknown step field "${k}" (when, window)`, [...p, k]);
    if (st['when'] === undefined) throw new RuleSchemaError('a step needs when', p);
    const when = compileCondition(st['when'], [...p, 'when'], env);
    const window = st['window'] === undefined ? undefined : compileWindow(st['window'], [...p, 'window']);
    return { when, window, actions: pinnedActions(st['when']), sources: pinnedValues(st['when'], 'source'), gate: conditionGate(st['when']) };
  });
  return { by, withinMs, steps: compiled };
}

function compileRule(raw: unknown, at: readonly (string | number)[], file: ParsedFile, env: CompileEnv): CompiledRule | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid(file, at, 'a rule is an object with at least id, title and when (or sequence)');
  const r = raw as Record<string, unknown>;
  const id = typeof r['id'] === 'string' ? r['id'] : undefined;
  try {
    if (!id || !ID_RE.test(id)) throw new RuleSchemaError('id is required: lower-case letters, digits, dot, dash, underscore', [...at, 'id']);
    for (const k of Object.keys(r)) if (!RULE_KEYS.has(k)) throw new RuleSchemaError(`unknown rule field "${k}"`, [...at, k]);
    if (typeof r['title'] !== 'string' || r['title'].trim() === '') throw new RuleSchemaError('title is required', [...at, 'title']);
    const severity = (r['severity'] ?? 'medium') as Severity;
    if (!SEVERITIES.includes(severity)) throw new RuleSchemaError(`severity is one of ${SEVERITIES.join(', ')}`, [...at, 'severity']);
    const score = r['score'] ?? DEFAULT_SCORE[severity];
    if (typeof score !== 'number' || score < 0 || score > 100) throw new RuleSchemaError('score is a number from 0 to 100', [...at, 'score']);
    for (const k of ['description', 'family', 'channel', 'reason'] as const)
      if (r[k] !== undefined && typeof r[k] !== 'string') throw new RuleSchemaError(`${k} is a string`, [...at, k]);
    if (typeof r['reason'] === 'string')
      for (const m of r['reason'].matchAll(/\{([A-Za-z0-9_.|-]+)\}/g)) for (const p of m[1]!.split('|')) checkPath(p, [...at, 'reason']);
    if (r['enabled'] !== undefined && typeof r['enabled'] !== 'boolean') throw new RuleSchemaError('enabled is true or false', [...at, 'enabled']);
    const groupBy = r['group_by'] === undefined ? ['actor'] : stringList(r['group_by'], [...at, 'group_by'], 'group_by');
    groupBy.forEach((p, i) => checkPath(p, [...at, 'group_by', i]));
    const groupWithinMs = r['group_within'] === undefined ? 86_400_000 : parseDuration(r['group_within']);
    if (groupWithinMs === undefined) throw new RuleSchemaError('group_within is a duration such as 1h or 1d', [...at, 'group_within']);
    if (r['sequence'] !== undefined && (r['when'] !== undefined || r['window'] !== undefined))
      throw new RuleSchemaError('a sequence rule puts its conditions in its steps, not in when/window', [...at, 'sequence']);
    if (r['sequence'] === undefined && r['when'] === undefined) throw new RuleSchemaError('a rule needs when (or sequence)', at);
    const when = r['when'] === undefined ? null : compileCondition(r['when'], [...at, 'when'], env);
    const window = r['window'] === undefined ? undefined : compileWindow(r['window'], [...at, 'window']);
    const sequence = r['sequence'] === undefined ? undefined : compileSequence(r['sequence'], [...at, 'sequence'], env);
    if (r['enabled'] === false) return null;
    const title = r['title'].trim();
    return {
      id,
      title,
      description: typeof r['description'] === 'string' ? r['description'].trim() : '',
      family: typeof r['family'] === 'string' ? r['family'] : 'other',
      severity,
      score,
      channel: typeof r['channel'] === 'string' ? r['channel'] : undefined,
      reason: typeof r['reason'] === 'string' ? r['reason'] : title,
      groupBy,
      groupWithinMs,
      when,
      actions: when ? pinnedActions(r['when']) : null,
      sources: when ? pinnedValues(r['when'], 'source') : null,
      gate: when ? conditionGate(r['when']) : null,
      window,
      sequence,
      origin: { file: file.source.file, line: lineOf(file, at) },
    };
  } catch (err) {
    if (err instanceof RuleSchemaError) throw invalid(file, err.at, err.message, id ?? `#${String(at[at.length - 1])}`);
    throw err;
  }
}

/**
 * Compiles rule sources into one rule set. Lists from every file are gathered
 * first, so a rule may use a list another file defines.
 * @throws LeakwatchError DETECT_RULE_SYNTAX or DETECT_RULE_INVALID, naming file, line and rule.
 */
export function compileRuleSources(sources: readonly RuleSource[], options: RuleLoadOptions = {}): CompiledRuleSet {
  const files = sources.map(parseSource);
  const lists = new Map<string, readonly string[]>();
  const listLayer = new Map<string, number>();
  const ruleEntries: { file: ParsedFile; raw: unknown; at: (string | number)[] }[] = [];
  for (const file of files) {
    const v = file.value;
    if (v === null || v === undefined) continue;
    let rules: unknown;
    let rulesAt: (string | number)[] = ['rules'];
    if (Array.isArray(v)) {
      rules = v;
      rulesAt = [];
    } else if (typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) if (!FILE_KEYS.has(k)) throw invalid(file, [k], `unknown top-level field "${k}" (version, lists, rules)`);
      const l = obj['lists'];
      if (l !== undefined) {
        if (!l || typeof l !== 'object' || Array.isArray(l)) throw invalid(file, ['lists'], 'lists maps a name to a list of strings');
        for (const [name, items] of Object.entries(l as Record<string, unknown>)) {
          if (!Array.isArray(items) || !items.every((x) => typeof x === 'string' || typeof x === 'number'))
            throw invalid(file, ['lists', name], `list "${name}" is a list of strings`);
          const layer = file.source.layer ?? 0;
          if (lists.has(name) && listLayer.get(name) === layer) throw invalid(file, ['lists', name], `list "${name}" is defined twice`);
          if (lists.has(name) && listLayer.get(name)! > layer) continue;
          lists.set(name, items.map(String));
          listLayer.set(name, layer);
        }
      }
      rules = obj['rules'];
    } else throw invalid(file, [], 'a rule file holds lists and rules');
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) throw invalid(file, rulesAt, 'rules is a list');
    rules.forEach((raw, i) => ruleEntries.push({ file, raw, at: [...rulesAt, i] }));
  }
  for (const [name, items] of Object.entries(options.lists ?? {})) lists.set(name, [...items]);
  const env: CompileEnv = { lists };
  const out: CompiledRule[] = [];
  const seen = new Map<string, string>();
  for (const { file, raw, at } of ruleEntries) {
    const rule = compileRule(raw, at, file, env);
    const rid = (raw as Record<string, unknown> | null)?.['id'];
    if (typeof rid === 'string') {
      const prev = seen.get(rid);
      if (prev) throw invalid(file, [...at, 'id'], `duplicate rule id (first defined at ${prev})`, rid);
      seen.set(rid, `${file.source.file}:${lineOf(file, at)}`);
    }
    if (rule) out.push(rule);
  }
  return { rules: out, lists, files: sources.map((s) => s.file) };
}

const RULE_FILE_RE = /\.(ya?ml|json)$/i;

/** The rule files of a path: the file itself, or a folder's *.yaml, *.yml and *.json, in name order. */
export async function ruleFilesAt(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new LeakwatchError('DETECT_RULES_UNREADABLE', `${path}: ${(err as Error).message}`, { path }, { cause: err });
  }
  if (!info.isDirectory()) return [resolve(path)];
  const names = (await readdir(path)).filter((n) => RULE_FILE_RE.test(n)).sort();
  return names.map((n) => resolve(join(path, n)));
}

/** Reads and compiles every rule file under the given paths; a later path may redefine the lists of an earlier one. */
export async function loadRuleFiles(paths: string | readonly string[], options: RuleLoadOptions = {}): Promise<CompiledRuleSet> {
  const list = typeof paths === 'string' ? [paths] : paths;
  const sources: RuleSource[] = [];
  for (const [layer, p] of list.entries()) {
    for (const file of await ruleFilesAt(p)) {
      try {
        sources.push({ file, text: await readFile(file, 'utf8'), layer });
      } catch (err) {
        throw new LeakwatchError('DETECT_RULES_UNREADABLE', `${file}: ${(err as Error).message}`, { path: file }, { cause: err });
      }
    }
  }
  return compileRuleSources(sources, options);
}

