import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { DEFAULT_POLICIES, GDPR_ART_33, HIPAA_164_404, applicablePolicies, deadlineClock, parsePolicies } from './notification-policy.js';
import type { Incident } from './model.js';

const H = 3_600_000;
const aware = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('the GDPR Art. 33 default clock (72 hours from awareness)', () => {
  it('is the only default policy', () => {
    expect(DEFAULT_POLICIES).toEqual([GDPR_ART_33]);
    expect(GDPR_ART_33.hours).toBe(72);
  });

  it('has not started while awareness is unknown', () => {
    const c = deadlineClock({ discoveredAt: null, notifications: {} }, GDPR_ART_33, aware);
    expect(c).toMatchObject({ state: 'not_started', dueAt: null, remainingMs: null });
  });

  it('runs for 72 hours, counting down', () => {
    const c = deadlineClock({ discoveredAt: aware, notifications: {} }, GDPR_ART_33, aware + 70 * H);
    expect(c.state).toBe('running');
    expect(c.dueAt).toBe(Date.UTC(2026, 0, 8, 9, 0, 0));
    expect(c.remainingMs).toBe(2 * H);
  });

  it('is still running at the due instant and overdue one millisecond later', () => {
    expect(deadlineClock({ discoveredAt: aware, notifications: {} }, GDPR_ART_33, aware + 72 * H).state).toBe('running');
    const late = deadlineClock({ discoveredAt: aware, notifications: {} }, GDPR_ART_33, aware + 72 * H + 1);
    expect(late.state).toBe('overdue');
    expect(late.remainingMs).toBe(-1);
  });

  it('is met by a notification in time and missed by a late one, whatever the time now', () => {
    const met = deadlineClock({ discoveredAt: aware, notifications: { 'gdpr-art33': aware + 71 * H } }, GDPR_ART_33, aware + 1000 * H);
    expect(met).toMatchObject({ state: 'met', notifiedAt: aware + 71 * H, remainingMs: null });
    const missed = deadlineClock({ discoveredAt: aware, notifications: { 'gdpr-art33': aware + 73 * H } }, GDPR_ART_33, aware + 74 * H);
    expect(missed.state).toBe('missed');
  });

  it('runs a configured 60-day HIPAA clock on the same rules', () => {
    const c = deadlineClock({ discoveredAt: aware, notifications: {} }, HIPAA_164_404, aware + 59 * 24 * H);
    expect(c).toMatchObject({ state: 'running', remainingMs: 24 * H, regulation: 'HIPAA' });
  });
});

describe('which policies apply', () => {
  const incident = (over: Partial<Incident>) =>
    ({ regulations: null, dataset: 'registry', facts: { countries: ['DE'], disclosure: 'Yes' }, leak: { dataClasses: ['personal'] }, ...over }) as unknown as Incident;

  it('takes every policy whose scope matches, or those the incident names', () => {
    const policies = [GDPR_ART_33, HIPAA_164_404];
    expect(applicablePolicies(incident({}), policies).map((p) => p.id)).toEqual(['gdpr-art33']);
    expect(applicablePolicies(incident({ facts: { countries: ['US'], disclosure: 'Yes' } } as unknown as Partial<Incident>), policies).map((p) => p.id)).toEqual(['gdpr-art33', 'hipaa-164-404']);
    expect(applicablePolicies(incident({ regulations: ['hipaa-164-404'] }), policies).map((p) => p.id)).toEqual(['hipaa-164-404']);
    expect(applicablePolicies(incident({ regulations: [] }), policies)).toEqual([]);
  });
});

describe('parsing configured policies', () => {
  it('accepts a list and fills the default addressee', () => {
    const p = parsePolicies({ policies: [{ id: 'cn-cac-1h', regulation: '网络安全事件报告管理办法', hours: 1, scope: { countries: ['CN'] } }] });
    expect(p).toEqual([{ id: 'cn-cac-1h', regulation: '网络安全事件报告管理办法', notify: 'supervisory authority', hours: 1, scope: { countries: ['CN'] } }]);
  });

  it.each([
    [[{ id: 'X', regulation: 'GDPR', hours: 72 }], /id must be/],
    [[{ id: 'a', regulation: '', hours: 72 }], /regulation is required/],
    [[{ id: 'a', regulation: 'GDPR', hours: 0 }], /positive number/],
    [[{ id: 'a', regulation: 'GDPR', hours: 1 }, { id: 'a', regulation: 'GDPR', hours: 2 }], /duplicate id/],
    [[{ id: 'a', regulation: 'GDPR', hours: 1, scope: { planet: ['earth'] } }], /unknown scope field/],
    ['not a list', /must be a JSON array/],
  ])('refuses %j with INCIDENTS_POLICY_INVALID', (input, message) => {
    try {
      parsePolicies(input);
      expect.unreachable('accepted');
    } catch (err) {
      expect(isLeakwatchError(err, 'INCIDENTS_POLICY_INVALID')).toBe(true);
      expect((err as Error).message).toMatch(message);
    }
  });
});
