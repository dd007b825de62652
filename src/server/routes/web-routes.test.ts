import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security-headers.js';
import { signIn, testServer, type TestServer } from '../test-support.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

let s: TestServer | undefined;
let dist: string | undefined;
afterEach(async () => {
  await s?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
  s = undefined;
  dist = undefined;
});

/** A server over a fake web/dist with an index page and one hashed asset. */
async function withDist(): Promise<TestServer> {
  dist = mkdtempSync(join(tmpdir(), 'lw-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("dashboard")');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  s = await testServer({ webDir: dist });
  return s;
}

describe('when the dashboard is built', () => {
  it('serves index.html for dashboard paths, without a session, under the strict CSP', async () => {
    const server = await withDist();
    for (const url of ['/', '/alerts', '/alerts/al_0123456789abcdef0123', '/setup?token=abc', '/ledger', '/settings/tokens']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode, body: res.body }).toEqual({ url, status: 200, body: INDEX });
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable and other files as revalidated', async () => {
    const server = await withDist();
    const js = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log("dashboard")');
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    const icon = await server.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing asset instead of the page', async () => {
    const server = await withDist();
    for (const url of ['/assets/gone-123.js', '/favicon.ico']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 404, code: 'SERVER_NOT_FOUND' });
    }
  });

  it('never answers API, ledger, metrics or health paths with the dashboard', async () => {
    const server = await withDist();
    for (const url of ['/api/v1/nope', '/api/v1/alerts/x/y', '/ledger/tile/0/000', '/metrics/x', '/healthz/x', '/openapi.json/x']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 404, code: 'SERVER_NOT_FOUND' });
    }
    // Real routes keep their own access rules.
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    const admin = await signIn(server);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).json()).toHaveProperty('users');
  });

  it('does not serve files outside web/dist', async () => {
    const server = await withDist();
    writeFileSync(join(dist!, '..', 'lw-web-secret.txt'), 'TOP-SECRET-CONTENT-42');
    try {
      for (const url of ['/../lw-web-secret.txt', '/%2e%2e/lw-web-secret.txt', '/assets/..%2f..%2flw-web-secret.txt']) {
        const res = await server.app.inject({ method: 'GET', url });
        expect({ url, leaked: res.body.includes('TOP-SECRET-CONTENT-42') }).toEqual({ url, leaked: false });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }
    } finally {
      rmSync(join(dist!, '..', 'lw-web-secret.txt'), { force: true });
    }
  });
});

describe('when the dashboard is not built', () => {
  it('answers 503 SERVER_WEB_NOT_BUILT telling to run npm run build', async () => {
    dist = mkdtempSync(join(tmpdir(), 'lw-web-empty-'));
    s = await testServer({ webDir: join(dist, 'missing') });
    const res = await s.app.inject({ method: 'GET', url: '/alerts' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SERVER_WEB_NOT_BUILT', message: expect.stringContaining('npm run build') });
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
