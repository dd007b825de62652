import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLeakwatchError } from '../../errors/index.js';
import { DORK_FILE, HHS_ARCHIVE, HHS_OPEN, VCDB_FILE, haveDork, haveHhs, haveVcdb } from '../shared-data.case.js';
import { detectFormat, readImport } from './import-file.js';
import type { ImportedIncident } from './import-types.js';

async function withFiles<T>(files: Record<string, string | Buffer>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'lw-import-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const veris = (id: string, over: object = {}) =>
  JSON.stringify({
    incident_id: id,
    action: { hacking: { variety: ['SQLi'], vector: ['Web application'] } },
    actor: { external: { variety: ['Unknown'], motive: ['Financial'] } },
    timeline: { incident: { year: 2019, month: 3 } },
    victim: { country: ['CN'], state: '广东', industry: '522110', employee_count: 'Unknown', victim_id: 'Some Bank' },
    attribute: { confidentiality: { data_disclosure: 'Yes', data_total: 5000 } },
    plus: { master_id: id },
    ...over,
  });

describe('importing VERIS JSON', () => {
  const jsonl = [
    veris('A-1'),
    '{"incident_id": "A-2", "action": ',
    '',
    veris('A-3', { action: { hacking: {}, weather: {} } }),
    veris('A-4', { timeline: { incident: { year: 2019, month: 13 } } }),
    veris('A-5', { victim: { country: ['Germany'] } }),
    '[1, 2]',
    veris('A-6', { attribute: { confidentiality: { data_disclosure: 'Maybe' } } }),
    veris('A-1'),
  ].join('\n');

  it('imports JSONL and reports each bad line with its reason, keeping the rest', async () => {
    await withFiles({ 'v.jsonl': jsonl }, async (dir) => {
      const r = await readImport(join(dir, 'v.jsonl'));
      expect(r.format).toBe('veris');
      expect(r.records).toBe(8);
      expect(r.incidents.map((i) => [i.line, i.externalId])).toEqual([
        [1, 'A-1'],
        [9, 'A-1'],
      ]);
      expect(r.problems.map((p) => [p.line, p.record, p.code])).toEqual([
        [2, 2, 'INCIDENTS_RECORD_INVALID'],
        [4, 3, 'INCIDENTS_RECORD_INVALID'],
        [5, 4, 'INCIDENTS_RECORD_INVALID'],
        [6, 5, 'INCIDENTS_RECORD_INVALID'],
        [7, 6, 'INCIDENTS_RECORD_INVALID'],
        [8, 7, 'INCIDENTS_RECORD_INVALID'],
      ]);
      const reasons = r.problems.map((p) => p.reason);
      expect(reasons[0]).toMatch(/^invalid JSON/);
      expect(reasons[1]).toBe('action.weather is not a VERIS action category');
      expect(reasons[2]).toMatch(/timeline.incident.month is not an integer from 1 to 12: 13/);
      expect(reasons[3]).toMatch(/victim.country "Germany" is not an ISO 3166-1 alpha-2 code/);
      expect(reasons[4]).toBe('not a JSON object');
      expect(reasons[5]).toMatch(/data_disclosure "Maybe"/);
    });
  });

  it('reads gzip by its magic bytes, whatever the name', async () => {
    await withFiles({ 'export.dat': gzipSync(jsonl) }, async (dir) => {
      const r = await readImport(join(dir, 'export.dat'));
      expect(r.incidents).toHaveLength(2);
      expect(r.problems).toHaveLength(6);
    });
  });

  it('reads one pretty-printed incident, a JSON array, and a folder of .json files', async () => {
    const pretty = JSON.stringify(JSON.parse(veris('P-1')), null, 2);
    await withFiles({ 'one.json': pretty, 'many.json': `[${veris('B-1')},${veris('B-2')}]`, 'dir/x.json': veris('D-2'), 'dir/a.json': veris('D-1'), 'dir/notes.txt': 'not json' }, async (dir) => {
      expect((await readImport(join(dir, 'one.json'))).incidents.map((i) => i.externalId)).toEqual(['P-1']);
      expect((await readImport(join(dir, 'many.json'))).incidents.map((i) => i.externalId)).toEqual(['B-1', 'B-2']);
      const folder = await readImport(join(dir, 'dir'));
      expect(folder.incidents.map((i) => [i.externalId, i.file.endsWith('a.json') || i.file.endsWith('x.json')])).toEqual([
        ['D-1', true],
        ['D-2', true],
      ]);
    });
  });

  it('takes the Chinese province of a CN victim from victim.state', async () => {
    await withFiles({ 'v.jsonl': veris('A-1') }, async (dir) => {
      const [i] = (await readImport(join(dir, 'v.jsonl'))).incidents as [ImportedIncident];
      expect(i.leak.cnRegion).toBe('CN-GD');
      expect(i.title).toBe('Some Bank');
    });
  });

  it('refuses a corrupt gzip and a missing file with INCIDENTS_IMPORT_UNREADABLE', async () => {
    await withFiles({ 'bad.gz': Buffer.concat([gzipSync(jsonl).subarray(0, 40)]) }, async (dir) => {
      for (const f of [join(dir, 'bad.gz'), join(dir, 'missing.jsonl')]) {
        const err = await readImport(f).catch((e: unknown) => e);
        expect(isLeakwatchError(err, 'INCIDENTS_IMPORT_UNREADABLE')).toBe(true);
      }
    });
  });

  it('stops a gzip bomb at the size cap', async () => {
    await withFiles({ 'bomb.gz': gzipSync(Buffer.alloc(5_000_000, 32)) }, async (dir) => {
      const err = await readImport(join(dir, 'bomb.gz'), 'veris', 1_000_000).catch((e: unknown) => e);
      expect(isLeakwatchError(err, 'INCIDENTS_IMPORT_UNREADABLE')).toBe(true);
      expect((err as Error).message).toMatch(/decompresses past 1000000 bytes/);
    });
  });
});

const HEADER = '"Name of Covered Entity","State","Covered Entity Type","Individuals Affected","Breach Submission Date","Type of Breach","Location of Breached Information","Business Associate Present","Web Description"';

describe('importing the HHS OCR breach portal CSV', () => {
  const csv = [
    HEADER,
    '"Clinic A","WI","Healthcare Provider","13055","04/26/2024","Hacking/IT Incident","Email","No","The covered entity (CE), Clinic A, reported ""phishing"".\r\nSecond line."',
    '"Plan B","MA","Health Plan","","02/30/2024","Theft","Laptop","No",""',
    '"Plan C","MA","Health Plan","12x","03/01/2024","Theft","Laptop","No",""',
    '"","MA","Health Plan","10","03/01/2024","Theft","Laptop","No",""',
    '"Plan D","MA","Health Plan","10","03/01/2024","Alien abduction","Laptop","No",""',
    '"Plan E","MA","Health Plan","10","03/01/2024","Theft"',
    '"Clinic F","TX","Business Associate","2500","01/02/2023","Loss, Theft","Paper/Films, Laptop","Yes",""',
    '"Clinic G","TX","","","01/03/2023","","Other","No",""',
  ].join('\r\n');

  it('imports good rows and reports bad ones by line and reason', async () => {
    await withFiles({ 'breaches.csv': csv }, async (dir) => {
      const r = await readImport(join(dir, 'breaches.csv'));
      expect(r.format).toBe('hhs-ocr');
      expect(r.records).toBe(8);
      expect(r.incidents.map((i) => [i.line, i.veris.victim?.victim_id])).toEqual([
        [2, 'Clinic A'],
        [9, 'Clinic F'],
        [10, 'Clinic G'],
      ]);
      expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
        [4, 'Breach Submission Date "02/30/2024" is not a date as MM/DD/YYYY'],
        [5, 'Individuals Affected "12x" is not a whole number'],
        [6, 'Name of Covered Entity is empty'],
        [7, 'Type of Breach "Alien abduction" is not one of the portal\'s types'],
        [8, '6 fields where the header has 9'],
      ]);
    });
  });

  it('maps a row to VERIS: action, actor, asset, medical data, the submission date', async () => {
    await withFiles({ 'breaches.csv': csv }, async (dir) => {
      const [a, f, g] = (await readImport(join(dir, 'breaches.csv'))).incidents as [ImportedIncident, ImportedIncident, ImportedIncident];
      expect(a.veris).toMatchObject({
        timeline: { incident: { year: 2024, month: 4, day: 26 } },
        victim: { country: ['US'], state: 'WI', industry: '62' },
        action: { hacking: { variety: ['Unknown'] } },
        actor: { external: {} },
        asset: { assets: [{ variety: 'S - Mail' }] },
        attribute: { confidentiality: { data_disclosure: 'Yes', data_total: 13055, data: [{ variety: 'Medical', amount: 13055 }] } },
      });
      expect(a.summary).toContain('"phishing".\r\nSecond line.');
      expect(f.veris.action).toEqual({ error: { variety: ['Loss'], vector: ['Unknown'] }, physical: { variety: ['Theft'], vector: ['Unknown'] } });
      expect(f.veris.asset?.assets).toEqual([{ variety: 'M - Documents' }, { variety: 'U - Laptop' }]);
      expect(g.veris.action).toEqual({ unknown: {} });
      expect(g.leak.recordsAffected).toBeNull();
    });
  });

  it('refuses a CSV that is not the portal export', async () => {
    await withFiles({ 'other.csv': 'a,b\n1,2\n' }, async (dir) => {
      const err = await readImport(join(dir, 'other.csv'), 'hhs-ocr').catch((e: unknown) => e);
      expect(isLeakwatchError(err, 'INCIDENTS_FORMAT_UNKNOWN')).toBe(true);
    });
  });
});

describe('importing the Chinese leak chronicle (Dork-Admin)', () => {
  const lines = [
    JSON.stringify({ category: 'data_leak', year: 2014, month: 5, title: '小米论坛 用户数据遭泄漏', fields: { 影响人数: '800万', 事件经过: '据国内安全问题反馈平台乌云网报告，黑客拖库。' }, links: ['https://example.org/a'], source_line: 4307 }),
    '{"category":"data_leak","year":2019,',
    JSON.stringify({ category: 'rumour', year: 2019, month: 1, title: 'x', fields: {}, links: [] }),
    JSON.stringify({ category: 'data_leak', year: 2019, month: 1, title: '   ', fields: {}, links: [] }),
    JSON.stringify({ category: 'data_leak', year: 2019, month: 1, title: '深圳某公司 Elasticsearch 未设密码导致数据暴露', fields: { 影响人数: '一亿四千三百万' }, links: [] }),
    JSON.stringify({ category: 'supply_chain_attack', year: 2020, month: 12, title: 'SolarWinds 供应链攻击', fields: {}, links: [] }),
  ].join('\n');

  it('imports entries and reports bad lines', async () => {
    await withFiles({ 'events.jsonl': lines }, async (dir) => {
      const r = await readImport(join(dir, 'events.jsonl'));
      expect(r.format).toBe('dork-admin-zh');
      expect(r.incidents.map((i) => i.line)).toEqual([1, 5, 6]);
      expect(r.problems.map((p) => [p.line, p.reason.replace(/:.*/, '')])).toEqual([
        [2, 'invalid JSON'],
        [3, 'category "rumour" is not data_leak or supply_chain_attack'],
        [4, 'title is missing'],
      ]);
    });
  });

  it('infers the action, place and count from the Chinese text, and says so', async () => {
    await withFiles({ 'events.jsonl': lines }, async (dir) => {
      const [xiaomi, es, solar] = (await readImport(join(dir, 'events.jsonl'))).incidents as [ImportedIncident, ImportedIncident, ImportedIncident];
      expect(xiaomi.veris.action).toEqual({ hacking: { variety: ['Unknown'], vector: ['Unknown'] } });
      expect(xiaomi.veris.victim?.country).toEqual(['CN']);
      expect(xiaomi.leak.recordsAffected).toBe(8_000_000);
      expect(xiaomi.veris.timeline?.incident).toEqual({ year: 2014, month: 5 });
      expect(xiaomi.inferred).toEqual(['action', 'country', 'recordsAffected']);
      expect(es.veris.action).toEqual({ error: { variety: ['Misconfiguration'], vector: ['Unknown'] } });
      expect(es.leak).toMatchObject({ cnRegion: 'CN-GD', recordsAffected: 143_000_000 });
      expect(solar.veris.action).toEqual({ malware: { variety: ['Unknown'], vector: ['Software update'] } });
      expect(solar.veris.attribute?.confidentiality?.data_disclosure).toBe('Unknown');
    });
  });
});

describe('telling formats apart by content', () => {
  it.each([
    [HEADER, 'hhs-ocr'],
    ['{"category":"data_leak","year":2019,"title":"t","fields":{}}', 'dork-admin-zh'],
    ['{"incident_id":"x"}', 'veris'],
    ['[{"incident_id":"x"}]', 'veris'],
  ])('%s → %s', (text, format) => {
    expect(detectFormat('f', text)).toBe(format);
  });

  it('refuses text it cannot place with INCIDENTS_FORMAT_UNKNOWN', () => {
    expect(() => detectFormat('notes.txt', 'hello')).toThrow(/name it with --format/);
  });
});

describe.skipIf(!haveVcdb)('importing the real VCDB (skipped: ../shared absent)', () => {
  it('reads all 8,553 incidents with no problem', async () => {
    const r = await readImport(VCDB_FILE);
    expect(r.records).toBe(8553);
    expect(r.problems).toEqual([]);
    expect(r.incidents).toHaveLength(8553);
    expect(new Set(r.incidents.map((i) => i.externalId)).size).toBe(8551);
  });
});

describe.skipIf(!haveHhs)('importing the real HHS OCR exports (skipped: ../shared absent)', () => {
  it('reads every row of both exports and keeps the individuals-affected totals of the README', async () => {
    const archive = await readImport(HHS_ARCHIVE);
    const open = await readImport(HHS_OPEN);
    expect([archive.records, archive.incidents.length, archive.problems]).toEqual([5371, 5371, []]);
    expect([open.records, open.incidents.length, open.problems]).toEqual([908, 908, []]);
    const sum = (r: typeof archive) => r.incidents.reduce((s, i) => s + (i.leak.recordsAffected ?? 0), 0);
    expect(sum(archive)).toBe(412_819_504);
    expect(sum(open)).toBe(167_307_481);
  });
});

describe.skipIf(!haveDork)('importing the real Dork-Admin chronicle (skipped: ../shared absent)', () => {
  it('reads all 415 entries and keeps the counts by year of its README', async () => {
    const r = await readImport(DORK_FILE);
    expect([r.records, r.incidents.length, r.problems]).toEqual([415, 415, []]);
    const leaks: Record<string, number> = {};
    for (const i of r.incidents) if (i.sourceFields['category'] === 'data_leak') leaks[i.veris.timeline!.incident!.year!] = (leaks[i.veris.timeline!.incident!.year!] ?? 0) + 1;
    expect(leaks).toEqual({ 2011: 5, 2012: 4, 2013: 3, 2014: 6, 2015: 7, 2016: 15, 2017: 5, 2018: 23, 2019: 162, 2020: 119, 2021: 9 });
    expect(r.incidents.filter((i) => i.sourceFields['category'] === 'supply_chain_attack')).toHaveLength(57);
    expect(r.incidents.filter((i) => i.leak.recordsAffected !== null).length).toBeGreaterThan(80);
  });
});
