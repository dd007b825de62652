import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli, withTempDir } from '../support/cli.js';

const veris = (id: string, year: number) =>
  JSON.stringify({
    incident_id: id,
    schema_version: '1.3.4',
    security_incident: 'Confirmed',
    action: { error: { variety: ['Misdelivery'], vector: ['Carelessness'] } },
    actor: { internal: { variety: ['End-user'], motive: ['NA'] } },
    asset: { assets: [{ variety: 'S - Mail' }], cloud: ['Unknown'] },
    discovery_method: { unknown: true },
    timeline: { incident: { year, month: 5, day: 4 } },
    victim: { country: ['DE'], industry: '62', employee_count: 'Unknown', victim_id: `Clinic ${id}` },
    attribute: { confidentiality: { data_disclosure: 'Yes', data_total: 120 } },
    plus: { master_id: id },
  });

const HHS = [
  '"Name of Covered Entity","State","Covered Entity Type","Individuals Affected","Breach Submission Date","Type of Breach","Location of Breached Information","Business Associate Present","Web Description"',
  '"Clinic A","WI","Healthcare Provider","13055","04/26/2024","Hacking/IT Incident","Email","No",""',
  '"Clinic B","WI","Healthcare Provider","9","13/26/2024","Theft","Laptop","No",""',
].join('\n');

describe('leakwatch incidents', () => {
  it('imports, reports bad records with file, line and reason on stderr, and exits 1', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'v.jsonl'), [veris('A', 2019), '{broken', veris('B', 2020)].join('\n'));
      await writeFile(join(dir, 'hhs.csv'), HHS);
      const r = await runCli(['incidents', 'import', join(dir, 'v.jsonl'), join(dir, 'hhs.csv'), '--data', join(dir, 'data')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${join(dir, 'v.jsonl')}:2: INCIDENTS_RECORD_INVALID: invalid JSON`);
      expect(r.stderr).toContain(`${join(dir, 'hhs.csv')}:3: INCIDENTS_RECORD_INVALID: Breach Submission Date "13/26/2024" is not a date as MM/DD/YYYY`);
      expect(r.stdout).toMatch(/v\.jsonl \(veris → dataset veris\): 3 records, 2 new, 0 updated, 0 unchanged, 1 skipped/);
      expect(r.stdout).toMatch(/hhs\.csv \(hhs-ocr → dataset hhs-ocr\): 2 records, 1 new/);
      const again = await runCli(['incidents', 'import', join(dir, 'v.jsonl'), '--data', join(dir, 'data'), '--json']);
      expect(JSON.parse(again.stdout).imports[0]).toMatchObject({ inserted: 0, unchanged: 2, skipped: 1 });
    });
  });

  it('records every imported incident on the platform ledger, which then verifies', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'v.jsonl'), [veris('A', 2019), veris('B', 2020)].join('\n'));
      expect((await runCli(['incidents', 'import', join(dir, 'v.jsonl'), '--data', join(dir, 'data')])).code).toBe(0);
      const verify = await runCli(['ledger', 'verify', '--data', join(dir, 'data')]);
      expect(verify.code).toBe(0);
      const result = JSON.parse(verify.stdout) as { ok: boolean; size: number };
      // One entry per incident created, and one for the import itself.
      expect(result).toMatchObject({ ok: true, size: 3 });
    });
  });

  it('lists, shows with its deadline clock and timeline, and exports VERIS JSON Lines', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'v.jsonl'), [veris('A', 2019), veris('B', 2020)].join('\n'));
      const data = join(dir, 'data');
      expect((await runCli(['incidents', 'import', join(dir, 'v.jsonl'), '--data', data, '--dataset', 'clinics', '--status', 'new'])).code).toBe(0);
      const list = JSON.parse((await runCli(['incidents', 'list', '--data', data, '--json', '--year', '2020'])).stdout) as { total: number; incidents: Array<{ id: string; title: string; channel: string; status: string }> };
      expect(list.total).toBe(1);
      expect(list.incidents[0]).toMatchObject({ title: 'Clinic B', channel: 'email', status: 'new' });
      const show = await runCli(['incidents', 'show', list.incidents[0]!.id, '--data', data]);
      expect(show.code).toBe(0);
      expect(show.stdout).toContain('channel email  cause accidental  official channel true');
      expect(show.stdout).toContain('GDPR Art. 33(1) (72 h, notify supervisory authority): not_started');
      expect(show.stdout).toMatch(/cli {2}imported/);
      const missing = await runCli(['incidents', 'show', 'inc_nope', '--data', data]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('INCIDENTS_NOT_FOUND');
      const out = join(dir, 'veris.jsonl.gz');
      const exp = await runCli(['incidents', 'export', '--data', data, '-o', out]);
      expect(exp.code).toBe(0);
      const docs = gunzipSync(await readFile(out)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { incident_id: string; plus: { leakwatch: { dataset: string } } });
      expect(docs.map((d) => [d.incident_id, d.plus.leakwatch.dataset])).toEqual([
        ['A', 'clinics'],
        ['B', 'clinics'],
      ]);
    });
  });
});
