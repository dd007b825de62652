// `npm run bench:ingest`: generates 1M CloudTrail + Microsoft 365 events in the
// vendors' formats (bench/ingest/corpus.ts) and times, pinned to one core: the
// floor (read, gunzip, JSON.parse, nothing else), the ingest path (read, gunzip,
// parse, normalise, store durably in SQLite), a second ingest of the same files
// (all duplicates), and `leakwatch ingest` as shipped (with detection on each
// batch); then `leakwatch ingest` again on all cores. Prints one JSON document:
// events/s on wall time and per CPU second, peak RSS, database size.
// Options: --events=N (default 1000000), --dir=PATH, --keep (keep the database).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { binNodeFlags } from '../support/node-flags.js';
import { ensureIngestCorpus } from './corpus.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const events = Number(args.get('events') ?? 1_000_000);
const root = resolve(import.meta.dirname, '../..');
const corpusDir = resolve(args.get('dir') ?? join(root, '.bench-corpus', 'ingest'));
const cli = join(root, 'dist/cli/main.js');
if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  exitCode: number;
  stdout: string;
}

/** Runs a command and reports wall time, CPU time (user + system, all threads) and peak RSS of the child (Python's rusage). */
function measure(cmd: string, argv: readonly string[]): Promise<Run> {
  const wrapper = `
import json, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
secs = time.monotonic() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(p.stderr.decode("utf-8", "replace")[-2000:])
sys.stdout.write(json.dumps({"seconds": secs, "cpuSeconds": u.ru_utime + u.ru_stime, "peakRssMb": u.ru_maxrss / 1024, "exitCode": p.returncode, "stdout": p.stdout.decode("utf-8", "replace")}))
`;
  return new Promise((res, rej) => {
    const child = spawn('python3', ['-c', wrapper, cmd, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', rej);
    child.on('close', () => {
      try {
        res(JSON.parse(out) as Run);
      } catch {
        rej(new Error(`measurement failed: ${out.slice(-500)}`));
      }
    });
  });
}

function pinned(): string[] {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return ['taskset', '-c', '0'];
  } catch {
    return [];
  }
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const t0 = Date.now();
const corpus = await ensureIngestCorpus(corpusDir, events);
const generateSeconds = (Date.now() - t0) / 1000;
const data = await mkdtemp(join(tmpdir(), 'lw-bench-ingest-'));
const pin = pinned();
const inputs = [join(corpus.dir, 'cloudtrail'), join(corpus.dir, 'm365')];
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
type Totals = { records: number; events: number; duplicates: number; dead_letter: number };
/** `command` is the ingest path alone (bench/ingest/ingest-only.ts) or the whole `leakwatch ingest` (with detection). */
const run = async (what: 'floor' | 'ingest-only' | 'cli', into: string, pin = pinned()) => {
  const argv =
    what === 'cli'
      ? [process.execPath, ...binNodeFlags(cli), cli, 'ingest', '--data', into, '--json', '--no-progress', ...inputs]
      : what === 'floor'
        ? [process.execPath, ...binNodeFlags(cli), '--import', tsx, join(root, 'bench/ingest/floor.ts'), ...inputs]
        : [process.execPath, ...binNodeFlags(cli), '--import', tsx, join(root, 'bench/ingest/ingest-only.ts'), into, ...inputs];
  const m = await measure(pin[0] ?? argv[0]!, pin.length ? [...pin.slice(1), ...argv] : argv.slice(1));
  if (m.exitCode !== 0) throw new Error(`${what} exited ${m.exitCode}`);
  const total = (JSON.parse(m.stdout) as { total: Totals }).total;
  return { m, total };
};
/** A run's totals with its rates. */
const figures = ({ m, total }: { m: Run; total: Totals }) => ({
  ...total,
  seconds: round(m.seconds, 2),
  events_per_s: Math.round(total.events / m.seconds),
  cpu_seconds: round(m.cpuSeconds, 2),
  events_per_cpu_s: Math.round(total.events / m.cpuSeconds),
  peak_rss_mb: Math.round(m.peakRssMb),
});
const cliData = await mkdtemp(join(tmpdir(), 'lw-bench-ingest-cli-'));
const bothData = await mkdtemp(join(tmpdir(), 'lw-bench-ingest-both-'));
try {
  // Memory of the per-user models per tracked entity, after a full GC (measureEntityMemory in src/detect).
  const entityCode = `import(${JSON.stringify(pathToFileURL(join(root, 'src/detect/index.ts')).href)}).then((m) => console.log(JSON.stringify(m.measureEntityMemory(20000))))`;
  const entity = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', tsx, '--input-type=module', '-e', entityCode], { encoding: 'utf8' }).trim().split('\n').pop()!) as { entities: number; bytesPerEntity: number };
  const floor = await run('floor', data);
  const first = await run('ingest-only', data);
  const dbBytes = ['leakwatch.db', 'leakwatch.db-wal'].map((f) => (existsSync(join(data, f)) ? statSync(join(data, f)).size : 0)).reduce((a, b) => a + b, 0);
  const second = await run('ingest-only', data);
  const whole = await run('cli', cliData);
  // The same command on every core: events are written on a thread of their own while the next batch is parsed.
  const both = await run('cli', bothData, []);
  const result = {
    bench: 'ingest',
    corpus: { events: corpus.events, files: corpus.files, cloudtrail: 'gzip {"Records":[...]} delivery files', m365: 'Management Activity API JSON arrays', bytes_on_disk_mb: round(corpus.bytes / 1e6), json_text_mb: round(corpus.textBytes / 1e6), generate_seconds: round(generateSeconds) },
    pinned_to_one_core: pin.length > 0,
    floor: { what: 'read + gunzip + JSON.parse of whole files, nothing else (bench/ingest/floor.ts): the least any ingest of this corpus does', ...figures(floor) },
    ingest: { what: 'read + gunzip + parse + normalise + store (durable); bench/ingest/ingest-only.ts', ...figures(first), durable: 'SQLite WAL, synchronous=FULL, one transaction per batch of 5,000' },
    reingest_all_duplicates: { ...figures(second), records_per_s: Math.round(second.total.records / second.m.seconds) },
    with_detection: { what: '`leakwatch ingest` as shipped: the ingest path plus rules and models on each stored batch (IngestPipeline.onEvents)', ...figures(whole) },
    with_detection_all_cores: { what: 'the same `leakwatch ingest`, not pinned: the store writes on its own thread while the next batch is parsed and the last one detected', cores: availableParallelism(), ...figures(both) },
    memory_per_entity: { entities: entity.entities, bytes: entity.bytesPerEntity, what: 'behaviour-model state per tracked user after two days of activity, heap and buffers after a full GC' },
    database_mb: round(dbBytes / 1e6),
    database_bytes_per_event: Math.round(dbBytes / Math.max(1, first.total.events)),
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (!args.has('keep')) {
    await rm(data, { recursive: true, force: true });
    await rm(cliData, { recursive: true, force: true });
    await rm(bothData, { recursive: true, force: true });
  }
}
