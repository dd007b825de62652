// Versioned schema migrations for the SQLite store. Each runs once, in its own
// transaction, and is recorded in `schema_migrations` and PRAGMA user_version.
// Append new migrations; never edit one that has shipped.
import type BetterSqlite3 from 'better-sqlite3';
import { LeakwatchError } from '../../errors/index.js';
import { ACCOUNT_SCHEMA } from './sqlite-account-store.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  id_key INTEGER NOT NULL,
  time INTEGER NOT NULL,
  ingest_time INTEGER NOT NULL,
  source TEXT NOT NULL,
  tenant TEXT,
  action TEXT NOT NULL,
  channel TEXT NOT NULL,
  outcome TEXT NOT NULL,
  actor_user TEXT,
  actor_service TEXT,
  actor_ip TEXT,
  object_path TEXT,
  object_container TEXT,
  bytes INTEGER,
  raw_block INTEGER NOT NULL,
  raw_off INTEGER NOT NULL,
  raw_len INTEGER NOT NULL,
  meta_len INTEGER NOT NULL,
  raw_kind INTEGER NOT NULL
);
CREATE UNIQUE INDEX events_time_key ON events(time, id_key);
CREATE TABLE raw_blocks (
  id INTEGER PRIMARY KEY,
  codec INTEGER NOT NULL,
  chars INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  line INTEGER,
  offset INTEGER,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  source TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX dead_letters_file ON dead_letters(file);
CREATE TABLE sources (
  stream TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  tenant TEXT,
  events INTEGER NOT NULL,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  last_ingest_time INTEGER NOT NULL,
  gap_mean REAL NOT NULL,
  hour_of_week TEXT NOT NULL
);
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  severity TEXT NOT NULL,
  severity_rank INTEGER NOT NULL,
  score REAL NOT NULL,
  channel TEXT NOT NULL,
  detector TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  reasons TEXT NOT NULL,
  explanation TEXT NOT NULL,
  evidence TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX alerts_start ON alerts(start);
CREATE INDEX alerts_status ON alerts(status, start);
CREATE TABLE state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
  { version: 2, name: 'accounts', sql: ACCOUNT_SCHEMA },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the database to SCHEMA_VERSION; refuses a database from a newer Leakwatch. */
export function migrate(db: BetterSqlite3.Database, now: number, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const current = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new LeakwatchError('STORE_SCHEMA_TOO_NEW', `the database is at schema version ${current}; this Leakwatch knows up to ${latest}`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, now);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return Math.max(current, latest);
}
