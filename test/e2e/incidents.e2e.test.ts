// Incidents and analytics end to end in Debian's Chromium: incidents coded by
// hand through the API, the board, one incident moved along its lifecycle, the
// trend charts, a private release that spends budget, and an incident opened
// from a real alert. Screenshots go to test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, HAS_CHROMIUM, openSession, setUpAndSignIn, type Session } from './browser.js';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

/** A CloudTrail delivery with one StopLogging call a minute ago: the built-in rules raise an alert on it. */
const stopLogging = () =>
  JSON.stringify({
    Records: [
      {
        eventVersion: '1.08',
        userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/mallory', accountId: '123456789012', userName: 'mallory' },
        eventTime: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        awsRegion: 'us-east-1',
        sourceIPAddress: '203.0.113.7',
        requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail' },
        eventID: '3a4b5c6d-0000-4000-8000-00000000e2e6',
        eventType: 'AwsApiCall',
        recipientAccountId: '123456789012',
      },
    ],
  });

describe.skipIf(!HAS_CHROMIUM)(browserSuite('incidents and analytics in Chromium'), () => {
  let s: Session;
  let page: Page;
  let base: string;

  const heading = () => page.getByRole('heading', { level: 1 });
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const csrf = async () => ((await (await page.request.get(`${base}/api/v1/auth/me`)).json()) as { csrfToken: string }).csrfToken;
  const post = async (path: string, data: unknown) => page.request.post(`${base}${path}`, { data: data as object, headers: { 'x-csrf-token': await csrf() } });

  beforeAll(async () => {
    s = await openSession();
    ({ page, base } = s);
    await setUpAndSignIn(s, ADMIN);
    const coded = [
      ['Payroll sheet mailed to the wrong list', 2024, 1, 10, 'Misdelivery'],
      ['Customer export left on a public bucket', 2024, 2, 3, 'Misconfiguration'],
      ['Price list posted on the website', 2024, 2, 20, 'Publishing error'],
      ['Medical letters sent to old addresses', 2024, 4, 7, 'Misdelivery'],
    ] as const;
    for (const [title, year, month, day, variety] of coded) {
      const res = await post('/api/v1/incidents', { title, veris: { timeline: { incident: { year, month, day } }, action: { error: { variety: [variety], vector: ['Carelessness'] } }, actor: { internal: { variety: ['End-user'], motive: ['NA'] } }, victim: { country: ['CN'] } } });
      expect(res.status()).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('lists the incidents on the board and filters them by channel', async () => {
    await nav().getByRole('link', { name: 'Incidents', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Incidents');
    await page.getByText('4 incidents').waitFor();
    await page.getByLabel('Channel').first().selectOption('email');
    await page.getByText('2 incidents').waitFor();
    expect(await page.getByRole('link', { name: 'Payroll sheet mailed to the wrong list' }).count()).toBe(1);
    await s.shot('incidents-board');
  });

  it('opens an incident, shows its deadline clock, and moves it to triage', async () => {
    await page.getByRole('link', { name: 'Payroll sheet mailed to the wrong list' }).click();
    await expect.poll(() => heading().textContent()).toBe('Payroll sheet mailed to the wrong list');
    await page.getByText('Notification deadlines').waitFor();
    await page.getByRole('button', { name: 'Move to Triage' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Move to Contained' }).waitFor();
    expect(await page.getByText('Status changed').count()).toBe(1);
    await page.getByLabel('Comment', { exact: true }).fill('Recipients asked to delete the mail.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Recipients asked to delete the mail.').waitFor();
    await s.shot('incident-detail');
  });

  it('draws the monthly trends and offers them as CSV', async () => {
    await nav().getByRole('link', { name: 'Trends', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Trends');
    await page.getByRole('img', { name: 'Incidents per month', exact: true }).waitFor();
    await page.getByRole('img', { name: 'Incidents per month by Channel' }).waitFor();
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(`${base}${href!}`);
    expect(await csv.text()).toContain('all,all,2024-02,2,');
    await s.shot('trends');
  });

  it('compares rates inside and outside a calendar window', async () => {
    await nav().getByRole('link', { name: 'Windows', exact: true }).click();
    await page.getByLabel(/One window per line/).fill('campaign: 2024-02-01..2024-02-29');
    await page.getByRole('button', { name: 'Compare rates' }).click();
    await page.getByText('campaign (29 days)').waitFor();
    await s.shot('windows');
  });

  it('makes a private release and shows the budget going down', async () => {
    await nav().getByRole('link', { name: 'Private export', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Private export');
    const remaining = page.getByTestId('remaining-registry');
    await expect.poll(() => remaining.textContent()).toBe('10 of 10');
    await page.getByLabel('ε (epsilon)').fill('1');
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await page.getByText(/^Release dpr_/).waitFor();
    await page.getByText('Error bound (95%)').waitFor();
    await expect.poll(() => remaining.textContent()).toBe('9 of 10');
    await s.shot('dp-export');
  });

  it('creates an incident from an alert and keeps the link', async () => {
    const token = ((await (await post('/api/v1/tokens', { name: 'shipper', scopes: ['ingest'] })).json()) as { token: string }).token;
    const pushed = await fetch(`${base}/api/v1/events?format=cloudtrail`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: stopLogging() });
    expect(pushed.status).toBe(200);
    const alerts = ((await (await page.request.get(`${base}/api/v1/alerts`)).json()) as { alerts: Array<{ id: string }> }).alerts;
    const alertId = alerts[0]!.id;
    await page.goto(`${base}/alerts/${alertId}`);
    await page.getByRole('button', { name: 'Create incident from alert' }).click();
    await page.waitForURL(/\/incidents\/inc_/);
    await page.getByRole('link', { name: alertId }).waitFor();
    await s.shot('incident-from-alert');
    expect(s.problems).toEqual([]);
  });
});
