// Assembling an Incident from its parts (deriving the leak fields and facts)
// and converting it to and from the store's record.
import { createHash } from 'node:crypto';
import type { IncidentRecord } from '../store/index.js';
import { deriveLeak, factsOf } from './derive.js';
import type { DerivableField, Incident, IncidentSource, IncidentStatus, LeakDetails } from './model.js';
import type { VerisIncident } from './veris.js';

/** An incident before assembly: what is stored or given, without the derived leak fields and facts. */
export type IncidentParts = Omit<Incident, 'leak' | 'derived' | 'facts' | 'contentHash'> & { readonly contentHash?: string };

/** The hash that tells whether an imported record changed since the last import. */
export function contentHash(parts: Pick<IncidentParts, 'title' | 'summary' | 'veris' | 'leakGiven' | 'inferred' | 'sourceFields'>): string {
  const content = JSON.stringify([parts.title, parts.summary, parts.veris, parts.leakGiven, parts.inferred, parts.sourceFields]);
  return createHash('sha256').update(content).digest('hex');
}

export function assemble(parts: IncidentParts): Incident {
  const { leak, derived } = deriveLeak(parts.veris, parts.leakGiven);
  const order = ['action', 'channel', 'cause', 'officialChannel', 'dataClasses', 'country', 'cnRegion', 'recordsAffected'] as const;
  const all = new Set<DerivableField>([...derived, ...parts.inferred]);
  return {
    id: parts.id,
    dataset: parts.dataset,
    source: parts.source,
    sourceRef: parts.sourceRef,
    externalId: parts.externalId,
    title: parts.title,
    summary: parts.summary,
    status: parts.status,
    owner: parts.owner,
    version: parts.version,
    createdAt: parts.createdAt,
    updatedAt: parts.updatedAt,
    discoveredAt: parts.discoveredAt,
    alertIds: [...new Set(parts.alertIds)],
    veris: parts.veris,
    leak,
    derived: order.filter((f) => all.has(f)),
    leakGiven: parts.leakGiven,
    inferred: [...parts.inferred],
    regulations: parts.regulations,
    notifications: parts.notifications,
    sourceFields: parts.sourceFields,
    contentHash: parts.contentHash ?? contentHash(parts),
    facts: factsOf(parts.veris, leak),
  };
}

/** The parts an incident was assembled from. */
export function partsOf(incident: Incident): IncidentParts {
  return incident;
}

interface IncidentDoc {
  summary: string;
  veris: VerisIncident;
  leak: LeakDetails;
  derived: DerivableField[];
  leakGiven: Partial<LeakDetails>;
  inferred: DerivableField[];
  regulations: string[] | null;
  notifications: Record<string, number>;
  sourceFields: Record<string, string>;
}

export function toRecord(i: Incident): IncidentRecord {
  const doc: IncidentDoc = {
    summary: i.summary,
    veris: i.veris,
    leak: i.leak,
    derived: [...i.derived],
    leakGiven: i.leakGiven,
    inferred: [...i.inferred],
    regulations: i.regulations === null ? null : [...i.regulations],
    notifications: { ...i.notifications },
    sourceFields: { ...i.sourceFields },
  };
  return {
    id: i.id,
    dataset: i.dataset,
    source: i.source,
    sourceRef: i.sourceRef,
    externalId: i.externalId,
    title: i.title,
    status: i.status,
    owner: i.owner,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    discoveredAt: i.discoveredAt,
    contentHash: i.contentHash,
    alertIds: i.alertIds,
    facts: i.facts,
    doc: doc as unknown as Record<string, unknown>,
  };
}

export function fromRecord(r: IncidentRecord): Incident {
  const doc = r.doc as unknown as IncidentDoc;
  return {
    id: r.id,
    dataset: r.dataset,
    source: r.source as IncidentSource,
    sourceRef: r.sourceRef,
    externalId: r.externalId,
    title: r.title,
    summary: doc.summary,
    status: r.status as IncidentStatus,
    owner: r.owner,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    discoveredAt: r.discoveredAt,
    alertIds: r.alertIds,
    veris: doc.veris,
    leak: doc.leak,
    derived: doc.derived,
    leakGiven: doc.leakGiven,
    inferred: doc.inferred,
    regulations: doc.regulations,
    notifications: doc.notifications,
    sourceFields: doc.sourceFields,
    contentHash: r.contentHash,
    facts: r.facts,
  };
}
