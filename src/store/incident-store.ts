// Incidents as the store keeps them: a JSON document plus the columns lists and
// filters need, the countable facts, and per incident a timeline, comments,
// evidence references and links to alerts. What the fields mean is the incident
// registry's business (src/incidents); the store only keeps them consistent.
// Methods are async so a networked backend (PostgreSQL) fits the same interface.
import type { IncidentFactColumns, IncidentFacts } from './incident-facts.js';

export interface IncidentRecord {
  readonly id: string;
  /** The registry subset it belongs to; privacy budgets are kept per dataset. */
  readonly dataset: string;
  /** Where it came from: manual, alerts, veris, hhs-ocr, dork-admin-zh. */
  readonly source: string;
  /** File and line it was imported from, when imported. */
  readonly sourceRef: string | null;
  /** The source's own id (VERIS plus.master_id, …); not unique. */
  readonly externalId: string | null;
  readonly title: string;
  readonly status: string;
  readonly owner: string | null;
  /** Bumped by every change; updates compare and set it. */
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the organisation became aware of it (epoch ms): notification clocks start here. */
  readonly discoveredAt: number | null;
  /** Hash of the imported content, to tell an unchanged re-import from an updated one. */
  readonly contentHash: string;
  readonly alertIds: readonly string[];
  readonly facts: IncidentFacts;
  /** Everything else, as JSON. */
  readonly doc: Record<string, unknown>;
}

export interface NewTimelineEntry {
  readonly incidentId: string;
  readonly at: number;
  readonly actor: string;
  readonly kind: string;
  readonly data: Record<string, unknown>;
}
export interface TimelineRecord extends NewTimelineEntry {
  readonly seq: number;
}

export interface CommentRecord {
  readonly id: string;
  readonly incidentId: string;
  readonly at: number;
  readonly author: string;
  readonly body: string;
}

/** A reference to evidence (an alert, a finding, a file by hash, a URL), never the leaked data itself. */
export interface EvidenceRecord {
  readonly id: string;
  readonly incidentId: string;
  readonly at: number;
  readonly addedBy: string;
  readonly kind: string;
  readonly ref: string;
  readonly sha256: string | null;
  readonly description: string;
}

export interface IncidentFilter {
  readonly ids?: readonly string[];
  readonly datasets?: readonly string[];
  readonly sources?: readonly string[];
  readonly statuses?: readonly string[];
  readonly owner?: string;
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly channels?: readonly string[];
  readonly causes?: readonly string[];
  readonly sectors?: readonly string[];
  readonly regions?: readonly string[];
  /** Incidents whose victim countries include this one. */
  readonly country?: string;
  /** Case-insensitive substring of the title. */
  readonly text?: string;
}

export interface IncidentPage {
  readonly items: IncidentRecord[];
  readonly total: number;
}

export interface IncidentListOptions {
  readonly limit?: number;
  readonly offset?: number;
  /** Newest change first (default), or oldest incident first. */
  readonly order?: 'updated_desc' | 'created_asc';
}

/** One import written in one transaction. */
export interface ImportBatch {
  readonly insert: readonly IncidentRecord[];
  /** Re-imported incidents whose content changed, as whole records (the registry carries their status, owner and notifications over). */
  readonly update: readonly IncidentRecord[];
  readonly timeline: readonly NewTimelineEntry[];
}

export interface IncidentStore {
  /** Creates an incident; rejects with STORE_CONFLICT when the id exists. */
  insertIncident(record: IncidentRecord, timeline: readonly NewTimelineEntry[]): Promise<void>;
  getIncident(id: string): Promise<IncidentRecord | null>;
  listIncidents(filter: IncidentFilter, options?: IncidentListOptions): Promise<IncidentPage>;
  countIncidents(filter: IncidentFilter): Promise<number>;
  /** Datasets with their number of incidents, by name. */
  listDatasets(): Promise<Array<{ dataset: string; incidents: number }>>;
  /**
   * Replaces an incident if its version is still `expectedVersion` (compare and
   * set), with its timeline entries, in one transaction. False when someone else
   * changed it first.
   */
  replaceIncident(record: IncidentRecord, expectedVersion: number, timeline: readonly NewTimelineEntry[]): Promise<boolean>;
  /** Content hashes of those of `ids` that exist. */
  contentHashes(ids: readonly string[]): Promise<Map<string, string>>;
  applyImport(batch: ImportBatch): Promise<void>;

  addComment(comment: CommentRecord, timeline: NewTimelineEntry): Promise<void>;
  listComments(incidentId: string): Promise<CommentRecord[]>;
  addEvidence(evidence: EvidenceRecord, timeline: NewTimelineEntry): Promise<void>;
  listEvidence(incidentId: string): Promise<EvidenceRecord[]>;
  listTimeline(incidentId: string): Promise<TimelineRecord[]>;
  /** Ids of the incidents linked to an alert. */
  incidentsForAlert(alertId: string): Promise<string[]>;

  /** The facts of every incident matching the filter, as columns (see IncidentFactColumns). */
  factColumns(filter: IncidentFilter): Promise<IncidentFactColumns>;
}
