// Notification deadlines as configurable policies, one per regulation, and the
// clock each one runs on an incident. The default is GDPR Article 33(1): notify
// the supervisory authority "without undue delay and, where feasible, not later
// than 72 hours after having become aware of it". Others are the user's to add.
import { LeakwatchError } from '../errors/index.js';
import type { Disclosure } from '../store/index.js';
import type { DataClass, Incident } from './model.js';

export interface NotificationPolicy {
  /** Stable id, lower-case: `gdpr-art33`. */
  readonly id: string;
  readonly regulation: string;
  /** The provision, e.g. `Art. 33(1)`. */
  readonly provision?: string;
  /** Whom to notify. */
  readonly notify: string;
  /** Hours from awareness (the incident's discoveredAt) to the deadline. */
  readonly hours: number;
  /** Incidents it covers; every incident when absent. An incident naming its regulations overrides this. */
  readonly scope?: {
    readonly countries?: readonly string[];
    readonly datasets?: readonly string[];
    readonly disclosure?: readonly Disclosure[];
    readonly dataClasses?: readonly DataClass[];
  };
}

/** GDPR (Regulation (EU) 2016/679) Art. 33(1): 72 hours after becoming aware. */
export const GDPR_ART_33: NotificationPolicy = { id: 'gdpr-art33', regulation: 'GDPR', provision: 'Art. 33(1)', notify: 'supervisory authority', hours: 72 };

/** HIPAA Breach Notification Rule, 45 CFR 164.404(b): individuals, no later than 60 calendar days after discovery. Not on by default. */
export const HIPAA_164_404: NotificationPolicy = {
  id: 'hipaa-164-404',
  regulation: 'HIPAA',
  provision: '45 CFR 164.404(b)',
  notify: 'affected individuals',
  hours: 60 * 24,
  scope: { countries: ['US'] },
};

export const DEFAULT_POLICIES: readonly NotificationPolicy[] = [GDPR_ART_33];

export type ClockState = 'not_started' | 'running' | 'overdue' | 'met' | 'missed';

export interface DeadlineClock {
  readonly policyId: string;
  readonly regulation: string;
  readonly provision: string | null;
  readonly notify: string;
  readonly hours: number;
  /** Awareness (discoveredAt); null when not known yet, so the clock has not started. */
  readonly startsAt: number | null;
  readonly dueAt: number | null;
  readonly notifiedAt: number | null;
  /** Milliseconds left (negative when overdue); null once notified or not started. */
  readonly remainingMs: number | null;
  readonly state: ClockState;
}

const HOUR = 3_600_000;

/** Validates user-configured policies; throws INCIDENTS_POLICY_INVALID naming the first bad one. */
export function parsePolicies(input: unknown): NotificationPolicy[] {
  const list = Array.isArray(input) ? input : (input as { policies?: unknown } | null)?.policies;
  if (!Array.isArray(list)) throw new LeakwatchError('INCIDENTS_POLICY_INVALID', 'policies must be a JSON array (or an object with a "policies" array)');
  const seen = new Set<string>();
  return list.map((p: unknown, i) => {
    const bad = (why: string) => new LeakwatchError('INCIDENTS_POLICY_INVALID', `policy ${i + 1}: ${why}`, { index: i });
    if (typeof p !== 'object' || p === null) throw bad('not an object');
    const o = p as Record<string, unknown>;
    if (typeof o['id'] !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,63}$/.test(o['id'])) throw bad('id must be lower-case letters, digits, dots and dashes');
    if (seen.has(o['id'])) throw bad(`duplicate id ${o['id']}`);
    seen.add(o['id']);
    if (typeof o['regulation'] !== 'string' || !o['regulation'].trim()) throw bad('regulation is required');
    if (typeof o['hours'] !== 'number' || !Number.isFinite(o['hours']) || o['hours'] <= 0) throw bad('hours must be a positive number');
    const notify = typeof o['notify'] === 'string' && o['notify'].trim() ? o['notify'] : 'supervisory authority';
    const scope = o['scope'];
    if (scope !== undefined && (typeof scope !== 'object' || scope === null || Array.isArray(scope))) throw bad('scope must be an object');
    for (const [k, v] of Object.entries((scope ?? {}) as Record<string, unknown>)) {
      if (!['countries', 'datasets', 'disclosure', 'dataClasses'].includes(k)) throw bad(`unknown scope field ${k}`);
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw bad(`scope.${k} must be a list of strings`);
    }
    return {
      id: o['id'],
      regulation: o['regulation'],
      ...(typeof o['provision'] === 'string' ? { provision: o['provision'] } : {}),
      notify,
      hours: o['hours'],
      ...(scope ? { scope: scope as NotificationPolicy['scope'] } : {}),
    };
  });
}

/** The policies that apply to an incident: those it names, else those whose scope matches. */
export function applicablePolicies(incident: Incident, policies: readonly NotificationPolicy[]): NotificationPolicy[] {
  if (incident.regulations !== null) return policies.filter((p) => incident.regulations!.includes(p.id));
  return policies.filter((p) => {
    const s = p.scope;
    if (!s) return true;
    if (s.countries && !incident.facts.countries.some((c) => s.countries!.includes(c))) return false;
    if (s.datasets && !s.datasets.includes(incident.dataset)) return false;
    if (s.disclosure && (incident.facts.disclosure === null || !s.disclosure.includes(incident.facts.disclosure))) return false;
    if (s.dataClasses && !incident.leak.dataClasses.some((c) => s.dataClasses!.includes(c))) return false;
    return true;
  });
}

/** The clock of one policy on one incident at time `now`. */
export function deadlineClock(incident: Pick<Incident, 'discoveredAt' | 'notifications'>, policy: NotificationPolicy, now: number): DeadlineClock {
  const startsAt = incident.discoveredAt;
  const notifiedAt = incident.notifications[policy.id] ?? null;
  const dueAt = startsAt === null ? null : startsAt + policy.hours * HOUR;
  let state: ClockState;
  if (dueAt === null) state = 'not_started';
  else if (notifiedAt !== null) state = notifiedAt <= dueAt ? 'met' : 'missed';
  else state = now <= dueAt ? 'running' : 'overdue';
  return {
    policyId: policy.id,
    regulation: policy.regulation,
    provision: policy.provision ?? null,
    notify: policy.notify,
    hours: policy.hours,
    startsAt,
    dueAt,
    notifiedAt,
    remainingMs: dueAt === null || notifiedAt !== null ? null : dueAt - now,
    state,
  };
}

/** Every applicable clock of an incident. */
export function deadlineClocks(incident: Incident, policies: readonly NotificationPolicy[], now: number): DeadlineClock[] {
  return applicablePolicies(incident, policies).map((p) => deadlineClock(incident, p, now));
}
