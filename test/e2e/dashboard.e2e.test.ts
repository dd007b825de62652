// The dashboard end to end, in Debian's Chromium driven by playwright-core: a
// real server on a fresh data directory serving the built web/dist, the
// one-time setup link, sign-in, every page, a scan upload, the token secret shown
// once, and the switch to Chinese. Screenshots of each page go to test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, HAS_CHROMIUM, openSession, type Session } from './browser.js';
import { stopLoggingRecord } from '../support/cloudtrail.js';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

describe.skipIf(!HAS_CHROMIUM)(browserSuite('the dashboard in Chromium'), () => {
  let s: Session;
  let page: Page;
  let base: string;
  let setupToken: string;

  const shot = (name: string) => s.shot(name);
  const heading = () => page.getByRole('heading', { level: 1 });
  /** Every panel answered (data or error). Not networkidle: the alerts stream stays open. */
  const settled = () => expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count(), { timeout: 15_000 }).toBe(0);
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  /** The session's CSRF token, as the dashboard reads it. */
  const csrf = async () => ((await (await page.request.get(`${base}/api/v1/auth/me`)).json()) as { csrfToken: string }).csrfToken;

  beforeAll(async () => {
    s = await openSession();
    ({ page, base } = s);
    // What `leakwatch serve` prints on a first start: /setup?token=...
    setupToken = (await s.platform.ctx.accounts.createSetupToken(Date.now()))!;
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('creates the first admin through the one-time setup link', async () => {
    await page.goto(`${base}/setup?token=${setupToken}`);
    await expect.poll(() => heading().textContent()).toBe('Create the first administrator');
    await page.getByLabel('User name').fill(ADMIN.username);
    await page.getByLabel('Display name (optional)').fill('Ada Admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat the password').fill(ADMIN.password);
    await shot('setup');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByText('Account admin was created').waitFor();
    // The spent token leaves the address bar.
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(page.url()).not.toContain(setupToken);
  });

  it('refuses the setup link a second time', async () => {
    await page.goto(`${base}/setup?token=${setupToken}`);
    await page.getByText('Setup is already done.').waitFor();
  });

  it('signs in and lands on the overview', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByLabel('User name').fill(ADMIN.username);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The user name or the password is wrong.').waitFor();
    await shot('login');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading().textContent()).toBe('Overview');
    expect(new URL(page.url()).pathname).toBe('/');
    // The session cookie is HttpOnly: the page cannot read it.
    expect(await page.evaluate<string>('document.cookie')).not.toContain('lw_session');
  });

  it.each([
    { link: 'Overview', heading: 'Overview', path: '/', name: 'overview' },
    { link: 'Alerts', heading: 'Alerts', path: '/alerts', name: 'alerts' },
    { link: 'Scans', heading: 'Scans', path: '/scans', name: 'scans' },
    { link: 'Ledger', heading: 'Audit ledger', path: '/ledger', name: 'ledger' },
    { link: 'Settings', heading: 'Settings', path: '/settings', name: 'settings' },
  ])('opens $link from the navigation without a page load', async ({ link, heading: text, path, name }) => {
    const marker = await page.evaluate<number>('window.__lwMarker = Math.random()');
    await nav().getByRole('link', { name: link, exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe(text);
    expect(new URL(page.url()).pathname).toBe(path);
    await expect.poll(() => nav().getByRole('link', { name: link, exact: true }).getAttribute('aria-current')).toBe('page');
    // Same document: the client-side router moved, the page did not reload.
    expect(await page.evaluate<number>('window.__lwMarker')).toBe(marker);
    await settled();
    await shot(name);
  });

  it('serves a page by its address too (reload and deep link)', async () => {
    await page.goto(`${base}/settings/users`);
    await expect.poll(() => heading().textContent()).toBe('Settings');
    await page.getByRole('row', { name: /admin/ }).first().waitFor();
    await shot('settings-users');
  });

  it('shows a new API token secret once, with a copy button', async () => {
    await page.goto(`${base}/settings/tokens`);
    await page.getByLabel('Name').fill('e2e shipper');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.locator('#token-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^lwt_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    await shot('settings-token-secret');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expect.poll(() => secret.count()).toBe(0);
    await page.getByRole('row', { name: /e2e shipper/ }).waitFor();
  });

  it('scans an uploaded file and shows only masked findings with the PIPL class', async () => {
    await nav().getByRole('link', { name: 'Scans', exact: true }).click();
    const rawId = '11010519491231002X';
    const csv = `name,id_number,mobile\n张三,${rawId},13812345678\n`;
    await page.locator('input[type=file]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const findings = page.getByRole('table', { name: 'Findings with masked previews' });
    await findings.waitFor({ timeout: 45_000 });
    const idRow = findings.getByRole('row', { name: /Resident ID number/ });
    await idRow.waitFor();
    const preview = (await idRow.locator('code.preview').textContent()) ?? '';
    expect(preview).toContain('*');
    expect(preview).not.toBe(rawId);
    expect(await page.content()).not.toContain(rawId);
    await page.getByText('Sensitive personal').first().waitFor();
    await page.getByText('Result for customers.csv').waitFor();
    await shot('scans-result');
  });

  it('speaks Simplified Chinese when switched, and remembers it', async () => {
    await page.getByLabel('Language').first().selectOption('zh-CN');
    await expect.poll(() => heading().textContent()).toBe('扫描');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '概览' }).click();
    await expect.poll(() => heading().textContent()).toBe('概览');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
    await page.reload();
    await expect.poll(() => heading().textContent()).toBe('概览');
    await settled();
    await shot('overview-zh');
    await page.goto(`${base}/settings/users`);
    await expect.poll(() => heading().textContent()).toBe('设置');
    await shot('settings-zh');
    await page.getByLabel('语言').first().selectOption('en');
    await expect.poll(() => heading().textContent()).toBe('Settings');
  });

  it('shows an alert live when events are posted over the API, and records its triage on the ledger', async () => {
    // A log shipper's token, made through the API as an admin would.
    const { token } = (await (await page.request.post(`${base}/api/v1/tokens`, { headers: { 'x-csrf-token': await csrf() }, data: { name: 'e2e cloudtrail', scopes: ['ingest'] } })).json()) as { token: string };
    await nav().getByRole('link', { name: 'Alerts', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Alerts');
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    const marker = await page.evaluate<number>('window.__lwMarker = Math.random()');
    const table = page.getByRole('table', { name: 'Alerts, newest first' });
    const before = await table.locator('tbody tr').count();
    // CloudTrail logging switched off: a rule of the shipped pack.
    const res = await fetch(`${base}/api/v1/events?format=cloudtrail`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: stopLoggingRecord('e2e-mallory', 2) });
    expect(await res.json()).toMatchObject({ accepted: 1 });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    const row = table.getByRole('row', { name: /e2e-mallory/ }).first();
    await row.waitFor();
    // It came over the stream: the page never reloaded.
    expect(await page.evaluate<number>('window.__lwMarker')).toBe(marker);
    await shot('alerts-live-real');
    await row.getByRole('link').first().click();
    await expect.poll(() => heading().textContent()).not.toBe('Alerts');
    await page.getByText('Why it fired').waitFor();
    await page.getByLabel('Comment').fill('Checked with the cloud team');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Checked with the cloud team').waitFor({ timeout: 15_000 });
    await shot('alert-detail-real');
    await s.platform.ctx.ledger.log.integrateAll();
    await nav().getByRole('link', { name: 'Ledger', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Audit ledger');
    await page.getByRole('cell', { name: 'Alert triaged' }).first().waitFor({ timeout: 15_000 });
    await page.getByRole('cell', { name: 'Alert raised' }).first().waitFor();
    await shot('ledger-real');
  });

  it('signs out and back to the sign-in form', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => heading().textContent()).toBe('Sign in to Leakwatch');
    await page.goto(`${base}/alerts`);
    await expect.poll(() => heading().textContent()).toBe('Sign in to Leakwatch');
  });

  it('ran under the CSP without a violation or a page error', () => {
    expect(s.problems).toEqual([]);
  });
});
