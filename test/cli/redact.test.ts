import { describe, expect, it } from 'vitest';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, withTempDir } from '../support/cli.js';

const ID = '11010519491231002X';
const MOBILE = '13812345678';

describe('leakwatch redact', () => {
  it('masks every finding in a CSV and keeps the rest byte for byte', async () => {
    await withTempDir(async (dir) => {
      const input = `name,id,phone\n张三,${ID},${MOBILE}\n李四,none,n/a\n`;
      await writeFile(join(dir, 'in.csv'), input);
      const r = await runCli(['redact', join(dir, 'in.csv'), join(dir, 'out.csv'), '--json']);
      expect(r.code).toBe(0);
      const out = await readFile(join(dir, 'out.csv'), 'utf8');
      expect(out).toBe(`name,id,phone\n张三,******************,***********\n李四,none,n/a\n`);
      expect(JSON.parse(r.stdout)).toMatchObject({ total: 2, replaced: { cn_resident_id: 1, cn_mobile: 1 } });
      expect((await stat(join(dir, 'out.csv'))).mode & 0o777).toBe(0o600);
    });
  });

  it('replaces with type tags, and keeps JSON valid when a number is replaced', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'in.json'), JSON.stringify({ id: ID, phone: Number(MOBILE), note: 'ok' }));
      const r = await runCli(['redact', join(dir, 'in.json'), join(dir, 'out.json'), '--mode', 'tag']);
      expect(r.code).toBe(0);
      expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toEqual({ id: '<cn_resident_id>', phone: '<cn_mobile>', note: 'ok' });
    });
  });

  it('replaces with salted hashes that match across files', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'a.txt'), `手机 ${MOBILE}\n`);
      await writeFile(join(dir, 'b.txt'), `电话 ${MOBILE}\n`);
      await runCli(['redact', join(dir, 'a.txt'), join(dir, 'a.out'), '--mode', 'hash']);
      await runCli(['redact', join(dir, 'b.txt'), join(dir, 'b.out'), '--mode', 'hash']);
      const a = (await readFile(join(dir, 'a.out'), 'utf8')).match(/<cn_mobile:[0-9a-f]{12}>/)?.[0];
      const b = (await readFile(join(dir, 'b.out'), 'utf8')).match(/<cn_mobile:[0-9a-f]{12}>/)?.[0];
      expect(a).toBeDefined();
      expect(a).toBe(b);
    });
  });

  it('decodes GBK input and writes UTF-8', async () => {
    await withTempDir(async (dir) => {
      // "手机：" in GBK, then the number.
      const gbk = Buffer.concat([Buffer.from([0xca, 0xd6, 0xbb, 0xfa, 0xa3, 0xba]), Buffer.from(`${MOBILE}\n`)]);
      await writeFile(join(dir, 'legacy.txt'), gbk);
      const r = await runCli(['redact', join(dir, 'legacy.txt'), join(dir, 'out.txt'), '--mode', 'tag']);
      expect(r.code).toBe(0);
      expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('手机：<cn_mobile>\n');
      expect(r.stdout).toContain('gb18030');
    });
  });

  it('refuses a document it cannot rewrite and leaves no output', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'x.pdf'), '%PDF-1.4 broken');
      const r = await runCli(['redact', join(dir, 'x.pdf'), join(dir, 'out.pdf')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/SCAN_[A-Z_]+/);
      await expect(stat(join(dir, 'out.pdf'))).rejects.toThrow();
    });
  });
});

describe('leakwatch redact with overlapping findings', () => {
  it('replaces the tail of a finding that starts inside one already replaced', async () => {
    await withTempDir(async (dir) => {
      // Two custom detectors whose matches overlap: "AAA1234" (personal) and "1234BBB" (secret).
      await writeFile(
        join(dir, 'leakwatch.config.json'),
        JSON.stringify({
          detectors: {
            only: ['test_a', 'test_b'],
            custom: [
              { id: 'test_a', category: 'pii', pipl: 'personal', pattern: 'AAA[0-9]{4}', anchors: ['AAA'] },
              { id: 'test_b', category: 'secret', pipl: null, pattern: '[0-9]{4}BBB', anchors: ['BBB'] },
            ],
          },
        }),
      );
      await writeFile(join(dir, 'in.txt'), 'x AAA1234BBB y\n');
      const r = await runCli(['redact', 'in.txt', 'out.txt', '--mode', 'tag'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('x <test_a><test_b> y\n');
    });
  });
});
