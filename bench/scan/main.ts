// `npm run bench:scan`: generates a ≥200 MB mixed corpus and measures, in one run
// and on the same corpus, `leakwatch scan` against secretlint (recommended
// preset), openredaction, and ripgrep with an equivalent set of regexes as the
// native reference. Prints one JSON line per tool, then a comparison line.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ensureCorpus } from './corpus.js';
import { measure, median } from '../../test/support/measure.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const sizeMb = Number(args.get('size-mb') ?? 210);
const runs = Number(args.get('runs') ?? 3);
const peerLimit = Number(args.get('peer-timeout') ?? 1800);
const skipPeers = args.has('skip-peers');
const root = resolve(import.meta.dirname, '../..');
const corpusDir = resolve(args.get('dir') ?? join(root, '.bench-corpus', 'scan'));

const corpus = await ensureCorpus(corpusDir, sizeMb);
const mb = corpus.bytes / 1e6;
const cli = join(root, 'dist/cli/main.js');
if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
const tmp = await mkdtemp(join(tmpdir(), 'lw-bench-'));

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

interface Row {
  tool: string;
  mb: number;
  files: number;
  seconds: number;
  mb_per_s: number;
  files_per_s: number;
  peak_rss_mb: number;
  runs: number;
  findings?: number;
  note?: string;
}
const rows: Row[] = [];
const emit = (r: Row) => {
  rows.push(r);
  process.stdout.write(JSON.stringify(r) + '\n');
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

// Leakwatch: the default detector set, one worker per core.
{
  const out = join(tmp, 'leakwatch.json');
  const times: number[] = [];
  const rss: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const m = await measure('node', [cli, 'scan', corpusDir, '--format', 'json', '--output', out, '--no-progress', '--salt', 'bench-salt-0001']);
    if (m.exitCode !== 1) throw new Error(`leakwatch exited ${m.exitCode}`);
    times.push(m.seconds);
    rss.push(m.peakRssMb);
    findings = (JSON.parse(await import('node:fs/promises').then((f) => f.readFile(out, 'utf8'))) as { stats: { findings: number } }).stats.findings;
  }
  const s = median(times);
  emit({ tool: 'leakwatch', mb: round(mb), files: corpus.files, seconds: round(s), mb_per_s: round(mb / s), files_per_s: round(corpus.files / s), peak_rss_mb: round(median(rss), 0), runs, findings });
}

// ripgrep with the same kinds of patterns, ASCII classes (Unicode classes make it ~40× slower).
const RG_PATTERNS = [
  '[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]',
  '1[3-9][0-9]{9}',
  '0[1-9][0-9]{1,2}-[0-9]{7,8}',
  '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
  '[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}',
  '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}',
  '[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}',
  '[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}',
  '[0-9]{3}-[0-9]{2}-[0-9]{4}',
  '\\+[1-9][0-9]{7,14}',
  '(?:AKIA|ASIA)[A-Z2-7]{16}',
  'LTAI[A-Za-z0-9]{12,30}',
  'AKID[A-Za-z0-9]{32}',
  'gh[pousr]_[A-Za-z0-9]{36}',
  'glpat-[A-Za-z0-9_-]{20}',
  'xox[abpr]-[A-Za-z0-9-]{10,}',
  'sk_live_[A-Za-z0-9]{24,}',
  'AIza[A-Za-z0-9_-]{35}',
  '-----BEGIN [A-Z ]*PRIVATE KEY-----',
  'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}',
  '(?:postgres|mysql|mongodb|redis)(?:\\+srv)?://[^:/ ]+:[^@/ ]+@',
  'oapi\\.dingtalk\\.com/robot/send\\?access_token=[a-f0-9]{64}',
  'qyapi\\.weixin\\.qq\\.com/cgi-bin/webhook/send\\?key=[A-Za-z0-9-]{36}',
  'open\\.feishu\\.cn/open-apis/bot/v2/hook/[A-Za-z0-9-]{36}',
  '(?i:password|passwd|secret|token|api_?key)["\']?\\s*[:=]\\s*["\']?[A-Za-z0-9/+_!-]{8,}',
];
const rg = (() => {
  try {
    return execFileSync('which', ['rg']).toString().trim();
  } catch {
    return '';
  }
})();
if (rg) {
  const times: number[] = [];
  const rss: number[] = [];
  let matches = 0;
  for (let i = 0; i < runs; i++) {
    const m = await measure(rg, ['--no-ignore', '--hidden', '--count-matches', '--no-filename', ...RG_PATTERNS.flatMap((p) => ['-e', p]), corpusDir]);
    times.push(m.seconds);
    rss.push(m.peakRssMb);
    matches = m.stdout.split('\n').filter(Boolean).reduce((n, l) => n + Number(l), 0);
  }
  const s = median(times);
  emit({ tool: 'ripgrep', mb: round(mb), files: corpus.files, seconds: round(s), mb_per_s: round(mb / s), files_per_s: round(corpus.files / s), peak_rss_mb: round(median(rss), 0), runs, findings: matches, note: `${RG_PATTERNS.length} regexes, ASCII classes; reads text only (skips .docx/.zip as binary)` });
} else {
  process.stdout.write(JSON.stringify({ tool: 'ripgrep', skipped: 'rg not found (apt-get install ripgrep)' }) + '\n');
}

// The floor of any JS regex scanner: read every file, decode it as UTF-8 and run
// one regex (cn_mobile's shape, ASCII classes) over it once, on one thread.
// A scanner with dozens of detectors does at least this; ripgrep runs its whole
// set as one automaton with SIMD literal search.
{
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    hits = 0;
    for (const file of await listFiles(corpusDir)) {
      const text = (await readFile(file)).toString('utf8');
      const re = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
      while (re.exec(text)) hits++;
    }
    times.push((performance.now() - t0) / 1000);
  }
  const s = median(times);
  emit({ tool: 'js-one-regex-floor', mb: round(mb), files: corpus.files, seconds: round(s), mb_per_s: round(mb / s), files_per_s: round(corpus.files / s), peak_rss_mb: 0, runs, findings: hits, note: 'one thread: read + UTF-8 decode + ONE regex pass; no detector set, validation or report' });
}

if (!skipPeers) {
  // secretlint with its recommended preset, over every file.
  const rc = join(tmp, '.secretlintrc.json');
  await writeFile(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // Its single runs swing by 2x on this shared machine: the median of `runs`, like leakwatch's.
  const slRuns: Awaited<ReturnType<typeof measure>>[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(join(root, 'node_modules/.bin/secretlint'), ['--secretlintrc', rc, '--format', 'json', '--no-maskSecrets', `${corpusDir}/**/*`], peerLimit, root);
    slRuns.push(r);
    if (r.timedOut) break;
  }
  const slSeconds = median(slRuns.map((r) => r.seconds));
  emit({ tool: 'secretlint', mb: round(mb), files: corpus.files, seconds: round(slSeconds), mb_per_s: round(mb / slSeconds, 3), files_per_s: round(corpus.files / slSeconds), peak_rss_mb: round(median(slRuns.map((r) => r.peakRssMb)), 0), runs: slRuns.length, ...(slRuns.some((r) => r.timedOut) ? { note: `stopped after ${peerLimit} s; rate is an upper bound` } : {}) });

  const or = await measure('node', ['--import', 'tsx', join(root, 'bench/scan/peer-openredaction.ts'), corpusDir], peerLimit, root);
  const done = JSON.parse(or.stdout.trim().split('\n').pop() ?? '{}') as { bytes?: number; files?: number; detections?: number };
  const orMb = (done.bytes ?? 0) / 1e6;
  emit({ tool: 'openredaction', mb: round(orMb), files: done.files ?? 0, seconds: round(or.seconds), mb_per_s: round(orMb / or.seconds, 3), files_per_s: round((done.files ?? 0) / or.seconds), peak_rss_mb: round(or.peakRssMb, 0), runs: 1, findings: done.detections ?? 0, note: `text files only${or.timedOut ? `; stopped after ${peerLimit} s` : ''}` });
}

const lw = rows.find((r) => r.tool === 'leakwatch')!;
const ratio = (tool: string) => {
  const r = rows.find((x) => x.tool === tool);
  return r ? round(lw.mb_per_s / r.mb_per_s, 2) : null;
};
const vsSecretlint = ratio('secretlint');
const vsOpenredaction = ratio('openredaction');
const rgRow = rows.find((r) => r.tool === 'ripgrep');
const ofRg = rgRow ? round(lw.mb_per_s / rgRow.mb_per_s, 3) : null;
const floorRow = rows.find((r) => r.tool === 'js-one-regex-floor');
const slRow = rows.find((r) => r.tool === 'secretlint');
process.stdout.write(
  JSON.stringify({
    summary: 'scan',
    leakwatch_mb_per_s: lw.mb_per_s,
    x_secretlint: vsSecretlint,
    x_openredaction: vsOpenredaction,
    fraction_of_ripgrep: ofRg,
    one_regex_floor_x_secretlint: floorRow && slRow ? round(floorRow.mb_per_s / slRow.mb_per_s, 2) : null,
    goals: { x_js_peers: '>= 10', fraction_of_ripgrep: '>= 0.25' },
    pass: (vsSecretlint ?? 10) >= 10 && (vsOpenredaction ?? 10) >= 10 && (ofRg ?? 0.25) >= 0.25,
  }) + '\n',
);
await rm(tmp, { recursive: true, force: true });
