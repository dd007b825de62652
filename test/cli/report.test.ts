import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ROOT, runCli, withTempDir } from '../support/cli.js';

const VCDB = resolve(ROOT, '../shared/datasets/vcdb');

async function importSample(dir: string) {
  const lines = [];
  for (let i = 0; i < 60; i++) {
    const month = 1 + (i % 12);
    lines.push(
      JSON.stringify({
        incident_id: `S-${i}`,
        action: i % 3 ? { hacking: {} } : { error: { variety: ['Publishing error'] } },
        actor: i % 3 ? { external: {} } : { internal: {} },
        timeline: { incident: { year: 2018 + (i % 2), month, day: 1 + (i % 28) } },
        victim: { country: [i % 4 ? 'US' : 'CN'], industry: '92' },
        attribute: { confidentiality: { data_disclosure: i % 2 ? 'Yes' : 'Potentially', data_total: 10 * i } },
      }),
    );
  }
  await writeFile(join(dir, 's.jsonl'), lines.join('\n'));
  const r = await runCli(['incidents', 'import', join(dir, 's.jsonl'), '--data', join(dir, 'data'), '--dataset', 'sample']);
  expect(r.code).toBe(0);
  return join(dir, 'data');
}

describe('leakwatch report', () => {
  it('writes JSON, CSV, HTML and a table, with calendar windows from a YAML file', async () => {
    await withTempDir(async (dir) => {
      const data = await importSample(dir);
      await writeFile(join(dir, 'windows.yaml'), 'period: {from: 2018-01-01, to: 2019-12-31}\nwindows:\n  - name: spring\n    label: 春季专项行动\n    yearly: [[03-01, 05-31]]\n');
      const json = await runCli(['report', '--data', data, '--format', 'json', '--windows', join(dir, 'windows.yaml')]);
      expect(json.code).toBe(0);
      const r = JSON.parse(json.stdout) as { totals: { incidents: number }; byYear: Record<string, number>; disclosure: { shareYes: number }; windows: { windows: Array<{ label: string; overall: { inside: number; rateRatio: number } }> } };
      expect(r.totals.incidents).toBe(60);
      expect(r.byYear).toEqual({ 2018: 30, 2019: 30 });
      expect(r.disclosure.shareYes).toBe(0.5);
      expect(r.windows.windows[0]).toMatchObject({ label: '春季专项行动', overall: { inside: 15 } });
      const csv = await runCli(['report', '--data', data, '--format', 'csv']);
      expect(csv.stdout.split('\n')[0]).toBe('section,series,key,metric,value');
      expect(csv.stdout).toContain('by_year,all,2019,incidents,30\n');
      const html = await runCli(['report', '--data', data, '--format', 'html', '-o', join(dir, 'r.html')]);
      expect(html.code).toBe(0);
      expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<h1>Incident report</h1>');
      const table = await runCli(['report', '--data', data, '--format', 'table']);
      expect(table.stdout).toContain('Incidents: 60 (60 distinct source ids)');
      const bad = await runCli(['report', '--data', data, '--windows', join(dir, 'missing.yaml')]);
      expect(bad.code).toBe(2);
    });
  });

  it('refuses an invalid windows file with ANALYTICS_WINDOWS_INVALID', async () => {
    await withTempDir(async (dir) => {
      const data = await importSample(dir);
      await writeFile(join(dir, 'w.json'), JSON.stringify({ windows: [{ name: 'x', ranges: [['2019-02-30', '2019-03-01']] }] }));
      const r = await runCli(['report', '--data', data, '--windows', join(dir, 'w.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('ANALYTICS_WINDOWS_INVALID');
    });
  });
});

describe('leakwatch export --dp', () => {
  it('releases noisy counts with their method, charges the budget, and refuses past the cap', async () => {
    await withTempDir(async (dir) => {
      const data = await importSample(dir);
      const capped = await runCli(['export', '--dp', '--data', data, '--dataset', 'sample', '--cap-epsilon', '1.5', '--cap-delta', '1e-6']);
      expect(JSON.parse(capped.stdout).budgets[0]).toMatchObject({ dataset: 'sample', epsilon: { cap: 1.5, spent: 0 } });
      const r = await runCli(['export', '--dp', '--epsilon', '1', '--by', 'year,action', '--years', '2018-2019', '--data', data]);
      expect(r.code).toBe(0);
      const release = JSON.parse(r.stdout) as { method: { mechanism: string; epsilon: number; count: { errorBound95: number } }; cells: Array<{ key: Record<string, string>; count: number }>; budgets: Array<{ epsilon: { remaining: number } }> };
      expect(release.method).toMatchObject({ mechanism: 'discrete_laplace', epsilon: 1, keys: 'public', maxKeysPerIncident: 2 });
      expect(release.cells).toHaveLength(2 * 8);
      expect(release.budgets[0]!.epsilon.remaining).toBe(0.5);
      const refused = await runCli(['export', '--dp', '--epsilon', '1', '--by', 'year', '--data', data]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('ANALYTICS_BUDGET_EXCEEDED');
      const csv = await runCli(['export', '--dp', '--epsilon', '0.5', '--delta', '1e-6', '--by', 'country', '--format', 'csv', '--data', data]);
      expect(csv.code).toBe(0);
      expect(csv.stdout.split('\n')[0]).toBe('release,country,count,count_error95');
      expect((await runCli(['export', '--epsilon', '1', '--by', 'year', '--data', data])).code).toBe(2);
    });
  });
});

describe.skipIf(!existsSync(join(VCDB, 'incidents.jsonl.gz')))('the VCDB from the command line (skipped: ../shared absent)', () => {
  it('imports all 8,553 incidents and reports every reference figure', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data');
      const imp = await runCli(['incidents', 'import', join(VCDB, 'incidents.jsonl.gz'), '--dataset', 'vcdb', '--data', data]);
      expect(imp.code).toBe(0);
      const r = JSON.parse((await runCli(['report', '--data', data, '--dataset', 'vcdb', '--format', 'json'])).stdout) as Record<string, unknown>;
      const ref = JSON.parse(readFileSync(join(VCDB, 'reference-figures.json'), 'utf8')) as Record<string, unknown>;
      const t = r['totals'] as Record<string, number>;
      expect(t['incidents']).toBe(ref['total_incidents']);
      expect(t['distinctExternalIds']).toBe(ref['distinct_plus_master_id']);
      expect(r['byYear']).toEqual(ref['by_incident_year']);
      expect(r['byAction']).toEqual(ref['by_action']);
      expect(r['byActor']).toEqual(ref['by_actor']);
      expect([t['withMoreThanOneActionCategory'], t['withoutAction'], t['actorUnknown'], t['withoutActor']]).toEqual([
        ref['incidents_with_more_than_one_action_category'],
        ref['incidents_without_action'],
        ref['actor_unknown_key'],
        ref['incidents_without_actor'],
      ]);
      const d = r['disclosure'] as { yes: number; denominator: number; shareYes: number; byValue: object };
      const rd = ref['data_disclosure'] as { yes: number; denominator: number; share_yes: number; by_value: object };
      expect([d.yes, d.denominator, d.shareYes, d.byValue]).toEqual([rd.yes, rd.denominator, rd.share_yes, rd.by_value]);
      const c = r['countries'] as { distinctValues: number; top: unknown[]; includesCN: number };
      expect([c.distinctValues, c.top, c.includesCN]).toEqual([ref['victim_country_distinct_values'], ref['victim_country_top15'], ref['victim_country_includes_CN']]);
    });
  });
});
