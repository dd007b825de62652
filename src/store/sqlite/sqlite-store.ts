// The Store on embedded SQLite (better-sqlite3, WAL, one file). The hot path,
// inserting a batch of events, is prepared statements in one transaction; raw
// records go to compressed blocks (raw-blocks.ts); ids are deduplicated through a
// 53-bit integer key with probing (id-key.ts).
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LeakwatchError, isLeakwatchError } from '../../errors/index.js';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES, type AlertFilter, type AlertPatch, type AlertRecord } from '../alert-record.js';
import type {
  AttributeValue,
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
import { PROBES, idKey, idKeys } from './id-key.js';
import { migrate } from './migrations.js';
import { RawBlockReader, RawBlockWriter, RAW_CODEC, type RawRef } from './raw-blocks.js';

export interface SqliteStoreOptions {
  /** Clock for dead-letter and state timestamps (default Date.now). */
  readonly now?: () => number;
  /** How long a writer waits for another one, ms (default 10,000). */
  readonly busyTimeoutMs?: number;
  /** Open without writing (no migrations); for reading tools. */
  readonly readonly?: boolean;
}

const RAW_JSON = 0;
const RAW_TEXT = 1;
const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 100_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

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

/**
 * The fields an event row does not hold as columns. They are stored, as JSON,
 * in front of the raw record in its compressed block: rows stay small (inserts
 * are fast) and repetitive attribute names compress away.
 */
interface Meta {
  ua?: string;
  g?: string;
  oid?: string;
  ok?: string;
  da?: string;
  dd?: string;
  dv?: string;
  di?: string;
  dx?: boolean;
  r?: number;
  a?: Record<string, AttributeValue>;
}

interface SourceRow {
  stream: string;
  source: string;
  tenant: string | null;
  events: number;
  first_time: number;
  last_time: number;
  last_ingest_time: number;
  gap_mean: number;
  hour_of_week: string;
}

interface AlertRow {
  id: string;
  actor: string;
  start: number;
  end: number;
  severity: string;
  score: number;
  channel: string;
  detector: string;
  kind: string;
  title: string;
  reasons: string;
  explanation: string;
  evidence: string;
  status: string;
  assignee: string | null;
  created_at: number;
  updated_at: number;
}

/** The meta JSON of an event ("" when it has none). */
function metaOf(e: NewEvent): string {
  const a = e.actor;
  const o = e.object;
  const d = e.destination;
  let m: Meta | undefined;
  if (a.userAgent !== undefined) (m ??= {}).ua = a.userAgent;
  if (a.group !== undefined) (m ??= {}).g = a.group;
  if (o?.id !== undefined) (m ??= {}).oid = o.id;
  if (o?.kind !== undefined) (m ??= {}).ok = o.kind;
  if (d) {
    if (d.account !== undefined) (m ??= {}).da = d.account;
    if (d.domain !== undefined) (m ??= {}).dd = d.domain;
    if (d.device !== undefined) (m ??= {}).dv = d.device;
    if (d.ip !== undefined) (m ??= {}).di = d.ip;
    if (d.external !== undefined) (m ??= {}).dx = d.external;
  }
  if (e.records !== undefined) (m ??= {}).r = e.records;
  if (e.attributes !== undefined) (m ??= {}).a = e.attributes as Record<string, AttributeValue>;
  return m === undefined ? '' : JSON.stringify(m);
}

/** Monday-based UTC hour of the week, 0-167. */
export function hourOfWeek(time: number): number {
  const day = Math.floor(time / DAY);
  const dow = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const hour = ((Math.floor(time / HOUR) % 24) + 24) % 24;
  return dow * 24 + hour;
}

/** JSON with object keys sorted: two records with the same content give the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function canonicalRaw(text: string, kind: number): string {
  if (kind === RAW_TEXT) return text.trim();
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text.trim();
  }
}

function rawOf(e: NewEvent): { text: string; kind: number } {
  if (typeof e.raw === 'string') return { text: e.rawText ?? e.raw, kind: RAW_TEXT };
  return { text: e.rawText ?? JSON.stringify(e.raw ?? null), kind: RAW_JSON };
}

function severityRank(s: string): number {
  return ALERT_SEVERITIES.indexOf(s as AlertRecord['severity']);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/** Turns a SQLite failure into a coded error; LeakwatchErrors pass through. */
function storeError(err: unknown, what: string): LeakwatchError {
  if (isLeakwatchError(err)) return err;
  const code = sqliteCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new LeakwatchError('STORE_BUSY', `${what}: ${message}`, {}, { cause: err });
  return new LeakwatchError('STORE_WRITE_FAILED', `${what}: ${message}`, { sqlite: code }, { cause: err });
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

interface StreamBatch {
  source: string;
  tenant: string | undefined;
  times: number[];
  ingest: number;
}

export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly reader: RawBlockReader;
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
      return new SqliteStore(db, options);
    } catch (err) {
      db.close();
      if (isLeakwatchError(err)) throw err;
      throw new LeakwatchError('STORE_OPEN_FAILED', `cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`, { path: file }, { cause: err });
    }
  }

  private constructor(db: Database.Database, options: SqliteStoreOptions) {
    this.db = db;
    this.now = options.now ?? Date.now;
    if (!options.readonly) {
      // Page size only takes effect on a new database; 16 KiB pages suit the
      // append-mostly event table and its small integer index.
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      // FULL: a batch is on disk when insertEvents resolves (one fsync per batch).
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('cache_size = -65536');
      migrate(db, this.now());
    }
    this.s = {
      insertEvent: db.prepare(
        `INSERT OR IGNORE INTO events (id, id_key, time, ingest_time, source, tenant, action, channel, outcome, actor_user, actor_service, actor_ip, object_path, object_container, bytes, raw_block, raw_off, raw_len, meta_len, raw_kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byKey: db.prepare<[number, number], { id: string; raw_block: number; raw_off: number; raw_len: number; meta_len: number; raw_kind: number }>(
        'SELECT id, raw_block, raw_off, raw_len, meta_len, raw_kind FROM events WHERE time = ? AND id_key = ?',
      ),
      allocateBlock: db.prepare<[], unknown>(`INSERT INTO raw_blocks (codec, chars, data) VALUES (${RAW_CODEC}, 0, x'')`),
      sealBlock: db.prepare<[Buffer, number, number], unknown>('UPDATE raw_blocks SET data = ?, chars = ? WHERE id = ?'),
      dropBlock: db.prepare<[number], unknown>('DELETE FROM raw_blocks WHERE id = ?'),
      readBlock: db.prepare<[number], { codec: number; data: Buffer }>('SELECT codec, data FROM raw_blocks WHERE id = ?'),
      source: db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE stream = ?'),
      upsertSource: db.prepare(
        `INSERT INTO sources (stream, source, tenant, events, first_time, last_time, last_ingest_time, gap_mean, hour_of_week) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(stream) DO UPDATE SET events = excluded.events, first_time = excluded.first_time, last_time = excluded.last_time,
           last_ingest_time = excluded.last_ingest_time, gap_mean = excluded.gap_mean, hour_of_week = excluded.hour_of_week`,
      ),
      listSources: db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY stream'),
      insertDead: db.prepare('INSERT INTO dead_letters (file, line, offset, code, reason, source, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      countDead: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters'),
      upsertAlert: db.prepare(
        `INSERT INTO alerts (id, actor, start, "end", severity, severity_rank, score, channel, detector, kind, title, reasons, explanation, evidence, status, assignee, created_at, updated_at)
         VALUES (@id, @actor, @start, @end, @severity, @severity_rank, @score, @channel, @detector, @kind, @title, @reasons, @explanation, @evidence, @status, @assignee, @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET actor = excluded.actor, start = excluded.start, "end" = excluded."end", severity = excluded.severity,
           severity_rank = excluded.severity_rank, score = excluded.score, channel = excluded.channel, detector = excluded.detector, kind = excluded.kind,
           title = excluded.title, reasons = excluded.reasons, explanation = excluded.explanation, evidence = excluded.evidence,
           updated_at = max(alerts.updated_at, excluded.updated_at)`,
      ),
      alert: db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?'),
      getState: db.prepare<[string], { value: string }>('SELECT value FROM state WHERE key = ?'),
      setState: db.prepare('INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'),
      deleteState: db.prepare('DELETE FROM state WHERE key = ?'),
      schemaVersion: db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations'),
    };
    this.reader = new RawBlockReader(this.s.readBlock);
  }

  /** The underlying connection, for other SQLite stores sharing the file (accounts). */
  get database(): Database.Database {
    return this.db;
  }

  async insertEvents(events: readonly NewEvent[]): Promise<InsertResult> {
    if (events.length === 0) return { inserted: [], duplicates: 0 };
    this.assertOpen();
    try {
      return this.insertTx(events);
    } catch (err) {
      this.reader.clear();
      throw storeError(err, 'storing events failed');
    }
  }

  private insertTx = (events: readonly NewEvent[]): InsertResult =>
    this.db.transaction((): InsertResult => {
      const writer = new RawBlockWriter(this.s.allocateBlock, this.s.sealBlock, this.s.dropBlock);
      const inserted: EventRecord[] = [];
      const streams = new Map<string, StreamBatch>();
      let duplicates = 0;
      for (const e of events) {
        const raw = rawOf(e);
        const stored = this.insertOne(e, raw.text, raw.kind, writer);
        if (stored === undefined) {
          duplicates++;
          continue;
        }
        inserted.push(stored);
        const stream = e.tenant ? `${e.source}:${e.tenant}` : e.source;
        let sb = streams.get(stream);
        if (!sb) streams.set(stream, (sb = { source: e.source, tenant: e.tenant, times: [], ingest: e.ingestTime }));
        sb.times.push(e.time);
        if (e.ingestTime > sb.ingest) sb.ingest = e.ingestTime;
      }
      writer.finish();
      for (const [stream, sb] of streams) this.updateSource(stream, sb);
      return { inserted, duplicates };
    })();

  /** Inserts one event; returns it (with its final id) when new, undefined when a duplicate. */
  private insertOne(e: NewEvent, rawText: string, rawKind: number, writer: RawBlockWriter): EventRecord | undefined {
    const meta = metaOf(e);
    let id = e.id;
    let renamed = false;
    let canonical: string | undefined;
    for (let probe = 0; ; probe++) {
      if (probe >= PROBES) throw new LeakwatchError('STORE_WRITE_FAILED', `no free key for event id ${JSON.stringify(id)} after ${PROBES} probes`);
      const key = idKey(id, probe);
      const ref = writer.append(meta, rawText);
      if (this.bindInsert(e, id, key, ref, meta.length, rawKind) === 1) return renamed ? { ...e, id } : e;
      writer.undoLast();
      const existing = this.s.byKey.get(e.time, key);
      if (existing === undefined) throw new LeakwatchError('STORE_WRITE_FAILED', `event ${JSON.stringify(id)} was neither inserted nor found`);
      if (existing.id !== id) continue; // a different id with the same hash: try the next key
      // Same id: a duplicate when the content is the same, else another record under a reused vendor id.
      const storedRef = { block: existing.raw_block, off: existing.raw_off + existing.meta_len, len: existing.raw_len - existing.meta_len };
      const storedText = writer.pending(storedRef) ?? this.reader.read(storedRef);
      if (storedText === rawText) return undefined;
      canonical ??= canonicalRaw(rawText, rawKind);
      if (storedText !== undefined && canonicalRaw(storedText, existing.raw_kind) === canonical) return undefined;
      if (renamed) return undefined; // the content-derived id is taken by equal content
      id = `${e.id}~${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
      renamed = true;
      probe = -1;
    }
  }

  /** Binds and runs the insert; 1 when the row was added, 0 when its key was taken. */
  private bindInsert(e: NewEvent, id: string, key: number, ref: RawRef, metaLen: number, rawKind: number): number {
    const a = e.actor;
    const o = e.object;
    return this.s.insertEvent.run(
      id,
      key,
      e.time,
      e.ingestTime,
      e.source,
      e.tenant ?? null,
      e.action,
      e.channel,
      e.outcome,
      a.user ?? null,
      a.service ?? null,
      a.ip ?? null,
      o?.path ?? null,
      o?.container ?? null,
      e.bytes ?? null,
      ref.block,
      ref.off,
      ref.len,
      metaLen,
      rawKind,
    ).changes;
  }

  private updateSource(stream: string, sb: StreamBatch): void {
    const row = this.s.source.get(stream);
    const hist: number[] = row ? (JSON.parse(row.hour_of_week) as number[]) : new Array<number>(168).fill(0);
    const times = Float64Array.from(sb.times).sort();
    let events = row?.events ?? 0;
    let first = row?.first_time ?? times[0]!;
    let last = row?.last_time ?? times[0]!;
    let gapMean = row?.gap_mean ?? 0;
    let gaps = row ? Math.max(0, events - 1) : 0;
    for (const t of times) {
      hist[hourOfWeek(t)]! += 1;
      events++;
      if (t < first) first = t;
      if (t > last) {
        // Running mean of gaps, switching to a slow exponential average once settled.
        const gap = t - last;
        gaps++;
        gapMean += (gap - gapMean) / Math.min(gaps, 1000);
        last = t;
      }
    }
    const lastIngest = Math.max(row?.last_ingest_time ?? 0, sb.ingest);
    this.s.upsertSource.run(stream, sb.source, sb.tenant ?? null, events, first, last, lastIngest, gapMean, JSON.stringify(hist));
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
    try {
      this.db.transaction(() => {
        for (const d of entries) this.s.insertDead.run(d.file, d.line ?? null, d.offset ?? null, d.code, d.reason, d.source ?? null, at);
      })();
    } catch (err) {
      throw storeError(err, 'storing dead letters failed');
    }
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
    try {
      this.db.transaction(() => {
        for (const a of alerts) {
          this.s.upsertAlert.run({
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
          });
        }
      })();
    } catch (err) {
      throw storeError(err, 'saving alerts failed');
    }
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
    try {
      this.s.setState.run(key, text, this.now());
    } catch (err) {
      throw storeError(err, 'saving state failed');
    }
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
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new LeakwatchError('STORE_WRITE_FAILED', 'the store is closed');
  }
}
