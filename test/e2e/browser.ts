// Shared set-up for the browser tests: Debian's Chromium through playwright-core
// with a fresh profile, a real server on a fresh data directory serving the built
// dashboard, and screenshots into test-artifacts/.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openPlatform, type Platform } from '../../src/server/index.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const WEB = join(ROOT, 'web');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A describe title that says why the block is skipped when Chromium is missing. */
export function browserSuite(title: string): string {
  return HAS_CHROMIUM ? title : `${title} (skipped: ${CHROMIUM} is missing; install it with apt-get install chromium)`;
}

/** Newest modification time of the files under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile()) latest = Math.max(latest, s.mtimeMs);
  }
  return latest;
}

/** Builds web/dist when it is missing or older than the dashboard's sources. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newest(join(WEB, 'src')), newest(join(WEB, 'public')), statSync(join(WEB, 'index.html')).mtimeMs, statSync(join(WEB, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}

export interface Session {
  readonly platform: Platform;
  readonly base: string;
  readonly browser: BrowserContext;
  readonly page: Page;
  /** CSP violations and uncaught page errors seen so far: a test expects none. */
  readonly problems: string[];
  /** Saves a full-page screenshot as test-artifacts/dashboard-<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server on a fresh data directory and opens Chromium (English UI) on a fresh profile. */
export async function openSession(): Promise<Session> {
  await ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-e2e-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'lw-e2e-chromium-'));
  const platform = await openPlatform({ config: { dataDir, host: '127.0.0.1', port: 0 }, salt: 'e2e-salt-0123456789abcdef' });
  const base = (await platform.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    viewport: { width: 1366, height: 900 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return {
    platform,
    base,
    browser,
    page,
    problems,
    shot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true })),
    close: async () => {
      await browser.close();
      await platform.close();
      for (const dir of [dataDir, profile]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the first admin with a setup token and signs in through the form. */
export async function setUpAndSignIn(s: Session, admin: { username: string; password: string }): Promise<void> {
  const token = (await s.platform.ctx.accounts.createSetupToken(Date.now()))!;
  const res = await fetch(`${s.base}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...admin }) });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  await s.page.goto(`${s.base}/login`);
  await s.page.getByLabel('User name').fill(admin.username);
  await s.page.getByLabel('Password').fill(admin.password);
  await s.page.getByRole('button', { name: 'Sign in' }).click();
  await s.page.getByRole('navigation', { name: 'Main' }).waitFor();
}
