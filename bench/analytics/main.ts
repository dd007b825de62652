// `npm run bench:analytics`: times, on this machine, (1) importing the real VCDB
// (8,553 incidents) into a fresh store, (2) the full report on it (and checks
// every reference figure), (3) the full report on a generated registry of 1M
// incidents, in process and as `leakwatch report` from the command line (goal:
// under 2 s), and (4) differentially private releases. Prints one JSON document.
// The 1M registry is built once into .bench-corpus/analytics/ and reused.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DpReleases, IncidentAnalytics, SeededRandom, parseWindowsSpec, vcdbReferenceFigures } from '../../src/analytics/index.js';
import { IncidentRegistry, readImport } from '../../src/incidents/index.js';
import { SqliteDpStore, SqliteIncidentStore } from '../../src/store/index.js';
import { measure, median } from '../../test/support/measure.js';
import { syntheticImport } from './generate.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const root = resolve(import.meta.dirname, '../..');
const vcdbDir = resolve(args.get('vcdb') ?? join(root, '../shared/datasets/vcdb'));
const size = Number(args.get('incidents') ?? 1_000_000);
const runs = Number(args.get('runs') ?? 3);
const cacheDir = join(root, '.bench-corpus/analytics', `data-${size}`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function open(file: string) {
  const db = new Database(file, { timeout: 30_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

const windows = parseWindowsSpec({
  windows: [
    { name: 'march', label: 'March', yearly: [['03-01', '03-31']] },
    { name: 'year-end', label: 'Year end', yearly: [['12-15', '01-05']] },
  ],
});

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

const result: Record<string, unknown> = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length } };

// 1–2. The VCDB.
if (existsSync(join(vcdbDir, 'incidents.jsonl.gz'))) {
  const importMs: number[] = [];
  let kept: { db: Database.Database; store: SqliteIncidentStore; dir: string } | null = null;
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'lw-bench-analytics-'));
    const db = open(join(dir, 'leakwatch.db'));
    const store = new SqliteIncidentStore(db);
    const t = await time(async () => new IncidentRegistry(store).importParsed(await readImport(join(vcdbDir, 'incidents.jsonl.gz')), { dataset: 'vcdb', actor: 'bench' }));
    if (t.value.inserted !== 8553) throw new Error(`VCDB import inserted ${t.value.inserted}`);
    importMs.push(t.ms);
    if (kept) {
      kept.db.close();
      await rm(kept.dir, { recursive: true, force: true });
    }
    kept = { db, store, dir };
  }
  const { db, store, dir } = kept!;
  const analytics = new IncidentAnalytics(store);
  const reportMs: number[] = [];
  let figuresMatch = false;
  for (let i = 0; i < runs + 2; i++) {
    const t = await time(() => analytics.report({ datasets: ['vcdb'] }, { windows }));
    reportMs.push(t.ms);
    const { about: _a, source: _s, ...reference } = JSON.parse(readFileSync(join(vcdbDir, 'reference-figures.json'), 'utf8')) as Record<string, unknown>;
    figuresMatch = JSON.stringify(sortKeys(vcdbReferenceFigures(t.value))) === JSON.stringify(sortKeys(reference));
  }
  const dp = new DpReleases(store, new SqliteDpStore(db), () => {}, { rng: new SeededRandom('bench') });
  await dp.setCap('vcdb', 1000, '0.001', 'bench');
  const dpMs: number[] = [];
  for (let i = 0; i < runs; i++) dpMs.push((await time(() => dp.release({ by: 'year', epsilon: 1, datasets: ['vcdb'] }, 'bench'))).ms);
  const s = median(importMs) / 1000;
  result['vcdb'] = {
    incidents: 8553,
    import_seconds: round(s, 3),
    import_records_per_s: Math.round(8553 / s),
    report_ms: round(median(reportMs)),
    report_figures_match_reference: figuresMatch,
    dp_release_by_year_ms: round(median(dpMs)),
    runs,
  };
  db.close();
  await rm(dir, { recursive: true, force: true });
} else {
  result['vcdb'] = { skipped: `${vcdbDir} absent` };
}

// 3–4. A generated registry of `size` incidents.
{
  const file = join(cacheDir, 'leakwatch.db');
  let generated: Record<string, number> | null = null;
  let db = existsSync(file) ? open(file) : null;
  const cached = (d: Database.Database) =>
    (d.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'incident_facts'").pluck().get() as number) === 1 && (d.prepare('SELECT count(*) FROM incident_facts').pluck().get() as number) === size;
  if (db && !cached(db)) {
    db.close();
    db = null;
  }
  if (!db) {
    rmSync(cacheDir, { recursive: true, force: true });
    await mkdir(cacheDir, { recursive: true });
    db = open(file);
    const registry = new IncidentRegistry(new SqliteIncidentStore(db), () => {}, { importBatch: 10_000 });
    const chunk = 100_000;
    const t = performance.now();
    for (let start = 0; start < size; start += chunk) {
      const part = syntheticImport(Math.min(chunk, size - start), start + 1);
      for (const inc of part.incidents) (inc as { externalId: string }).externalId = `SYN-${start}-${inc.externalId}`;
      await registry.importParsed(part, { dataset: 'synthetic', actor: 'bench' });
    }
    const s = (performance.now() - t) / 1000;
    generated = { import_seconds: round(s, 1), import_records_per_s: Math.round(size / s) };
  }
  const store = new SqliteIncidentStore(db);
  const analytics = new IncidentAnalytics(store);
  const reportMs: number[] = [];
  const factsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    factsMs.push((await time(() => store.factColumns({}))).ms);
    reportMs.push((await time(() => analytics.report({}, { windows }))).ms);
  }
  const dp = new DpReleases(store, new SqliteDpStore(db), () => {}, { rng: new SeededRandom('bench') });
  await dp.setCap('synthetic', 1000, '0.001', 'bench');
  const byYearAction = await time(() => dp.release({ by: 'year,action', epsilon: 1, years: { from: 2005, to: 2024 } }, 'bench'));
  const byCountry = await time(() => dp.release({ by: 'country', epsilon: 1, delta: '1e-6' }, 'bench'));
  db.close();
  // The same report as a user runs it: a fresh process, the CLI, JSON to a file.
  const cli = join(root, 'dist/cli/main.js');
  const cliSeconds: number[] = [];
  if (existsSync(cli)) {
    const out = join(cacheDir, 'report.json');
    for (let i = 0; i < runs; i++) {
      const m = await measure('node', [cli, 'report', '--data', cacheDir, '--format', 'json', '-o', out]);
      if (m.exitCode !== 0) throw new Error(`leakwatch report exited ${m.exitCode}`);
      cliSeconds.push(m.seconds);
    }
  }
  result['generated'] = {
    incidents: size,
    ...(generated ? { generated } : { reused: file }),
    facts_read_ms: round(median(factsMs)),
    report_ms: round(median(reportMs)),
    report_cli_seconds: cliSeconds.length ? round(median(cliSeconds), 2) : null,
    goal_report_under_2s: median(reportMs) < 2000,
    dp_release_year_x_action_ms: round(byYearAction.ms),
    dp_release_country_threshold_ms: round(byCountry.ms),
    runs,
  };
}

process.stdout.write(JSON.stringify(result, null, 2) + '\n');

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}
