import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, stopLoggingRecord, testPlatform } from '../test-support.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
let admin: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  p = await testPlatform();
  admin = await signIn(p.platform);
});
afterEach(async () => {
  await p.close();
});

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, headers = admin.headers) => p.platform.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

/** A hand-coded incident dated to the day, so reports, trends and windows can place it. */
const coded = (title: string, year: number, month: number, day: number, extra: Record<string, unknown> = {}) => ({
  title,
  dataset: 'registry',
  veris: { timeline: { incident: { year, month, day } }, action: { error: { variety: ['Misdelivery'], vector: ['Carelessness'] } }, actor: { internal: { variety: ['End-user'], motive: ['NA'] } }, victim: { country: ['CN'], industry: '622110' } },
  ...extra,
});

async function createIncident(body: Record<string, unknown>): Promise<{ id: string; status: string; version: number }> {
  const res = await inject('POST', '/api/v1/incidents', body);
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function ledgerKinds(): Promise<string[]> {
  await p.platform.ctx.ledger.log.integrateAll();
  const res = await inject('GET', '/api/v1/ledger/entries?limit=500');
  return (res.json() as { entries: Array<{ record: { kind: string } }> }).entries.map((e) => e.record.kind);
}

describe('the incident board', () => {
  it('creates an incident by hand, lists it with filters, and shows it with its timeline and notification clock', async () => {
    const a = await createIncident(coded('Payroll sheet mailed to the wrong list', 2024, 3, 5, { discoveredAt: p.platform.ctx.now() }));
    await createIncident({ title: 'Laptop stolen from a car', dataset: 'branch' });
    const all = (await inject('GET', '/api/v1/incidents')).json() as { total: number; items: Array<{ id: string; leak: { channel: string } }> };
    expect(all.total).toBe(2);
    const byChannel = (await inject('GET', '/api/v1/incidents?channel=email,postal_mail')).json() as { total: number; items: Array<{ id: string }> };
    expect(byChannel.items.map((i) => i.id)).toEqual([a.id]);
    expect((await inject('GET', '/api/v1/incidents?dataset=branch&q=laptop')).json().total).toBe(1);
    expect((await inject('GET', '/api/v1/incidents?status=closed')).json().total).toBe(0);

    const detail = (await inject('GET', `/api/v1/incidents/${a.id}`)).json() as { incident: { status: string; leak: { channel: string; cause: string } }; timeline: Array<{ kind: string }>; clocks: Array<{ policyId: string; state: string }>; transitions: string[] };
    expect(detail.incident.leak).toMatchObject({ channel: 'email', cause: 'accidental' });
    expect(detail.timeline.map((e) => e.kind)).toEqual(['created']);
    expect(detail.clocks).toEqual([expect.objectContaining({ policyId: 'gdpr-art33', state: 'running' })]);
    expect(detail.transitions).toEqual(['triage', 'closed']);
  });

  it('moves an incident along its lifecycle, assigns and comments, and refuses a skip with INCIDENTS_TRANSITION_INVALID', async () => {
    const inc = await createIncident({ title: 'Share link to HR folder made public' });
    const skip = await inject('PATCH', `/api/v1/incidents/${inc.id}`, { status: 'resolved' });
    expect([skip.statusCode, skip.json().code]).toEqual([409, 'INCIDENTS_TRANSITION_INVALID']);
    const moved = await inject('PATCH', `/api/v1/incidents/${inc.id}`, { status: 'triage', owner: 'li.wei', version: inc.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().incident).toMatchObject({ status: 'triage', owner: 'li.wei' });
    const stale = await inject('PATCH', `/api/v1/incidents/${inc.id}`, { status: 'contained', version: inc.version });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'INCIDENTS_VERSION_CONFLICT']);
    const comment = await inject('POST', `/api/v1/incidents/${inc.id}/comments`, { body: 'Link revoked at 10:05.' });
    expect(comment.statusCode).toBe(201);
    const detail = (await inject('GET', `/api/v1/incidents/${inc.id}`)).json() as { timeline: Array<{ kind: string }>; comments: Array<{ body: string; author: string }> };
    expect(detail.timeline.map((e) => e.kind)).toEqual(['created', 'assigned', 'status', 'comment']);
    expect(detail.comments).toEqual([expect.objectContaining({ body: 'Link revoked at 10:05.', author: 'admin' })]);
    expect(await ledgerKinds()).toEqual(expect.arrayContaining(['incident.created', 'incident.assigned', 'incident.status_changed', 'incident.commented']));
  });

  it('answers an unknown incident with INCIDENTS_NOT_FOUND and a malformed body with SERVER_BAD_REQUEST', async () => {
    const missing = await inject('GET', '/api/v1/incidents/inc_nothing');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'INCIDENTS_NOT_FOUND']);
    const bad = await inject('POST', '/api/v1/incidents', { title: 'x', status: 'closed' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const badLeak = await inject('POST', '/api/v1/incidents', { title: 'x', leak: { channel: 'carrier_pigeon' } });
    expect([badLeak.statusCode, badLeak.json().code]).toEqual([400, 'INCIDENTS_INPUT_INVALID']);
  });
});

describe('creating an incident from an alert', () => {
  it('links the alert that exists, and refuses one that does not', async () => {
    const created = (await inject('POST', '/api/v1/tokens', { name: 'shipper', scopes: ['ingest'] })).json() as { token: string };
    const pushed = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events?format=cloudtrail', headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' }, payload: stopLoggingRecord() });
    expect(pushed.json()).toMatchObject({ accepted: 1 });
    const [alert] = (await inject('GET', '/api/v1/alerts')).json().alerts as Array<{ id: string; title: string }>;

    const res = await inject('POST', '/api/v1/incidents/from-alerts', { alertIds: [alert!.id] });
    expect(res.statusCode).toBe(201);
    const incident = res.json() as { id: string; source: string; title: string; alertIds: string[]; discoveredAt: number };
    expect(incident).toMatchObject({ source: 'alerts', title: alert!.title, alertIds: [alert!.id] });
    // Created from alerts: the organisation knows now, so the notification clocks start.
    expect(Math.abs(incident.discoveredAt - Date.now())).toBeLessThan(60_000);
    const detail = (await inject('GET', `/api/v1/incidents/${incident.id}`)).json() as { evidence: Array<{ kind: string; ref: string }> };
    expect(detail.evidence).toEqual([expect.objectContaining({ kind: 'alert', ref: alert!.id })]);
    expect(await p.platform.ctx.incidents.registry.incidentsForAlert(alert!.id)).toEqual([incident.id]);

    const ghost = await inject('POST', '/api/v1/incidents/from-alerts', { alertIds: ['alr_does_not_exist'] });
    expect([ghost.statusCode, ghost.json().code]).toEqual([404, 'INCIDENTS_ALERT_NOT_FOUND']);
    expect((await inject('GET', '/api/v1/incidents')).json().total).toBe(1);
  });
});

describe('analytics', () => {
  beforeEach(async () => {
    for (const [m, d] of [
      [1, 10],
      [2, 3],
      [2, 20],
      [3, 7],
      [5, 1],
    ] as const)
      await createIncident(coded(`Misdelivery ${m}-${d}`, 2024, m, d));
  });

  it('reports counts as JSON and as a CSV download, and trends by month', async () => {
    const report = (await inject('GET', '/api/v1/analytics/report')).json() as { totals: { incidents: number }; byChannel: Record<string, number> };
    expect(report.totals.incidents).toBe(5);
    expect(report.byChannel['email']).toBe(5);
    const csv = await inject('GET', '/api/v1/analytics/report?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.split('\n')[0]).toBe('section,series,key,metric,value');
    const trends = (await inject('GET', '/api/v1/analytics/trends?yearFrom=2024')).json() as { months: string[]; series: Array<{ dimension: string; key: string; counts: number[] }> };
    expect(trends.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(trends.series.find((s) => s.dimension === 'all')!.counts).toEqual([1, 2, 1, 0, 1]);
    const trendsCsv = await inject('GET', '/api/v1/analytics/trends?format=csv');
    expect(trendsCsv.body).toContain('all,all,2024-02,2,');
    const unknown = await inject('GET', '/api/v1/analytics/report?format=xml');
    expect(unknown.json().code).toBe('SERVER_BAD_REQUEST');
  });

  it('saves calendar windows and compares rates inside and outside them', async () => {
    const bad = await inject('PUT', '/api/v1/analytics/windows', { windows: [{ name: 'campaign', ranges: [{ from: '2024-02-30', to: '2024-03-01' }] }] });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'ANALYTICS_WINDOWS_INVALID']);
    const none = await inject('POST', '/api/v1/analytics/windows/report', {});
    expect(none.json().code).toBe('ANALYTICS_WINDOWS_INVALID');
    const saved = await inject('PUT', '/api/v1/analytics/windows', { windows: [{ name: 'campaign', label: 'Spring campaign', ranges: [{ from: '2024-02-01', to: '2024-02-29' }] }] });
    expect(saved.json().windows).toEqual([expect.objectContaining({ name: 'campaign', createdBy: 'admin' })]);
    const result = (await inject('POST', '/api/v1/analytics/windows/report', { spec: { period: { from: '2024-01-01', to: '2024-05-31' }, windows: [{ name: 'campaign', ranges: [{ from: '2024-02-01', to: '2024-02-29' }] }] }, by: 'channel' })).json() as {
      windows: Array<{ name: string; daysInside: number; overall: { inside: number; outside: number; rateRatio: number; interval: { low: number; high: number } }; byCategory: Array<{ dimension: string }> }>;
    };
    const w = result.windows[0]!;
    expect(w).toMatchObject({ name: 'campaign', daysInside: 29, overall: { inside: 2, outside: 3 } });
    expect(w.overall.rateRatio).toBeCloseTo(2 / 29 / (3 / 123), 6);
    expect(w.overall.interval.low).toBeLessThan(w.overall.rateRatio);
    expect(w.overall.interval.high).toBeGreaterThan(w.overall.rateRatio);
    expect(new Set(w.byCategory.map((c) => c.dimension))).toEqual(new Set(['channel']));
    const stored = (await inject('POST', '/api/v1/analytics/windows/report', {})).json() as { windows: Array<{ name: string }> };
    expect(stored.windows.map((x) => x.name)).toEqual(['campaign']);
    expect(await ledgerKinds()).toContain('analytics.windows_saved');
  });

  it('makes a private release with its error bounds, spends the budget, and refuses one over budget', async () => {
    const capped = await inject('PUT', '/api/v1/analytics/dp/budgets/registry', { epsilon: '1.5', delta: '1e-6' });
    expect(capped.json()).toMatchObject({ dataset: 'registry', epsilon: { cap: 1.5, remaining: 1.5 } });
    const res = await inject('POST', '/api/v1/analytics/dp/releases', { epsilon: '1', by: 'year', years: { from: 2020, to: 2025 } });
    expect(res.statusCode).toBe(201);
    const release = res.json() as { cells: Array<{ key: Record<string, string> }>; method: { epsilon: number; count: { errorBound95: number } }; budgets: Array<{ epsilon: { remaining: number } }> };
    expect(release.cells).toHaveLength(6);
    expect(release.method.epsilon).toBe(1);
    expect(release.method.count.errorBound95).toBeGreaterThan(0);
    expect(release.budgets[0]!.epsilon.remaining).toBeCloseTo(0.5, 9);

    const over = await inject('POST', '/api/v1/analytics/dp/releases', { epsilon: '1', by: 'year', years: { from: 2020, to: 2025 } });
    expect([over.statusCode, over.json().code]).toEqual([409, 'ANALYTICS_BUDGET_EXCEEDED']);
    const budgets = (await inject('GET', '/api/v1/analytics/dp/budgets')).json() as { budgets: Array<{ dataset: string; epsilon: { remaining: number } }>; releases: Array<{ epsilon: number; status: string }> };
    expect(budgets.budgets[0]!.epsilon.remaining).toBeCloseTo(0.5, 9);
    expect(budgets.releases.map((r) => [r.epsilon, r.status])).toEqual([[1, 'released']]);
    expect(await ledgerKinds()).toEqual(expect.arrayContaining(['dp.budget_capped', 'dp.release', 'dp.release_refused']));
  });

  it('keeps releases to admins: an analyst may triage but not spend budget', async () => {
    await inject('POST', '/api/v1/users', { username: 'li.wei', password: 'triage team pass 7', role: 'analyst' });
    const analyst = await signIn(p.platform, { username: 'li.wei', password: 'triage team pass 7' });
    const release = await inject('POST', '/api/v1/analytics/dp/releases', { epsilon: '1', by: 'year' }, analyst.headers);
    expect([release.statusCode, release.json().code]).toEqual([403, 'AUTH_FORBIDDEN']);
    expect((await inject('POST', '/api/v1/incidents', { title: 'Found by the analyst' }, analyst.headers)).statusCode).toBe(201);
  });
});
