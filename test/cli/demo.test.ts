import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, withTempDir } from '../support/cli.js';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };
// Someone's own CloudTrail: one StopLogging call.
const REAL_EVENT = JSON.stringify({
  Records: [{ eventVersion: '1.08', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/mallory', accountId: '123456789012', userName: 'mallory' }, eventTime: new Date(Date.now() - 60_000).toISOString(), eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.7', eventID: '3a4b5c6d-0000-4000-8000-00000000beef', eventType: 'AwsApiCall', recipientAccountId: '123456789012' }],
});

async function eventsStored(base: string, cookie: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/sources`, { headers: { cookie } });
  const body = (await res.json()) as { sources: { events: number }[] };
  return body.sources.reduce((n, s) => n + s.events, 0);
}

describe('leakwatch demo', () => {
  it('fills a fresh folder with a demo organisation, serves it with a setup link, keeps events and alerts coming, and stops on SIGTERM', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data');
      const demo = startCli(['demo', '--data', data, '--port', '0', '--days', '1', '--speed', '20', '--quiet']);
      try {
        const [, base, token] = await demo.waitFor(/(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([A-Za-z0-9_-]{43})/, 120_000);
        expect(demo.output()).toMatch(/Demo organisation: \d+ people, \d+ events over 1 day\./);
        expect(existsSync(join(data, 'demo.json'))).toBe(true);
        const json = { 'content-type': 'application/json' };
        expect((await fetch(`${base}/api/v1/setup`, { method: 'POST', headers: json, body: JSON.stringify({ token, ...ADMIN }) })).status).toBe(201);
        const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify(ADMIN) });
        expect(login.status).toBe(200);
        const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

        const before = await eventsStored(base!, cookie);
        expect(before).toBeGreaterThan(1000);
        // At 20 times the live pace a leak is planted within a second, then every 9 s.
        await demo.waitFor(/demo: planted mass download by \S+/, 30_000);
        let alerts: { detector: string }[] = [];
        for (let i = 0; i < 60 && !alerts.some((a) => a.detector === 'download.bulk'); i++) {
          await new Promise((r) => setTimeout(r, 500));
          alerts = ((await (await fetch(`${base}/api/v1/alerts?limit=500`, { headers: { cookie } })).json()) as { alerts: { detector: string }[] }).alerts;
        }
        expect(alerts.map((a) => a.detector)).toContain('download.bulk');
        expect(await eventsStored(base!, cookie)).toBeGreaterThan(before);
      } finally {
        expect(await demo.stop()).toBe(0);
      }
    });
  }, 180_000);

  it('refuses a data folder that holds events and is not a demo folder, and says so', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data');
      const ingested = await runCli(['ingest', '--data', data, '--no-progress', '-'], { stdin: REAL_EVENT });
      expect(ingested.code).toBe(0);
      const refused = await runCli(['demo', '--data', data, '--port', '0', '--days', '1']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/already holds 1 events and is not a demo directory/);
      expect(existsSync(join(data, 'demo.json'))).toBe(false);
    });
  }, 60_000);
});
