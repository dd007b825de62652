import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, withTempDir } from '../support/cli.js';

describe('leakwatch serve', () => {
  it('starts on a fresh data folder, prints a one-time setup link that creates the admin once, and stops on SIGTERM', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data');
      const server = startCli(['serve', '--data', data, '--port', '0', '--quiet']);
      try {
        const [, base, token] = await server.waitFor(/(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([A-Za-z0-9_-]{43})/);
        expect(statSync(data).mode & 0o777).toBe(0o700);
        expect(statSync(join(data, 'salt')).mode & 0o777).toBe(0o600);
        expect(existsSync(join(data, 'leakwatch.db'))).toBe(true);
        const health = await fetch(`${base}/healthz`);
        expect(await health.json()).toMatchObject({ status: 'ok' });
        expect((await fetch(`${base}/api/v1/users`)).status).toBe(401);
        const setup = (body: object) => fetch(`${base}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const created = await setup({ token, username: 'admin', password: 'correct horse battery staple' });
        expect(created.status).toBe(201);
        expect((await setup({ token, username: 'second', password: 'another long password' })).status).toBe(403);
        const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'correct horse battery staple' }) });
        expect(login.status).toBe(200);
        expect(login.headers.get('set-cookie')).toMatch(/lw_session=.*HttpOnly.*SameSite=Strict/i);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(server.output()).not.toContain('password');
    });
  });
});
