// The behaviour every Store backend must show. A backend joins by adding an
// entry to BACKENDS; one that cannot pass a case says which and why, here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeakwatchError } from '../errors/index.js';
import type { AlertRecord } from './alert-record.js';
import { SCHEMA_VERSION } from './sqlite/migrations.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { NewEvent, Store } from './store.js';

interface Backend {
  readonly name: string;
  /** Opens a store on `dir`; opening the same dir again must see the same data. */
  open(dir: string): Promise<Store>;
}

const BACKENDS: readonly Backend[] = [
  { name: 'sqlite', open: async (dir) => SqliteStore.open(join(dir, 'leakwatch.db')) },
  // Every batch through the writer thread, however small.
  { name: 'sqlite, writer thread', open: async (dir) => SqliteStore.open(join(dir, 'leakwatch.db'), { inlineBelow: 0 }) },
  // Every batch on the calling thread.
  { name: 'sqlite, one thread', open: async (dir) => SqliteStore.open(join(dir, 'leakwatch.db'), { writerThread: false }) },
  // PostgreSQL joins here once src/store/postgres exists (started from Debian's postgresql package).
];

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0); // a Monday, 09:00 UTC

function event(n: number, over: Partial<NewEvent> = {}): NewEvent {
  const raw = { eventID: `ev-${n}`, eventName: 'GetObject', n, requestParameters: { bucketName: 'acme-data', key: `reports/${n}.csv` } };
  return {
    id: `cloudtrail:ev-${n}`,
    time: T0 + n * 60_000,
    ingestTime: T0 + 3_600_000,
    source: 'cloudtrail',
    tenant: '123456789012',
    action: 'GetObject',
    channel: 'download',
    actor: { user: `arn:aws:iam::123456789012:user/u${n % 3}`, ip: '203.0.113.7', userAgent: 'aws-cli/2' },
    object: { container: 'acme-data', path: `reports/${n}.csv`, kind: 'object' },
    bytes: 1000 + n,
    outcome: 'success',
    attributes: { identity_type: 'IAMUser', scopes: ['a', 'b'], public_grant: false },
    raw,
    rawText: JSON.stringify(raw),
    ...over,
  };
}

function alert(id: string, over: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    actor: 'alice@example.com',
    start: T0,
    end: T0 + 60_000,
    severity: 'high',
    score: 72,
    channel: 'download',
    detector: 'bulk_download',
    kind: 'model',
    title: 'Bulk download',
    reasons: ['412 files in 10 min; usual 3'],
    explanation: { features: [{ name: 'files', observed: 412, baseline: 3 }] },
    evidence: ['cloudtrail:ev-1'],
    status: 'open',
    createdAt: T0 + 120_000,
    updatedAt: T0 + 120_000,
    ...over,
  };
}

describe.each(BACKENDS)('the $name store', (backend) => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-store-'));
    store = await backend.open(dir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('events', () => {
    it('stores new events and returns them, every field intact, raw included', async () => {
      const e = event(1);
      const r = await store.insertEvents([e]);
      expect(r.duplicates).toBe(0);
      expect(r.inserted.map((x) => x.id)).toEqual(['cloudtrail:ev-1']);
      const [back] = await store.getEvents(['cloudtrail:ev-1']);
      const { rawText: _rawText, ...expected } = e;
      expect(back).toEqual(expected);
    });

    it('counts a second ingest of the same events as duplicates and stores nothing new', async () => {
      const batch = [1, 2, 3].map((n) => event(n));
      expect((await store.insertEvents(batch)).inserted).toHaveLength(3);
      const again = await store.insertEvents(batch.map((e) => ({ ...e, ingestTime: e.ingestTime + 1 })));
      expect(again).toEqual({ inserted: [], duplicates: 3 });
      expect(await store.countEvents()).toBe(3);
    });

    it('treats the same record written with other key order or spacing as a duplicate', async () => {
      const e = event(5);
      await store.insertEvents([e]);
      const raw = e.raw as Record<string, unknown>;
      const reordered = Object.fromEntries(Object.entries(raw).reverse());
      const r = await store.insertEvents([{ ...e, raw: reordered, rawText: JSON.stringify(reordered, null, 2) }]);
      expect(r).toEqual({ inserted: [], duplicates: 1 });
    });

    it('keeps a different record that reuses a vendor id, under a content-derived id, and dedupes it on re-ingest', async () => {
      const a = event(1);
      const bRaw = { eventID: 'ev-1', eventName: 'PutObject', other: true };
      const b = event(1, { action: 'PutObject', channel: 'upload', raw: bRaw, rawText: JSON.stringify(bRaw) });
      const first = await store.insertEvents([a, b]);
      expect(first.duplicates).toBe(0);
      expect(first.inserted.map((x) => x.id)).toEqual(['cloudtrail:ev-1', expect.stringMatching(/^cloudtrail:ev-1~[0-9a-f]{12}$/)]);
      const second = await store.insertEvents([a, b]);
      expect(second).toEqual({ inserted: [], duplicates: 2 });
      const [got] = await store.getEvents([first.inserted[1]!.id]);
      expect(got?.raw).toEqual(bRaw);
    });

    it('dedupes repeats inside one batch', async () => {
      const r = await store.insertEvents([event(1), event(2), event(1)]);
      expect(r.inserted).toHaveLength(2);
      expect(r.duplicates).toBe(1);
    });

    it('keeps a text raw record as text and a JSON one as its value', async () => {
      const line = 'owner bucket [01/Nov/2020:10:43:07 +0000] 172.31.77.31 - REQ1 REST.GET.OBJECT k "GET /k HTTP/1.1" 200 - 10 10 1 1 "-" "ua" -';
      await store.insertEvents([event(1, { id: 's3access:REQ1', source: 's3access', raw: line, rawText: undefined })]);
      const [got] = await store.getEvents(['s3access:REQ1']);
      expect(got?.raw).toBe(line);
    });

    it('round-trips the raw records of a batch that spans many compressed blocks', async () => {
      const filler = 'x'.repeat(900);
      const batch = Array.from({ length: 1500 }, (_, n) => {
        const raw = { n, filler: `${filler}${n}`, unicode: '数据外泄 ✓' };
        return event(n, { raw, rawText: JSON.stringify(raw) });
      });
      expect((await store.insertEvents(batch)).inserted).toHaveLength(1500);
      const picks = [0, 1, 287, 288, 777, 1499].map((n) => `cloudtrail:ev-${n}`);
      const got = await store.getEvents(picks);
      expect(got.map((g) => (g.raw as { n: number }).n)).toEqual([0, 1, 287, 288, 777, 1499]);
      expect((got[5]!.raw as { unicode: string }).unicode).toBe('数据外泄 ✓');
    });

    it('leaves unknown ids out of getEvents, and finds ids within a time window', async () => {
      await store.insertEvents([event(1), event(2), event(3)]);
      expect((await store.getEvents(['cloudtrail:nope', 'cloudtrail:ev-1'])).map((e) => e.id)).toEqual(['cloudtrail:ev-1']);
      const window = { since: T0 + 2 * 60_000, until: T0 + 3 * 60_000 };
      expect((await store.getEvents(['cloudtrail:ev-1', 'cloudtrail:ev-2', 'cloudtrail:ev-3'], window)).map((e) => e.id)).toEqual(['cloudtrail:ev-2', 'cloudtrail:ev-3']);
      const many = Array.from({ length: 250 }, (_, n) => `cloudtrail:ev-${n}`);
      expect((await store.getEvents(many)).map((e) => e.id)).toEqual(['cloudtrail:ev-1', 'cloudtrail:ev-2', 'cloudtrail:ev-3']);
    });

    it('keeps the same vendor id at two event times as two events', async () => {
      const r = await store.insertEvents([event(1), event(1, { time: T0 + 86_400_000 })]);
      expect(r).toMatchObject({ duplicates: 0 });
      expect((await store.getEvents(['cloudtrail:ev-1'])).map((e) => e.time)).toEqual([T0 + 60_000, T0 + 86_400_000]);
    });

    it('queries by time, source, channel and actor, oldest first, in pages', async () => {
      await store.insertEvents(Array.from({ length: 25 }, (_, n) => event(n, n % 5 === 0 ? { channel: 'upload' } : {})));
      expect((await store.queryEvents({ channel: 'upload' })).events.map((e) => e.id)).toEqual([0, 5, 10, 15, 20].map((n) => `cloudtrail:ev-${n}`));
      expect(await store.countEvents({ since: T0 + 10 * 60_000, until: T0 + 20 * 60_000 })).toBe(10);
      expect(await store.countEvents({ actor: 'arn:aws:iam::123456789012:user/u1' })).toBe(8);
      expect(await store.countEvents({ source: 'okta' })).toBe(0);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.queryEvents({ limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.events.map((e) => e.id));
        expect(page.events.every((e) => e.raw === undefined)).toBe(true);
        cursor = page.cursor;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, n) => `cloudtrail:ev-${n}`));
      const withRaw = await store.queryEvents({ limit: 1, withRaw: true });
      expect(withRaw.events[0]?.raw).toMatchObject({ eventID: 'ev-0' });
    });

    it('keeps what it stored across close and reopen', async () => {
      await store.insertEvents([event(1), event(2)]);
      await store.close();
      store = await backend.open(dir);
      expect(await store.countEvents()).toBe(2);
      expect((await store.insertEvents([event(2)])).duplicates).toBe(1);
    });
  });

  describe('source statistics', () => {
    it('tracks each stream (source and tenant): count, first and last time, mean gap, hour-of-week histogram', async () => {
      await store.insertEvents([0, 1, 2, 4].map((n) => event(n)));
      await store.insertEvents([event(10), event(3), event(9, { tenant: '999999999999' })]);
      const sources = await store.listSources();
      expect(sources.map((s) => s.stream)).toEqual(['cloudtrail:123456789012', 'cloudtrail:999999999999']);
      const s = sources[0]!;
      expect(s).toMatchObject({ source: 'cloudtrail', tenant: '123456789012', events: 6, firstTime: T0, lastTime: T0 + 10 * 60_000 });
      // Gaps in arrival order of event time: 1, 1, 2, then 6 minutes (the late event 3 opens no gap).
      expect(s.typicalGapMs).toBeCloseTo(2.5 * 60_000, 0);
      expect(s.hourOfWeek).toHaveLength(168);
      expect(s.hourOfWeek[9]).toBe(6); // Monday 09:00 UTC
      expect(s.hourOfWeek.reduce((a, b) => a + b, 0)).toBe(6);
    });

    it('does not count duplicates', async () => {
      await store.insertEvents([event(1), event(2)]);
      await store.insertEvents([event(1), event(2)]);
      expect((await store.listSources())[0]?.events).toBe(2);
    });
  });

  describe('dead letters', () => {
    it('keeps each with its file, place, code and reason, and counts them', async () => {
      await store.addDeadLetters(
        [
          { file: 'a.jsonl', line: 3, code: 'EVENTS_PARSE_FAILED', reason: 'Unexpected token', source: 'cloudtrail' },
          { file: 'b.json.gz', offset: 4096, code: 'EVENTS_GZIP_CORRUPT', reason: 'unexpected end of file' },
        ],
        T0,
      );
      expect(await store.countDeadLetters()).toBe(2);
      expect(await store.listDeadLetters({ file: 'b.json.gz' })).toEqual([
        { id: expect.any(Number), file: 'b.json.gz', offset: 4096, code: 'EVENTS_GZIP_CORRUPT', reason: 'unexpected end of file', at: T0 },
      ]);
      expect((await store.listDeadLetters({ code: 'EVENTS_PARSE_FAILED' }))[0]).toMatchObject({ line: 3, source: 'cloudtrail' });
    });
  });

  describe('alerts', () => {
    it('saves, gets and lists alerts, newest first', async () => {
      await store.saveAlerts([alert('al_1'), alert('al_2', { start: T0 + 1, severity: 'low', score: 20, status: 'closed' })]);
      expect(await store.getAlert('al_1')).toEqual(alert('al_1'));
      expect((await store.listAlerts()).map((a) => a.id)).toEqual(['al_2', 'al_1']);
      expect(await store.getAlert('al_missing')).toBeNull();
    });

    it('filters by status, time window, actor, detector, kind and minimum severity', async () => {
      await store.saveAlerts([
        alert('a', { severity: 'critical', score: 95 }),
        alert('b', { status: 'acknowledged', actor: 'bob@example.com', start: T0 + 86_400_000, end: T0 + 86_460_000 }),
        alert('c', { severity: 'medium', score: 50, kind: 'rule', detector: 's3_public' }),
      ]);
      const ids = async (f: Parameters<Store['listAlerts']>[0]) => (await store.listAlerts(f)).map((a) => a.id).sort();
      expect(await ids({ status: 'open' })).toEqual(['a', 'c']);
      expect(await ids({ status: ['open', 'acknowledged'] })).toEqual(['a', 'b', 'c']);
      expect(await ids({ since: T0 + 3_600_000 })).toEqual(['b']);
      expect(await ids({ until: T0 + 3_600_000 })).toEqual(['a', 'c']);
      expect(await ids({ actor: 'bob@example.com' })).toEqual(['b']);
      expect(await ids({ detector: 's3_public' })).toEqual(['c']);
      expect(await ids({ kind: 'rule' })).toEqual(['c']);
      expect(await ids({ minSeverity: 'high' })).toEqual(['a', 'b']);
      expect(await ids({ limit: 1 })).toHaveLength(1);
    });

    it('upserts by id: a re-save widens the window and keeps triage and creation time', async () => {
      await store.saveAlerts([alert('al_1')]);
      await store.updateAlert('al_1', { status: 'acknowledged', assignee: 'carol', updatedAt: T0 + 200_000 });
      await store.saveAlerts([alert('al_1', { end: T0 + 600_000, score: 88, severity: 'critical', evidence: ['e1', 'e2'], createdAt: T0 + 500_000, updatedAt: T0 + 500_000 })]);
      const got = await store.getAlert('al_1');
      expect(got).toMatchObject({ end: T0 + 600_000, score: 88, severity: 'critical', evidence: ['e1', 'e2'], status: 'acknowledged', assignee: 'carol', createdAt: T0 + 120_000, updatedAt: T0 + 500_000 });
    });

    it('updates triage fields and unassigns with null; an unknown id gives null', async () => {
      await store.saveAlerts([alert('al_1')]);
      expect(await store.updateAlert('al_1', { assignee: 'dave', updatedAt: T0 + 1 })).toMatchObject({ assignee: 'dave', status: 'open', updatedAt: T0 + 1 });
      const unassigned = await store.updateAlert('al_1', { assignee: null, status: 'closed' });
      expect(unassigned?.status).toBe('closed');
      expect(unassigned && 'assignee' in unassigned).toBe(false);
      expect(await store.updateAlert('nope', { status: 'closed' })).toBeNull();
    });

    it('rejects an invalid alert with STORE_RECORD_INVALID and saves none of the batch', async () => {
      const bad = [alert('ok'), alert('bad', { score: 140 })];
      await expect(store.saveAlerts(bad)).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
      await expect(store.saveAlerts([alert('x', { severity: 'huge' as never })])).rejects.toBeInstanceOf(LeakwatchError);
      await expect(store.updateAlert('ok', { status: 'done' as never })).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
      expect(await store.listAlerts()).toEqual([]);
    });
  });

  describe('state', () => {
    it('keeps JSON values under keys, overwrites and deletes them', async () => {
      expect(await store.getState('models')).toBeUndefined();
      await store.setState('models', { version: 1, users: { alice: [1, 2, 3] } });
      await store.setState('models', { version: 2 });
      expect(await store.getState('models')).toEqual({ version: 2 });
      await store.deleteState('models');
      expect(await store.getState('models')).toBeUndefined();
    });

    it('refuses a value that is not JSON', async () => {
      await expect(store.setState('bad', { n: 1n })).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
      await expect(store.setState('bad', undefined)).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
    });
  });

  it('reports the schema version it migrated to', async () => {
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
  });
});
