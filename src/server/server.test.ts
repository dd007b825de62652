import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { ADMIN, signIn, testPlatform, testServer, type TestServer } from './test-support.js';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => {
  await s.close();
});

const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  // The dashboard's files (web/dist) and its index.html fallback: only the built
  // bundle, no data; it refuses /api/, /ledger/, /metrics and the like (web-routes.test.ts).
  'GET /*',
];

describe('the route table of the whole platform', () => {
  // The full platform (events, alerts, ledger routes too), not the core server alone.
  let full: Awaited<ReturnType<typeof testPlatform>>;
  let t: TestServer;
  beforeEach(async () => {
    full = await testPlatform();
    t = { app: full.platform.app, routes: full.platform.routes, ctx: full.platform.ctx } as unknown as TestServer;
  });
  afterEach(async () => {
    await full.close();
  });

  it('leaves only health, the setup link, login and the dashboard bundle open', () => {
    const open = t.routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 AUTH_REQUIRED on every other route without credentials', async () => {
    const closed = t.routes.filter((r) => r.access !== 'public');
    expect(closed.length).toBeGreaterThan(25);
    for (const r of closed) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, 'x'), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect({ route: `${r.method} ${r.url}`, status: res.statusCode, code: res.json().code }).toEqual({ route: `${r.method} ${r.url}`, status: 401, code: 'AUTH_REQUIRED' });
    }
  });

  it('answers 403 AUTH_FORBIDDEN to a viewer on every route that needs more than read', async () => {
    const admin = await signIn(t);
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'vera', password: 'viewer password 123', role: 'viewer' } });
    const viewer = await signIn(t, { username: 'vera', password: 'viewer password 123' });
    const stronger = t.routes.filter((r) => r.access !== 'public' && r.access !== 'read');
    expect(stronger.length).toBeGreaterThan(4);
    for (const r of stronger) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, 'x'), headers: viewer.headers, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect({ route: `${r.method} ${r.url}`, status: res.statusCode, code: res.json().code }).toEqual({ route: `${r.method} ${r.url}`, status: 403, code: 'AUTH_FORBIDDEN' });
    }
  });
});

describe('first-run setup', () => {
  it('creates the first admin once with the one-time token, then refuses the token', async () => {
    const token = (await s.ctx.accounts.createSetupToken(s.ctx.now()))!;
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/setup?token=${token}` })).json()).toEqual({ needed: true, valid: true });
    const first = await s.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, ...ADMIN } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ username: 'admin', role: 'admin' });
    expect(first.json()).not.toHaveProperty('passwordHash');
    const again = await s.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'mallory', password: 'another long password' } });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('AUTH_SETUP_INVALID');
    expect(s.audit.map((a) => a.kind)).toContain('account.setup');
  });

  it('refuses an expired token and a weak password', async () => {
    const token = (await s.ctx.accounts.createSetupToken(s.ctx.now()))!;
    const weak = await s.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'admin', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('AUTH_PASSWORD_WEAK');
    s.advance(16 * 60_000);
    const late = await s.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, ...ADMIN } });
    expect(late.json().code).toBe('AUTH_SETUP_INVALID');
  });
});

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite=Strict cookie and signs the user in', async () => {
    await signIn(s);
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
    const c = res.cookies.find((x) => x.name === 'lw_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `lw_session=${c.value}` } });
    expect(me.json()).toMatchObject({ kind: 'user', name: 'admin', permissions: expect.arrayContaining(['admin', 'ledger']) });
    expect(s.audit.filter((a) => a.kind === 'auth.login')).toHaveLength(2);
  });

  it('refuses a state-changing request without the session CSRF token', async () => {
    const { cookie, csrf } = await signIn(s);
    const without = await s.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload: { name: 'x', scopes: ['read'] } });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('AUTH_CSRF');
    const wrong = await s.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, 'x-csrf-token': csrf + 'x' }, payload: { name: 'x', scopes: ['read'] } });
    expect(wrong.json().code).toBe('AUTH_CSRF');
  });

  it('locks an account after five wrong passwords, and says so even for the right one', async () => {
    await signIn(s);
    for (let i = 0; i < 5; i++) {
      const res = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: `wrong password ${i}` }, remoteAddress: `10.0.0.${i}` });
      expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const locked = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN, remoteAddress: '10.0.1.1' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('AUTH_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(s.audit.filter((a) => a.kind === 'auth.login_failed').length).toBeGreaterThanOrEqual(6);
    s.advance(16 * 60_000);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN, remoteAddress: '10.0.1.1' })).statusCode).toBe(200);
  });

  it('ends a session after the idle timeout and at logout', async () => {
    const a = await signIn(s);
    s.advance(3 * 3600_000);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: a.headers })).statusCode).toBe(401);
    const b = await signIn(s);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: b.headers })).statusCode).toBe(204);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: b.headers })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows a token once, stores only its hash, and grants only its scopes', async () => {
    const admin = await signIn(s);
    const created = await s.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'shipper', scopes: ['ingest'] } });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json() as { token: string; record: { id: string } };
    expect(token).toMatch(/^lwt_[A-Za-z0-9_-]{43}$/);
    const list = await s.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers });
    expect(list.body).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).json().code).toBe('AUTH_FORBIDDEN');
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).json().code).toBe('AUTH_FORBIDDEN');
    await s.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${record.id}`, headers: admin.headers });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).json().code).toBe('AUTH_REQUIRED');
    expect(s.audit.map((a) => a.kind)).toEqual(expect.arrayContaining(['token.created', 'token.revoked']));
  });

  it('lets a read token fetch metrics and the OpenAPI 3.1 document', async () => {
    const admin = await signIn(s);
    const { token } = (await s.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'prometheus', scopes: ['read'] } })).json() as { token: string };
    const metrics = await s.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('leakwatch_http_request_duration_seconds_bucket');
    const doc = (await s.app.inject({ method: 'GET', url: '/openapi.json', headers: { authorization: `Bearer ${token}` } })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/scans', '/api/v1/tokens']));
  });
});

describe('users', () => {
  it('will not demote the last admin, and ends sessions when a role changes', async () => {
    const admin = await signIn(s);
    const me = (await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: admin.headers })).json() as { user: { id: string } };
    const demote = await s.app.inject({ method: 'PATCH', url: `/api/v1/users/${me.user.id}`, headers: admin.headers, payload: { role: 'viewer' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('AUTH_LAST_ADMIN');
    const created = await s.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'li.wei', password: 'triage team pass 7', role: 'analyst' } });
    expect(created.statusCode).toBe(201);
    const ana = created.json() as { id: string };
    const session = await signIn(s, { username: 'li.wei', password: 'triage team pass 7' });
    await s.app.inject({ method: 'PATCH', url: `/api/v1/users/${ana.id}`, headers: admin.headers, payload: { role: 'viewer' } });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
    expect(s.audit.find((a) => a.kind === 'account.updated')?.data).toMatchObject({ changes: { role: { from: 'analyst', to: 'viewer' } } });
  });
});

describe('bad requests', () => {
  it('answers malformed JSON, unknown fields, a wrong content type and an oversize body with codes', async () => {
    const admin = await signIn(s);
    const bad = await s.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"username": ' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const extra = await s.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'x', scopes: ['read'], admin: true } });
    expect([extra.statusCode, extra.json().code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const type = await s.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: 'a,b' });
    expect([type.statusCode, type.json().code]).toEqual([415, 'SERVER_UNSUPPORTED_MEDIA_TYPE']);
    const big = await s.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'x'.repeat(2 * 1024 * 1024), password: 'p', role: 'viewer' } });
    expect([big.statusCode, big.json().code]).toEqual([413, 'SERVER_PAYLOAD_TOO_LARGE']);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).json().users).toHaveLength(1);
  });

  it('answers an unknown route with SERVER_NOT_FOUND and sends security headers', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect([res.statusCode, res.json().code]).toEqual([404, 'SERVER_NOT_FOUND']);
    const health = await s.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(health.headers['content-security-policy']).toContain("script-src 'self'");
    expect(health.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('scans over HTTP', () => {
  const ID = '11010519491231002X';

  function multipart(name: string, content: string): { payload: string; headers: Record<string, string> } {
    const boundary = '----leakwatchtest';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`;
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  it('scans an upload, returns a redacted report under the upload name, and deletes the upload', async () => {
    const admin = await signIn(s);
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('leakwatch-upload-')).length;
    const body = multipart('patients.csv', `name,身份证号\n张三,${ID}\n`);
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/scans?wait=30', headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(200);
    const job = res.json() as { status: string; report: { findings: Array<{ type: string; path: string; preview: string }> } };
    expect(job.status).toBe('done');
    expect(job.report.findings[0]).toMatchObject({ type: 'cn_resident_id', path: 'patients.csv', preview: '1101**********002X' });
    expect(res.body).not.toContain(ID);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('leakwatch-upload-')).length).toBe(before);
  });

  it('scans a server path only inside an allowed folder', async () => {
    const allowed = join(mkdtempSync(join(tmpdir(), 'lw-share-')), 'share');
    mkdirSync(allowed);
    writeFileSync(join(allowed, 'memo.txt'), `身份证号 ${ID}\n`);
    await s.close();
    s = await testServer({ scanRoots: [allowed] });
    onTestFinished(() => rmSync(join(allowed, '..'), { recursive: true, force: true }));
    const admin = await signIn(s);
    const outside = await s.app.inject({ method: 'POST', url: '/api/v1/scans', headers: admin.headers, payload: { path: '/etc/passwd' } });
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'SERVER_PATH_NOT_ALLOWED']);
    const sneaky = await s.app.inject({ method: 'POST', url: '/api/v1/scans', headers: admin.headers, payload: { path: join(allowed, '..', '..') } });
    expect(sneaky.json().code).toBe('SERVER_PATH_NOT_ALLOWED');
    const ok = await s.app.inject({ method: 'POST', url: '/api/v1/scans?wait=30', headers: admin.headers, payload: { path: join(allowed, 'memo.txt') } });
    expect(ok.json()).toMatchObject({ status: 'done', report: { stats: { findings: 1 } } });
    expect(existsSync(join(allowed, 'memo.txt'))).toBe(true);
  });
});
