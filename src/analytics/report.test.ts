import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { IncidentAnalytics } from './analytics-service.js';
import { countBasics, vcdbReferenceFigures } from './report.js';
import { VCDB_FIGURES, VCDB_FILE, haveVcdb } from './shared-data.case.js';
import { storeWith, vcdbStore } from './test-support.js';

describe('counting incidents', () => {
  it('counts multi-valued fields once per value, keeps unknowns apart, and shares disclosure over all incidents', async () => {
    const { store } = await storeWith([
      { date: '2019-03-01', action: 'error', actor: 'internal', country: 'CN', disclosure: 'Yes', records: 10, region: 'CN-GD' },
      { date: '2019-04', action: 'hacking', actor: 'external', country: 'US', disclosure: 'Potentially', records: 5 },
      { date: '2020', action: 'misuse', actor: 'unknown', country: 'Unknown', disclosure: 'Yes' },
      { date: '2020-01-02', action: 'unknown', actor: 'partner' },
    ]);
    const b = countBasics(await store.factColumns({}));
    expect(b.totals).toEqual({
      incidents: 4,
      distinctExternalIds: 0,
      withMoreThanOneActionCategory: 0,
      withoutAction: 0,
      withoutActor: 0,
      actorUnknown: 1,
      incidentsWithRecords: 2,
      recordsAffected: 15,
    });
    expect(b.byYear).toEqual({ 2019: 2, 2020: 2 });
    expect(b.byAction).toMatchObject({ error: 1, hacking: 1, misuse: 1, unknown: 1, malware: 0 });
    expect(b.byActor).toEqual({ external: 1, internal: 1, partner: 1 });
    expect(b.disclosure).toEqual({ yes: 2, denominator: 4, shareYes: 0.5, byValue: { Yes: 2, Potentially: 1, No: 0, Unknown: 0, missing: 1 } });
    expect(b.countries).toMatchObject({ distinctValues: 3, includesCN: 1, countryMissing: 1, top: [{ country: 'CN', incidents: 1 }, { country: 'US', incidents: 1 }, { country: 'Unknown', incidents: 1 }] });
    expect(b.byCause).toMatchObject({ accidental: 1, external: 1, partner: 1, unknown: 1 });
    expect(b.byRegion).toEqual([{ key: 'CN-GD', label: '广东 Guangdong', incidents: 1 }]);
    expect(b.regionMissing).toBe(3);
  });
});

describe.skipIf(!haveVcdb)('the report on the imported VCDB (skipped: ../shared absent)', () => {
  it('reproduces every figure of reference-figures.json exactly', async () => {
    const { store } = await vcdbStore(VCDB_FILE);
    const report = await new IncidentAnalytics(store).report({ datasets: ['vcdb'] });
    const { about: _about, source: _source, ...reference } = JSON.parse(readFileSync(VCDB_FIGURES, 'utf8')) as Record<string, unknown>;
    expect(vcdbReferenceFigures(report)).toEqual(reference);
    expect(report.byAction.hacking + report.byAction.error).toBe(2266 + 2491);
    expect(Object.values(report.byActor).reduce((s, n) => s + n, 0)).toBe(8602);
  });
});
