// The pipeline end to end against a real SQLite store in a temp folder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStore } from '../store/index.js';
import type { DataEvent } from './data-event.js';
import { IngestPipeline } from './ingest-pipeline.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-pipe-'));
  store = SqliteStore.open(join(dir, 'data', 'leakwatch.db'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function okta(n: number, published: string | null = new Date(NOW - 3_600_000 + n * 1000).toISOString()): string {
  return JSON.stringify({
    uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ...(published !== null ? { published } : {}),
    eventType: 'user.session.start',
    actor: { type: 'User', alternateId: `user${n % 3}@example.com` },
    client: { ipAddress: '198.51.100.2' },
    outcome: { result: 'SUCCESS' },
  });
}

describe('the ingest pipeline', () => {
  it('stores new events, and on a second ingest of the same file stores none and counts all as duplicates', async () => {
    const file = join(dir, 'okta.jsonl');
    await writeFile(file, Array.from({ length: 50 }, (_, i) => okta(i)).join('\n'));
    const seen: DataEvent[] = [];
    const first = await new IngestPipeline(store, { now: () => NOW, onEvents: (b) => void seen.push(...b) }).run([file]);
    expect(first.total).toEqual({ records: 50, events: 50, duplicates: 0, dead_letter: 0 });
    expect(seen).toHaveLength(50);
    const second = await new IngestPipeline(store, { now: () => NOW, onEvents: (b) => void seen.push(...b) }).run([file]);
    expect(second.total).toEqual({ records: 50, events: 0, duplicates: 50, dead_letter: 0 });
    expect(seen).toHaveLength(50);
    expect(second.sources).toEqual([expect.objectContaining({ stream: 'okta', events: 0, duplicates: 50 })]);
    expect(await store.countEvents()).toBe(50);
  });

  it('summarises each file: format, time range, lag and dead letters by reason', async () => {
    await mkdir(join(dir, 'logs'));
    const file = join(dir, 'logs', 'okta.jsonl');
    await writeFile(file, [okta(1), okta(2), '{broken', okta(3, 'redacted')].join('\n'));
    const s = await new IngestPipeline(store, { now: () => NOW }).run([join(dir, 'logs')]);
    expect(s.files).toEqual([
      expect.objectContaining({
        path: file,
        format: 'okta',
        gzip: false,
        records: 4,
        events: 2,
        dead_letter: 2,
        reasons: { EVENTS_PARSE_FAILED: 1, EVENTS_TIME_INVALID: 1 },
        first_event: new Date(NOW - 3_600_000 + 1000).toISOString(),
        last_event: new Date(NOW - 3_600_000 + 2000).toISOString(),
        lag_ms: { median: expect.any(Number), max: 3_600_000 - 1000 },
      }),
    ]);
    expect(await store.listDeadLetters({ file })).toHaveLength(2);
  });

  it('stores the next batch while detection runs on the last, and hands batches to onEvents in file order', async () => {
    const threaded = SqliteStore.open(join(dir, 'threaded', 'leakwatch.db'), { inlineBelow: 0 });
    try {
      const file = join(dir, 'many.jsonl');
      await writeFile(file, Array.from({ length: 5000 }, (_, i) => okta(i)).join('\n'));
      const handed: string[] = [];
      const ends: number[] = [];
      const storedDuring: number[] = [];
      const s = await new IngestPipeline(threaded, {
        now: () => NOW,
        batchSize: 500,
        onEvents: async (b) => {
          handed.push(...b.map((e) => e.id));
          ends.push(handed.length);
          await sleep(20); // slow detection: the next batch is written meanwhile
          storedDuring.push(await threaded.countEvents());
        },
      }).run([file]);
      expect(s.total).toMatchObject({ records: 5000, events: 5000 });
      const id = (n: number) => `okta:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      expect(handed).toEqual(Array.from({ length: 5000 }, (_, n) => id(n)));
      expect(ends.length).toBeGreaterThan(2);
      // While a batch was detected, the next one was already stored (the last has no successor).
      expect(storedDuring).toEqual([...ends.slice(1), 5000]);
    } finally {
      await threaded.close();
    }
  });

  it('dead-letters events far in the future or before the earliest time, and ones with no time unless told', async () => {
    const file = join(dir, 'times.jsonl');
    await writeFile(file, [okta(1), okta(2, new Date(NOW + 3 * 86_400_000).toISOString()), okta(3, '1971-01-01T00:00:00Z'), okta(4, null)].join('\n'));
    const s = await new IngestPipeline(store, { now: () => NOW }).run([file]);
    expect(s.total).toMatchObject({ events: 1, dead_letter: 3 });
    expect(s.files[0]?.reasons).toEqual({ EVENTS_TIME_OUT_OF_RANGE: 2, EVENTS_TIME_MISSING: 1 });
    const lenient = await new IngestPipeline(store, { now: () => NOW, missingTime: 'ingest_time', maxFutureSkewMs: 7 * 86_400_000 }).run([file]);
    expect(lenient.total).toMatchObject({ events: 2, duplicates: 1, dead_letter: 1 });
    const [kept] = await store.getEvents(['okta:00000000-0000-4000-8000-000000000004']);
    expect(kept).toMatchObject({ time: NOW, attributes: { time_missing: true } });
  });

  it('refuses a path that does not exist before reading anything', async () => {
    await expect(new IngestPipeline(store).run([join(dir, 'nope')])).rejects.toMatchObject({ code: 'EVENTS_PATH_NOT_FOUND' });
  });

  it('follows a growing file across rotation and truncation until stopped', async () => {
    const file = join(dir, 'live.jsonl');
    await writeFile(file, `${okta(1)}\n`);
    const stop = new AbortController();
    const seen: string[] = [];
    const pipeline = new IngestPipeline(store, { now: () => NOW, signal: stop.signal, followPollMs: 20, onEvents: (b) => void seen.push(...b.map((e) => e.id.slice(-2))) });
    const done = pipeline.follow([file]);
    const until = async (n: number) => {
      for (let i = 0; i < 250 && seen.length < n; i++) await sleep(20);
      expect(seen.length).toBe(n);
    };
    await until(1);
    await appendFile(file, `${okta(2)}\n${okta(3).slice(0, 40)}`);
    await until(2);
    // The half-written line is completed, then the file is rotated away and a new one starts.
    await appendFile(file, `${okta(3).slice(40)}\n`);
    await rename(file, `${file}.1`);
    await writeFile(file, `${okta(4)}\n`);
    await until(4);
    // copytruncate: the file is cut in place and starts again.
    await writeFile(file, `${okta(5)}\n`);
    await until(5);
    stop.abort();
    const summary = await done;
    expect(seen).toEqual(['01', '02', '03', '04', '05']);
    expect(summary.files).toEqual([expect.objectContaining({ path: file, events: 5, dead_letter: 0 })]);
  });
});
