// The detection engine: batches of events in, alerts out. Per event, the
// behaviour models see it first (so rules can ask "is this network new?"), then
// the rules; hits of both become findings, and the grouper turns findings into
// alerts, one per incident. Pure apart from the `onAlert` hook; persistence is the
// caller's (snapshot/restore, the store's saveAlerts).
import { AlertGrouper, type Finding, type GrouperState } from './alert-grouper.js';
import type { Alert } from './alert.js';
import type { DataEvent } from './events.js';
import { factReader, type FactEnv } from './facts/derived-facts.js';
import { BehaviourModel, type ModelOptions, type ModelState } from './models/behaviour-model.js';
import { RuleEngine, type RuleHit } from './rules/rule-engine.js';
import type { RuleSetHolder } from './rules/rule-set-holder.js';
import type { CompiledRuleSet, FieldValue } from './rules/rule-types.js';
import { SourceTracker, sourceSilentAlerts, type SilenceOptions } from './source-health.js';
import { LeakwatchError } from '../errors/index.js';

export interface DetectionOptions {
  /** Local time for working hours and day boundaries, as minutes east of UTC (Asia/Shanghai: 480, the default). */
  readonly utcOffsetMinutes?: number;
  /** Working hours [start, end) in local time (default 8 to 20). */
  readonly workHours?: readonly [number, number];
  /** Behaviour models: false turns them off; an object tunes them. */
  readonly models?: boolean | Partial<Omit<ModelOptions, 'utcOffsetMinutes' | 'workHours'>>;
  /** Peer group (department) of an entity, as an HR or directory feed knows it. */
  readonly directory?: ReadonlyMap<string, string> | ((entity: string) => string | undefined);
  /** Called for every alert created or updated: the hook that appends alerts to the ledger. */
  readonly onAlert?: (alert: Alert) => void;
  /** Wall clock for createdAt/updatedAt (default Date.now). */
  readonly clock?: () => number;
}

export interface DetectionState {
  readonly version: 1;
  readonly models?: ModelState;
  readonly grouper: GrouperState;
  readonly sources: ReturnType<SourceTracker['snapshot']>;
}

export interface DetectionStats {
  events: number;
  ruleHits: number;
  modelFindings: number;
  alertsCreated: number;
  alertsUpdated: number;
}

/** Channels whose destinations the models remember (first-seen destinations). */
const OUTBOUND = new Set(['share_external', 'share_link', 'share_internal', 'mail_forward', 'mail_send', 'upload', 'permission_change', 'app_grant']);

/** Whether a batch is already in event-time order (the stable sort would leave it as it is). */
function isSorted(batch: readonly DataEvent[]): boolean {
  for (let i = 1; i < batch.length; i++) if (batch[i]!.time < batch[i - 1]!.time) return false;
  return true;
}

function ruleFinding(hit: RuleHit): Finding {
  const r = hit.rule;
  return {
    detector: r.id,
    kind: 'rule',
    groupKey: hit.groupKey,
    actor: hit.actor,
    title: r.title,
    channel: r.channel ?? hit.event.channel,
    severity: r.severity,
    score: r.score,
    start: hit.start,
    end: hit.end,
    reasons: [hit.reason],
    explanation: {
      rule: r.id,
      family: r.family,
      description: r.description,
      source: `${r.origin.file}:${r.origin.line}`,
      event: { id: hit.event.id, source: hit.event.source, action: hit.event.action, channel: hit.event.channel },
      ...hit.detail,
    },
    evidence: hit.evidence,
    groupWithinMs: r.groupWithinMs,
  };
}

export class Detection {
  private readonly engine: RuleEngine;
  private readonly model: BehaviourModel | null;
  private readonly grouper: AlertGrouper;
  private readonly sources = new SourceTracker();
  private readonly env: Omit<FactEnv, 'lists'>;
  readonly stats: DetectionStats = { events: 0, ruleHits: 0, modelFindings: 0, alertsCreated: 0, alertsUpdated: 0 };

  constructor(
    private readonly rules: CompiledRuleSet | RuleSetHolder,
    private readonly options: DetectionOptions = {},
  ) {
    const utcOffsetMinutes = options.utcOffsetMinutes ?? 480;
    const workHours = options.workHours ?? [8, 20];
    this.env = { utcOffsetMinutes, workHours };
    this.engine = new RuleEngine(this.currentRules(), this.env);
    this.grouper = new AlertGrouper(options.clock);
    const dir = options.directory;
    const groupOf = dir === undefined ? undefined : typeof dir === 'function' ? (e: string) => dir(e) : (e: string) => dir.get(e) ?? dir.get(e.toLowerCase());
    this.model = options.models === false ? null : new BehaviourModel({ utcOffsetMinutes, workHours, groupOf, ...(typeof options.models === 'object' ? options.models : {}) });
  }

  private currentRules(): CompiledRuleSet {
    return 'current' in this.rules ? this.rules.current : this.rules;
  }

  /** The rule set in force (after any hot reload). */
  get ruleSet(): CompiledRuleSet {
    return this.engine.rules;
  }

  /**
   * Runs a batch (sorted by event time first). Returns the alerts the batch
   * created or changed, each once, in its latest state.
   */
  process(batch: readonly DataEvent[]): Alert[] {
    const rules = this.currentRules();
    if (rules !== this.engine.rules) this.engine.setRules(rules);
    const events = isSorted(batch) ? batch : [...batch].sort((a, b) => a.time - b.time);
    const changed = new Map<string, Alert>();
    const emit = (f: Finding) => {
      const alert = this.grouper.add(f);
      if (alert.reasons.length > 0 && (alert.explanation as { hits?: number } | null)?.hits === undefined) this.stats.alertsCreated++;
      else this.stats.alertsUpdated++;
      changed.set(alert.id, alert);
    };
    const lists = rules.lists;
    const factEnv: FactEnv = { ...this.env, lists };
    for (const event of events) {
      this.stats.events++;
      this.sources.observe(event.source, event.time);
      let facts: FactEnv['modelFacts'];
      if (this.model) {
        const ext = OUTBOUND.has(event.channel)
          ? factReader(event, factEnv)('external_domains').filter((v: FieldValue): v is string => typeof v === 'string')
          : [];
        const { facts: f, findings } = this.model.observe(event, ext);
        facts = () => f;
        for (const fi of findings) {
          this.stats.modelFindings++;
          emit(fi);
        }
      }
      for (const hit of this.engine.evaluate(event, facts)) {
        this.stats.ruleHits++;
        emit(ruleFinding(hit));
      }
    }
    const out = [...changed.values()];
    if (this.options.onAlert) for (const a of out) this.options.onAlert(a);
    return out;
  }

  /** Closes the running day of the models (end of input). */
  flush(): Alert[] {
    if (!this.model) return [];
    const changed = new Map<string, Alert>();
    for (const f of this.model.flush()) {
      this.stats.modelFindings++;
      const a = this.grouper.add(f);
      changed.set(a.id, a);
    }
    const out = [...changed.values()];
    if (this.options.onAlert) for (const a of out) this.options.onAlert(a);
    return out;
  }

  /** `source_silent` alerts for sources quiet longer than usual, as of `now`. */
  checkSources(now: number, options?: SilenceOptions): Alert[] {
    const out = sourceSilentAlerts(this.sources.activity(), now, options);
    if (this.options.onAlert) for (const a of out) this.options.onAlert(a);
    return out;
  }

  /** Tracked entities and the model bytes they hold. */
  get entityCount(): number {
    return this.model?.entityCount ?? 0;
  }

  /** State to persist (the store's key/value state table); rule windows are short-lived and not included. */
  snapshot(): DetectionState {
    return { version: 1, models: this.model?.snapshot(), grouper: this.grouper.snapshot(), sources: this.sources.snapshot() };
  }

  /**
   * Restores a snapshot.
   * @throws LeakwatchError DETECT_STATE_INVALID when the snapshot is corrupt or of another version.
   */
  restore(state: unknown): void {
    try {
      const s = state as DetectionState;
      if (!s || typeof s !== 'object' || s.version !== 1 || !s.grouper || !s.sources) throw new Error('not a detection state of version 1');
      if (this.model && s.models) this.model.restore(s.models);
      this.grouper.restore(s.grouper);
      this.sources.restore(s.sources);
    } catch (err) {
      throw new LeakwatchError('DETECT_STATE_INVALID', `detection state: ${(err as Error).message}`, {}, { cause: err });
    }
  }
}
