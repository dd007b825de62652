// The incident registry: creating incidents by hand or from alerts, moving them
// through their lifecycle, owners, comments, evidence, notification deadlines,
// and imports. Every change is one store transaction (with its timeline entry)
// and one record to the audit sink (the ledger). Routes and commands stay thin:
// they parse input, call one method, and render the result.
import { createHash, randomUUID } from 'node:crypto';
import type { AuditSink } from '../auth/index.js';
import { LeakwatchError } from '../errors/index.js';
import {
  isCauseClass,
  isCnRegion,
  isLeakChannel,
  type CommentRecord,
  type EvidenceRecord,
  type IncidentFilter,
  type IncidentListOptions,
  type IncidentStore,
  type NewTimelineEntry,
  type TimelineRecord,
} from '../store/index.js';
import { assemble, fromRecord, partsOf, toRecord, type IncidentParts } from './incident-record.js';
import type { ImportedIncident, ParsedImport } from './import/import-types.js';
import { verisShapeProblem } from './import/veris-import.js';
import { checkTransition } from './lifecycle.js';
import { isDataClass, isIncidentStatus, type Incident, type IncidentStatus, type LeakDetails } from './model.js';
import { DEFAULT_POLICIES, deadlineClocks, type DeadlineClock, type NotificationPolicy } from './notification-policy.js';
import { UNKNOWN, VERIS_SCHEMA_VERSION, governmentOf, type VerisIncident } from './veris.js';

export interface RegistryOptions {
  readonly now?: () => number;
  readonly policies?: readonly NotificationPolicy[];
  /** Which of these alert ids exist (the alert store); without it, links are not checked. */
  readonly existingAlerts?: (ids: readonly string[]) => Promise<readonly string[]>;
  /** Incidents written per import transaction. */
  readonly importBatch?: number;
}

/** VERIS sections a person may set; the rest of the document is built by the registry. */
export type VerisSections = Pick<VerisIncident, 'action' | 'actor' | 'asset' | 'attribute' | 'victim' | 'discovery_method' | 'security_incident' | 'impact' | 'timeline'>;

export interface NewIncident {
  readonly title: string;
  readonly summary?: string;
  readonly dataset?: string;
  readonly owner?: string | null;
  /** When the organisation became aware (epoch ms); the notification clocks start here. */
  readonly discoveredAt?: number | null;
  readonly veris?: VerisSections;
  readonly leak?: Partial<LeakDetails>;
  /** Policy ids that apply; omitted = every policy whose scope matches. */
  readonly regulations?: readonly string[] | null;
  readonly alertIds?: readonly string[];
}

export interface IncidentPatch {
  readonly title?: string;
  readonly summary?: string;
  readonly discoveredAt?: number | null;
  readonly veris?: VerisSections;
  /** Leak fields to set. `null` hands channel, cause and dataClasses back to derivation; for officialChannel, recordsAffected and cnRegion it means unknown. */
  readonly leak?: { readonly [K in keyof LeakDetails]?: LeakDetails[K] | null };
  readonly regulations?: readonly string[] | null;
}

export interface ChangeOptions {
  /** Refuse with INCIDENTS_VERSION_CONFLICT unless the incident is still at this version. */
  readonly expectedVersion?: number;
}

export interface NewEvidence {
  readonly kind: 'alert' | 'finding' | 'file' | 'url' | 'note';
  readonly ref: string;
  readonly sha256?: string;
  readonly description?: string;
}

export interface ImportOptions {
  readonly dataset: string;
  readonly actor: string;
  /** Status of newly imported incidents (default closed: registries of past, public incidents). */
  readonly status?: IncidentStatus;
}

export interface ImportSummary {
  readonly file: string;
  readonly format: string;
  readonly dataset: string;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly problems: ParsedImport['problems'];
  readonly durationMs: number;
}

const DATASET = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_TEXT = 100_000;

const invalid = (message: string, details: Record<string, unknown> = {}) => new LeakwatchError('INCIDENTS_INPUT_INVALID', message, details);

export class IncidentRegistry {
  private readonly now: () => number;
  private readonly policies: readonly NotificationPolicy[];
  private readonly batch: number;

  constructor(
    private readonly store: IncidentStore,
    private readonly audit: AuditSink = () => {},
    private readonly options: RegistryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.policies = options.policies ?? DEFAULT_POLICIES;
    this.batch = options.importBatch ?? 2000;
  }

  /** Creates an incident by hand (status new). */
  async create(input: NewIncident, actor: string): Promise<Incident> {
    return this.createFrom('manual', input, actor);
  }

  /** Creates an incident from one or more alerts, keeping the links and recording each alert as evidence. */
  async createFromAlerts(alertIds: readonly string[], input: NewIncident, actor: string): Promise<Incident> {
    if (alertIds.length === 0) throw invalid('an incident from alerts needs at least one alert id');
    return this.createFrom('alerts', { ...input, alertIds: [...alertIds, ...(input.alertIds ?? [])] }, actor);
  }

  async get(id: string): Promise<Incident> {
    const r = await this.store.getIncident(id);
    if (!r) throw new LeakwatchError('INCIDENTS_NOT_FOUND', `no incident ${id}`, { id });
    return fromRecord(r);
  }

  async list(filter: IncidentFilter = {}, options: IncidentListOptions = {}): Promise<{ items: Incident[]; total: number }> {
    const page = await this.store.listIncidents(filter, options);
    return { items: page.items.map(fromRecord), total: page.total };
  }

  /** Moves an incident along its lifecycle; illegal moves are refused with INCIDENTS_TRANSITION_INVALID. */
  async transition(id: string, to: IncidentStatus, actor: string, options: ChangeOptions & { reason?: string } = {}): Promise<Incident> {
    if (!isIncidentStatus(to)) throw invalid(`unknown status ${JSON.stringify(to)}`);
    return this.mutate(id, actor, options, (inc) => {
      checkTransition(inc.status, to, options.reason);
      const data = { from: inc.status, to, ...(options.reason ? { reason: options.reason } : {}) };
      return { next: { ...partsOf(inc), status: to }, kind: 'status', data, audit: 'incident.status_changed' };
    });
  }

  async assign(id: string, owner: string | null, actor: string, options: ChangeOptions = {}): Promise<Incident> {
    if (owner !== null && (typeof owner !== 'string' || !owner.trim() || owner.length > 200)) throw invalid('owner must be a non-empty name of at most 200 characters, or null');
    return this.mutate(id, actor, options, (inc) => ({
      next: { ...partsOf(inc), owner },
      kind: 'assigned',
      data: { from: inc.owner, to: owner },
      audit: 'incident.assigned',
    }));
  }

  /** Edits the coding and leak fields; returns the updated incident. */
  async update(id: string, patch: IncidentPatch, actor: string, options: ChangeOptions = {}): Promise<Incident> {
    if (patch.title !== undefined) this.checkTitle(patch.title);
    if (patch.summary !== undefined && (typeof patch.summary !== 'string' || patch.summary.length > MAX_TEXT)) throw invalid('summary must be text of at most 100,000 characters');
    if (patch.discoveredAt !== undefined) this.checkTime(patch.discoveredAt);
    if (patch.regulations !== undefined) this.checkRegulations(patch.regulations);
    return this.mutate(id, actor, options, (inc) => {
      const veris = patch.veris ? this.mergeVeris(inc.veris, patch.veris) : inc.veris;
      const leakGiven: Record<string, unknown> = { ...inc.leakGiven };
      for (const [k, v] of Object.entries(patch.leak ?? {})) {
        if (v === null && k !== 'recordsAffected' && k !== 'cnRegion' && k !== 'officialChannel') delete leakGiven[k];
        else leakGiven[k] = v;
      }
      this.checkLeak(leakGiven);
      const next: IncidentParts = {
        ...partsOf(inc),
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
        ...(patch.discoveredAt !== undefined ? { discoveredAt: patch.discoveredAt } : {}),
        ...(patch.regulations !== undefined ? { regulations: patch.regulations === null ? null : [...patch.regulations] } : {}),
        veris: patch.summary !== undefined ? { ...veris, summary: patch.summary } : veris,
        leakGiven: leakGiven as Partial<LeakDetails>,
        // A person's coding replaces what an importer guessed from text.
        inferred: patch.veris ? inc.inferred.filter((f) => f !== 'action' && f !== 'country') : inc.inferred,
      };
      return { next, kind: 'updated', data: { fields: Object.keys(patch).sort() }, audit: 'incident.updated' };
    });
  }

  /** Links alerts (by id) to an incident. */
  async linkAlerts(id: string, alertIds: readonly string[], actor: string, options: ChangeOptions = {}): Promise<Incident> {
    await this.checkAlerts(alertIds);
    return this.mutate(id, actor, options, (inc) => {
      const added = alertIds.filter((a) => !inc.alertIds.includes(a));
      return { next: { ...partsOf(inc), alertIds: [...inc.alertIds, ...added] }, kind: 'alerts_linked', data: { alertIds: added }, audit: 'incident.alerts_linked' };
    });
  }

  /** Records that the notification of a policy was made at `at`, which stops its clock. */
  async markNotified(id: string, policyId: string, at: number, actor: string, options: ChangeOptions = {}): Promise<Incident> {
    if (!this.policies.some((p) => p.id === policyId)) throw invalid(`unknown notification policy ${JSON.stringify(policyId)}`);
    this.checkTime(at);
    return this.mutate(id, actor, options, (inc) => ({
      next: { ...partsOf(inc), notifications: { ...inc.notifications, [policyId]: at } },
      kind: 'notified',
      data: { policyId, at },
      audit: 'incident.notified',
    }));
  }

  async comment(id: string, body: string, actor: string): Promise<CommentRecord> {
    if (typeof body !== 'string' || !body.trim() || body.length > MAX_TEXT) throw invalid('a comment must be non-empty text of at most 100,000 characters');
    await this.get(id);
    const at = this.now();
    const c: CommentRecord = { id: `cmt_${randomUUID().replace(/-/g, '')}`, incidentId: id, at, author: actor, body };
    await this.store.addComment(c, { incidentId: id, at, actor, kind: 'comment', data: { commentId: c.id } });
    // The ledger gets a hash of the comment, not its text: comments may quote what leaked.
    this.audit({ kind: 'incident.commented', actor, subject: `incident:${id}`, data: { commentId: c.id, sha256: createHash('sha256').update(body).digest('hex') } });
    return c;
  }

  /** Adds a reference to evidence (never the leaked content itself: files by hash, alerts and findings by id). */
  async addEvidence(id: string, evidence: NewEvidence, actor: string): Promise<EvidenceRecord> {
    if (!['alert', 'finding', 'file', 'url', 'note'].includes(evidence.kind)) throw invalid(`unknown evidence kind ${JSON.stringify(evidence.kind)}`);
    if (typeof evidence.ref !== 'string' || !evidence.ref.trim() || evidence.ref.length > 2000) throw invalid('evidence needs a reference of at most 2,000 characters');
    if (evidence.sha256 !== undefined && !SHA256.test(evidence.sha256)) throw invalid('sha256 must be 64 lower-case hex digits');
    if (evidence.kind === 'file' && evidence.sha256 === undefined) throw invalid('file evidence needs its sha256');
    if (evidence.kind === 'alert') await this.checkAlerts([evidence.ref]);
    await this.get(id);
    const at = this.now();
    const e: EvidenceRecord = {
      id: `evd_${randomUUID().replace(/-/g, '')}`,
      incidentId: id,
      at,
      addedBy: actor,
      kind: evidence.kind,
      ref: evidence.ref,
      sha256: evidence.sha256 ?? null,
      description: evidence.description ?? '',
    };
    await this.store.addEvidence(e, { incidentId: id, at, actor, kind: 'evidence', data: { evidenceId: e.id, kind: e.kind, ref: e.ref } });
    this.audit({ kind: 'incident.evidence_added', actor, subject: `incident:${id}`, data: { evidenceId: e.id, kind: e.kind, ref: e.ref, sha256: e.sha256 } });
    return e;
  }

  async timeline(id: string): Promise<TimelineRecord[]> {
    return this.store.listTimeline(id);
  }

  async comments(id: string): Promise<CommentRecord[]> {
    return this.store.listComments(id);
  }

  async evidence(id: string): Promise<EvidenceRecord[]> {
    return this.store.listEvidence(id);
  }

  /** Incidents linked to an alert. */
  async incidentsForAlert(alertId: string): Promise<string[]> {
    return this.store.incidentsForAlert(alertId);
  }

  /** The notification clocks of an incident under the configured policies. */
  clocks(incident: Incident, now = this.now()): DeadlineClock[] {
    return deadlineClocks(incident, this.policies, now);
  }

  /**
   * Writes parsed import records: new ones are inserted, ones imported before
   * are updated when their content changed and left alone otherwise. Ids are
   * stable (dataset, format, the source's id, and its occurrence in the file), so
   * re-importing a file never duplicates.
   */
  async importParsed(parsed: ParsedImport, options: ImportOptions): Promise<ImportSummary> {
    const started = performance.now();
    if (!DATASET.test(options.dataset)) throw invalid('a dataset name is lower-case letters, digits, dots, dashes and underscores (at most 64)');
    const status = options.status ?? 'closed';
    if (!isIncidentStatus(status)) throw invalid(`unknown status ${JSON.stringify(status)}`);
    const seen = new Map<string, number>();
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    for (let start = 0; start < parsed.incidents.length; start += this.batch) {
      const chunk = parsed.incidents.slice(start, start + this.batch);
      const ids = chunk.map((rec) => {
        const key = rec.externalId ?? `${rec.file}:${rec.line}`;
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        return importedId(options.dataset, parsed.format, key, n);
      });
      const existing = await this.store.contentHashes(ids);
      const at = this.now();
      const insert = [];
      const update = [];
      const timeline: NewTimelineEntry[] = [];
      const audits: Array<{ kind: string; id: string; hash: string; ref: string }> = [];
      for (let i = 0; i < chunk.length; i++) {
        const rec = chunk[i]!;
        const id = ids[i]!;
        const parts = this.importedParts(rec, id, parsed.format, options.dataset, status, at);
        const incident = assemble(parts);
        const old = existing.get(id);
        if (old === incident.contentHash) {
          unchanged++;
          continue;
        }
        if (old === undefined) {
          insert.push(toRecord(incident));
          timeline.push({ incidentId: id, at, actor: options.actor, kind: 'imported', data: { sourceRef: parts.sourceRef, format: parsed.format } });
          audits.push({ kind: 'incident.imported', id, hash: incident.contentHash, ref: parts.sourceRef ?? '' });
          inserted++;
        } else {
          // Changed upstream: new coding, same case (status, owner, notifications, links).
          const before = fromRecord((await this.store.getIncident(id))!);
          const next = assemble({ ...parts, status: before.status, owner: before.owner, version: before.version + 1, createdAt: before.createdAt, discoveredAt: before.discoveredAt, alertIds: before.alertIds, regulations: before.regulations, notifications: before.notifications });
          update.push(toRecord(next));
          timeline.push({ incidentId: id, at, actor: options.actor, kind: 'reimported', data: { sourceRef: parts.sourceRef, format: parsed.format } });
          audits.push({ kind: 'incident.reimported', id, hash: next.contentHash, ref: parts.sourceRef ?? '' });
          updated++;
        }
      }
      await this.store.applyImport({ insert, update, timeline });
      for (const a of audits) {
        this.audit({ kind: a.kind, actor: options.actor, subject: `incident:${a.id}`, data: { dataset: options.dataset, format: parsed.format, sourceRef: a.ref, contentHash: a.hash } });
      }
    }
    const summary: ImportSummary = {
      file: parsed.file,
      format: parsed.format,
      dataset: options.dataset,
      records: parsed.records,
      inserted,
      updated,
      unchanged,
      skipped: parsed.problems.length,
      problems: parsed.problems,
      durationMs: Math.round(performance.now() - started),
    };
    this.audit({
      kind: 'incidents.imported',
      actor: options.actor,
      subject: `dataset:${options.dataset}`,
      data: { file: parsed.file, format: parsed.format, records: parsed.records, inserted, updated, unchanged, skipped: parsed.problems.length },
    });
    return summary;
  }

  private importedParts(rec: ImportedIncident, id: string, format: ParsedImport['format'], dataset: string, status: IncidentStatus, at: number): IncidentParts {
    return {
      id,
      dataset,
      source: format,
      sourceRef: `${rec.file}:${rec.line}`,
      externalId: rec.externalId,
      title: rec.title,
      summary: rec.summary,
      status,
      owner: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      discoveredAt: null,
      alertIds: [],
      veris: rec.veris,
      leakGiven: rec.leak,
      inferred: rec.inferred,
      regulations: null,
      notifications: {},
      sourceFields: rec.sourceFields,
    };
  }

  private async createFrom(source: 'manual' | 'alerts', input: NewIncident, actor: string): Promise<Incident> {
    this.checkTitle(input.title);
    if (input.summary !== undefined && (typeof input.summary !== 'string' || input.summary.length > MAX_TEXT)) throw invalid('summary must be text of at most 100,000 characters');
    const dataset = input.dataset ?? 'registry';
    if (!DATASET.test(dataset)) throw invalid('a dataset name is lower-case letters, digits, dots, dashes and underscores (at most 64)');
    if (input.discoveredAt !== undefined) this.checkTime(input.discoveredAt);
    if (input.regulations !== undefined) this.checkRegulations(input.regulations);
    if (input.owner !== undefined && input.owner !== null && (typeof input.owner !== 'string' || !input.owner.trim())) throw invalid('owner must be a non-empty name or null');
    const alertIds = [...new Set(input.alertIds ?? [])];
    await this.checkAlerts(alertIds);
    const leakGiven = { ...(input.leak ?? {}) };
    this.checkLeak(leakGiven);
    const at = this.now();
    const id = `inc_${randomUUID().replace(/-/g, '')}`;
    const discoveredAt = input.discoveredAt !== undefined ? input.discoveredAt : source === 'alerts' ? at : null;
    const veris = this.buildVeris(id, input, discoveredAt ?? at);
    const incident = assemble({
      id,
      dataset,
      source,
      sourceRef: null,
      externalId: null,
      title: input.title.trim(),
      summary: input.summary ?? '',
      status: 'new',
      owner: input.owner ?? null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      discoveredAt,
      alertIds,
      veris,
      leakGiven,
      inferred: [],
      regulations: input.regulations === undefined || input.regulations === null ? null : [...input.regulations],
      notifications: {},
      sourceFields: {},
    });
    const timeline: NewTimelineEntry[] = [{ incidentId: id, at, actor, kind: 'created', data: { source, ...(alertIds.length ? { alertIds } : {}) } }];
    await this.store.insertIncident(toRecord(incident), timeline);
    this.audit({ kind: 'incident.created', actor, subject: `incident:${id}`, data: { dataset, source, title: incident.title, alertIds, contentHash: incident.contentHash } });
    for (const alertId of source === 'alerts' ? alertIds : []) await this.addEvidence(id, { kind: 'alert', ref: alertId, description: 'alert the incident was created from' }, actor);
    return this.get(id);
  }

  /** A complete VERIS document from a person's sections, with VERIS's "Unknown" where nothing was said. */
  private buildVeris(id: string, input: NewIncident, at: number): VerisIncident {
    const s = input.veris ?? {};
    const date = new Date(at);
    const veris: VerisIncident = {
      schema_version: VERIS_SCHEMA_VERSION,
      incident_id: id,
      security_incident: s.security_incident ?? 'Confirmed',
      summary: input.summary ?? '',
      timeline: s.timeline ?? { incident: { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() } },
      action: s.action && Object.keys(s.action).length ? s.action : { unknown: {} },
      actor: s.actor && Object.keys(s.actor).length ? s.actor : { unknown: {} },
      asset: s.asset ?? { assets: [{ variety: UNKNOWN }], cloud: [UNKNOWN] },
      discovery_method: s.discovery_method ?? { unknown: true },
      ...(s.attribute ? { attribute: s.attribute } : {}),
      ...(s.victim ? { victim: { employee_count: UNKNOWN, industry: '000', country: [UNKNOWN], government: governmentOf(s.victim.industry ?? '000'), ...s.victim } } : {}),
      ...(s.impact ? { impact: s.impact } : {}),
    };
    const problem = verisShapeProblem(veris);
    if (problem) throw invalid(`VERIS coding: ${problem}`);
    return veris;
  }

  private mergeVeris(current: VerisIncident, sections: VerisSections): VerisIncident {
    const next: VerisIncident = { ...current };
    for (const [k, v] of Object.entries(sections)) if (v !== undefined) next[k] = v;
    const problem = verisShapeProblem(next);
    if (problem) throw invalid(`VERIS coding: ${problem}`);
    return next;
  }

  private checkTitle(title: unknown): void {
    if (typeof title !== 'string' || !title.trim() || title.length > 500) throw invalid('a title is required (at most 500 characters)');
  }

  private checkTime(t: unknown): void {
    if (t !== null && (typeof t !== 'number' || !Number.isFinite(t) || t < 0)) throw invalid('times are epoch milliseconds');
  }

  private checkRegulations(regs: readonly string[] | null): void {
    if (regs === null) return;
    if (!Array.isArray(regs)) throw invalid('regulations must be a list of policy ids or null');
    const unknown = regs.find((r) => !this.policies.some((p) => p.id === r));
    if (unknown !== undefined) throw invalid(`unknown notification policy ${JSON.stringify(unknown)} (known: ${this.policies.map((p) => p.id).join(', ')})`);
  }

  private checkLeak(leak: Record<string, unknown>): void {
    const { channel, cause, officialChannel, dataClasses, recordsAffected, cnRegion } = leak;
    if (channel !== undefined && !(typeof channel === 'string' && isLeakChannel(channel))) throw invalid(`unknown leak channel ${JSON.stringify(channel)}`);
    if (cause !== undefined && !(typeof cause === 'string' && isCauseClass(cause))) throw invalid(`unknown cause class ${JSON.stringify(cause)}`);
    if (officialChannel !== undefined && officialChannel !== null && typeof officialChannel !== 'boolean') throw invalid('officialChannel must be true, false or null');
    if (dataClasses !== undefined && (!Array.isArray(dataClasses) || dataClasses.some((c) => typeof c !== 'string' || !isDataClass(c)))) {
      throw invalid('dataClasses must be a list of sensitive_personal, personal, important');
    }
    if (recordsAffected !== undefined && recordsAffected !== null && (typeof recordsAffected !== 'number' || !Number.isSafeInteger(recordsAffected) || recordsAffected < 0)) {
      throw invalid('recordsAffected must be a whole number ≥ 0, or null');
    }
    if (cnRegion !== undefined && cnRegion !== null && !(typeof cnRegion === 'string' && isCnRegion(cnRegion))) throw invalid(`cnRegion ${JSON.stringify(cnRegion)} is not an ISO 3166-2:CN code`);
  }

  private async checkAlerts(ids: readonly string[]): Promise<void> {
    if (ids.some((a) => typeof a !== 'string' || !a.trim())) throw invalid('alert ids must be non-empty strings');
    if (!this.options.existingAlerts || ids.length === 0) return;
    const known = new Set(await this.options.existingAlerts(ids));
    const missing = ids.filter((a) => !known.has(a));
    if (missing.length) throw new LeakwatchError('INCIDENTS_ALERT_NOT_FOUND', `no alert ${missing.join(', ')}`, { alertIds: missing });
  }

  /** Read, change, compare-and-set; retried on a concurrent change unless the caller pinned a version. */
  private async mutate(
    id: string,
    actor: string,
    options: ChangeOptions,
    change: (inc: Incident) => { next: IncidentParts; kind: string; data: Record<string, unknown>; audit: string },
  ): Promise<Incident> {
    for (let attempt = 0; ; attempt++) {
      const inc = await this.get(id);
      if (options.expectedVersion !== undefined && inc.version !== options.expectedVersion) {
        throw new LeakwatchError('INCIDENTS_VERSION_CONFLICT', `incident ${id} is at version ${inc.version}, not ${options.expectedVersion}`, { id, version: inc.version });
      }
      const at = this.now();
      const c = change(inc);
      const next = assemble({ ...c.next, version: inc.version + 1, updatedAt: at });
      const ok = await this.store.replaceIncident(toRecord(next), inc.version, [{ incidentId: id, at, actor, kind: c.kind, data: c.data }]);
      if (ok) {
        this.audit({ kind: c.audit, actor, subject: `incident:${id}`, data: { ...c.data, version: next.version } });
        return next;
      }
      if (options.expectedVersion !== undefined || attempt >= 4) throw new LeakwatchError('INCIDENTS_VERSION_CONFLICT', `incident ${id} changed while it was being updated`, { id });
    }
  }
}

/** Stable id of an imported record. */
export function importedId(dataset: string, format: string, key: string, occurrence: number): string {
  return `inc_${createHash('sha256').update(`${dataset}\0${format}\0${key}\0${occurrence}`).digest('hex').slice(0, 32)}`;
}
