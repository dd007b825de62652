// Alerts as the store keeps them. Detection (src/detect) produces records of this
// shape; the store knows nothing of rules or models, only of the record and its
// triage fields (status, assignee), which analysts own.

export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';
export type AlertKind = 'rule' | 'model' | 'system';
export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];
export const ALERT_KINDS: readonly AlertKind[] = ['rule', 'model', 'system'];
export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];

export interface AlertRecord {
  /** Stable: re-saving an alert with the same id updates it (grouping widens its window). */
  readonly id: string;
  readonly actor: string;
  /** Event-time window the alert covers, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly severity: AlertSeverity;
  /** Risk score 0-100. */
  readonly score: number;
  readonly channel: string;
  /** Rule id, model id or system check id. */
  readonly detector: string;
  readonly kind: AlertKind;
  readonly title: string;
  readonly reasons: readonly string[];
  /** Structured explanation (JSON). */
  readonly explanation: unknown;
  /** Ids of the events behind the alert. */
  readonly evidence: readonly string[];
  readonly status: AlertStatus;
  readonly assignee?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface AlertFilter {
  readonly status?: AlertStatus | readonly AlertStatus[];
  /** Alerts whose window ends at or after this time (epoch ms). */
  readonly since?: number;
  /** Alerts whose window starts before this time (epoch ms). */
  readonly until?: number;
  readonly actor?: string;
  readonly detector?: string;
  readonly kind?: AlertKind;
  /** At or above this severity. */
  readonly minSeverity?: AlertSeverity;
  /** Newest first; default 1,000, at most 100,000. */
  readonly limit?: number;
}

/** What an analyst changes: triage, never the detection's findings. `assignee: null` unassigns. */
export interface AlertPatch {
  readonly status?: AlertStatus;
  readonly assignee?: string | null;
  /** Time of the change (default: now). */
  readonly updatedAt?: number;
}
