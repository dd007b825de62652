// The pages over alerts, the overview and the ledger, driven in Chromium against
// the agreed API contract. Until the server serves those endpoints, the browser
// answers them from the fixtures below (page.route); sign-in, the session, the
// CSRF header and the bundle are the real server's. Once the real endpoints
// exist, dashboard.e2e.test.ts covers them end to end and the routes here can go.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, HAS_CHROMIUM, openSession, setUpAndSignIn, type Session } from './browser.js';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };
const DAY = 86_400_000;
const NOW = Date.now();

type Alert = Record<string, unknown> & { id: string; status: string; updatedAt: number };

function alert(id: string, minutesAgo: number, over: Partial<Alert> = {}): Alert {
  const start = NOW - minutesAgo * 60_000;
  return {
    id,
    actor: 'li.lei@example.cn',
    start,
    end: start + 10 * 60_000,
    severity: 'high',
    score: 72,
    channel: 'removable_media',
    detector: 'usb-bulk-copy',
    kind: 'rule',
    title: `Bulk copy to a USB drive (${id})`,
    reasons: ['2.4 GB copied to an unregistered USB device within 10 minutes'],
    explanation: { rule: { id: 'usb-bulk-copy', name: 'Bulk copy to removable media', description: 'More than 1 GB to removable media within 15 minutes' } },
    evidence: ['ev1'],
    status: 'open',
    createdAt: start,
    updatedAt: start,
    ...over,
  };
}

const MODEL_ALERT = alert('al_model00000000000001', 90, {
  actor: 'wang.fang@example.cn',
  severity: 'critical',
  score: 91,
  channel: 'share_external',
  detector: 'model:share-volume',
  kind: 'model',
  title: 'Unusual external sharing by wang.fang',
  reasons: ['Shared 48 files externally; usually 1 a day', 'First share to gmail.com'],
  explanation: {
    features: [
      { name: 'external_shares_per_day', observed: 48, baseline: 1.2, peer: 2.5 },
      { name: 'new_external_domains', observed: 3, baseline: 0, peer: 0.2 },
      { name: 'bytes_shared_mb', observed: 820, baseline: 15, peer: 40 },
    ],
  },
  evidence: ['ev2', 'ev3'],
});

const EVENTS = [
  { id: 'ev2', time: NOW - 95 * 60_000, source: 'gworkspace', action: 'change_user_access', channel: 'share_external', actor: { user: 'wang.fang@example.cn', ip: '10.1.2.3' }, object: { path: 'Finance/2026 payroll.xlsx', container: 'My Drive' }, destination: { domain: 'gmail.com', account: 'someone@gmail.com' }, bytes: 420_000, outcome: 'success' },
  { id: 'ev3', time: NOW - 92 * 60_000, source: 'gworkspace', action: 'change_user_access', channel: 'share_external', actor: { user: 'wang.fang@example.cn' }, object: { path: 'HR/contracts.zip' }, destination: { domain: 'gmail.com', account: 'someone@gmail.com' }, bytes: 85_000_000, outcome: 'success' },
];
const TIMELINE = [...EVENTS, { id: 'ev0', time: NOW - 2 * DAY, source: 'gworkspace', action: 'view', channel: 'read', actor: { user: 'wang.fang@example.cn' }, object: { path: 'Team/plan.docx' }, bytes: 12_000, outcome: 'success' }];

function overview() {
  const channels = ['removable_media', 'share_external', 'mail_forward', 'download', 'print'];
  const severities = ['critical', 'high', 'medium', 'low'];
  const alertsByDay = [];
  for (let d = 13; d >= 0; d--) {
    const day = new Date(NOW - d * DAY).toISOString().slice(0, 10);
    for (let i = 0; i < channels.length; i++) {
      const count = (d * 7 + i * 3) % 5;
      if (count > 0) alertsByDay.push({ day, channel: channels[i], severity: severities[(d + i) % 4], count });
    }
  }
  return {
    alertsByDay,
    riskiestUsers: [
      { actor: 'wang.fang@example.cn', score: 91, alerts: 4 },
      { actor: 'li.lei@example.cn', score: 72, alerts: 3 },
      { actor: 'zhao.min@example.cn', score: 45, alerts: 1 },
    ],
    sources: [
      { source: 'gworkspace', events: 182_340, lastEventAt: NOW - 40_000, lagMs: 2_300, eventsPerMinute: 126.4 },
      { source: 'cloudtrail', events: 95_112, lastEventAt: NOW - 5 * 60_000, lagMs: 310_000, eventsPerMinute: 61.2 },
      { source: 'auditd', events: 4_012, lastEventAt: NOW - 3_000, lagMs: 450, eventsPerMinute: 3.1 },
    ],
    ledger: { size: 1_532, checkpointAt: NOW - 60_000, lastVerifiedAt: NOW - 3_600_000, verified: true },
  };
}

const CHECKPOINT = `leakwatch.example/log\n1532\nq5Hk0cI3o0K9sF3Bv6cTjw0nZ2bEJp6Kf1Qm9y6VZ4U=\n\n— leakwatch.example/log Az3g8sN0e7l4bW2yZ5cQ1pRkQ9nq3wQ0ZtY2ZVxS9p5hJm8v1uNf0K3qKcUeYt1m3Q==\n`;

/** Answers the contract's endpoints in the browser; records what the page sent. */
async function serveContract(page: Page, state: { alerts: Alert[]; patches: Array<{ body: unknown; csrf: string | undefined }>; stream: Promise<string> }) {
  const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/api/v1/overview', (route) => json(route, overview()));
  await page.route(/\/api\/v1\/alerts(\?.*)?$/, (route) => json(route, { alerts: [...state.alerts].sort((a, b) => (b['start'] as number) - (a['start'] as number)), next: null }));
  await page.route('**/api/v1/alerts/stream', async (route) => {
    // Held open until the test releases an event, as a live stream would be.
    const events = await state.stream;
    await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }, body: `retry: 600000\n\n${events}` });
  });
  await page.route(/\/api\/v1\/alerts\/al_[a-z0-9]+$/, async (route) => {
    const id = new URL(route.request().url()).pathname.split('/').pop()!;
    const current = state.alerts.find((a) => a.id === id);
    if (!current) return json(route, { code: 'STORE_NOT_FOUND', message: 'no such alert' }, 404);
    if (route.request().method() === 'PATCH') {
      const body = route.request().postDataJSON() as { status?: string; comment?: string };
      state.patches.push({ body, csrf: route.request().headers()['x-csrf-token'] });
      Object.assign(current, body.status ? { status: body.status } : {}, { updatedAt: Date.now() });
      return json(route, current);
    }
    const comments = state.patches.map((p) => ({ at: NOW, by: 'admin', text: (p.body as { comment?: string }).comment ?? '', action: (p.body as { status?: string }).status ?? 'comment' }));
    return json(route, { alert: current, events: current.id === MODEL_ALERT.id ? EVENTS : [], timeline: current.id === MODEL_ALERT.id ? TIMELINE : [], comments });
  });
  await page.route('**/api/v1/ledger/checkpoint', (route) => route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: CHECKPOINT }));
  await page.route('**/api/v1/ledger/verify', (route) => json(route, { ok: true, size: 1532, rootHash: 'ab91c3e5d7f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829', checkedAt: Date.now() }));
  await page.route('**/api/v1/ledger/witnesses', (route) => json(route, { witnesses: [{ name: 'witness.example.org', lastSize: 1532, lastSeenAt: NOW - 120_000, ok: true }, { name: 'backup-witness.internal', lastSize: 1210, lastSeenAt: NOW - 3 * DAY, ok: false }] }));
  await page.route('**/api/v1/ledger/entries**', (route) =>
    json(route, {
      size: 1532,
      entries: Array.from({ length: 8 }, (_, i) => ({ index: 1531 - i, record: { kind: ['auth.login', 'alert.updated', 'scan.completed', 'token.created'][i % 4], at: NOW - i * 600_000, actor: i % 2 ? 'admin' : 'li.lei', subject: `subject-${1531 - i}`, data: {} } })),
    }),
  );
  await page.route('**/api/v1/sources', (route) =>
    json(route, {
      sources: [
        { source: 'gworkspace', events: 182_340, lastEventAt: NOW - 40_000, typicalGapMs: 5_000, silent: false },
        { source: 'windows', events: 1_203, lastEventAt: NOW - 2 * DAY, typicalGapMs: 60_000, silent: true },
      ],
    }),
  );
}

describe.skipIf(!HAS_CHROMIUM)(browserSuite('the dashboard against the alerts, overview and ledger contract'), () => {
  let s: Session;
  let page: Page;
  let release: (events: string) => void;
  const state = {
    alerts: [alert('al_usb0000000000000001', 30), MODEL_ALERT, alert('al_old0000000000000003', 600, { severity: 'medium', score: 48, status: 'acknowledged', channel: 'mail_forward', title: 'Mail forwarding rule to an outside address' })],
    patches: [] as Array<{ body: unknown; csrf: string | undefined }>,
    stream: new Promise<string>((resolve) => (release = resolve)),
  };
  const heading = () => page.getByRole('heading', { level: 1 });
  const table = () => page.locator('table.alerts-table tbody');

  beforeAll(async () => {
    s = await openSession();
    page = s.page;
    await serveContract(page, state);
    await setUpAndSignIn(s, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('draws alerts over time as stacked bars, the riskiest users, the sources and the ledger', async () => {
    await page.goto(`${s.base}/`);
    await page.getByRole('img', { name: 'Alerts per day, stacked by Severity' }).waitFor();
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(20);
    await page.getByRole('row', { name: /wang\.fang@example\.cn/ }).waitFor();
    await page.getByRole('row', { name: /AWS CloudTrail/ }).waitFor();
    await page.getByText('1,532 entries').waitFor();
    await s.shot('overview-contract');
    await page.getByRole('button', { name: 'Channel' }).click();
    await page.getByRole('img', { name: 'Alerts per day, stacked by Channel' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Removable media' }).first().waitFor();
  });

  it('lists alerts and slots a live one in without a reload', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect.poll(() => table().locator('tr').count()).toBe(3);
    const marker = await page.evaluate<number>('window.__lw = Math.random()');
    const live = alert('al_live000000000000009', 1, { severity: 'critical', score: 95, title: 'Payroll file mailed to a personal address', channel: 'mail_send' });
    state.alerts.push(live);
    const acked = { ...state.alerts[0]!, status: 'acknowledged', updatedAt: Date.now() };
    release(`event: alert\ndata: ${JSON.stringify(live)}\n\nevent: alert\ndata: ${JSON.stringify(acked)}\n\n`);
    await expect.poll(() => table().locator('tr').count()).toBe(4);
    // Newest first, marked as new, and the update to another alert applied in place.
    expect(await table().locator('tr').first().getAttribute('data-alert-id')).toBe(live.id);
    expect(await table().locator('tr').first().getAttribute('class')).toContain('row-new');
    await expect.poll(() => table().locator(`tr[data-alert-id="${acked.id}"]`).textContent()).toContain('Acknowledged');
    expect(await page.evaluate<number>('window.__lw')).toBe(marker);
    await s.shot('alerts-live');
  });

  it('filters by severity through the address bar', async () => {
    await page.getByLabel('Severity').selectOption('critical');
    await expect.poll(() => new URL(page.url()).searchParams.get('severity')).toBe('critical');
    await page.getByLabel('Severity').selectOption('');
  });

  it('explains a model alert with observed, baseline and peer values, and triages it', async () => {
    await page.getByRole('link', { name: 'Unusual external sharing by wang.fang' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unusual external sharing by wang.fang');
    const features = page.getByRole('table', { name: "What deviated from this user's usual behaviour" });
    const row = features.getByRole('row', { name: /external_shares_per_day/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('48');
    expect(await row.textContent()).toContain('40×');
    await page.getByRole('img', { name: 'observed 48, baseline 1.2, peers 2.5' }).waitFor();
    await page.getByRole('row', { name: /HR\/contracts\.zip/ }).first().waitFor();
    await page.getByText('Recent activity of wang.fang@example.cn').waitFor();
    await s.shot('alert-detail');
    await page.getByLabel('Comment').fill('Confirmed with the manager; sharing revoked.');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Saved.').waitFor();
    expect(state.patches).toHaveLength(1);
    expect(state.patches[0]!.body).toEqual({ status: 'acknowledged', comment: 'Confirmed with the manager; sharing revoked.' });
    expect(state.patches[0]!.csrf).toMatch(/.{16,}/);
    await page.getByText('Confirmed with the manager; sharing revoked.').waitFor();
  });

  it('shows the checkpoint, verifies on request, and lists witnesses and entries', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
    await page.getByText('leakwatch.example/log').first().waitFor();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await page.getByText('Verified: all 1,532 entries match the signed checkpoint.').waitFor();
    await page.getByRole('row', { name: /backup-witness\.internal/ }).waitFor();
    await page.getByRole('row', { name: /subject-1531/ }).waitFor();
    await s.shot('ledger-contract');
  });

  it('lists log sources, flagging a silent one', async () => {
    await page.goto(`${s.base}/settings/sources`);
    await page.getByRole('row', { name: /Windows events.*Silent/ }).waitFor();
    await s.shot('settings-sources');
  });

  it('ran under the CSP without a violation or a page error', () => {
    expect(s.problems).toEqual([]);
  });
});
