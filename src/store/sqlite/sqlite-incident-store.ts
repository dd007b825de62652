// IncidentStore on SQLite (better-sqlite3). Each incident's countable facts are
// also kept in a narrow side table, packed into two integers, so that analytics
// reads a million incidents as three single-column scans of ~100-byte rows
// instead of a million row objects over the wide table (better-sqlite3 builds one
// JS array per row; a plucked integer costs far less).
import type BetterSqlite3 from 'better-sqlite3';
import { LeakwatchError } from '../../errors/index.js';
import {
  ACTION_CATEGORIES,
  ACTOR_TYPES,
  CAUSE_CLASSES,
  CN_REGIONS,
  COUNTRY_CODES,
  DISCLOSURE_VALUES,
  FACT_INDEX,
  INDUSTRY_SECTORS,
  LEAK_CHANNELS,
  type IncidentFactColumns,
  type IncidentFacts,
} from '../incident-facts.js';
import type {
  CommentRecord,
  EvidenceRecord,
  ImportBatch,
  IncidentFilter,
  IncidentListOptions,
  IncidentPage,
  IncidentRecord,
  IncidentStore,
  NewTimelineEntry,
  TimelineRecord,
} from '../incident-store.js';

export const INCIDENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS incidents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  dataset TEXT NOT NULL,
  source TEXT NOT NULL,
  source_ref TEXT,
  external_id TEXT,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  owner TEXT,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  discovered_at INTEGER,
  content_hash TEXT NOT NULL,
  alert_ids TEXT NOT NULL,
  year INTEGER,
  channel TEXT NOT NULL,
  cause TEXT NOT NULL,
  sector TEXT NOT NULL,
  region TEXT,
  countries TEXT NOT NULL,
  records INTEGER,
  facts TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_dataset ON incidents(dataset);
CREATE INDEX IF NOT EXISTS incidents_updated ON incidents(updated_at);
CREATE TABLE IF NOT EXISTS incident_facts (
  seq INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL,
  status TEXT NOT NULL,
  year INTEGER,
  channel TEXT NOT NULL,
  cause TEXT NOT NULL,
  sector TEXT NOT NULL,
  region TEXT,
  countries TEXT NOT NULL,
  country_count INTEGER NOT NULL,
  external_id TEXT,
  records INTEGER,
  fact_a INTEGER NOT NULL,
  fact_b INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_facts_external ON incident_facts(dataset, external_id);
CREATE TABLE IF NOT EXISTS incident_timeline (
  seq INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_timeline_incident ON incident_timeline(incident_id, seq);
CREATE TABLE IF NOT EXISTS incident_comments (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_comments_incident ON incident_comments(incident_id, at);
CREATE TABLE IF NOT EXISTS incident_evidence (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  sha256 TEXT,
  description TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_evidence_incident ON incident_evidence(incident_id, at);
CREATE TABLE IF NOT EXISTS incident_alerts (
  alert_id TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  PRIMARY KEY (alert_id, incident_id)
) WITHOUT ROWID;
`;

interface IncidentRow {
  seq: number;
  id: string;
  dataset: string;
  source: string;
  source_ref: string | null;
  external_id: string | null;
  title: string;
  status: string;
  owner: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  discovered_at: number | null;
  content_hash: string;
  alert_ids: string;
  facts: string;
  doc: string;
}

const toRecord = (r: IncidentRow): IncidentRecord => ({
  id: r.id,
  dataset: r.dataset,
  source: r.source,
  sourceRef: r.source_ref,
  externalId: r.external_id,
  title: r.title,
  status: r.status,
  owner: r.owner,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  discoveredAt: r.discovered_at,
  contentHash: r.content_hash,
  alertIds: JSON.parse(r.alert_ids) as string[],
  facts: JSON.parse(r.facts) as IncidentFacts,
  doc: JSON.parse(r.doc) as Record<string, unknown>,
});

// Packed layout. fact_a = lo + hi·2^21 with lo = year | month<<12 | day<<16 and
// hi = actions | actors<<8 | disclosure<<12 | official<<15 | cause<<17.
// fact_b = lo + hi·2^19 with lo = country1 | country2<<9 | moreCountries<<18 and
// hi = sector | channel<<5 | region<<10. Codes are 1 + vocabulary index, 0 = none.
const A_SPLIT = 2 ** 21;
const B_SPLIT = 2 ** 19;

function code(map: ReadonlyMap<string, number>, value: string | null, what: string): number {
  if (value === null) return 0;
  const i = map.get(value);
  if (i === undefined) throw new LeakwatchError('STORE_RECORD_INVALID', `unknown ${what} ${JSON.stringify(value)}`);
  return i + 1;
}

function mask(map: ReadonlyMap<string, number>, values: readonly string[], what: string): number {
  let m = 0;
  for (const v of values) m |= 1 << (code(map, v, what) - 1);
  return m;
}

function packFacts(f: IncidentFacts): [number, number] {
  const intIn = (v: number | null, lo: number, hi: number, what: string) => {
    if (v === null) return 0;
    if (!Number.isInteger(v) || v < lo || v > hi) throw new LeakwatchError('STORE_RECORD_INVALID', `${what} ${v} is out of range`);
    return v;
  };
  const countries = [...new Set(f.countries)];
  const aLo = intIn(f.year, 1, 4095, 'year') | (intIn(f.month, 1, 12, 'month') << 12) | (intIn(f.day, 1, 31, 'day') << 16);
  const official = f.official === null ? 0 : f.official ? 2 : 1;
  const aHi =
    mask(FACT_INDEX.action, f.actions, 'action category') |
    (mask(FACT_INDEX.actor, f.actors, 'actor type') << 8) |
    (code(FACT_INDEX.disclosure, f.disclosure, 'disclosure') << 12) |
    (official << 15) |
    (code(FACT_INDEX.cause, f.cause, 'cause class') << 17);
  const bLo =
    code(FACT_INDEX.country, countries[0] ?? null, 'country') |
    (code(FACT_INDEX.country, countries[1] ?? null, 'country') << 9) |
    ((countries.length > 2 ? 1 : 0) << 18);
  for (const c of countries.slice(2)) code(FACT_INDEX.country, c, 'country');
  const bHi = code(FACT_INDEX.sector, f.sector, 'sector') | (code(FACT_INDEX.channel, f.channel, 'channel') << 5) | (code(FACT_INDEX.region, f.region, 'region') << 10);
  return [aLo + aHi * A_SPLIT, bLo + bHi * B_SPLIT];
}

/**
 * The WHERE clause of a filter, on the incidents table or on incident_facts
 * (whose rows share incidents.seq): conditions on columns only the wide table
 * has go through a subquery there.
 */
function whereOf(filter: IncidentFilter, table: 'incidents' | 'facts' = 'incidents'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const wide: string[] = [];
  const wideParams: unknown[] = [];
  const add = (onWideOnly: boolean, clause: string, ...values: unknown[]) => {
    if (onWideOnly && table === 'facts') {
      wide.push(clause);
      wideParams.push(...values);
    } else {
      parts.push(clause);
      params.push(...values);
    }
  };
  const anyOf = (column: string, values: readonly string[] | undefined, onWideOnly = false) => {
    if (values === undefined) return;
    if (values.length === 0) add(false, '0');
    else add(onWideOnly, `${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  };
  anyOf('id', filter.ids, true);
  anyOf('dataset', filter.datasets);
  anyOf('source', filter.sources, true);
  anyOf('status', filter.statuses);
  anyOf('channel', filter.channels);
  anyOf('cause', filter.causes);
  anyOf('sector', filter.sectors);
  anyOf('region', filter.regions);
  if (filter.owner !== undefined) add(true, 'owner = ?', filter.owner);
  if (filter.yearFrom !== undefined) add(false, 'year >= ?', filter.yearFrom);
  if (filter.yearTo !== undefined) add(false, 'year <= ?', filter.yearTo);
  if (filter.country !== undefined) add(false, "instr(countries, ',' || ? || ',') > 0", filter.country);
  if (filter.text !== undefined && filter.text !== '') add(true, "title LIKE ? ESCAPE '\\'", `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (wide.length) {
    parts.push(`seq IN (SELECT seq FROM incidents WHERE ${wide.join(' AND ')})`);
    params.push(...wideParams);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const MAX_LIMIT = 10_000;

export class SqliteIncidentStore implements IncidentStore {
  private readonly s;
  private readonly writeImport: (batch: ImportBatch) => void;
  private readonly writeReplace: (record: IncidentRecord, expectedVersion: number, timeline: readonly NewTimelineEntry[]) => boolean;
  private readonly writeInsert: (record: IncidentRecord, timeline: readonly NewTimelineEntry[]) => void;
  private readonly readFacts: (filter: IncidentFilter) => IncidentFactColumns;

  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(INCIDENT_SCHEMA);
    const columns =
      'id, dataset, source, source_ref, external_id, title, status, owner, version, created_at, updated_at, discovered_at, content_hash, alert_ids, year, channel, cause, sector, region, countries, records, facts, doc';
    const values = columns
      .split(', ')
      .map((c) => `@${c}`)
      .join(', ');
    this.s = {
      insert: db.prepare(`INSERT INTO incidents (${columns}) VALUES (${values})`),
      update: db.prepare(
        `UPDATE incidents SET dataset = @dataset, source = @source, source_ref = @source_ref, external_id = @external_id, title = @title, status = @status, owner = @owner,
           version = @version, updated_at = @updated_at, discovered_at = @discovered_at, content_hash = @content_hash, alert_ids = @alert_ids, year = @year, channel = @channel,
           cause = @cause, sector = @sector, region = @region, countries = @countries, records = @records, facts = @facts, doc = @doc
         WHERE id = @id AND version = @expected`,
      ),
      overwrite: db.prepare(
        `UPDATE incidents SET dataset = @dataset, source = @source, source_ref = @source_ref, external_id = @external_id, title = @title, status = @status, owner = @owner,
           version = @version, updated_at = @updated_at, discovered_at = @discovered_at, content_hash = @content_hash, alert_ids = @alert_ids, year = @year, channel = @channel,
           cause = @cause, sector = @sector, region = @region, countries = @countries, records = @records, facts = @facts, doc = @doc
         WHERE id = @id`,
      ),
      get: db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE id = ?'),
      facts: db.prepare(
        `INSERT OR REPLACE INTO incident_facts (seq, dataset, status, year, channel, cause, sector, region, countries, country_count, external_id, records, fact_a, fact_b)
         SELECT seq, @dataset, @status, @year, @channel, @cause, @sector, @region, @countries, @country_count, @external_id, @records, @fact_a, @fact_b FROM incidents WHERE id = @id`,
      ),
      hash: db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM incidents WHERE id = ?'),
      timeline: db.prepare('INSERT INTO incident_timeline (incident_id, at, actor, kind, data) VALUES (?, ?, ?, ?, ?)'),
      listTimeline: db.prepare<[string], { seq: number; incident_id: string; at: number; actor: string; kind: string; data: string }>(
        'SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY seq',
      ),
      comment: db.prepare('INSERT INTO incident_comments (id, incident_id, at, author, body) VALUES (?, ?, ?, ?, ?)'),
      listComments: db.prepare<[string], { id: string; incident_id: string; at: number; author: string; body: string }>(
        'SELECT * FROM incident_comments WHERE incident_id = ? ORDER BY at, rowid',
      ),
      evidence: db.prepare('INSERT INTO incident_evidence (id, incident_id, at, added_by, kind, ref, sha256, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      listEvidence: db.prepare<
        [string],
        { id: string; incident_id: string; at: number; added_by: string; kind: string; ref: string; sha256: string | null; description: string }
      >('SELECT * FROM incident_evidence WHERE incident_id = ? ORDER BY at, rowid'),
      linkAlert: db.prepare('INSERT OR IGNORE INTO incident_alerts (alert_id, incident_id) VALUES (?, ?)'),
      unlinkAlerts: db.prepare('DELETE FROM incident_alerts WHERE incident_id = ?'),
      forAlert: db.prepare<[string], string>('SELECT incident_id FROM incident_alerts WHERE alert_id = ? ORDER BY incident_id').pluck(),
    };
    const appendTimeline = (entries: readonly NewTimelineEntry[]) => {
      for (const t of entries) this.s.timeline.run(t.incidentId, t.at, t.actor, t.kind, JSON.stringify(t.data));
    };
    const linkAlerts = (record: IncidentRecord) => {
      this.s.unlinkAlerts.run(record.id);
      for (const a of record.alertIds) this.s.linkAlert.run(a, record.id);
    };
    this.writeInsert = db.transaction((record: IncidentRecord, timeline: readonly NewTimelineEntry[]) => {
      const row = rowOf(record);
      try {
        this.s.insert.run(row);
      } catch (err) {
        if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new LeakwatchError('STORE_CONFLICT', `an incident with id ${JSON.stringify(record.id)} exists`);
        throw err;
      }
      this.s.facts.run(factRowOf(record));
      linkAlerts(record);
      appendTimeline(timeline);
    });
    this.writeReplace = db.transaction((record: IncidentRecord, expectedVersion: number, timeline: readonly NewTimelineEntry[]) => {
      const changed = this.s.update.run({ ...rowOf(record), expected: expectedVersion }).changes > 0;
      if (!changed) return false;
      this.s.facts.run(factRowOf(record));
      linkAlerts(record);
      appendTimeline(timeline);
      return true;
    });
    this.writeImport = db.transaction((batch: ImportBatch) => {
      for (const r of batch.insert) {
        try {
          this.s.insert.run(rowOf(r));
        } catch (err) {
          if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) continue; // imported meanwhile by someone else: theirs stands
          throw err;
        }
        this.s.facts.run(factRowOf(r));
        for (const a of r.alertIds) this.s.linkAlert.run(a, r.id);
      }
      for (const r of batch.update) {
        this.s.overwrite.run(rowOf(r));
        this.s.facts.run(factRowOf(r));
        linkAlerts(r);
      }
      appendTimeline(batch.timeline);
    });
    this.readFacts = db.transaction((filter: IncidentFilter) => this.readFactsNow(filter));
  }

  async insertIncident(record: IncidentRecord, timeline: readonly NewTimelineEntry[]): Promise<void> {
    this.writeInsert(record, timeline);
  }

  async getIncident(id: string): Promise<IncidentRecord | null> {
    const r = this.s.get.get(id);
    return r ? toRecord(r) : null;
  }

  async listIncidents(filter: IncidentFilter, options: IncidentListOptions = {}): Promise<IncidentPage> {
    const { sql, params } = whereOf(filter);
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 100)), MAX_LIMIT);
    const offset = Math.max(0, Math.trunc(options.offset ?? 0));
    const order = options.order === 'created_asc' ? 'seq ASC' : 'updated_at DESC, seq DESC';
    const rows = this.db.prepare<unknown[], IncidentRow>(`SELECT * FROM incidents ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset);
    return { items: rows.map(toRecord), total: await this.countIncidents(filter) };
  }

  async countIncidents(filter: IncidentFilter): Promise<number> {
    const { sql, params } = whereOf(filter);
    return this.db.prepare<unknown[], number>(`SELECT count(*) FROM incidents ${sql}`).pluck().get(...params) ?? 0;
  }

  async listDatasets(): Promise<Array<{ dataset: string; incidents: number }>> {
    return this.db.prepare<[], { dataset: string; incidents: number }>('SELECT dataset, count(*) AS incidents FROM incident_facts GROUP BY dataset ORDER BY dataset').all();
  }

  async replaceIncident(record: IncidentRecord, expectedVersion: number, timeline: readonly NewTimelineEntry[]): Promise<boolean> {
    return this.writeReplace(record, expectedVersion, timeline);
  }

  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const r = this.s.hash.get(id);
      if (r) out.set(id, r.content_hash);
    }
    return out;
  }

  async applyImport(batch: ImportBatch): Promise<void> {
    this.writeImport(batch);
  }

  async addComment(c: CommentRecord, timeline: NewTimelineEntry): Promise<void> {
    this.db.transaction(() => {
      this.s.comment.run(c.id, c.incidentId, c.at, c.author, c.body);
      this.s.timeline.run(timeline.incidentId, timeline.at, timeline.actor, timeline.kind, JSON.stringify(timeline.data));
    })();
  }

  async listComments(incidentId: string): Promise<CommentRecord[]> {
    return this.s.listComments.all(incidentId).map((r) => ({ id: r.id, incidentId: r.incident_id, at: r.at, author: r.author, body: r.body }));
  }

  async addEvidence(e: EvidenceRecord, timeline: NewTimelineEntry): Promise<void> {
    this.db.transaction(() => {
      this.s.evidence.run(e.id, e.incidentId, e.at, e.addedBy, e.kind, e.ref, e.sha256, e.description);
      this.s.timeline.run(timeline.incidentId, timeline.at, timeline.actor, timeline.kind, JSON.stringify(timeline.data));
    })();
  }

  async listEvidence(incidentId: string): Promise<EvidenceRecord[]> {
    return this.s.listEvidence.all(incidentId).map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      at: r.at,
      addedBy: r.added_by,
      kind: r.kind,
      ref: r.ref,
      sha256: r.sha256,
      description: r.description,
    }));
  }

  async listTimeline(incidentId: string): Promise<TimelineRecord[]> {
    return this.s.listTimeline.all(incidentId).map((r) => ({
      seq: r.seq,
      incidentId: r.incident_id,
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }

  async incidentsForAlert(alertId: string): Promise<string[]> {
    return this.s.forAlert.all(alertId);
  }

  async factColumns(filter: IncidentFilter): Promise<IncidentFactColumns> {
    // One read transaction: the three scans and the extra-country query see one snapshot.
    return this.readFacts(filter);
  }

  private readFactsNow(filter: IncidentFilter): IncidentFactColumns {
    const { sql, params } = whereOf(filter, 'facts');
    const distinct =
      this.db
        .prepare<unknown[], number>(`SELECT count(*) FROM (SELECT DISTINCT dataset, external_id FROM incident_facts ${sql ? `${sql} AND` : 'WHERE'} external_id IS NOT NULL)`)
        .pluck()
        .get(...params) ?? 0;
    // Bulk transfer: per chunk of rows, one string "a b records[ countries]\n…" built
    // by SQLite in one scan, parsed here in one pass. Rows are self-contained, so
    // their order does not matter.
    const bounds = this.db.prepare<[], { lo: number | null; hi: number | null }>('SELECT min(seq) AS lo, max(seq) AS hi FROM incident_facts').get()!;
    const chunkSql = `SELECT group_concat(fact_a || ' ' || fact_b || ' ' || ifnull(records, '-') || iif(country_count > 2, ' ' || countries, ''), char(10))
      FROM incident_facts ${sql ? `${sql} AND` : 'WHERE'} seq BETWEEN ? AND ?`;
    const chunk = this.db.prepare<unknown[], string | null>(chunkSql).pluck();
    const cols = new FactColumnBuilder();
    if (bounds.lo !== null && bounds.hi !== null) {
      for (let from = bounds.lo; from <= bounds.hi; from += FACT_CHUNK) {
        const text = chunk.get(...params, from, Math.min(bounds.hi, from + FACT_CHUNK - 1));
        if (text) cols.parse(text);
      }
    }
    return cols.finish(distinct);
  }
}

/** Rows read per bulk query: about 30 MB of text, well under SQLite's 1 GB string limit. */
const FACT_CHUNK = 1_000_000;

/** Decodes "a b records[ ,C1,C2,…,]" lines into fact columns, growing as it goes. */
class FactColumnBuilder {
  private n = 0;
  private cap = 1024;
  private a = new Float64Array(this.cap);
  private b = new Float64Array(this.cap);
  private rec = new Float64Array(this.cap);
  private extra = new Map<number, string>();

  parse(text: string): void {
    let field = 0;
    let v = 0;
    let nan = false;
    let start = 0;
    const end = text.length;
    for (let p = 0; p <= end; p++) {
      const ch = p < end ? text.charCodeAt(p) : 10;
      if (ch === 32 || ch === 10) {
        if (field === 0) this.push(v);
        else if (field === 1) this.b[this.n - 1] = v;
        else if (field === 2) this.rec[this.n - 1] = nan ? Number.NaN : v;
        else this.extra.set(this.n - 1, text.slice(start, p));
        if (ch === 10) field = 0;
        else field++;
        v = 0;
        nan = false;
        start = p + 1;
      } else if (field < 3) {
        if (ch === 45) nan = true;
        else v = v * 10 + (ch - 48);
      }
    }
  }

  private push(a: number): void {
    if (this.n === this.cap) {
      this.cap *= 2;
      const grow = (x: Float64Array) => {
        const y = new Float64Array(this.cap);
        y.set(x);
        return y;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
      this.rec = grow(this.rec);
    }
    this.a[this.n++] = a;
  }

  finish(distinctExternalIds: number): IncidentFactColumns {
    const n = this.n;
    const year = new Uint16Array(n);
    const month = new Uint8Array(n);
    const day = new Uint8Array(n);
    const actions = new Uint8Array(n);
    const actors = new Uint8Array(n);
    const disclosure = new Uint8Array(n);
    const official = new Uint8Array(n);
    const cause = new Uint8Array(n);
    const channel = new Uint8Array(n);
    const sector = new Uint8Array(n);
    const region = new Uint8Array(n);
    const countryStart = new Uint32Array(n + 1);
    let countryCodes = new Uint16Array(n * 2 + 16);
    let c = 0;
    for (let i = 0; i < n; i++) {
      const av = this.a[i]!;
      const ahi = Math.floor(av / A_SPLIT);
      const alo = av - ahi * A_SPLIT;
      year[i] = alo & 0xfff;
      month[i] = (alo >>> 12) & 0xf;
      day[i] = (alo >>> 16) & 0x1f;
      actions[i] = ahi & 0xff;
      actors[i] = (ahi >>> 8) & 0xf;
      disclosure[i] = (ahi >>> 12) & 0x7;
      official[i] = (ahi >>> 15) & 0x3;
      cause[i] = (ahi >>> 17) & 0x7;
      const bv = this.b[i]!;
      const bhi = Math.floor(bv / B_SPLIT);
      const blo = bv - bhi * B_SPLIT;
      sector[i] = bhi & 0x1f;
      channel[i] = (bhi >>> 5) & 0x1f;
      region[i] = (bhi >>> 10) & 0x3f;
      countryStart[i] = c;
      if ((blo >>> 18) & 1) {
        const list = (this.extra.get(i) ?? '').split(',').filter(Boolean);
        if (c + list.length > countryCodes.length) {
          const grown = new Uint16Array((c + list.length) * 2);
          grown.set(countryCodes);
          countryCodes = grown;
        }
        for (const code of list) countryCodes[c++] = FACT_INDEX.country.get(code)!;
      } else {
        const c1 = blo & 0x1ff;
        const c2 = (blo >>> 9) & 0x1ff;
        if (c1) countryCodes[c++] = c1 - 1;
        if (c2) countryCodes[c++] = c2 - 1;
      }
    }
    countryStart[n] = c;
    return {
      n,
      year,
      month,
      day,
      actions,
      actors,
      disclosure,
      official,
      cause,
      channel,
      sector,
      region,
      countryStart,
      countryCodes: countryCodes.subarray(0, c),
      records: this.rec.subarray(0, n),
      distinctExternalIds,
    };
  }
}

const countryList = (f: IncidentFacts) => [...new Set(f.countries)];

function rowOf(r: IncidentRecord) {
  const countries = countryList(r.facts);
  return {
    id: r.id,
    dataset: r.dataset,
    source: r.source,
    source_ref: r.sourceRef,
    external_id: r.externalId,
    title: r.title,
    status: r.status,
    owner: r.owner,
    version: r.version,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    discovered_at: r.discoveredAt,
    content_hash: r.contentHash,
    alert_ids: JSON.stringify(r.alertIds),
    year: r.facts.year,
    channel: r.facts.channel,
    cause: r.facts.cause,
    sector: r.facts.sector,
    region: r.facts.region,
    countries: countries.length ? `,${countries.join(',')},` : '',
    records: r.facts.records,
    facts: JSON.stringify(r.facts),
    doc: JSON.stringify(r.doc),
  };
}

function factRowOf(r: IncidentRecord) {
  const [factA, factB] = packFacts(r.facts);
  const countries = countryList(r.facts);
  return {
    id: r.id,
    dataset: r.dataset,
    status: r.status,
    year: r.facts.year,
    channel: r.facts.channel,
    cause: r.facts.cause,
    sector: r.facts.sector,
    region: r.facts.region,
    countries: countries.length ? `,${countries.join(',')},` : '',
    country_count: countries.length,
    external_id: r.externalId,
    records: r.facts.records,
    fact_a: factA,
    fact_b: factB,
  };
}

/** The vocabularies behind the codes of IncidentFactColumns, for decoding. */
export const FACT_VOCABULARIES = {
  action: ACTION_CATEGORIES,
  actor: ACTOR_TYPES,
  disclosure: DISCLOSURE_VALUES,
  cause: CAUSE_CLASSES,
  channel: LEAK_CHANNELS,
  sector: INDUSTRY_SECTORS.map((s) => s.code),
  region: CN_REGIONS.map((r) => r.code),
  country: COUNTRY_CODES,
} as const;
