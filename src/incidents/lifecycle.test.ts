import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { allowedTransitions, checkTransition } from './lifecycle.js';
import { INCIDENT_STATUSES, type IncidentStatus } from './model.js';

const legal: Array<[IncidentStatus, IncidentStatus, string?]> = [
  ['new', 'triage'],
  ['triage', 'contained'],
  ['contained', 'resolved'],
  ['resolved', 'closed'],
  ['triage', 'resolved'],
  ['new', 'closed', 'duplicate of inc_1'],
  ['triage', 'closed', 'false positive'],
  ['resolved', 'triage', 'data found again'],
  ['closed', 'triage', 'reopened by audit'],
];

describe('the incident lifecycle', () => {
  it.each(legal)('allows %s → %s', (from, to, reason) => {
    expect(() => checkTransition(from, to, reason)).not.toThrow();
    expect(allowedTransitions(from)).toContain(to);
  });

  const illegal = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.filter((to) => !legal.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as const));

  it.each(illegal)('refuses %s → %s with INCIDENTS_TRANSITION_INVALID', (from, to) => {
    try {
      checkTransition(from, to, 'a reason');
      expect.unreachable('the transition was allowed');
    } catch (err) {
      expect(isLeakwatchError(err, 'INCIDENTS_TRANSITION_INVALID')).toBe(true);
    }
  });

  it('has exactly the documented moves (no self-loops, nothing back to new)', () => {
    expect(illegal).toHaveLength(25 - legal.length);
    for (const s of INCIDENT_STATUSES) expect(allowedTransitions(s)).not.toContain('new');
  });

  it.each([
    ['new', 'closed'],
    ['triage', 'closed'],
    ['resolved', 'triage'],
    ['closed', 'triage'],
  ] as const)('needs a reason to go %s → %s', (from, to) => {
    expect(() => checkTransition(from, to)).toThrow(/needs a reason/);
    expect(() => checkTransition(from, to, '  ')).toThrow(/needs a reason/);
  });
});
