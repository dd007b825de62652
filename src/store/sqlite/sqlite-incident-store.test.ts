import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { isLeakwatchError } from '../../errors/index.js';
import { COUNTRY_CODES, type IncidentFacts } from '../incident-facts.js';
import type { IncidentRecord } from '../incident-store.js';
import { SqliteCalendarWindowStore } from './sqlite-calendar-window-store.js';
import { SqliteIncidentStore } from './sqlite-incident-store.js';

const facts = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({
  year: 2019,
  month: 12,
  day: 31,
  actions: ['hacking', 'error'],
  actors: ['external', 'unknown'],
  disclosure: 'Potentially',
  countries: ['US'],
  sector: '44-45',
  channel: 'cloud_exposure',
  cause: 'partner',
  region: null,
  official: false,
  records: 2 ** 40,
  ...over,
});

const record = (id: string, over: Partial<IncidentRecord> = {}, f: Partial<IncidentFacts> = {}): IncidentRecord => ({
  id,
  dataset: 'd1',
  source: 'manual',
  sourceRef: null,
  externalId: `ext-${id}`,
  title: `incident ${id}`,
  status: 'new',
  owner: null,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  discoveredAt: null,
  contentHash: 'h',
  alertIds: [],
  facts: facts(f),
  doc: { any: 'json' },
  ...over,
});

describe('the SQLite incident store', () => {
  it('gives back the facts it packed, every field at its extremes, and lists of more than two countries', async () => {
    const store = new SqliteIncidentStore(new Database(':memory:'));
    await store.insertIncident(record('a'), []);
    await store.insertIncident(record('b', {}, { year: 4095, month: 1, day: 1, actions: ['environmental', 'unknown'], actors: [], disclosure: null, countries: ['ZW', 'Unknown', 'CN', 'HK'], sector: 'Unknown', channel: 'unknown', cause: 'unknown', region: 'CN-MO', official: true, records: null }), []);
    await store.insertIncident(record('c', { externalId: null }, { year: null, month: null, day: null, actions: [], countries: [], records: 0 }), []);
    const f = await store.factColumns({});
    expect(f.n).toBe(3);
    expect([...f.year]).toEqual([2019, 4095, 0]);
    expect([...f.month]).toEqual([12, 1, 0]);
    expect([...f.day]).toEqual([31, 1, 0]);
    expect([...f.actions]).toEqual([0b100001, 0b11000000, 0]);
    expect([...f.actors]).toEqual([0b1001, 0, 0b1001]);
    expect([...f.disclosure]).toEqual([2, 0, 2]);
    expect([...f.official]).toEqual([1, 2, 1]);
    expect([...f.cause]).toEqual([4, 5, 4]);
    expect([...f.channel]).toEqual([4, 16, 4]);
    expect([...f.sector]).toEqual([7, 21, 7]);
    expect([...f.region]).toEqual([0, 34, 0]);
    expect([...f.records]).toEqual([2 ** 40, Number.NaN, 0]);
    const countriesOf = (i: number) => [...f.countryCodes.subarray(f.countryStart[i]!, f.countryStart[i + 1]!)].map((c) => COUNTRY_CODES[c]);
    expect([countriesOf(0), countriesOf(1), countriesOf(2)]).toEqual([['US'], ['ZW', 'Unknown', 'CN', 'HK'], []]);
    expect(f.distinctExternalIds).toBe(2);
  });

  it('filters facts by columns of both tables, and keeps them in step with updates', async () => {
    const store = new SqliteIncidentStore(new Database(':memory:'));
    await store.insertIncident(record('a', { owner: 'alice' }), []);
    await store.insertIncident(record('b', { dataset: 'd2' }, { countries: ['DE', 'FR', 'CN'] }), []);
    expect((await store.factColumns({ datasets: ['d2'] })).n).toBe(1);
    expect((await store.factColumns({ owner: 'alice' })).n).toBe(1);
    expect((await store.factColumns({ country: 'CN' })).n).toBe(1);
    expect((await store.factColumns({ text: 'incident b' })).n).toBe(1);
    expect((await store.factColumns({ text: '100%_' })).n).toBe(0);
    expect((await store.factColumns({ ids: [] })).n).toBe(0);
    const b = (await store.getIncident('b'))!;
    expect(await store.replaceIncident({ ...b, version: 2, status: 'closed', facts: { ...b.facts, year: 2001 } }, 1, [])).toBe(true);
    expect(await store.replaceIncident({ ...b, version: 2 }, 1, [])).toBe(false);
    const f = await store.factColumns({ statuses: ['closed'] });
    expect([f.n, f.year[0]]).toEqual([1, 2001]);
    expect(await store.listDatasets()).toEqual([
      { dataset: 'd1', incidents: 1 },
      { dataset: 'd2', incidents: 1 },
    ]);
  });

  it('refuses a duplicate id with STORE_CONFLICT and a value outside the vocabularies with STORE_RECORD_INVALID', async () => {
    const store = new SqliteIncidentStore(new Database(':memory:'));
    await store.insertIncident(record('a'), []);
    const dup = await store.insertIncident(record('a'), []).catch((e: unknown) => e);
    expect(isLeakwatchError(dup, 'STORE_CONFLICT')).toBe(true);
    const bad = await store.insertIncident(record('x', {}, { countries: ['Atlantis'] }), []).catch((e: unknown) => e);
    expect(isLeakwatchError(bad, 'STORE_RECORD_INVALID')).toBe(true);
    expect(await store.countIncidents({})).toBe(1);
  });
});

describe('the SQLite calendar window store', () => {
  it('saves, replaces, lists and deletes windows by name', async () => {
    const store = new SqliteCalendarWindowStore(new Database(':memory:'));
    const w = { name: 'two-sessions', label: '两会', ranges: [{ from: '2019-03-03', to: '2019-03-15' }], yearly: [], createdBy: 'alice', createdAt: 1, updatedAt: 1 };
    await store.saveWindow(w);
    await store.saveWindow({ ...w, label: '全国两会', updatedAt: 2 });
    expect(await store.listWindows()).toEqual([{ ...w, label: '全国两会', updatedAt: 2 }]);
    expect(await store.deleteWindow('two-sessions')).toBe(true);
    expect(await store.getWindow('two-sessions')).toBeNull();
  });
});
