// The writer thread: batches handed in at once are written in order, share one
// commit, fail alone, and are all durable before the store closes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isLeakwatchError } from '../../errors/index.js';
import type { NewEvent } from '../store.js';
import { IngestWrites, toRow } from './event-insert.js';
import { EventWriter, startWriterThread } from './event-writer.js';
import { SqliteStore } from './sqlite-store.js';

const T = 1_700_000_000_000;

function event(n: number, text = `{"n":${n}}`): NewEvent {
  return { id: `jsonl:${n}`, time: T + n, ingestTime: T + 100_000, source: 'jsonl', action: 'x', channel: 'other', actor: { user: `u${n % 4}` }, outcome: 'success', raw: JSON.parse(text), rawText: text };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => event(from + i));

describe('the event writer thread', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-writer-'));
    file = join(dir, 'leakwatch.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes batches handed in together in order: a later batch sees an earlier one as duplicates', async () => {
    const store = SqliteStore.open(file, { inlineBelow: 0 });
    try {
      const [a, b, c] = await Promise.all([store.insertEvents(range(0, 300)), store.insertEvents(range(200, 500)), store.insertEvents(range(0, 10))]);
      expect(a.inserted).toHaveLength(300);
      expect(b.inserted.map((e) => e.id)).toEqual(range(300, 500).map((e) => e.id));
      expect(b.duplicates).toBe(100);
      expect(c).toEqual({ inserted: [], duplicates: 10 });
      expect(await store.countEvents()).toBe(500);
      const sources = await store.listSources();
      expect(sources[0]?.events).toBe(500);
    } finally {
      await store.close();
    }
  });

  it('returns a reused vendor id with other content under its renamed id', async () => {
    const store = SqliteStore.open(file, { inlineBelow: 0 });
    try {
      await store.insertEvents([event(1)]);
      const again = await store.insertEvents([event(1, '{"n":1,"other":true}')]);
      expect(again.inserted).toHaveLength(1);
      expect(again.inserted[0]!.id).toMatch(/^jsonl:1~[0-9a-f]{12}$/);
      expect((await store.getEvents([again.inserted[0]!.id]))[0]?.raw).toEqual({ n: 1, other: true });
    } finally {
      await store.close();
    }
  });

  it('fails a bad batch alone: the batches sent with it are stored', async () => {
    const store = SqliteStore.open(file, { inlineBelow: 0 });
    try {
      const bad = [event(1000), { ...event(1001), action: null as unknown as string }];
      const results = await Promise.allSettled([store.insertEvents(range(0, 50)), store.insertEvents(bad), store.insertEvents(range(50, 100))]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const reason = (results[1] as PromiseRejectedResult).reason as unknown;
      expect(isLeakwatchError(reason, 'STORE_WRITE_FAILED')).toBe(true);
      expect(String((reason as Error).message)).toMatch(/jsonl:1001/);
      // Nothing of the bad batch is stored, not even its valid first event.
      expect(await store.countEvents()).toBe(100);
      expect(await store.getEvents(['jsonl:1000'])).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('has every batch in flight on disk once close resolves', async () => {
    const store = SqliteStore.open(file, { inlineBelow: 0 });
    const writes = [store.insertEvents(range(0, 2000)), store.insertEvents(range(2000, 4000))];
    await store.close();
    await Promise.all(writes);
    const reopened = SqliteStore.open(file);
    try {
      expect(await reopened.countEvents()).toBe(4000);
    } finally {
      await reopened.close();
    }
  });

  it('refuses writes after close with a coded error', async () => {
    const store = SqliteStore.open(file, { inlineBelow: 0 });
    await store.close();
    await expect(store.insertEvents([event(1)])).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
  });

  it('writes a small batch on the calling thread while the writer is idle, and a large one on the thread, to the same effect', async () => {
    const store = SqliteStore.open(file, { inlineBelow: 100 });
    try {
      const small = await store.insertEvents(range(0, 10));
      const large = await store.insertEvents(range(5, 400));
      expect(small.inserted).toHaveLength(10);
      expect(large).toMatchObject({ duplicates: 5 });
      expect(large.inserted).toHaveLength(390);
      expect(await store.countEvents()).toBe(400);
    } finally {
      await store.close();
    }
  });
});

describe('an event writer whose thread cannot start', () => {
  it('writes the batches it held, and every later one, on the calling thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-writer-'));
    const store = SqliteStore.open(join(dir, 'leakwatch.db'), { writerThread: false });
    const db = store.database;
    let starts = 0;
    const warnings: string[] = [];
    const writer = new EventWriter(() => new IngestWrites(db), {
      file: join(dir, 'leakwatch.db'),
      busyTimeoutMs: 1000,
      inlineBelow: 0,
      warn: (m) => warnings.push(m),
      start: () => (starts++, new Worker("throw new Error('no threads here')", { eval: true })),
    });
    try {
      const rows = range(0, 300).map(toRow);
      const [a, b] = await Promise.all([writer.write({ op: 'events', rows: rows.slice(0, 200) }), writer.write({ op: 'events', rows: rows.slice(150) })]);
      expect(a?.inserted).toHaveLength(200);
      expect(b).toMatchObject({ duplicates: 50 });
      expect((await writer.write({ op: 'events', rows: range(300, 310).map(toRow) }))?.inserted).toHaveLength(10);
      expect(starts).toBe(1);
      expect(await store.countEvents()).toBe(310);
      expect(warnings).toEqual([expect.stringMatching(/writer thread could not start \(failed: no threads here\); events are written on the main thread/)]);
    } finally {
      await writer.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an event writer whose thread dies', () => {
  it('fails the jobs it held with a coded error, and the next job starts a new thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-writer-'));
    const file = join(dir, 'leakwatch.db');
    const store = SqliteStore.open(file, { writerThread: false });
    const db = store.database;
    let starts = 0;
    const warnings: string[] = [];
    const writer = new EventWriter(() => new IngestWrites(db), {
      file,
      busyTimeoutMs: 1000,
      inlineBelow: 0,
      warn: (m) => warnings.push(m),
      // The first thread starts, then dies on its first job; the second is the real one.
      start: (data) =>
        starts++ === 0
          ? new Worker("const p = require('node:worker_threads').parentPort; p.postMessage({ ready: true }); p.on('message', () => process.exit(3));", { eval: true })
          : startWriterThread(data),
    });
    try {
      await expect(writer.write({ op: 'events', rows: range(0, 10).map(toRow) })).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED', message: expect.stringMatching(/writer thread exited \(3\)/) });
      expect((await writer.write({ op: 'events', rows: range(0, 10).map(toRow) }))?.inserted).toHaveLength(10);
      expect(starts).toBe(2);
      expect(await store.countEvents()).toBe(10);
      expect(warnings).toEqual([expect.stringMatching(/writer thread exited \(3\); 1 write\(s\) failed/)]);
    } finally {
      await writer.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
