// The store behind events, dead letters, source statistics, alerts and model
// state: one small interface about behaviour, proven by one conformance suite
// (store-conformance.test.ts) for every backend. The store sits below events and
// detect, so its record types are structural: a DataEvent is an EventRecord.
import type { AlertFilter, AlertPatch, AlertRecord } from './alert-record.js';

export type AttributeValue = string | number | boolean | readonly string[];

/** An event as stored: the same shape as the events capability's DataEvent. */
export interface EventRecord {
  readonly id: string;
  readonly time: number;
  readonly ingestTime: number;
  readonly source: string;
  readonly action: string;
  readonly channel: string;
  readonly actor: {
    readonly user?: string;
    readonly service?: string;
    readonly ip?: string;
    readonly userAgent?: string;
    readonly group?: string;
  };
  readonly object?: { readonly path?: string; readonly container?: string; readonly id?: string; readonly kind?: string };
  readonly destination?: { readonly domain?: string; readonly account?: string; readonly device?: string; readonly ip?: string; readonly external?: boolean };
  readonly bytes?: number;
  readonly records?: number;
  readonly outcome: string;
  /** The account, tenant, organisation or host the record came from. */
  readonly tenant?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** The vendor's record. Queries leave it out unless asked (`withRaw`). */
  readonly raw: unknown;
}

/** An event to store, with the record's original text when the reader has it (stored as is, not re-serialised). */
export type NewEvent = EventRecord & { readonly rawText?: string };

export interface InsertResult {
  /**
   * The events that were new, in input order. An event whose id is taken by a
   * different record (same vendor id, other content) is stored under
   * `<id>~<12 hex of its content hash>` and returned with that id.
   */
  readonly inserted: EventRecord[];
  /** Events already stored (same id and same content). */
  readonly duplicates: number;
}

export interface EventWindow {
  /** Event time at or after (epoch ms). */
  readonly since: number;
  /** Event time at or before (epoch ms). */
  readonly until: number;
}

export interface EventQuery {
  /** Event time at or after (epoch ms). */
  readonly since?: number;
  /** Event time before (epoch ms). */
  readonly until?: number;
  readonly source?: string;
  readonly channel?: string;
  /** Matches actor user or service. */
  readonly actor?: string;
  /** Include the raw vendor record (slower: it is read from compressed blocks). */
  readonly withRaw?: boolean;
  /** Oldest first; default 1,000, at most 100,000. */
  readonly limit?: number;
  /** Continue after the page that returned this cursor. */
  readonly cursor?: string;
}

export interface EventPage {
  readonly events: EventRecord[];
  /** Present when more events match. */
  readonly cursor?: string;
}

export interface DeadLetterInput {
  readonly file: string;
  /** 1-based line where the record starts, when the input has lines. */
  readonly line?: number;
  /** Byte or character offset, when lines do not apply. */
  readonly offset?: number;
  readonly code: string;
  readonly reason: string;
  /** Vendor format, when known. */
  readonly source?: string;
}

export interface DeadLetter extends DeadLetterInput {
  readonly id: number;
  /** When it was dead-lettered, epoch ms. */
  readonly at: number;
}

export interface DeadLetterQuery {
  readonly file?: string;
  readonly code?: string;
  readonly limit?: number;
}

/** What the store has learnt about one stream of events (a source format, per account, tenant or host). */
export interface SourceStats {
  /** `<source>` or `<source>:<tenant>`. */
  readonly stream: string;
  readonly source: string;
  readonly tenant?: string;
  readonly events: number;
  readonly firstTime: number;
  readonly lastTime: number;
  readonly lastIngestTime: number;
  /** Running mean of the gaps between successive events (event time), ms. */
  readonly typicalGapMs: number;
  /** Events per UTC hour of the week (0 = Monday 00:00), summed over the history. */
  readonly hourOfWeek: readonly number[];
}

/**
 * The store. Methods are async so a networked backend (PostgreSQL) fits the same
 * interface; the SQLite backend does its work synchronously inside them.
 */
export interface Store {
  /** Backend name, e.g. `sqlite`. */
  readonly backend: string;

  /** Stores new events in one transaction (durable when it resolves) and updates the source statistics. */
  insertEvents(events: readonly NewEvent[]): Promise<InsertResult>;
  /**
   * Events by id, raw included, oldest first; missing ids are left out. A window
   * (an alert's start and end, say) makes the lookup an index range scan; without
   * one the store scans every event. An id names one event per event time: the
   * same vendor id at two times (test fixtures) gives two events.
   */
  getEvents(ids: readonly string[], window?: EventWindow): Promise<EventRecord[]>;
  queryEvents(query?: EventQuery): Promise<EventPage>;
  countEvents(query?: Omit<EventQuery, 'limit' | 'cursor' | 'withRaw'>): Promise<number>;

  addDeadLetters(entries: readonly DeadLetterInput[], at?: number): Promise<void>;
  listDeadLetters(query?: DeadLetterQuery): Promise<DeadLetter[]>;
  countDeadLetters(): Promise<number>;

  listSources(): Promise<SourceStats[]>;

  /** Upserts by id: detection fields are replaced, triage fields (status, assignee, createdAt) of a stored alert are kept. */
  saveAlerts(alerts: readonly AlertRecord[]): Promise<void>;
  listAlerts(filter?: AlertFilter): Promise<AlertRecord[]>;
  getAlert(id: string): Promise<AlertRecord | null>;
  /** Changes triage fields; null when no alert has this id. */
  updateAlert(id: string, patch: AlertPatch): Promise<AlertRecord | null>;

  /** Model and checkpoint state as JSON values under string keys. */
  getState<T = unknown>(key: string): Promise<T | undefined>;
  setState(key: string, value: unknown): Promise<void>;
  deleteState(key: string): Promise<void>;

  /** The schema version the database is at. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
