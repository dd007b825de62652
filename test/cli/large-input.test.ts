import { describe, expect, it } from 'vitest';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, withTempDir } from '../support/cli.js';
import { measure } from '../support/measure.js';

const MOBILE = '13812345678';

/** Writes `megabytes` of text as one line (or lines of `lineLength`), with a phone number at the end. */
async function writeLarge(path: string, megabytes: number, lineLength = 0): Promise<void> {
  const fh = await open(path, 'w');
  const unit = 'lorem ipsum dolor sit amet 2026 order 48213 quantity 17 ';
  let block = '';
  while (block.length < 1 << 20) block += unit;
  block = block.slice(0, 1 << 20);
  if (lineLength > 0) block = block.replace(new RegExp(`(.{${lineLength - 1}})`, 'g'), '$1\n');
  try {
    for (let i = 0; i < megabytes; i++) await fh.write(block);
    await fh.write(` 手机 ${MOBILE}\n`);
  } finally {
    await fh.close();
  }
}

describe('large inputs', () => {
  it('scans a 200 MB single-line file in bounded memory, reports the long line, and finds the value at its end', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'one-line.txt');
      await writeLarge(file, 200);
      const out = join(dir, 'report.json');
      const m = await measure(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'scan', file, '--format', 'json', '--output', out, '--salt', 'large-input-salt', '--workers', '0'], 0, dir);
      expect(m.exitCode).toBe(1);
      const report = JSON.parse(await (await import('node:fs/promises')).readFile(out, 'utf8')) as { findings: Array<{ type: string; line: number; column: number }>; errors: Array<{ code: string }> };
      expect(report.errors.map((e) => e.code)).toEqual(['SCAN_LINE_TOO_LONG']);
      expect(report.findings).toEqual([expect.objectContaining({ type: 'cn_mobile', line: 1, column: 200 * (1 << 20) + 5 })]);
      expect(m.peakRssMb).toBeLessThan(300);
    });
  }, 240_000);
});
