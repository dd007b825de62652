import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../../../test/support/cli.js';
import { openStore, type AlertRecord } from '../../store/index.js';
import { parseSince } from './alerts.js';

const NOW = Date.now();

function alert(id: string, over: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    actor: 'ann@corp.example',
    start: NOW - 3_600_000,
    end: NOW - 1_800_000,
    severity: 'high',
    score: 78,
    channel: 'mail_forward',
    detector: 'mail.forward_external',
    kind: 'rule',
    title: 'Mail forwarded to an outside address',
    reasons: ['ann@corp.example set mail forwarding to ann.private@gmail.com'],
    explanation: { rule: 'mail.forward_external' },
    evidence: ['m365:abc'],
    status: 'open',
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

async function seed(dir: string, alerts: AlertRecord[]): Promise<void> {
  const store = await openStore(dir);
  try {
    await store.saveAlerts(alerts);
  } finally {
    await store.close();
  }
}

describe('leakwatch alerts', () => {
  it('prints {"alerts":[...]} with id, actor, start, end, severity, score, channel and reasons, and exits 1', async () => {
    await withTempDir(async (dir) => {
      await seed(dir, [alert('al_one'), alert('al_old', { start: NOW - 10 * 86_400_000, end: NOW - 9 * 86_400_000, severity: 'medium', score: 50 })]);
      const r = await runCli(['alerts', '--data', dir, '--format', 'json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { alerts: Record<string, unknown>[] };
      expect(out.alerts.map((a) => a['id'])).toEqual(['al_one', 'al_old']);
      const a = out.alerts[0]!;
      for (const k of ['id', 'actor', 'start', 'end', 'severity', 'score', 'channel', 'reasons']) expect(a).toHaveProperty(k);
      expect(a['start']).toBe(NOW - 3_600_000);
      expect(a['reasons']).toEqual(['ann@corp.example set mail forwarding to ann.private@gmail.com']);
    });
  });

  it('filters with --since and writes JSON Lines', async () => {
    await withTempDir(async (dir) => {
      await seed(dir, [alert('al_one'), alert('al_old', { start: NOW - 10 * 86_400_000, end: NOW - 9 * 86_400_000 })]);
      const r = await runCli(['alerts', '--data', dir, '--format', 'jsonl', '--since', '2d']);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect((JSON.parse(lines[0]!) as { id: string }).id).toBe('al_one');
    });
  });

  it('prints a table with severity, actor, channel and the first reason', async () => {
    await withTempDir(async (dir) => {
      await seed(dir, [alert('al_one')]);
      const r = await runCli(['alerts', '--data', dir, '--format', 'table']);
      expect(r.stdout).toMatch(/^SEVERITY/);
      expect(r.stdout).toMatch(/HIGH\s+78\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+ann@corp\.example\s+mail_forward\s+set mail forwarding to ann\.private@gmail\.com/);
      expect(r.stdout).toMatch(/1 alert\n$/);
    });
  });

  it('exits 0 with an empty list when there are no alerts', async () => {
    await withTempDir(async (dir) => {
      await seed(dir, []);
      const r = await runCli(['alerts', '--data', dir, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ alerts: [] });
    });
  });

  it('exits 2 with a clear message when the data folder holds no store', async () => {
    await withTempDir(async (dir) => {
      const r = await runCli(['alerts', '--data', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no Leakwatch store in/);
    });
  });

  it('rejects a --since it cannot read', async () => {
    await withTempDir(async (dir) => {
      await seed(dir, []);
      const r = await runCli(['alerts', '--data', dir, '--since', 'yesterday-ish']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--since must be/);
    });
  });
});

describe('after leakwatch ingest', () => {
  it('lists the alerts detection raised on the ingested events', async () => {
    await withTempDir(async (dir) => {
      const trail = {
        Records: [
          {
            eventVersion: '1.09',
            userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333', userName: 'mallory' },
            eventTime: '2024-05-06T02:00:00Z',
            eventSource: 'cloudtrail.amazonaws.com',
            eventName: 'StopLogging',
            awsRegion: 'ap-east-1',
            sourceIPAddress: '198.51.100.7',
            requestParameters: { name: 'arn:aws:cloudtrail:ap-east-1:111122223333:trail/main' },
            responseElements: null,
            eventID: '6f0c1a2b-0000-4000-8000-000000000001',
            eventType: 'AwsApiCall',
            recipientAccountId: '111122223333',
          },
        ],
      };
      await writeFile(join(dir, 'trail.json'), JSON.stringify(trail));
      const ingest = await runCli(['ingest', '--data', join(dir, 'data'), '--json', join(dir, 'trail.json')]);
      expect(ingest.code, ingest.stderr).toBe(0);
      const r = await runCli(['alerts', '--data', join(dir, 'data'), '--format', 'json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { alerts: { detector: string; actor: string; evidence: string[] }[] };
      expect(out.alerts).toHaveLength(1);
      expect(out.alerts[0]).toMatchObject({ detector: 'aws.audit_logging_stopped', actor: 'arn:aws:iam::111122223333:user/mallory' });
      expect(out.alerts[0]!.evidence).toEqual(['cloudtrail:6f0c1a2b-0000-4000-8000-000000000001']);
    });
  });
});

describe('--since', () => {
  it('reads spans back from now, ISO times and epoch ms', () => {
    expect(parseSince('24h', 100_000_000)).toBe(100_000_000 - 86_400_000);
    expect(parseSince('2024-05-06T00:00:00Z')).toBe(Date.UTC(2024, 4, 6));
    expect(parseSince('1714953600000')).toBe(1714953600000);
  });
});
