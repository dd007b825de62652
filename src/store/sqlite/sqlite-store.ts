// The Store on embedded SQLite (better-sqlite3, WAL, one file). The hot path,
// writing batches of events (and the alerts and dead letters that come with
// them), is event-insert.ts, run by event-writer.ts on a writer thread with its
// own connection when a second core is there; raw records go to compressed
// blocks (raw-blocks.ts); ids are deduplicated through a 53-bit integer key with
// probing (id-key.ts). Reads and every other write use this connection.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LeakwatchError, isLeakwatchError } from '../../errors/index.js';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES, type AlertFilter, type AlertPatch, type AlertRecord } from '../alert-record.js';
import type {
  DeadLetter,
  DeadLetterInput,
  DeadLetterQuery,
  EventPage,
  EventQuery,
  EventRecord,
  EventWindow,
  InsertResult,
  NewEvent,
  SourceStats,
  Store,
} from '../store.js';
import { IngestWrites, RAW_TEXT, toRow, type AlertParams, type DeadLetterRow, type SourceRow, type EventRow as InsertRow, type Meta } from './event-insert.js';
import { EventWriter } from './event-writer.js';
import { idKeys } from './id-key.js';
import { migrate } from './migrations.js';
import { configureWriter } from './pragmas.js';
import { RawBlockReader } from './raw-blocks.js';
import { storeError } from './store-error.js';

export interface SqliteStoreOptions {
  /** Clock for dead-letter and state timestamps (default Date.now). */
  readonly now?: () => number;
  /** How long a writer waits for another one, ms (default 10,000). */
  readonly busyTimeoutMs?: number;
  /** Open without writing (no migrations); for reading tools. */
  readonly readonly?: boolean;
  /**
   * Write event batches on a thread of their own (default: true for a file when
   * the process may use more than one core).
   * Batches smaller than `inlineBelow` (default 256) are written on the calling
   * thread while the writer thread is idle.
   */
  readonly writerThread?: boolean;
  readonly inlineBelow?: number;
  /** Problems that do not stop the store: its writer thread could not start or died. */
  readonly warn?: (message: string) => void;
}

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 100_000;

interface EventRow {
  seq: number;
  id: string;
  time: number;
  ingest_time: number;
  source: string;
  tenant: string | null;
  action: string;
  channel: string;
  outcome: string;
  actor_user: string | null;
  actor_service: string | null;
  actor_ip: string | null;
  object_path: string | null;
  object_container: string | null;
  bytes: number | null;
  raw_block: number;
  raw_off: number;
  raw_len: number;
  meta_len: number;
  raw_kind: number;
}


/** An alert row as stored: the upsert's parameters. */
type AlertRow = AlertParams;

function severityRank(s: string): number {
  return ALERT_SEVERITIES.indexOf(s as AlertRecord['severity']);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

function validateAlert(a: AlertRecord): void {
  const bad = (why: string) => new LeakwatchError('STORE_RECORD_INVALID', `alert ${JSON.stringify(a?.id)}: ${why}`);
  if (typeof a.id !== 'string' || a.id.length === 0) throw bad('id must be a non-empty string');
  if (!ALERT_SEVERITIES.includes(a.severity)) throw bad(`unknown severity ${JSON.stringify(a.severity)}`);
  if (!ALERT_STATUSES.includes(a.status)) throw bad(`unknown status ${JSON.stringify(a.status)}`);
  if (!ALERT_KINDS.includes(a.kind)) throw bad(`unknown kind ${JSON.stringify(a.kind)}`);
  if (typeof a.score !== 'number' || !(a.score >= 0 && a.score <= 100)) throw bad('score must be a number from 0 to 100');
  for (const [k, v] of [['start', a.start], ['end', a.end], ['createdAt', a.createdAt], ['updatedAt', a.updatedAt]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${k} must be a finite number (epoch ms)`);
  }
  if (!Array.isArray(a.reasons) || !a.reasons.every((r) => typeof r === 'string')) throw bad('reasons must be a list of strings');
  if (!Array.isArray(a.evidence) || !a.evidence.every((r) => typeof r === 'string')) throw bad('evidence must be a list of event ids');
  if (typeof a.actor !== 'string' || typeof a.channel !== 'string' || typeof a.detector !== 'string' || typeof a.title !== 'string') throw bad('actor, channel, detector and title must be strings');
}

function toAlert(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    actor: r.actor,
    start: r.start,
    end: r.end,
    severity: r.severity as AlertRecord['severity'],
    score: r.score,
    channel: r.channel,
    detector: r.detector,
    kind: r.kind as AlertRecord['kind'],
    title: r.title,
    reasons: JSON.parse(r.reasons) as string[],
    explanation: JSON.parse(r.explanation) as unknown,
    evidence: JSON.parse(r.evidence) as string[],
    status: r.status as AlertRecord['status'],
    ...(r.assignee !== null ? { assignee: r.assignee } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const EVENT_COLUMNS =
  'seq, id, time, ingest_time, source, tenant, action, channel, outcome, actor_user, actor_service, actor_ip, object_path, object_container, bytes, raw_block, raw_off, raw_len, meta_len, raw_kind';

export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly reader: RawBlockReader;
  private readonly writer: EventWriter;
  private readonly s;
  private closed = false;

  /** Opens (creating when needed) the database file and brings its schema up to date. */
  static open(file: string, options: SqliteStoreOptions = {}): SqliteStore {
    let db: Database.Database;
    try {
      if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      db = new Database(file, { readonly: options.readonly === true, timeout: options.busyTimeoutMs ?? 10_000 });
    } catch (err) {
      throw new LeakwatchError('STORE_OPEN_FAILED', `cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`, { path: file }, { cause: err });
    }
    try {
      return new SqliteStore(db, file, options);
    } catch (err) {
      db.close();
      if (isLeakwatchError(err)) throw err;
      throw new LeakwatchError('STORE_OPEN_FAILED', `cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`, { path: file }, { cause: err });
    }
  }

  private constructor(db: Database.Database, file: string, options: SqliteStoreOptions) {
    this.db = db;
    this.now = options.now ?? Date.now;
    if (!options.readonly) {
      configureWriter(db);
      migrate(db, this.now());
    }
    this.s = {
      readBlock: db.prepare<[number], { codec: number; data: Buffer }>('SELECT codec, data FROM raw_blocks WHERE id = ?'),
      listSources: db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY stream'),
      countDead: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters'),
      alert: db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?'),
      getState: db.prepare<[string], { value: string }>('SELECT value FROM state WHERE key = ?'),
      deleteState: db.prepare('DELETE FROM state WHERE key = ?'),
      schemaVersion: db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations'),
    };
    this.reader = new RawBlockReader(this.s.readBlock);
    // A writer thread pays only with a second core to run on (taskset and cgroup limits count).
    const threaded = options.writerThread ?? (file !== ':memory:' && !options.readonly && availableParallelism() > 1);
    this.writer = new EventWriter(() => new IngestWrites(db), {
      ...(threaded ? { file } : {}),
      busyTimeoutMs: options.busyTimeoutMs ?? 10_000,
      ...(options.inlineBelow !== undefined ? { inlineBelow: options.inlineBelow } : {}),
      ...(options.warn ? { warn: options.warn } : {}),
    });
  }

  /** The underlying connection, for other SQLite stores sharing the file (accounts). */
  get database(): Database.Database {
    return this.db;
  }

  async insertEvents(events: readonly NewEvent[]): Promise<InsertResult> {
    if (events.length === 0) return { inserted: [], duplicates: 0 };
    this.assertOpen();
    let rows: InsertRow[];
    try {
      rows = events.map(toRow);
    } catch (err) {
      throw storeError(err, 'storing events failed');
    }
    const r = (await this.writer.write({ op: 'events', rows }))!;
    const renamed = new Map(r.renamed);
    const inserted = r.inserted.map((i): EventRecord => {
      const id = renamed.get(i);
      return id === undefined ? events[i]! : { ...events[i]!, id };
    });
    return { inserted, duplicates: r.duplicates };
  }

  async getEvents(ids: readonly string[], window?: EventWindow): Promise<EventRecord[]> {
    this.assertOpen();
    const wanted = new Set(ids);
    const out: EventRecord[] = [];
    const list = [...wanted];
    // Candidate keys of each id (probing), in chunks that keep the statement small.
    for (let i = 0; i < list.length; i += 100) {
      const keys = list.slice(i, i + 100).flatMap((id) => idKeys(id));
      const marks = keys.map(() => '?').join(', ');
      const sql = window
        ? `SELECT ${EVENT_COLUMNS} FROM events WHERE time >= ? AND time <= ? AND id_key IN (${marks}) ORDER BY time, seq`
        : `SELECT ${EVENT_COLUMNS} FROM events WHERE id_key IN (${marks}) ORDER BY time, seq`;
      const rows = this.db.prepare<unknown[], EventRow>(sql).all(...(window ? [window.since, window.until] : []), ...keys);
      for (const r of rows) if (wanted.has(r.id)) out.push(this.toEvent(r, true));
    }
    return list.length > 100 ? out.sort((a, b) => a.time - b.time) : out;
  }

  async queryEvents(query: EventQuery = {}): Promise<EventPage> {
    this.assertOpen();
    const limit = clampLimit(query.limit);
    const { where, params } = this.eventWhere(query);
    if (query.cursor !== undefined) {
      const m = /^(-?\d+)\.(\d+)$/.exec(query.cursor);
      if (!m) throw new LeakwatchError('STORE_RECORD_INVALID', `not a cursor of this store: ${JSON.stringify(query.cursor)}`);
      where.push('(time > ? OR (time = ? AND seq > ?))');
      params.push(Number(m[1]), Number(m[1]), Number(m[2]));
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY time, seq LIMIT ?`;
    const rows = this.db.prepare<unknown[], EventRow>(sql).all(...params, limit + 1);
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const events = rows.map((r) => this.toEvent(r, query.withRaw === true));
    const lastRow = rows[rows.length - 1];
    return more && lastRow ? { events, cursor: `${lastRow.time}.${lastRow.seq}` } : { events };
  }

  async countEvents(query: Omit<EventQuery, 'limit' | 'cursor' | 'withRaw'> = {}): Promise<number> {
    this.assertOpen();
    const { where, params } = this.eventWhere(query);
    const sql = `SELECT count(*) AS n FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    return (this.db.prepare<unknown[], { n: number }>(sql).get(...params) ?? { n: 0 }).n;
  }

  private eventWhere(q: Omit<EventQuery, 'limit' | 'cursor' | 'withRaw'>): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.since !== undefined) {
      where.push('time >= ?');
      params.push(q.since);
    }
    if (q.until !== undefined) {
      where.push('time < ?');
      params.push(q.until);
    }
    if (q.source !== undefined) {
      where.push('source = ?');
      params.push(q.source);
    }
    if (q.channel !== undefined) {
      where.push('channel = ?');
      params.push(q.channel);
    }
    if (q.actor !== undefined) {
      where.push('(actor_user = ? OR actor_service = ?)');
      params.push(q.actor, q.actor);
    }
    return { where, params };
  }

  private toEvent(r: EventRow, withRaw: boolean): EventRecord {
    const needBlock = withRaw || r.meta_len > 0;
    const slice = needBlock ? this.reader.read({ block: r.raw_block, off: r.raw_off, len: r.raw_len }) : undefined;
    let x: Meta = {};
    if (slice !== undefined && r.meta_len > 0) {
      try {
        x = JSON.parse(slice.slice(0, r.meta_len)) as Meta;
      } catch {
        x = {};
      }
    }
    const actor: Record<string, string> = {};
    if (r.actor_user !== null) actor['user'] = r.actor_user;
    if (r.actor_service !== null) actor['service'] = r.actor_service;
    if (r.actor_ip !== null) actor['ip'] = r.actor_ip;
    if (x.ua !== undefined) actor['userAgent'] = x.ua;
    if (x.g !== undefined) actor['group'] = x.g;
    const object: Record<string, string> = {};
    if (r.object_path !== null) object['path'] = r.object_path;
    if (r.object_container !== null) object['container'] = r.object_container;
    if (x.oid !== undefined) object['id'] = x.oid;
    if (x.ok !== undefined) object['kind'] = x.ok;
    const destination: Record<string, string | boolean> = {};
    if (x.dd !== undefined) destination['domain'] = x.dd;
    if (x.da !== undefined) destination['account'] = x.da;
    if (x.dv !== undefined) destination['device'] = x.dv;
    if (x.di !== undefined) destination['ip'] = x.di;
    if (x.dx !== undefined) destination['external'] = x.dx;
    let raw: unknown;
    if (withRaw && slice !== undefined) {
      const text = slice.slice(r.meta_len);
      if (r.raw_kind === RAW_TEXT) raw = text;
      else {
        try {
          raw = JSON.parse(text);
        } catch {
          raw = text;
        }
      }
    }
    return {
      id: r.id,
      time: r.time,
      ingestTime: r.ingest_time,
      source: r.source,
      action: r.action,
      channel: r.channel,
      actor,
      ...(Object.keys(object).length ? { object } : {}),
      ...(Object.keys(destination).length ? { destination } : {}),
      ...(r.bytes !== null ? { bytes: r.bytes } : {}),
      ...(x.r !== undefined ? { records: x.r } : {}),
      outcome: r.outcome,
      ...(r.tenant !== null ? { tenant: r.tenant } : {}),
      ...(x.a !== undefined ? { attributes: x.a } : {}),
      raw,
    };
  }

  async addDeadLetters(entries: readonly DeadLetterInput[], at = this.now()): Promise<void> {
    if (entries.length === 0) return;
    this.assertOpen();
    const rows = entries.map((d): DeadLetterRow => [d.file, d.line ?? null, d.offset ?? null, d.code, d.reason, d.source ?? null, at]);
    await this.writer.write({ op: 'dead', rows });
  }

  async listDeadLetters(query: DeadLetterQuery = {}): Promise<DeadLetter[]> {
    this.assertOpen();
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.file !== undefined) {
      where.push('file = ?');
      params.push(query.file);
    }
    if (query.code !== undefined) {
      where.push('code = ?');
      params.push(query.code);
    }
    const sql = `SELECT * FROM dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    const rows = this.db
      .prepare<unknown[], { id: number; file: string; line: number | null; offset: number | null; code: string; reason: string; source: string | null; at: number }>(sql)
      .all(...params, clampLimit(query.limit));
    return rows.map((r) => ({
      id: r.id,
      file: r.file,
      ...(r.line !== null ? { line: r.line } : {}),
      ...(r.offset !== null ? { offset: r.offset } : {}),
      code: r.code,
      reason: r.reason,
      ...(r.source !== null ? { source: r.source } : {}),
      at: r.at,
    }));
  }

  async countDeadLetters(): Promise<number> {
    this.assertOpen();
    return this.s.countDead.get()!.n;
  }

  async listSources(): Promise<SourceStats[]> {
    this.assertOpen();
    return this.s.listSources.all().map((r) => ({
      stream: r.stream,
      source: r.source,
      ...(r.tenant !== null ? { tenant: r.tenant } : {}),
      events: r.events,
      firstTime: r.first_time,
      lastTime: r.last_time,
      lastIngestTime: r.last_ingest_time,
      typicalGapMs: r.gap_mean,
      hourOfWeek: JSON.parse(r.hour_of_week) as number[],
    }));
  }

  async saveAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    if (alerts.length === 0) return;
    this.assertOpen();
    for (const a of alerts) validateAlert(a);
    const rows = alerts.map(
      (a): AlertParams => ({
        id: a.id,
        actor: a.actor,
        start: a.start,
        end: a.end,
        severity: a.severity,
        severity_rank: severityRank(a.severity),
        score: a.score,
        channel: a.channel,
        detector: a.detector,
        kind: a.kind,
        title: a.title,
        reasons: JSON.stringify(a.reasons),
        explanation: JSON.stringify(a.explanation ?? null),
        evidence: JSON.stringify(a.evidence),
        status: a.status,
        assignee: a.assignee ?? null,
        created_at: a.createdAt,
        updated_at: a.updatedAt,
      }),
    );
    await this.writer.write({ op: 'alerts', rows });
  }

  async listAlerts(filter: AlertFilter = {}): Promise<AlertRecord[]> {
    this.assertOpen();
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
      where.push(`status IN (${statuses.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...statuses);
    }
    if (filter.since !== undefined) {
      where.push('"end" >= ?');
      params.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('start < ?');
      params.push(filter.until);
    }
    if (filter.actor !== undefined) {
      where.push('actor = ?');
      params.push(filter.actor);
    }
    if (filter.detector !== undefined) {
      where.push('detector = ?');
      params.push(filter.detector);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.minSeverity !== undefined) {
      where.push('severity_rank >= ?');
      params.push(severityRank(filter.minSeverity));
    }
    const sql = `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY start DESC, id LIMIT ?`;
    return this.db.prepare<unknown[], AlertRow>(sql).all(...params, clampLimit(filter.limit)).map(toAlert);
  }

  async getAlert(id: string): Promise<AlertRecord | null> {
    this.assertOpen();
    const r = this.s.alert.get(id);
    return r ? toAlert(r) : null;
  }

  async updateAlert(id: string, patch: AlertPatch): Promise<AlertRecord | null> {
    this.assertOpen();
    if (patch.status !== undefined && !ALERT_STATUSES.includes(patch.status)) {
      throw new LeakwatchError('STORE_RECORD_INVALID', `unknown alert status ${JSON.stringify(patch.status)}`);
    }
    if (patch.assignee !== undefined && patch.assignee !== null && typeof patch.assignee !== 'string') {
      throw new LeakwatchError('STORE_RECORD_INVALID', 'assignee must be a string or null');
    }
    const sets = ['updated_at = ?'];
    const params: unknown[] = [patch.updatedAt ?? this.now()];
    if (patch.status !== undefined) {
      sets.push('status = ?');
      params.push(patch.status);
    }
    if (patch.assignee !== undefined) {
      sets.push('assignee = ?');
      params.push(patch.assignee);
    }
    try {
      const changed = this.db.prepare(`UPDATE alerts SET ${sets.join(', ')} WHERE id = ?`).run(...params, id).changes;
      if (changed === 0) return null;
    } catch (err) {
      throw storeError(err, 'updating the alert failed');
    }
    return this.getAlert(id);
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    this.assertOpen();
    const r = this.s.getState.get(key);
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.assertOpen();
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (err) {
      throw new LeakwatchError('STORE_RECORD_INVALID', `state ${JSON.stringify(key)} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (text === undefined) throw new LeakwatchError('STORE_RECORD_INVALID', `state ${JSON.stringify(key)} is not JSON`);
    // Through the writer: detection saves its state in the middle of an ingest, when the writer holds the lock.
    await this.writer.write({ op: 'state', rows: [[key, text, this.now()]] });
  }

  async deleteState(key: string): Promise<void> {
    this.assertOpen();
    this.s.deleteState.run(key);
  }

  async schemaVersion(): Promise<number> {
    this.assertOpen();
    return this.s.schemaVersion.get()?.v ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.close();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new LeakwatchError('STORE_WRITE_FAILED', 'the store is closed');
  }
}
