// The incident lifecycle: new → triage → contained → resolved → closed. An
// incident may skip containment (triage → resolved) or be closed from new or
// triage as a false positive or duplicate, and a resolved or closed one may be
// reopened into triage. Skipping ahead and reopening need a reason on record.
import { LeakwatchError } from '../errors/index.js';
import type { IncidentStatus } from './model.js';

const NEXT: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['triage', 'closed'],
  triage: ['contained', 'resolved', 'closed'],
  contained: ['resolved'],
  resolved: ['closed', 'triage'],
  closed: ['triage'],
};

/** Transitions that must carry a reason: closing without resolving, and reopening. */
const NEEDS_REASON: ReadonlySet<string> = new Set(['new>closed', 'triage>closed', 'resolved>triage', 'closed>triage']);

/** The statuses an incident in `from` may move to. */
export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}

/** Throws INCIDENTS_TRANSITION_INVALID unless `from → to` is allowed (with a reason where one is needed). */
export function checkTransition(from: IncidentStatus, to: IncidentStatus, reason?: string): void {
  if (!NEXT[from].includes(to)) {
    throw new LeakwatchError('INCIDENTS_TRANSITION_INVALID', `an incident cannot go from ${from} to ${to} (allowed: ${NEXT[from].join(', ')})`, { from, to });
  }
  if (NEEDS_REASON.has(`${from}>${to}`) && !reason?.trim()) {
    throw new LeakwatchError('INCIDENTS_TRANSITION_INVALID', `going from ${from} to ${to} needs a reason`, { from, to });
  }
}
