// The alerts list's filters: read from and written to the address bar (so a
// filtered view can be bookmarked and shared), sent to the API, and applied to
// alerts arriving live so the table never shows one the filters exclude.
import { ALERT_STATUSES, SEVERITIES, type Alert, type AlertStatus, type Severity } from '../api/types';

export interface AlertFilters {
  severity?: Severity;
  status?: AlertStatus;
  channel?: string;
  actor?: string;
  /** Epoch ms bounds on the alert's time span. */
  since?: number;
  until?: number;
}

const asNumber = (v: string | null) => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : undefined);

export function filtersFromQuery(q: URLSearchParams): AlertFilters {
  const f: AlertFilters = {};
  const severity = q.get('severity');
  if ((SEVERITIES as readonly string[]).includes(severity ?? '')) f.severity = severity as Severity;
  const status = q.get('status');
  if ((ALERT_STATUSES as readonly string[]).includes(status ?? '')) f.status = status as AlertStatus;
  const channel = q.get('channel')?.trim();
  if (channel) f.channel = channel;
  const actor = q.get('actor')?.trim();
  if (actor) f.actor = actor;
  const since = asNumber(q.get('since'));
  if (since !== undefined) f.since = since;
  const until = asNumber(q.get('until'));
  if (until !== undefined) f.until = until;
  return f;
}

/** The filters as query parameters, in a stable order (for the URL and the API). */
export function filtersToParams(f: AlertFilters): Record<string, string | number | undefined> {
  return { severity: f.severity, status: f.status, channel: f.channel, actor: f.actor, since: f.since, until: f.until };
}

/** Whether an alert belongs in a list filtered by `f` (the server's rules, mirrored). */
export function matchesFilters(a: Alert, f: AlertFilters): boolean {
  if (f.severity && a.severity !== f.severity) return false;
  if (f.status && a.status !== f.status) return false;
  if (f.channel && a.channel !== f.channel) return false;
  if (f.actor && a.actor !== f.actor) return false;
  if (f.since !== undefined && a.end < f.since) return false;
  if (f.until !== undefined && a.start > f.until) return false;
  return true;
}

/** Newest first: by start time, then by id so the order is total. */
export function compareAlerts(a: Alert, b: Alert): number {
  return b.start - a.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The list after a live alert arrives: an update replaces the old version (or
 * drops it when it no longer matches the filters); a new matching alert takes its
 * place in time order. Returns the same array when nothing changes.
 */
export function mergeLiveAlert(list: readonly Alert[], alert: Alert, filters: AlertFilters): { list: readonly Alert[]; added: boolean } {
  const at = list.findIndex((a) => a.id === alert.id);
  const keep = matchesFilters(alert, filters);
  if (at >= 0) {
    const old = list[at]!;
    if (!keep) return { list: list.filter((_, i) => i !== at), added: false };
    if (old.updatedAt > alert.updatedAt) return { list, added: false };
    const next = [...list];
    next[at] = alert;
    return { list: old.start === alert.start ? next : next.sort(compareAlerts), added: false };
  }
  if (!keep) return { list, added: false };
  const next = [...list];
  let i = 0;
  while (i < next.length && compareAlerts(next[i]!, alert) < 0) i++;
  next.splice(i, 0, alert);
  return { list: next, added: true };
}

/** Parses one SSE `alert` message; null when it is not an alert. */
export function parseAlertMessage(data: string): Alert | null {
  try {
    const a = JSON.parse(data) as Partial<Alert> | null;
    if (!a || typeof a !== 'object' || typeof a.id !== 'string' || typeof a.start !== 'number' || typeof a.severity !== 'string' || typeof a.status !== 'string') return null;
    return a as Alert;
  } catch {
    return null;
  }
}
