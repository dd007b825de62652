// `npm run bench:memory`: writes a 1 GB text file (ordinary lines, values near the
// end) and scans it with the built CLI, printing wall time and peak RSS as JSON.
// The goal: a 1 GB file scans in under 300 MB of resident memory.
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure } from '../../test/support/measure.js';

const gigabytes = Number(process.argv[2] ?? 1);
const root = resolve(import.meta.dirname, '../..');
const dir = await mkdtemp(join(tmpdir(), 'lw-memory-'));
try {
  const file = join(dir, 'large.log');
  const fh = await open(file, 'w');
  let block = '';
  for (let i = 0; block.length < 1 << 20; i++) block += `2026-11-29T01:${String(i % 60).padStart(2, '0')}:00Z INFO request ${i} served in ${i % 977} ms for tenant t-${i % 31}\n`;
  block = block.slice(0, block.lastIndexOf('\n') + 1);
  let bytes = 0;
  while (bytes < gigabytes * 1e9) {
    await fh.write(block);
    bytes += block.length;
  }
  await fh.write('客户 张三 手机 13812345678 身份证 11010519491231002X\n');
  await fh.close();
  const out = join(dir, 'report.json');
  const m = await measure(process.execPath, [join(root, 'dist/cli/main.js'), 'scan', file, '--format', 'json', '--output', out, '--salt', 'memory-bench-salt'], 0, dir);
  const report = JSON.parse(await readFile(out, 'utf8')) as { stats: { findings: number; bytes: number } };
  const mb = report.stats.bytes / 1e6;
  process.stdout.write(JSON.stringify({ bench: 'memory', mb: Math.round(mb), seconds: Math.round(m.seconds * 100) / 100, mb_per_s: Math.round((mb / m.seconds) * 10) / 10, peak_rss_mb: Math.round(m.peakRssMb), findings: report.stats.findings, goal: 'peak RSS < 300 MB', pass: m.peakRssMb < 300 }) + '\n');
} finally {
  await rm(dir, { recursive: true, force: true });
}
