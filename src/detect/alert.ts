// The alert detection raises: the same shape as the store's AlertRecord, so the
// store can save it as is. One alert is one incident: hits of one detector about
// one actor within a span merge into it (see alert-grouper.ts).
import { createHash } from 'node:crypto';
import type { Severity } from './rules/rule-types.js';

export type AlertKind = 'rule' | 'model' | 'system';
export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export interface Alert {
  /** Stable: the same detector, group key and first hit give the same id. */
  readonly id: string;
  readonly actor: string;
  /** Event time span the alert covers, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  /** Risk score 0-100. */
  readonly score: number;
  readonly channel: string;
  /** Rule id, model id, or system check id. */
  readonly detector: string;
  readonly kind: AlertKind;
  readonly title: string;
  readonly reasons: string[];
  /** Structured explanation: rule match details, or model features with observed, baseline and peer values. */
  readonly explanation: unknown;
  /** Ids of the events behind the alert (capped). */
  readonly evidence: string[];
  readonly status: AlertStatus;
  readonly assignee?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Severity for a risk score: the score is the primary scale, severity a coarse view of it. */
export function severityForScore(score: number): Severity {
  if (score >= 85) return 'critical';
  if (score >= 65) return 'high';
  if (score >= 40) return 'medium';
  return 'low';
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

/** `al_` + 20 hex digits of SHA-256 over the parts. */
export function alertId(...parts: readonly (string | number)[]): string {
  return 'al_' + createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}
