// Grouping and suppression: one incident is one alert. A finding from the same
// detector with the same group key (by default the actor) that starts within the
// detector's grouping span of the open alert's end merges into it: the window
// widens, evidence and reasons accumulate (capped), score and severity take the max.
import { alertId, maxSeverity, type Alert, type AlertKind } from './alert.js';
import type { Severity } from './rules/rule-types.js';

export const MAX_ALERT_EVIDENCE = 100;
export const MAX_ALERT_REASONS = 10;

/** One detector hit, before grouping. */
export interface Finding {
  readonly detector: string;
  readonly kind: AlertKind;
  /** Hits with the same key merge; include the detector in it. */
  readonly groupKey: string;
  readonly actor: string;
  readonly title: string;
  readonly channel: string;
  readonly severity: Severity;
  readonly score: number;
  readonly start: number;
  readonly end: number;
  readonly reasons: readonly string[];
  readonly explanation: unknown;
  readonly evidence: readonly string[];
  /** How long after the alert's end a new hit still joins it. */
  readonly groupWithinMs: number;
}

interface OpenAlert {
  alert: Alert;
  hits: number;
  groupWithinMs: number;
}

export interface GrouperState {
  readonly open: readonly { readonly alert: Alert; readonly hits: number; readonly groupWithinMs: number; readonly key: string }[];
}

function mergeList(into: readonly string[], add: readonly string[], cap: number, keepNewest: boolean): string[] {
  const set = new Set(into);
  for (const x of add) set.add(x);
  const all = [...set];
  if (all.length <= cap) return all;
  // Evidence keeps the first half and the newest half: how it started and where it is now.
  if (keepNewest) return [...all.slice(0, cap / 2), ...all.slice(all.length - cap / 2)];
  return all.slice(0, cap);
}

export class AlertGrouper {
  private readonly open = new Map<string, OpenAlert>();
  private latest = -Infinity;
  private sweepCounter = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Adds a finding; returns the alert it created or updated. */
  add(f: Finding): Alert {
    this.latest = Math.max(this.latest, f.end);
    if (++this.sweepCounter % 1024 === 0) this.sweep();
    const now = this.clock();
    const cur = this.open.get(f.groupKey);
    if (cur && f.start <= cur.alert.end + cur.groupWithinMs && f.end >= cur.alert.start - cur.groupWithinMs) {
      const a = cur.alert;
      cur.hits++;
      const explanation = f.explanation && typeof f.explanation === 'object' ? { ...(f.explanation as object), hits: cur.hits } : f.explanation;
      cur.alert = {
        ...a,
        start: Math.min(a.start, f.start),
        end: Math.max(a.end, f.end),
        severity: maxSeverity(a.severity, f.severity),
        score: Math.max(a.score, f.score),
        reasons: mergeList(a.reasons, f.reasons, MAX_ALERT_REASONS, false),
        evidence: mergeList(a.evidence, f.evidence, MAX_ALERT_EVIDENCE, true),
        explanation,
        updatedAt: now,
      };
      return cur.alert;
    }
    const alert: Alert = {
      id: alertId(f.detector, f.groupKey, f.start),
      actor: f.actor,
      start: f.start,
      end: f.end,
      severity: f.severity,
      score: Math.round(f.score),
      channel: f.channel,
      detector: f.detector,
      kind: f.kind,
      title: f.title,
      reasons: mergeList([], f.reasons, MAX_ALERT_REASONS, false),
      explanation: f.explanation,
      evidence: mergeList([], f.evidence, MAX_ALERT_EVIDENCE, true),
      status: 'open',
      createdAt: now,
      updatedAt: now,
    };
    this.open.set(f.groupKey, { alert, hits: 1, groupWithinMs: f.groupWithinMs });
    return alert;
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Forgets alerts no later hit can join any more. */
  sweep(): void {
    for (const [k, o] of this.open) if (o.alert.end + o.groupWithinMs < this.latest) this.open.delete(k);
  }

  snapshot(): GrouperState {
    return { open: [...this.open].map(([key, o]) => ({ key, alert: o.alert, hits: o.hits, groupWithinMs: o.groupWithinMs })) };
  }

  restore(state: GrouperState): void {
    this.open.clear();
    for (const o of state.open) {
      this.open.set(o.key, { alert: o.alert, hits: o.hits, groupWithinMs: o.groupWithinMs });
      this.latest = Math.max(this.latest, o.alert.end);
    }
  }
}
