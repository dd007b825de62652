// What only the SQLite backend promises: WAL, versioned migrations, clear open
// errors, compressed raw blocks and hash-collision probing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../store.js';
import { idKey, idKeys } from './id-key.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.js';
import { hourOfWeek } from './event-insert.js';
import { SqliteStore } from './sqlite-store.js';

function event(id: string, n: number, text = `{"n":${n}}`): NewEvent {
  return { id, time: 1_700_000_000_000 + n, ingestTime: 1_700_000_100_000, source: 'jsonl', action: 'x', channel: 'other', actor: { user: 'u' }, outcome: 'success', raw: JSON.parse(text), rawText: text };
}

describe('the SQLite store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-sqlite-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens one file in WAL mode with FULL sync and records every migration', async () => {
    const store = SqliteStore.open(join(dir, 'sub', 'leakwatch.db'));
    try {
      expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const applied = store.database.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(applied).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      await store.close();
    }
  });

  it('migrates only what is missing when opened again', async () => {
    const file = join(dir, 'leakwatch.db');
    (await SqliteStore.open(file).close());
    const db = new Database(file);
    expect(migrate(db, 0)).toBe(SCHEMA_VERSION);
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database from a newer Leakwatch with STORE_SCHEMA_TOO_NEW', async () => {
    const file = join(dir, 'leakwatch.db');
    (await SqliteStore.open(file).close());
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'future', 0);
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(expect.objectContaining({ code: 'STORE_SCHEMA_TOO_NEW' }));
  });

  it('says STORE_OPEN_FAILED for a file that is not a database', async () => {
    const file = join(dir, 'leakwatch.db');
    await writeFile(file, 'this is not sqlite '.repeat(400));
    expect(() => SqliteStore.open(file)).toThrow(expect.objectContaining({ code: 'STORE_OPEN_FAILED' }));
  });

  it('stores raw records compressed', async () => {
    const store = SqliteStore.open(join(dir, 'leakwatch.db'));
    try {
      const text = (n: number) => JSON.stringify({ n, eventName: 'GetObject', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/alice' }, pad: 'abc'.repeat(100) });
      await store.insertEvents(Array.from({ length: 500 }, (_, n) => event(`jsonl:${n}`, n, text(n))));
      const { stored, chars } = store.database.prepare('SELECT sum(length(data)) AS stored, sum(chars) AS chars FROM raw_blocks').get() as { stored: number; chars: number };
      expect(chars).toBe(Array.from({ length: 500 }, (_, n) => text(n).length).reduce((a, b) => a + b, 0));
      expect(stored * 5).toBeLessThan(chars);
    } finally {
      await store.close();
    }
  });

  it('resolves a 53-bit key collision between different ids by probing the next key', async () => {
    const store = SqliteStore.open(join(dir, 'leakwatch.db'));
    try {
      // Plant a row that holds the first key of "jsonl:b" under another id.
      await store.insertEvents([event('jsonl:a', 1)]);
      store.database.prepare('UPDATE events SET id_key = ? WHERE id = ?').run(idKey('jsonl:b', 0), 'jsonl:a');
      const b = { ...event('jsonl:b', 2), time: event('jsonl:a', 1).time };
      const r = await store.insertEvents([b]);
      expect(r.inserted.map((e) => e.id)).toEqual(['jsonl:b']);
      expect((store.database.prepare('SELECT id_key FROM events WHERE id = ?').get('jsonl:b') as { id_key: number }).id_key).toBe(idKey('jsonl:b', 1));
      expect((await store.getEvents(['jsonl:b']))[0]?.raw).toEqual({ n: 2 });
      expect((await store.insertEvents([b])).duplicates).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('leaves no trace of a batch that fails', async () => {
    const store = SqliteStore.open(join(dir, 'leakwatch.db'));
    try {
      const bad = { ...event('jsonl:2', 2), time: Number.NaN } as NewEvent;
      // NaN binds as NULL and breaks NOT NULL: the whole batch rolls back.
      await expect(store.insertEvents([event('jsonl:1', 1), bad])).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
      expect(await store.countEvents()).toBe(0);
      expect(store.database.prepare('SELECT count(*) AS n FROM raw_blocks').get()).toEqual({ n: 0 });
      expect((await store.insertEvents([event('jsonl:1', 1)])).inserted).toHaveLength(1);
      expect((await store.getEvents(['jsonl:1']))[0]?.raw).toEqual({ n: 1 });
    } finally {
      await store.close();
    }
  });
});

describe('id keys', () => {
  it('are safe integers, stable, and differ per probe', () => {
    const keys = idKeys('cloudtrail:2f4c5a1e-7b3d-4e8f-9a6b-1c2d3e4f5a6b');
    expect(keys.every((k) => Number.isSafeInteger(k) && k >= 0)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(idKeys('cloudtrail:2f4c5a1e-7b3d-4e8f-9a6b-1c2d3e4f5a6b')).toEqual(keys);
    expect(idKey('a')).not.toBe(idKey('b'));
  });
});

describe('hour of week', () => {
  it.each([
    [Date.UTC(2026, 2, 2, 0, 0), 0], // Monday 00:00
    [Date.UTC(2026, 2, 2, 9, 30), 9],
    [Date.UTC(2026, 2, 8, 23, 59), 167], // Sunday 23:59
    [Date.UTC(1970, 0, 1, 0, 0), 3 * 24], // a Thursday
  ])('puts %i in hour %i', (t, h) => {
    expect(hourOfWeek(t)).toBe(h);
  });
});
