import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { SqliteStore } from '../../src/store/index.js';
import { ROOT, runCli, withTempDir } from '../support/cli.js';

interface Summary {
  files: Array<{ path: string; format?: string; gzip: boolean; records: number; events: number; duplicates: number; dead_letter: number; reasons: Record<string, number>; skipped?: string }>;
  sources: Array<{ stream: string; events: number; duplicates: number }>;
  total: { records: number; events: number; duplicates: number; dead_letter: number };
}

function record(n: number, account = '111122223333'): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    eventID: `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2026, 0, 10, 8, 0, n)).toISOString(),
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'ap-east-1',
    sourceIPAddress: '203.0.113.10',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${account}:user/li.wei`, accountId: account, userName: 'li.wei' },
    requestParameters: { bucketName: 'acme-hr', key: `payroll/${n}.csv` },
    additionalEventData: { bytesTransferredOut: 1000 + n },
    recipientAccountId: account,
    eventCategory: 'Data',
  };
}

/** A CloudTrail folder as AWS delivers it: gzip {"Records":[...]} files by account/region/date, plus a digest. */
async function cloudTrailFolder(dir: string): Promise<string> {
  const logs = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'ap-east-1', '2026', '01', '10');
  await mkdir(logs, { recursive: true });
  await writeFile(join(logs, '111122223333_CloudTrail_ap-east-1_20260110T0800Z_a.json.gz'), gzipSync(JSON.stringify({ Records: [1, 2, 3].map((n) => record(n)) })));
  await writeFile(join(logs, '111122223333_CloudTrail_ap-east-1_20260110T0805Z_b.json.gz'), gzipSync(JSON.stringify({ Records: [4, 5].map((n) => record(n)) })));
  const digest = join(dir, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'ap-east-1', '2026', '01', '10');
  await mkdir(digest, { recursive: true });
  await writeFile(join(digest, 'digest.json.gz'), gzipSync(JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2026-01-10T07:00:00Z', digestEndTime: '2026-01-10T08:00:00Z', logFiles: [] })));
  return join(dir, 'AWSLogs');
}

describe('leakwatch ingest', () => {
  it('ingests a folder of CloudTrail logs, and a second time finds only duplicates', async () => {
    await withTempDir(async (dir) => {
      const logs = await cloudTrailFolder(dir);
      const data = join(dir, 'data');
      const r = await runCli(['ingest', '--data', data, '--json', logs]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout) as Summary;
      expect(s.total).toEqual({ records: 5, events: 5, duplicates: 0, dead_letter: 0 });
      expect(s.files).toHaveLength(3);
      expect(s.files.filter((f) => f.format === 'cloudtrail').every((f) => f.gzip)).toBe(true);
      expect(s.files.find((f) => f.path.includes('Digest'))?.skipped).toContain('digest');
      expect(s.sources).toEqual([expect.objectContaining({ stream: 'cloudtrail:111122223333', events: 5 })]);
      const again = JSON.parse((await runCli(['ingest', '--data', data, '--json', logs])).stdout) as Summary;
      expect(again.total).toEqual({ records: 5, events: 0, duplicates: 5, dead_letter: 0 });
    });
  });

  it('prints a per-source table with dead letters by reason, exits 0, and keeps the data folder out of the walk', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'trail.jsonl'), [JSON.stringify(record(1)), '{"eventName": oops', JSON.stringify({ ...record(2), eventTime: '2099-01-01T00:00:00Z' })].join('\n'));
      const r = await runCli(['ingest', '.'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/cloudtrail:111122223333\s+1\s+0\s+2026-01-10T08:00:01Z/);
      expect(r.stdout).toContain('2 dead-lettered (EVENTS_PARSE_FAILED ×1, EVENTS_TIME_OUT_OF_RANGE ×1)');
      expect(r.stdout).toContain(`3 records: 1 new events, 0 duplicates, 2 dead-lettered → ${join(dir, 'data', 'leakwatch.db')}`);
      // ./data (the default) now holds the store; ingesting "." again must not read it.
      const again = JSON.parse((await runCli(['ingest', '--json', '.'], { cwd: dir })).stdout) as Summary;
      expect(again.files.map((f) => f.path)).toEqual(['trail.jsonl']);
    });
  });

  it('uses LEAKWATCH_DATA unless --data is given, and reads stdin for "-"', async () => {
    await withTempDir(async (dir) => {
      const env = { LEAKWATCH_DATA: join(dir, 'env-data') };
      const lines = `${JSON.stringify(record(7))}\n`;
      const viaEnv = JSON.parse((await runCli(['ingest', '--json', '-'], { env, stdin: lines })).stdout) as Summary;
      expect(viaEnv.total.events).toBe(1);
      expect(await readFile(join(dir, 'env-data', 'leakwatch.db'))).toBeDefined();
      const viaFlag = JSON.parse((await runCli(['ingest', '--json', '--data', join(dir, 'flag-data'), '-'], { env, stdin: lines })).stdout) as Summary;
      expect(viaFlag.total.events).toBe(1);
      const again = JSON.parse((await runCli(['ingest', '--json', '-'], { env, stdin: lines })).stdout) as Summary;
      expect(again.total).toMatchObject({ events: 0, duplicates: 1 });
    });
  });

  it('exits 2 with a clear message for a missing path, jsonl without a mapping, and a broken mapping', async () => {
    await withTempDir(async (dir) => {
      const missing = await runCli(['ingest', '--data', join(dir, 'd'), join(dir, 'nope.json')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('EVENTS_PATH_NOT_FOUND');
      const noMap = await runCli(['ingest', '--data', join(dir, 'd'), '--format', 'jsonl', dir]);
      expect(noMap.code).toBe(2);
      expect(noMap.stderr).toContain('--mapping');
      await writeFile(join(dir, 'map.yaml'), 'time: ts\naction: op\nchannel: teleport\n');
      const bad = await runCli(['ingest', '--data', join(dir, 'd'), '--format', 'jsonl', '--mapping', join(dir, 'map.yaml'), dir]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('EVENTS_MAPPING_INVALID');
      expect(bad.stderr).toContain('channel: unknown channel "teleport"');
    });
  });

  it('reads generic JSONL with a mapping', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'map.yaml'), 'name: dlp\ntime: ts\naction: op\nchannel: { field: op, map: { copy_to_usb: removable_media } }\nactor: { user: user }\ndestination: { device: usb.serial }\n');
      await writeFile(join(dir, 'dlp.jsonl'), `${JSON.stringify({ ts: '2026-01-10T09:00:00Z', op: 'copy_to_usb', user: 'Li.Wei@Example.com', usb: { serial: 'SN123' } })}\n`);
      const data = join(dir, 'd');
      const r = await runCli(['ingest', '--data', data, '--json', '--format', 'jsonl', '--mapping', join(dir, 'map.yaml'), join(dir, 'dlp.jsonl')]);
      expect((JSON.parse(r.stdout) as Summary).total.events).toBe(1);
      const out = await runCli(['events', '--data', data]);
      expect(JSON.parse(out.stdout.trim())).toMatchObject({ source: 'jsonl', channel: 'removable_media', actor: { user: 'li.wei@example.com' }, destination: { device: 'SN123' }, tenant: 'dlp' });
    });
  });

  it('exports stored events as OCSF', async () => {
    await withTempDir(async (dir) => {
      const logs = await cloudTrailFolder(dir);
      const data = join(dir, 'data');
      await runCli(['ingest', '--data', data, logs]);
      const r = await runCli(['events', '--data', data, '--format', 'ocsf', '--limit', '2']);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ class_uid: 6003, class_name: 'API Activity', activity_id: 2, api: { operation: 'GetObject' }, unmapped: { leakwatch_channel: 'download' } });
    });
  });

  it('follows a log across rotation and prints the summary when stopped', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'live.jsonl');
      await writeFile(file, `${JSON.stringify(record(1))}\n`);
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/main.ts'), 'ingest', '--data', join(dir, 'd'), '--json', '--follow', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number>((res) => child.on('close', (code) => res(code ?? -1)));
      const stored = async (n: number) => {
        for (let i = 0; i < 300; i++) {
          if (existsSync(join(dir, 'd', 'leakwatch.db'))) {
            const store = SqliteStore.open(join(dir, 'd', 'leakwatch.db'), { readonly: true });
            const count = await store.countEvents().finally(() => store.close());
            if (count >= n) return count;
          }
          await sleep(100);
        }
        throw new Error(`the follower did not store ${n} events: ${stderr}`);
      };
      expect(await stored(1)).toBe(1);
      await appendFile(file, `${JSON.stringify(record(2))}\n`);
      expect(await stored(2)).toBe(2);
      await rename(file, `${file}.1`);
      await writeFile(file, `${JSON.stringify(record(3))}\n${JSON.stringify(record(4))}\n`);
      expect(await stored(4)).toBe(4);
      expect(stderr).toContain('following');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const s = JSON.parse(stdout) as Summary;
      expect(s.total).toMatchObject({ events: 4, dead_letter: 0 });
    });
  }, 60_000);
});
