import { describe, expect, it } from 'vitest';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { runCli, withTempDir } from '../support/cli.js';

// Public specimen values: the GB 11643-1999 example ID, a test mobile number, an
// AWS-format key that is not AWS's documented example.
const ID = '11010519491231002X';
const MOBILE = '13812345678';
const AWS_KEY = 'AKIAZ3MSJV4WDQXEBNRT';

interface JsonReport {
  findings: Array<Record<string, unknown> & { type: string; path: string; line: number; column: number; preview: string; fingerprint: string; value?: string }>;
  errors: Array<{ path: string; code: string; message: string }>;
  files: Array<{ path: string; pipl: string | null; bulk: boolean; types: Record<string, number> }>;
  stats: { findings: number; revealed: boolean; filesScanned: number };
}

describe('leakwatch scan', () => {
  it('exits 0 and reports nothing on clean files', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'notes.txt'), 'Quarterly planning notes.\nNothing sensitive here, order 2024-001.\n');
      const r = await runCli(['scan', dir, '--format', 'json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report.findings).toEqual([]);
      expect(report.stats.filesScanned).toBe(1);
    });
  });

  describe('when files hold personal data and secrets', () => {
    it('exits 1 and reports each with type, place, redacted preview and fingerprint, never the value', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'hr.txt'), `员工信息\n姓名：张三 身份证号：${ID}\n手机：${MOBILE}\n`);
        await writeFile(join(dir, 'deploy.env'), `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`);
        const r = await runCli(['scan', dir, '--format', 'json']);
        expect(r.code).toBe(1);
        const report = JSON.parse(r.stdout) as JsonReport;
        const id = report.findings.find((f) => f.type === 'cn_resident_id');
        expect(id).toMatchObject({ category: 'pii', pipl: 'sensitive_personal', path: `${dir}/hr.txt`, line: 2, column: 12, confidence: 'high', preview: '1101**********002X' });
        expect(id?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
        expect(report.findings.find((f) => f.type === 'cn_mobile')).toMatchObject({ line: 3, column: 4 });
        expect(report.findings.some((f) => f.category === 'secret' && f.path.endsWith('deploy.env'))).toBe(true);
        expect(r.stdout).not.toContain(ID);
        expect(r.stdout).not.toContain(MOBILE);
        expect(r.stdout).not.toContain(AWS_KEY);
        expect(report.stats.revealed).toBe(false);
        expect(report.files.find((f) => f.path.endsWith('hr.txt'))).toMatchObject({ pipl: 'sensitive_personal', bulk: false });
      });
    });

    it('includes raw values only with --reveal, and says so', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `身份证 ${ID}\n`);
        const r = await runCli(['scan', dir, '--format', 'json', '--reveal']);
        const report = JSON.parse(r.stdout) as JsonReport;
        expect(report.findings[0]?.value).toBe(ID);
        expect(report.stats.revealed).toBe(true);
      });
    });

    it('gives equal fingerprints for equal values under one salt, and different ones under another', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `手机 ${MOBILE}\n`);
        await writeFile(join(dir, 'b.txt'), `电话：138 1234 5678\n`);
        const one = JSON.parse((await runCli(['scan', dir, '--format', 'json'])).stdout) as JsonReport;
        const two = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--salt', 'another-salt-xyz'])).stdout) as JsonReport;
        const fps = one.findings.filter((f) => f.type === 'cn_mobile').map((f) => f.fingerprint);
        expect(fps).toHaveLength(2);
        expect(fps[0]).toBe(fps[1]);
        expect(two.findings[0]?.fingerprint).not.toBe(fps[0]);
      });
    });
  });

  it('flags a file with many distinct personal records as bulk', async () => {
    await withTempDir(async (dir) => {
      const rows = Array.from({ length: 150 }, (_, i) => `${i},客户${i},1${String(3800000000 + i * 7919)}`);
      await writeFile(join(dir, 'customers.csv'), 'id,name,phone\n' + rows.join('\n') + '\n');
      const report = JSON.parse((await runCli(['scan', dir, '--format', 'json'])).stdout) as JsonReport;
      expect(report.files[0]).toMatchObject({ bulk: true, pipl: 'personal' });
      expect(report.files[0]?.types['cn_mobile']).toBe(150);
    });
  });

  it('reports archive members as ARCHIVE!member', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'backup.zip'), zipSync({ 'hr/list.txt': strToU8(`身份证号 ${ID}\n`) }));
      const report = JSON.parse((await runCli(['scan', dir, '--format', 'json'])).stdout) as JsonReport;
      expect(report.findings[0]).toMatchObject({ type: 'cn_resident_id', path: `${dir}/backup.zip!hr/list.txt`, line: 1 });
    });
  });

  it('scans standard input as -', async () => {
    const r = await runCli(['scan', '-', '--format', 'json'], { stdin: `tel ${MOBILE}\n` });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonReport).findings[0]).toMatchObject({ type: 'cn_mobile', path: '-' });
  });

  it('honours --exclude and .gitignore', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, '.gitignore'), 'ignored/\n');
      await mkdir(join(dir, 'ignored'));
      await mkdir(join(dir, 'fixtures'));
      await writeFile(join(dir, 'ignored', 'a.txt'), `手机 ${MOBILE}\n`);
      await writeFile(join(dir, 'fixtures', 'b.txt'), `手机 ${MOBILE}\n`);
      await writeFile(join(dir, 'c.txt'), `手机 ${MOBILE}\n`);
      const report = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--exclude', 'fixtures/'])).stdout) as JsonReport;
      expect(report.findings.map((f) => f.path)).toEqual([`${dir}/c.txt`]);
    });
  });

  describe('with --min-confidence', () => {
    it('drops findings below the floor', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `ref ${MOBILE}\n手机 13912345678\n`);
        const all = JSON.parse((await runCli(['scan', dir, '--format', 'json'])).stdout) as JsonReport;
        const high = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--min-confidence', 'high'])).stdout) as JsonReport;
        expect(all.findings.length).toBe(2);
        expect(high.findings.map((f) => f.line)).toEqual([2]);
      });
    });
  });

  describe('when input is bad', () => {
    it('exits 2 naming a path that does not exist', async () => {
      const r = await runCli(['scan', '/no/such/place', '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('SCAN_PATH_NOT_FOUND');
      expect(r.stderr).toContain('/no/such/place');
    });

    it('exits 2 on an unknown format', async () => {
      const r = await runCli(['scan', '.', '--format', 'xml']);
      expect(r.code).toBe(2);
    });

    it('reports a corrupt archive and a symlink loop with codes, and still scans the rest', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'broken.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
        await mkdir(join(dir, 'sub'));
        await symlink(dir, join(dir, 'sub', 'loop'));
        await writeFile(join(dir, 'sub', 'ok.txt'), `手机 ${MOBILE}\n`);
        const r = await runCli(['scan', dir, '--format', 'json']);
        expect(r.code).toBe(1);
        const report = JSON.parse(r.stdout) as JsonReport;
        expect(report.errors.map((e) => e.code).sort()).toEqual(['SCAN_ARCHIVE_CORRUPT', 'SCAN_SYMLINK_LOOP']);
        expect(report.errors.find((e) => e.code === 'SCAN_ARCHIVE_CORRUPT')?.path).toBe(`${dir}/broken.zip`);
        expect(report.findings.map((f) => f.path)).toEqual([`${dir}/sub/ok.txt`]);
      });
    });

    it('exits 2 naming the field of a bad configuration file', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'leakwatch.config.json'), JSON.stringify({ limits: { maxArchiveDepth: 'deep' } }));
        const r = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('SCAN_CONFIG_INVALID');
        expect(r.stderr).toContain('limits.maxArchiveDepth');
      });
    });
  });

  it('runs custom detectors and honours allow-list entries from the configuration', async () => {
    await withTempDir(async (dir) => {
      await writeFile(
        join(dir, 'leakwatch.config.json'),
        JSON.stringify({
          detectors: { custom: [{ id: 'employee_id', category: 'pii', pipl: 'personal', pattern: 'EMP-[0-9]{6}', anchors: ['EMP-'], keywords: ['工号'] }] },
          allow: [{ value: '13900000000', reason: 'switchboard number, published' }],
        }),
      );
      await writeFile(join(dir, 'a.txt'), '工号 EMP-004211\n总机 13900000000\n');
      const report = JSON.parse((await runCli(['scan', 'a.txt', '--format', 'json'], { cwd: dir })).stdout) as JsonReport;
      expect(report.findings.map((f) => f.type)).toEqual(['employee_id']);
      expect(report.findings[0]?.confidence).toBe('high');
    });
  });

  it('skips a finding on a line marked leakwatch:allow, and counts what the allow-list and markers drop', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'leakwatch.config.json'), JSON.stringify({ allow: [{ value: '13900000000', reason: 'switchboard' }] }));
      await writeFile(join(dir, 'a.txt'), `test = "${AWS_KEY}" // leakwatch:allow fixture\n总机 13900000000\n手机 ${MOBILE}\n`);
      const report = JSON.parse((await runCli(['scan', 'a.txt', '--format', 'json'], { cwd: dir })).stdout) as JsonReport & { stats: { allowed: number } };
      expect(report.findings.map((f) => f.type)).toEqual(['cn_mobile']);
      expect(report.stats.allowed).toBe(2);
    });
  });

  describe('output formats', () => {
    it('writes JSON Lines: findings, errors, files, then stats', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `手机 ${MOBILE}\n`);
        const r = await runCli(['scan', dir, '--format', 'jsonl']);
        const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { record: string; type?: string });
        expect(lines.map((l) => l.record)).toEqual(['finding', 'file', 'stats']);
        expect(lines[0]?.type).toBe('cn_mobile');
      });
    });

    it('writes SARIF 2.1.0 with rules, regions and partial fingerprints', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `x\n身份证 ${ID}\n`);
        const r = await runCli(['scan', 'a.txt', '--format', 'sarif'], { cwd: dir });
        const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>; partialFingerprints: Record<string, string> }> }> };
        expect(sarif.version).toBe('2.1.0');
        const run = sarif.runs[0]!;
        expect(run.tool.driver.rules.map((x) => x.id)).toEqual(['cn_resident_id']);
        const res = run.results[0]!;
        expect(res.ruleId).toBe('cn_resident_id');
        expect(res.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'a.txt' }, region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 23 } });
        expect(res.partialFingerprints['leakwatch/v1']).toMatch(/^[0-9a-f]{32}$/);
        expect(r.stdout).not.toContain(ID);
      });
    });

    it('prints a table with redacted previews and a summary', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `身份证 ${ID}\n`);
        const r = await runCli(['scan', 'a.txt', '--format', 'table'], { cwd: dir });
        expect(r.stdout).toMatch(/HIGH\s+cn_resident_id\s+a\.txt:1:5\s+1101\*{10}002X/);
        expect(r.stdout).toContain('sensitive personal');
        expect(r.stdout).toContain('Values are redacted');
        expect(r.stdout).not.toContain(ID);
      });
    });

    it('writes the report to --output with owner-only permissions', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'a.txt'), `手机 ${MOBILE}\n`);
        const out = join(dir, 'report.json');
        const r = await runCli(['scan', join(dir, 'a.txt'), '--output', out]);
        expect(r.stdout).toBe('');
        const report = JSON.parse(await readFile(out, 'utf8')) as JsonReport;
        expect(report.findings).toHaveLength(1);
        const { stat } = await import('node:fs/promises');
        expect((await stat(out)).mode & 0o777).toBe(0o600);
      });
    });
  });

  it('uses worker threads on larger scans and finds the same as the main thread', async () => {
    await withTempDir(async (dir) => {
      for (let i = 0; i < 6; i++) {
        const lines = Array.from({ length: 4000 }, (_, j) => (j % 500 === 0 ? `客户 ${j} 手机 1${String(3800000000 + i * 10000 + j)}` : `line ${j} of file ${i}, nothing to see here at all`));
        await writeFile(join(dir, `f${i}.txt`), lines.join('\n'));
      }
      const threaded = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--workers', '2'])).stdout) as JsonReport & { stats: { workers: number } };
      const inline = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--workers', '0'])).stdout) as JsonReport & { stats: { workers: number } };
      expect(threaded.stats.workers).toBe(2);
      expect(inline.stats.workers).toBe(0);
      expect(threaded.findings).toHaveLength(48);
      expect(threaded.findings).toEqual(inline.findings);
    });
  });
});
