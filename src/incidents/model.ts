// The incident as the registry works with it: a VERIS coding (what happened, to
// whom, by whom), Leakwatch's own leak fields (channel, cause, official channel,
// PIPL data classes, records affected, Chinese region), and the case workflow
// (status, owner, notification deadlines, linked alerts).
import type { CauseClass, CnRegion, IncidentFacts, LeakChannel } from '../store/index.js';
import type { VerisIncident } from './veris.js';

export const INCIDENT_STATUSES = ['new', 'triage', 'contained', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const isIncidentStatus = (v: string): v is IncidentStatus => (INCIDENT_STATUSES as readonly string[]).includes(v);

/** Where an incident came from. */
export const INCIDENT_SOURCES = ['manual', 'alerts', 'veris', 'hhs-ocr', 'dork-admin-zh'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/**
 * Data classes the scanner reports (PIPL Art. 28 sensitive personal information,
 * PIPL Art. 4 personal information) and "important data" (Data Security Law Art. 21).
 */
export const DATA_CLASSES = ['sensitive_personal', 'personal', 'important'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];
export const isDataClass = (v: string): v is DataClass => (DATA_CLASSES as readonly string[]).includes(v);

/** Leakwatch's fields beyond VERIS. */
export interface LeakDetails {
  readonly channel: LeakChannel;
  /** Whether the data left through an official channel of the victim (its website, its mail); null when unknown. */
  readonly officialChannel: boolean | null;
  readonly cause: CauseClass;
  readonly dataClasses: readonly DataClass[];
  readonly recordsAffected: number | null;
  readonly cnRegion: CnRegion | null;
}

/** Which leak fields were derived by rule rather than given by the source or a person. */
export const DERIVABLE_FIELDS = ['channel', 'cause', 'officialChannel', 'dataClasses', 'country', 'cnRegion', 'recordsAffected', 'action'] as const;
export type DerivableField = (typeof DERIVABLE_FIELDS)[number];

export interface Incident {
  readonly id: string;
  readonly dataset: string;
  readonly source: IncidentSource;
  /** `file:line` for imports. */
  readonly sourceRef: string | null;
  readonly externalId: string | null;
  readonly title: string;
  readonly summary: string;
  readonly status: IncidentStatus;
  readonly owner: string | null;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the organisation became aware (epoch ms); notification clocks start here. */
  readonly discoveredAt: number | null;
  readonly alertIds: readonly string[];
  readonly veris: VerisIncident;
  readonly leak: LeakDetails;
  /** Which leak fields were derived by rule or inferred from text rather than given. */
  readonly derived: readonly DerivableField[];
  /** The leak fields the source or a person gave (the rest of `leak` is derived from `veris`). */
  readonly leakGiven: Partial<LeakDetails>;
  /** Fields an importer inferred from free text (action, country, region, count). */
  readonly inferred: readonly DerivableField[];
  /** Notification policies that apply (their ids); null = every policy whose scope matches. */
  readonly regulations: readonly string[] | null;
  /** Policy id → when the notification was made (epoch ms). */
  readonly notifications: Readonly<Record<string, number>>;
  /** Source-specific fields kept for reference (e.g. the HHS columns). */
  readonly sourceFields: Readonly<Record<string, string>>;
  readonly contentHash: string;
  readonly facts: IncidentFacts;
}
