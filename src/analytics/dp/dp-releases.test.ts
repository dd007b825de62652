import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { AuditRecord } from '../../auth/index.js';
import { isLeakwatchError } from '../../errors/index.js';
import { IncidentRegistry } from '../../incidents/index.js';
import { SqliteDpStore, SqliteIncidentStore } from '../../store/index.js';
import { countBasics } from '../report.js';
import { VCDB_FILE, haveVcdb } from '../shared-data.case.js';
import { storeWith, vcdbStore, type Brief } from '../test-support.js';
import { DpReleases } from './dp-releases.js';
import { SeededRandom } from './random-source.js';

const NOW = Date.UTC(2026, 5, 1);

async function setup(briefs: readonly Brief[], dataset = 'registry') {
  const { db, store } = await storeWith(briefs, dataset);
  const dp = new SqliteDpStore(db);
  const audit: AuditRecord[] = [];
  const releases = new DpReleases(store, dp, (r) => void audit.push(r), { rng: new SeededRandom('dp-test'), now: () => NOW });
  return { db, store, dp, audit, releases };
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isLeakwatchError(e) ? e.code : String(e)),
  );

const years = (from: number, to: number, per: number): Brief[] => Array.from({ length: (to - from + 1) * per }, (_, i) => ({ date: `${from + Math.floor(i / per)}-06-01` }));

describe('a differentially private release', () => {
  it('carries its method, noisy cells with their 95% bound, what was suppressed, and is recorded in the store and the ledger', async () => {
    const { releases, dp, audit } = await setup(years(2015, 2019, 30));
    const r = await releases.release({ by: 'year', epsilon: 1, years: { from: 2015, to: 2019 } }, 'user:alice');
    expect(r.method).toMatchObject({ mechanism: 'discrete_laplace', epsilon: 1, delta: 0, keys: 'public', threshold: null, maxKeysPerIncident: 1, count: { distribution: 'discrete_laplace', scale: 1, sensitivity: 1, errorBound95: 3 } });
    expect(r.cells.map((c) => c.key['year'])).toEqual(['2015', '2016', '2017', '2018', '2019']);
    for (const c of r.cells) {
      expect(Number.isInteger(c.count)).toBe(true);
      expect(Math.abs(c.count - 30)).toBeLessThanOrEqual(12);
      expect(c.countError95).toBe(3);
    }
    expect(r.suppressed).toMatchObject({ count: 0 });
    expect(r.budgets).toEqual([{ dataset: 'registry', epsilon: { cap: 10, spent: 1, remaining: 9 }, delta: { cap: 1e-5, spent: 0, remaining: 1e-5 }, releases: 1 }]);
    const [stored] = await dp.listReleases('registry');
    expect(stored).toMatchObject({ id: r.id, status: 'released', epsilon: 1_000_000, delta: 0, datasets: ['registry'] });
    expect((stored!.result as { cells: unknown[] }).cells).toEqual(r.cells);
    expect(audit).toEqual([{ kind: 'dp.release', actor: 'user:alice', subject: `dp-release:${r.id}`, data: expect.objectContaining({ datasets: ['registry'], epsilon: 1, delta: 0, cells: 5 }) }]);
  });

  it('releases only keys whose noisy count passes the threshold, so a country with one incident stays hidden', async () => {
    const briefs: Brief[] = [...Array.from({ length: 200 }, () => ({ date: '2019-01-01', country: 'US' })), { date: '2019-01-01', country: 'NZ' }];
    const { releases } = await setup(briefs);
    const r = await releases.release({ by: 'country', epsilon: 1, delta: '1e-6' }, 'user:alice');
    expect(r.method.keys).toBe('threshold');
    expect(r.method.threshold).toBeGreaterThan(10);
    expect(r.cells.map((c) => c.key['country'])).toEqual(['US']);
    expect(r.suppressed.count).toBe(251);
    expect(r.suppressed.keys).toContainEqual({ country: 'NZ' });
  });

  it('adds noisy sums of clamped records when asked', async () => {
    const { releases } = await setup(Array.from({ length: 50 }, (_, i) => ({ date: '2019-01-01', records: i === 0 ? 10_000_000 : 100 })));
    const r = await releases.release({ by: 'year', epsilon: 2, sum: 'records', clamp: 1000, years: { from: 2019, to: 2019 } }, 'user:alice');
    const [cell] = r.cells;
    expect(r.method.sum).toMatchObject({ distribution: 'discrete_laplace', scale: 1000, sensitivity: 1000 });
    expect(Math.abs(cell!.sum! - (1000 + 49 * 100))).toBeLessThanOrEqual(10 * 1000);
    expect(cell!.sumError95).toBe(r.method.sum!.errorBound95);
  });

  it('uses the discrete Gaussian when asked, with δ split between noise and threshold', async () => {
    const { releases } = await setup(years(2018, 2019, 100));
    const r = await releases.release({ by: 'year,action', epsilon: 1, delta: '1e-6', mechanism: 'gaussian' }, 'user:alice');
    expect(r.method).toMatchObject({ mechanism: 'discrete_gaussian', deltaNoise: 5e-7, deltaThreshold: 5e-7, keys: 'threshold' });
    expect(r.cells.map((c) => c.key)).toEqual([
      { year: '2018', action: 'hacking' },
      { year: '2019', action: 'hacking' },
    ]);
  });
});

describe('the privacy budget', () => {
  it('refuses a release that would overspend, spends nothing then, and says what is left', async () => {
    const { releases, dp, audit } = await setup(years(2019, 2019, 10));
    await releases.setCap('registry', 2, '1e-6', 'user:admin');
    await releases.release({ by: 'year', epsilon: '1.5' }, 'user:alice');
    expect(await code(releases.release({ by: 'year', epsilon: '0.6' }, 'user:alice'))).toBe('ANALYTICS_BUDGET_EXCEEDED');
    expect(await dp.budget('registry')).toMatchObject({ epsilonSpent: 1_500_000, releases: 1 });
    expect(audit.at(-1)).toMatchObject({ kind: 'dp.release_refused', data: { remaining: { epsilon: 0.5 } } });
    await releases.release({ by: 'year', epsilon: '0.5' }, 'user:alice');
    expect(await code(releases.release({ by: 'year', epsilon: '0.000001' }, 'user:alice'))).toBe('ANALYTICS_BUDGET_EXCEEDED');
    expect((await releases.budgets())[0]).toMatchObject({ epsilon: { cap: 2, spent: 2, remaining: 0 }, releases: 2 });
  });

  it('accounts exactly: ten releases of ε = 0.1 spend a cap of 1 to the last millionth', async () => {
    const { releases } = await setup(years(2019, 2019, 10));
    await releases.setCap('registry', 1, 0, 'user:admin');
    for (let i = 0; i < 10; i++) await releases.release({ by: 'year', epsilon: '0.1' }, 'user:alice');
    expect(await code(releases.release({ by: 'year', epsilon: '0.1' }, 'user:alice'))).toBe('ANALYTICS_BUDGET_EXCEEDED');
  });

  it('charges every dataset a release reads, and refuses it whole when one cannot pay', async () => {
    const { db, store } = await storeWith(years(2019, 2019, 5), 'a');
    const registry = new IncidentRegistry(store);
    await registry.create({ title: 'b', dataset: 'b', veris: { timeline: { incident: { year: 2019 } } } }, 'test');
    const dp = new SqliteDpStore(db);
    const releases = new DpReleases(store, dp, () => {}, { rng: new SeededRandom('x') });
    await releases.setCap('b', '0.5', 0, 'user:admin');
    expect(await code(releases.release({ by: 'year', epsilon: 1 }, 'user:alice'))).toBe('ANALYTICS_BUDGET_EXCEEDED');
    expect(await dp.budget('a')).toBeNull();
    const r = await releases.release({ by: 'year', epsilon: '0.5' }, 'user:alice');
    expect(r.datasets).toEqual(['a', 'b']);
    expect((await releases.budgets()).map((b) => [b.dataset, b.epsilon.spent])).toEqual([
      ['a', 0.5],
      ['b', 0.5],
    ]);
  });

  it('lets a cap be lowered but never raised', async () => {
    const { releases } = await setup(years(2019, 2019, 1));
    await releases.setCap('registry', 3, '1e-6', 'user:admin');
    expect(await code(releases.setCap('registry', 4, '1e-6', 'user:admin'))).toBe('ANALYTICS_BUDGET_INVALID');
    expect((await releases.setCap('registry', 2, '1e-7', 'user:admin')).epsilon.cap).toBe(2);
  });

  it('holds against concurrent requests from several processes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-dp-race-'));
    try {
      const file = join(dir, 'leakwatch.db');
      const setupDb = new Database(file);
      setupDb.pragma('journal_mode = WAL');
      const store = new SqliteIncidentStore(setupDb);
      const registry = new IncidentRegistry(store);
      for (let i = 0; i < 5; i++) await registry.create({ title: `i${i}`, dataset: 'shared', veris: { timeline: { incident: { year: 2019 } } } }, 'test');
      await new DpReleases(store, new SqliteDpStore(setupDb)).setCap('shared', 5, 0, 'user:admin');
      setupDb.close();

      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const worker = resolve(import.meta.dirname, '../../../test/support/dp-budget-worker.ts');
      const run = () =>
        new Promise<{ ok: number; refused: number }>((done, fail) => {
          const child = spawn(process.execPath, ['--import', tsx, worker, file, '6', '0.5'], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.on('close', (c) => (c === 0 ? done(JSON.parse(out) as { ok: number; refused: number }) : fail(new Error(`worker exited ${c}: ${err}`))));
        });
      const workers = [run(), run(), run(), run()];
      await new Promise((r) => setTimeout(r, 1500));
      await writeFile(`${file}.go`, '');
      const results = await Promise.all(workers);
      // 4 processes × 6 requests of ε = 0.5 against a cap of 5: exactly 10 can be paid for.
      expect(results.reduce((s, r) => s + r.ok, 0)).toBe(10);
      expect(results.reduce((s, r) => s + r.refused, 0)).toBe(14);
      const check = new Database(file, { readonly: true });
      expect(check.prepare("SELECT epsilon_spent, releases FROM dp_budgets WHERE dataset = 'shared'").get()).toEqual({ epsilon_spent: 5_000_000, releases: 10 });
      expect(check.prepare("SELECT count(*) AS n FROM dp_releases WHERE status = 'released'").get()).toEqual({ n: 10 });
      check.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!haveVcdb)('DP counts by year on the VCDB (skipped: ../shared absent)', () => {
  it('keeps the mean absolute error at ε = 1 within the stated 95% bound', async () => {
    const { store, db } = await vcdbStore(VCDB_FILE);
    const truth = countBasics(await store.factColumns({ datasets: ['vcdb'] })).byYear;
    const releases = new DpReleases(store, new SqliteDpStore(db), () => {}, { rng: new SeededRandom('vcdb-by-year'), now: () => NOW });
    const r = await releases.release({ by: 'year', epsilon: 1, datasets: ['vcdb'] }, 'test');
    expect(r.cells).toHaveLength(2026 - 1950 + 1);
    const errors = r.cells.map((c) => Math.abs(c.count - (truth[c.key['year']!] ?? 0)));
    const mae = errors.reduce((s, e) => s + e, 0) / errors.length;
    const bound = r.method.count.errorBound95;
    expect(bound).toBe(3);
    expect(mae).toBeLessThanOrEqual(bound);
    expect(mae).toBeLessThan(1.5 * r.method.count.expectedAbsError);
    expect(errors.filter((e) => e > bound).length / errors.length).toBeLessThanOrEqual(0.1);
  });
});
