// Runs a compiled rule set over events, one at a time: plain rules fire on a
// matching event, window rules when a per-key aggregate reaches its threshold,
// sequence rules when their steps happen in order for the same key within the span.
import type { DataEvent } from '../events.js';
import { factReader, type FactEnv } from '../facts/derived-facts.js';
import { compilePath, entityOf, type PathReader } from './field-path.js';
import { passesGate } from './compile-condition.js';
import type { CompiledRule, CompiledRuleSet, EvalContext, FieldValue, Gate, WindowSpec } from './rule-types.js';
import { MAX_WINDOW_EVIDENCE, WindowTable } from './windows.js';

export interface RuleHit {
  readonly rule: CompiledRule;
  /** The event that completed the match. */
  readonly event: DataEvent;
  /** The entity the alert is about. */
  readonly actor: string;
  /** Rule id plus the rule's group_by values: hits with the same key merge into one alert. */
  readonly groupKey: string;
  readonly start: number;
  readonly end: number;
  readonly evidence: readonly string[];
  readonly reason: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export type EngineEnv = Omit<FactEnv, 'lists'>;

const readers = new Map<string, PathReader>();
function reader(path: string): PathReader {
  let r = readers.get(path);
  if (!r) {
    r = compilePath(path) ?? (() => []);
    readers.set(path, r);
  }
  return r;
}

class EventContext implements EvalContext {
  private cache: Map<string, readonly FieldValue[]> | undefined;
  private facts: ((name: string) => readonly FieldValue[]) | undefined;
  constructor(
    readonly event: DataEvent,
    private readonly env: FactEnv,
    private readonly modelFacts: FactEnv['modelFacts'],
  ) {}
  /** Derived facts, read on first use (most events never need one). */
  readonly derived = (name: string): readonly FieldValue[] => {
    if (!this.facts) this.facts = factReader(this.event, this.modelFacts ? { ...this.env, modelFacts: this.modelFacts } : this.env);
    return this.facts(name);
  };
  values(path: string): readonly FieldValue[] {
    const cache = (this.cache ??= new Map());
    let v = cache.get(path);
    if (!v) {
      v = reader(path)(this.event, this.derived);
      cache.set(path, v);
    }
    return v;
  }
}

function keyOf(ctx: EvalContext, paths: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const p of paths) {
    const v = ctx.values(p)[0];
    if (v === undefined || v === '') return undefined;
    parts.push(String(v));
  }
  return parts.join('|');
}

/** Fills `{path}` (or `{path|fallback}`) placeholders from the event; lists are joined, long values cut. */
export function renderReason(template: string, ctx: EvalContext): string {
  return template.replace(/\{([A-Za-z0-9_.|-]+)\}/g, (_m, paths: string) => {
    let vals: readonly FieldValue[] = [];
    for (const path of paths.split('|')) {
      vals = ctx.values(path);
      if (vals.length > 0) break;
    }
    if (vals.length === 0) return '?';
    const s = [...new Set(vals.map(String))].slice(0, 5).join(', ');
    return s.length > 200 ? s.slice(0, 199) + '…' : s;
  });
}

interface SequenceProgress {
  /** Start time of the chain that reached step i, or NaN. */
  readonly reached: Float64Array;
  readonly evidence: string[][];
  actor: string;
}

interface IndexEntry {
  readonly rule: CompiledRule;
  /** -1 for the rule's own condition; otherwise the sequence step. */
  readonly step: number;
}

interface GatedEntry {
  readonly entry: IndexEntry;
  readonly gate: Gate | null;
}

/** Distinct (source, action, channel) combinations whose candidate lists are kept before the cache starts over. */
const MAX_CANDIDATE_LISTS = 20_000;

export class RuleEngine {
  private set!: CompiledRuleSet;
  private env!: FactEnv;
  private byAction = new Map<string, IndexEntry[]>();
  /** Rules pinned to no action, by the source they pin ('' for none). */
  private bySource = new Map<string, IndexEntry[]>();
  private generic: IndexEntry[] = [];
  /** Every entry with its gate, in evaluation order: action-pinned, then source-pinned, then the rest. */
  private gated: GatedEntry[] = [];
  /** Candidate entries by source, action and channel (as the event spells them). */
  private candidates = new Map<string, Map<string, Map<string, readonly IndexEntry[]>>>();
  private candidateLists = 0;
  /** Window tables by rule id (and step), kept across reloads while the spec is unchanged. */
  private windows = new Map<string, WindowTable>();
  private sequences = new Map<string, Map<string, SequenceProgress>>();

  constructor(
    rules: CompiledRuleSet,
    private readonly baseEnv: EngineEnv,
  ) {
    this.setRules(rules);
  }

  get rules(): CompiledRuleSet {
    return this.set;
  }

  /** Swaps the rule set; window and sequence state survive for rules whose id and spec are unchanged. */
  setRules(rules: CompiledRuleSet): void {
    this.set = rules;
    this.env = { ...this.baseEnv, lists: rules.lists };
    this.byAction = new Map();
    this.bySource = new Map();
    this.generic = [];
    this.candidates = new Map();
    this.candidateLists = 0;
    const pinnedToAction: GatedEntry[] = [];
    const pinnedToSource: GatedEntry[] = [];
    const rest: GatedEntry[] = [];
    const keepWindows = new Map<string, WindowTable>();
    const keepSeq = new Map<string, Map<string, SequenceProgress>>();
    const index = (entry: IndexEntry, actions: ReadonlySet<string> | null, sources: ReadonlySet<string> | null, gate: Gate | null | undefined) => {
      // The order `evaluate` ran them in before gating: action-pinned, source-pinned, then unpinned, each in rule order.
      if (actions) pinnedToAction.push({ entry, gate: { action: actions } });
      else if (sources) pinnedToSource.push({ entry, gate: gate ?? { source: sources } });
      else rest.push({ entry, gate: gate ?? null });
      if (!actions) {
        this.generic.push(entry);
        for (const src of sources ?? ['']) {
          let list = this.bySource.get(src);
          if (!list) this.bySource.set(src, (list = []));
          list.push(entry);
        }
      } else
        for (const a of actions) {
          let list = this.byAction.get(a);
          if (!list) this.byAction.set(a, (list = []));
          list.push(entry);
        }
    };
    for (const rule of rules.rules) {
      if (rule.sequence) {
        // Later steps first, so one event never completes two steps of a chain at once.
        for (let i = rule.sequence.steps.length - 1; i >= 0; i--) {
          const s = rule.sequence.steps[i]!;
          index({ rule, step: i }, s.actions, s.sources, s.gate);
          if (s.window) this.carryWindow(keepWindows, `${rule.id}#${i}`, s.window);
        }
        const prev = this.sequences.get(rule.id);
        if (prev) keepSeq.set(rule.id, prev);
      } else {
        index({ rule, step: -1 }, rule.actions, rule.sources, rule.gate);
        if (rule.window) this.carryWindow(keepWindows, rule.id, rule.window);
      }
    }
    this.gated = [...pinnedToAction, ...pinnedToSource, ...rest];
    this.windows = keepWindows;
    this.sequences = keepSeq;
  }

  /** The entries whose gate an event with this source, action and channel passes, in evaluation order (cached). */
  private candidatesFor(source: string, action: string, channel: string): readonly IndexEntry[] {
    let bySource = this.candidates.get(source);
    let byAction = bySource?.get(action);
    const cached = byAction?.get(channel);
    if (cached) return cached;
    const s = source.toLowerCase();
    const a = action.toLowerCase();
    const c = channel.toLowerCase();
    const list: IndexEntry[] = [];
    for (const g of this.gated) if (passesGate(g.gate, s, a, c)) list.push(g.entry);
    if (this.candidateLists >= MAX_CANDIDATE_LISTS) {
      this.candidates.clear();
      this.candidateLists = 0;
      bySource = undefined;
      byAction = undefined;
    }
    if (!bySource) this.candidates.set(source, (bySource = new Map()));
    if (!byAction) bySource.set(action, (byAction = new Map()));
    byAction.set(channel, list);
    this.candidateLists++;
    return list;
  }

  private carryWindow(into: Map<string, WindowTable>, key: string, spec: WindowSpec): void {
    const prev = this.windows.get(key);
    into.set(key, prev && JSON.stringify(prev.spec) === JSON.stringify(spec) ? prev : new WindowTable(spec));
  }

  /** Runs every rule that can match `event`; returns the hits it completes. */
  evaluate(event: DataEvent, modelFacts?: FactEnv['modelFacts']): RuleHit[] {
    // Only the rules whose gate (a source, action or channel their condition requires) the event passes.
    const candidates = this.candidatesFor(event.source, event.action, event.channel);
    const hits: RuleHit[] = [];
    if (candidates.length === 0) return hits;
    const ctx = new EventContext(event, this.env, modelFacts);
    for (const e of candidates) this.run(e, ctx, hits);
    return hits;
  }

  /**
   * Ids of the rules whose per-event condition `event` satisfies, without touching
   * window or sequence state: what a unit test of one record can check. Window
   * rules count when the event would enter the window (unless `windows: false`);
   * sequences are left out.
   */
  qualifying(event: DataEvent, options: { windows?: boolean; modelFacts?: FactEnv['modelFacts'] } = {}): string[] {
    const ctx = new EventContext(event, this.env, options.modelFacts);
    const out: string[] = [];
    const pinned = this.byAction.get(event.action.toLowerCase()) ?? [];
    for (const { rule, step } of [...pinned, ...this.generic]) {
      if (step >= 0 || !rule.when || (rule.window && options.windows === false)) continue;
      if (rule.when(ctx)) out.push(rule.id);
    }
    return out;
  }

  private run(entry: IndexEntry, ctx: EventContext, hits: RuleHit[]): void {
    const { rule, step } = entry;
    if (step >= 0) return this.runStep(rule, step, ctx, hits);
    if (!rule.when || !rule.when(ctx)) return;
    const event = ctx.event;
    const actor = entityOf(event) ?? 'unknown';
    const groupKey = `${rule.id}|${keyOf(ctx, rule.groupBy) ?? actor}`;
    if (!rule.window) {
      hits.push({ rule, event, actor, groupKey, start: event.time, end: event.time, evidence: [event.id], reason: renderReason(rule.reason, ctx), detail: {} });
      return;
    }
    const w = rule.window;
    const key = keyOf(ctx, w.by);
    if (key === undefined) return;
    const value = w.field ? ctx.values(w.field)[0] : undefined;
    const fire = this.windows.get(rule.id)!.add(key, event.time, typeof value === 'boolean' ? String(value) : value, event.id);
    if (!fire) return;
    hits.push({
      rule,
      event,
      actor,
      groupKey,
      start: fire.start,
      end: event.time,
      evidence: fire.evidence,
      reason: `${renderReason(rule.reason, ctx)} (${w.kind}${w.field ? ` of ${w.field}` : ''} ${formatAmount(fire.value)} ≥ ${formatAmount(w.threshold)} within ${formatSpan(w.withinMs)})`,
      detail: { window: { kind: w.kind, field: w.field, value: fire.value, threshold: w.threshold, withinMs: w.withinMs, by: w.by, key } },
    });
  }

  private runStep(rule: CompiledRule, step: number, ctx: EventContext, hits: RuleHit[]): void {
    const seq = rule.sequence!;
    const spec = seq.steps[step]!;
    if (!spec.when(ctx)) return;
    const event = ctx.event;
    const key = keyOf(ctx, seq.by);
    if (key === undefined) return;
    let evidence = [event.id];
    let stepStart = event.time;
    if (spec.window) {
      const wkey = keyOf(ctx, spec.window.by);
      if (wkey === undefined) return;
      const value = spec.window.field ? ctx.values(spec.window.field)[0] : undefined;
      const fire = this.windows.get(`${rule.id}#${step}`)!.add(wkey, event.time, typeof value === 'boolean' ? String(value) : value, event.id);
      if (!fire) return;
      evidence = fire.evidence;
      stepStart = fire.start;
    }
    let table = this.sequences.get(rule.id);
    if (!table) this.sequences.set(rule.id, (table = new Map()));
    let prog = table.get(key);
    const n = seq.steps.length;
    if (step === 0) {
      if (!prog) {
        prog = { reached: new Float64Array(n).fill(NaN), evidence: Array.from({ length: n }, () => []), actor: entityOf(event) ?? 'unknown' };
        table.set(key, prog);
        if (table.size > 100_000) sweepSequences(table, event.time - seq.withinMs);
      }
      prog.reached[0] = stepStart;
      prog.evidence[0] = evidence.slice(-MAX_WINDOW_EVIDENCE);
      prog.actor = entityOf(event) ?? 'unknown';
      return;
    }
    if (!prog) return;
    const chainStart = prog.reached[step - 1]!;
    if (Number.isNaN(chainStart) || event.time - chainStart > seq.withinMs || event.time < chainStart) return;
    prog.reached[step] = chainStart;
    prog.evidence[step] = evidence.slice(-MAX_WINDOW_EVIDENCE);
    if (step < n - 1) return;
    const allEvidence = [...new Set(prog.evidence.flat())].slice(-MAX_WINDOW_EVIDENCE);
    hits.push({
      rule,
      event,
      actor: prog.actor,
      groupKey: `${rule.id}|${keyOf(ctx, rule.groupBy) ?? prog.actor}`,
      start: chainStart,
      end: event.time,
      evidence: allEvidence,
      reason: `${renderReason(rule.reason, ctx)} (${n} steps within ${formatSpan(seq.withinMs)})`,
      detail: { sequence: { by: seq.by, key, steps: n, withinMs: seq.withinMs } },
    });
    table.delete(key);
  }
}

function sweepSequences(table: Map<string, SequenceProgress>, cutoff: number): void {
  for (const [k, p] of table) {
    const latest = Math.max(...Array.from(p.reached).filter((x) => !Number.isNaN(x)));
    if (!(latest >= cutoff)) table.delete(k);
  }
}

export function formatSpan(ms: number): string {
  if (ms % 604_800_000 === 0) return `${ms / 604_800_000}w`;
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

export function formatAmount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return String(Math.round(n * 100) / 100);
}

