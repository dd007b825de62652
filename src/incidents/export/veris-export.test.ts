import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Ajv from 'ajv-draft-04';
import { SqliteIncidentStore } from '../../store/index.js';
import { readImport } from '../import/import-file.js';
import type { Incident } from '../model.js';
import { IncidentRegistry } from '../registry.js';
import { DORK_FILE, HHS_ARCHIVE, HHS_OPEN, VCDB_FILE, VCDB_SCHEMA, VERIS_141_SCHEMA, haveDork, haveHhs, haveVcdb } from '../shared-data.case.js';
import type { VerisIncident } from '../veris.js';
import { toVeris } from './veris-export.js';

// The VERIS JSON Schemas (draft 4, enumerations merged) from ../shared/datasets/vcdb/schema:
// VCDB 1.3.4 (vz-risk/VCDB 759c777) and VERIS 1.4.1 (vz-risk/veris 45d9d7a), both CC BY-SA 4.0.
function validators() {
  // ajv-draft-04 is CommonJS: its class is the module's `default` export.
  const compile = (file: string) => new Ajv.default({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  const v134 = compile(VCDB_SCHEMA);
  const v141 = compile(VERIS_141_SCHEMA);
  /** Validates a document against the schema of its own version; returns the errors. */
  return (doc: VerisIncident): unknown[] => {
    const validate = doc.schema_version?.startsWith('1.4') ? v141 : v134;
    return validate(doc) ? [] : (validate.errors ?? ['invalid']);
  };
}

function exported(inc: Incident): VerisIncident {
  const r = toVeris(inc);
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
}

const registry = () => new IncidentRegistry(new SqliteIncidentStore(new Database(':memory:')));

describe('VERIS export of an incident without a year', () => {
  it('says why it cannot be exported instead of writing an invalid document', () => {
    const r = toVeris({ id: 'inc_1', veris: { action: { unknown: {} } } } as never);
    expect(r).toEqual({ ok: false, reason: 'VERIS requires timeline.incident.year and the incident has none' });
  });
});

describe.skipIf(!haveVcdb)('VERIS export against the VERIS schemas (skipped: ../shared absent)', () => {
  const check = validators();

  it('writes VERIS 1.4.1 that validates for incidents made by hand, with Leakwatch fields under plus', async () => {
    const reg = registry();
    const bare = await reg.create({ title: 'Bare incident' }, 'user:alice');
    const coded = await reg.create(
      {
        title: 'Payroll sheet mailed to the wrong supplier',
        summary: 'HR sent a spreadsheet of 480 employees to an external address.',
        discoveredAt: Date.UTC(2026, 2, 1),
        veris: {
          action: { error: { variety: ['Misdelivery'], vector: ['Carelessness'] } },
          actor: { internal: { variety: ['Human resources'], motive: ['NA'] } },
          attribute: { confidentiality: { data_disclosure: 'Yes', data_total: 480, data: [{ variety: 'Personal', amount: 480 }] } },
          victim: { country: ['CN'], industry: '541211' },
          discovery_method: { external: { variety: ['Customer'] } },
        },
        leak: { cnRegion: 'CN-SH' },
      },
      'user:alice',
    );
    for (const inc of [bare, coded]) {
      const doc = exported(inc);
      expect(doc.schema_version).toBe('1.4.1');
      expect(check(doc)).toEqual([]);
    }
    expect(exported(coded).plus?.['leakwatch']).toMatchObject({ channel: 'email', cause: 'accidental', cn_region: 'CN-SH', discovered_at: '2026-03-01T00:00:00.000Z' });
  });

  it('fails the schema when a required part is missing or a value is off the enumeration (the check can fail)', async () => {
    const doc = exported(await registry().create({ title: 'x' }, 'user:alice'));
    const broken = structuredClone(doc);
    delete broken.actor;
    expect(check(broken)).not.toEqual([]);
    const badEnum = structuredClone(doc);
    badEnum.security_incident = 'Probably';
    expect(check(badEnum)).not.toEqual([]);
  });

  it('gives back all 8,553 imported VCDB incidents as valid VERIS 1.3.4, coding unchanged', async () => {
    const reg = registry();
    const parsed = await readImport(VCDB_FILE);
    await reg.importParsed(parsed, { dataset: 'vcdb', actor: 'test' });
    const { items } = await reg.list({}, { limit: 10_000, order: 'created_asc' });
    expect(items).toHaveLength(8553);
    const invalid = items.filter((inc) => check(exported(inc)).length > 0).map((i) => i.externalId);
    expect(invalid).toEqual([]);
    const { plus, ...rest } = exported(items[0]!);
    const { plus: origPlus, ...origRest } = parsed.incidents[0]!.veris;
    expect(rest).toEqual(origRest);
    expect(plus).toMatchObject(origPlus!);
  });

  it.skipIf(!haveHhs || !haveDork)('writes valid VERIS 1.4.1 for the HHS and Chinese chronicle imports', async () => {
    const reg = registry();
    for (const [file, dataset] of [
      [HHS_ARCHIVE, 'hhs'],
      [HHS_OPEN, 'hhs'],
      [DORK_FILE, 'dork'],
    ] as const) {
      await reg.importParsed(await readImport(file), { dataset, actor: 'test' });
    }
    const { items } = await reg.list({}, { limit: 10_000 });
    expect(items).toHaveLength(5371 + 908 + 415);
    const invalid = items.map((inc) => [inc.title, check(exported(inc))] as const).filter(([, errors]) => errors.length > 0);
    expect(invalid.slice(0, 3)).toEqual([]);
  });
});
