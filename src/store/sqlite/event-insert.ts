// The writes of the ingest path: batches of events, the alerts detection makes
// of them, dead letters, detection's saved state. Each is first flattened into rows of plain values, so
// that it crosses to the writer thread as a cheap structured clone; IngestWrites
// then applies a job on whichever connection it was given, in one transaction (a
// savepoint when nested). Events are deduplicated by (time, id key) with
// probing, raw records kept in compressed blocks and per-stream statistics kept
// up to date.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { LeakwatchError } from '../../errors/index.js';
import type { AttributeValue, NewEvent } from '../store.js';
import { PROBES, idKey } from './id-key.js';
import { RawBlockReader, RawBlockWriter, RAW_CODEC, type RawRef } from './raw-blocks.js';

/** `events.raw_kind`: the raw record is JSON text, or a line of text (auditd, S3 access logs). */
export const RAW_JSON = 0;
export const RAW_TEXT = 1;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The fields an event row does not hold as columns. They are stored, as JSON,
 * in front of the raw record in its compressed block: rows stay small (inserts
 * are fast) and repetitive attribute names compress away.
 */
export interface Meta {
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

/**
 * An event flattened for the insert statement: id, time, ingest time, source,
 * tenant, action, channel, outcome, actor user, actor service, actor ip, object
 * path, object container, bytes, meta JSON, raw text, raw kind.
 */
export type EventRow = [
  id: string,
  time: number,
  ingestTime: number,
  source: string,
  tenant: string | null,
  action: string,
  channel: string,
  outcome: string,
  user: string | null,
  service: string | null,
  ip: string | null,
  path: string | null,
  container: string | null,
  bytes: number | null,
  meta: string,
  rawText: string,
  rawKind: number,
];

/** What became of a batch of rows, by position in the batch. */
export interface RowsResult {
  /** Positions of the rows that were new, ascending. */
  readonly inserted: number[];
  /** Rows stored under another id (`<id>~<hash>`: same vendor id, other content), as [position, id]. */
  readonly renamed: [number, string][];
  readonly duplicates: number;
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

/** Flattens an event into its row. */
export function toRow(e: NewEvent): EventRow {
  const a = e.actor;
  const o = e.object;
  const text = typeof e.raw === 'string' ? (e.rawText ?? e.raw) : (e.rawText ?? JSON.stringify(e.raw ?? null));
  return [
    e.id,
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
    metaOf(e),
    text,
    typeof e.raw === 'string' ? RAW_TEXT : RAW_JSON,
  ];
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

/** A row of `sources`: per stream, what silence detection needs. */
export interface SourceRow {
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

interface StreamBatch {
  source: string;
  tenant: string | null;
  times: number[];
  ingest: number;
}

/** An alert as the upsert statement's parameters. */
export interface AlertParams {
  id: string;
  actor: string;
  start: number;
  end: number;
  severity: string;
  severity_rank: number;
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

/** A dead letter as the insert's parameters: file, line, offset, code, reason, source, at. */
export type DeadLetterRow = [file: string, line: number | null, offset: number | null, code: string, reason: string, source: string | null, at: number];

/** A state entry as the upsert's parameters: key, JSON value, updated at. */
export type StateRow = [key: string, value: string, updatedAt: number];

/** One unit of work for IngestWrites: what it stores in one transaction. */
export type WriteJob =
  | { readonly op: 'events'; readonly rows: readonly EventRow[] }
  | { readonly op: 'alerts'; readonly rows: readonly AlertParams[] }
  | { readonly op: 'dead'; readonly rows: readonly DeadLetterRow[] }
  | { readonly op: 'state'; readonly rows: readonly StateRow[] };

/** Applies write jobs on one connection; one per connection (its statements are prepared on it). */
export class IngestWrites {
  private readonly s;
  private readonly reader: RawBlockReader;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertEvent: db.prepare<EventRowParams, unknown>(
        `INSERT OR IGNORE INTO events (id, id_key, time, ingest_time, source, tenant, action, channel, outcome, actor_user, actor_service, actor_ip, object_path, object_container, bytes, raw_block, raw_off, raw_len, meta_len, raw_kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byKey: db.prepare<[number, number], { id: string; raw_block: number; raw_off: number; raw_len: number; meta_len: number; raw_kind: number }>(
        'SELECT id, raw_block, raw_off, raw_len, meta_len, raw_kind FROM events WHERE time = ? AND id_key = ?',
      ),
      allocateBlock: db.prepare<[], unknown>(`INSERT INTO raw_blocks (codec, chars, data) VALUES (${RAW_CODEC}, 0, x'')`),
      sealBlock: db.prepare<[Buffer, number, number], unknown>('UPDATE raw_blocks SET data = ?, chars = ? WHERE id = ?'),
      dropBlock: db.prepare<[number], unknown>('DELETE FROM raw_blocks WHERE id = ?'),
      source: db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE stream = ?'),
      setState: db.prepare<StateRow, unknown>('INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'),
      insertDead: db.prepare<DeadLetterRow, unknown>('INSERT INTO dead_letters (file, line, offset, code, reason, source, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      upsertAlert: db.prepare<[AlertParams], unknown>(
        `INSERT INTO alerts (id, actor, start, "end", severity, severity_rank, score, channel, detector, kind, title, reasons, explanation, evidence, status, assignee, created_at, updated_at)
         VALUES (@id, @actor, @start, @end, @severity, @severity_rank, @score, @channel, @detector, @kind, @title, @reasons, @explanation, @evidence, @status, @assignee, @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET actor = excluded.actor, start = excluded.start, "end" = excluded."end", severity = excluded.severity,
           severity_rank = excluded.severity_rank, score = excluded.score, channel = excluded.channel, detector = excluded.detector, kind = excluded.kind,
           title = excluded.title, reasons = excluded.reasons, explanation = excluded.explanation, evidence = excluded.evidence,
           updated_at = max(alerts.updated_at, excluded.updated_at)`,
      ),
      upsertSource: db.prepare(
        `INSERT INTO sources (stream, source, tenant, events, first_time, last_time, last_ingest_time, gap_mean, hour_of_week) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(stream) DO UPDATE SET events = excluded.events, first_time = excluded.first_time, last_time = excluded.last_time,
           last_ingest_time = excluded.last_ingest_time, gap_mean = excluded.gap_mean, hour_of_week = excluded.hour_of_week`,
      ),
    };
    this.reader = new RawBlockReader(db.prepare<[number], { codec: number; data: Buffer }>('SELECT codec, data FROM raw_blocks WHERE id = ?'));
  }

  /** Applies a job in one transaction (a savepoint inside an open one): all of it, or nothing and it throws. Events answer what became of each row. */
  apply(job: WriteJob): RowsResult | null {
    switch (job.op) {
      case 'events':
        try {
          return this.insertTx(job.rows);
        } catch (err) {
          // Block ids of a rolled-back batch may be handed out again.
          this.reader.clear();
          throw err;
        }
      case 'alerts':
        this.db.transaction(() => {
          for (const a of job.rows) this.s.upsertAlert.run(a);
        })();
        return null;
      case 'dead':
        this.db.transaction(() => {
          for (const d of job.rows) this.s.insertDead.run(...d);
        })();
        return null;
      case 'state':
        this.db.transaction(() => {
          for (const r of job.rows) this.s.setState.run(...r);
        })();
        return null;
    }
  }

  private readonly insertTx = (rows: readonly EventRow[]): RowsResult =>
    this.db.transaction((): RowsResult => {
      const writer = new RawBlockWriter(this.s.allocateBlock, this.s.sealBlock, this.s.dropBlock);
      const inserted: number[] = [];
      const renamed: [number, string][] = [];
      const streams = new Map<string, StreamBatch>();
      let duplicates = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const id = this.insertOne(row, writer);
        if (id === undefined) {
          duplicates++;
          continue;
        }
        inserted.push(i);
        if (id !== row[0]) renamed.push([i, id]);
        const [, time, ingest, source, tenant] = row;
        const stream = tenant ? `${source}:${tenant}` : source;
        let sb = streams.get(stream);
        if (!sb) streams.set(stream, (sb = { source, tenant, times: [], ingest }));
        sb.times.push(time);
        if (ingest > sb.ingest) sb.ingest = ingest;
      }
      writer.finish();
      for (const [stream, sb] of streams) this.updateSource(stream, sb);
      return { inserted, renamed, duplicates };
    })();

  /** Inserts one row; returns the id it was stored under, or undefined for a duplicate. */
  private insertOne(row: EventRow, writer: RawBlockWriter): string | undefined {
    const [first, time, , , , , , , , , , , , , meta, rawText, rawKind] = row;
    let id = first;
    let renamed = false;
    let canonical: string | undefined;
    for (let probe = 0; ; probe++) {
      if (probe >= PROBES) throw new LeakwatchError('STORE_WRITE_FAILED', `no free key for event id ${JSON.stringify(id)} after ${PROBES} probes`);
      const key = idKey(id, probe);
      const ref = writer.append(meta, rawText);
      if (this.bindInsert(row, id, key, ref) === 1) return id;
      writer.undoLast();
      const existing = this.s.byKey.get(time, key);
      if (existing === undefined) throw new LeakwatchError('STORE_WRITE_FAILED', `event ${JSON.stringify(id)} was neither inserted nor found`);
      if (existing.id !== id) continue; // a different id with the same hash: try the next key
      // Same id: a duplicate when the content is the same, else another record under a reused vendor id.
      const storedRef = { block: existing.raw_block, off: existing.raw_off + existing.meta_len, len: existing.raw_len - existing.meta_len };
      const storedText = writer.pending(storedRef) ?? this.reader.read(storedRef);
      if (storedText === rawText) return undefined;
      canonical ??= canonicalRaw(rawText, rawKind);
      if (storedText !== undefined && canonicalRaw(storedText, existing.raw_kind) === canonical) return undefined;
      if (renamed) return undefined; // the content-derived id is taken by equal content
      id = `${first}~${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
      renamed = true;
      probe = -1;
    }
  }

  /** Binds and runs the insert; 1 when the row was added, 0 when its key was taken. */
  private bindInsert(r: EventRow, id: string, key: number, ref: RawRef): number {
    return (this.s.insertEvent.run(id, key, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], ref.block, ref.off, ref.len, r[14].length, r[16]) as { changes: number }).changes;
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
    this.s.upsertSource.run(stream, sb.source, sb.tenant, events, first, last, lastIngest, gapMean, JSON.stringify(hist));
  }
}

type EventRowParams = [string, number, number, number, string, string | null, string, string, string, string | null, string | null, string | null, string | null, string | null, number | null, number, number, number, number, number];
