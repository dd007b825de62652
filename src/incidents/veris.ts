// The VERIS incident document (VERIS 1.3.4, the VCDB's version, with the fields
// 1.4 shares). Only what Leakwatch reads is typed; everything else an imported
// record carries is kept as is, so an export gives back what came in.
// Reference: https://verisframework.org/ and vz-risk/veris `verisc.json`.

/** VERIS's spelling for "we do not know" in an enumeration. */
export const UNKNOWN = 'Unknown';
import type { ActionCategory, ActorType } from '../store/index.js';

/** The enumerations most VERIS sections share (`variety`, `vector`, `motive`, …). */
export interface VerisEnumerated {
  variety?: string[];
  vector?: string[];
  motive?: string[];
  target?: string[];
  country?: string[];
  notes?: string;
  [key: string]: unknown;
}

export interface VerisTimePoint {
  year?: number;
  month?: number;
  day?: number;
  time?: string;
}

export interface VerisData {
  variety: string;
  amount?: number;
}

export interface VerisConfidentiality {
  data_disclosure?: string;
  data_total?: number;
  data?: VerisData[];
  data_victim?: string[];
  state?: string[];
  notes?: string;
  [key: string]: unknown;
}

export interface VerisVictim {
  victim_id?: string;
  country?: string[] | string;
  state?: string;
  industry?: string;
  employee_count?: string;
  region?: string[];
  [key: string]: unknown;
}

export interface VerisIncident {
  schema_version?: string;
  incident_id?: string;
  security_incident?: string;
  summary?: string;
  reference?: string;
  source_id?: string;
  confidence?: string;
  timeline?: { incident?: VerisTimePoint; [key: string]: unknown };
  victim?: VerisVictim;
  action?: Partial<Record<ActionCategory, VerisEnumerated>>;
  actor?: Partial<Record<ActorType, VerisEnumerated>>;
  asset?: { assets?: Array<{ variety: string; amount?: number }>; cloud?: string[]; [key: string]: unknown };
  attribute?: { confidentiality?: VerisConfidentiality; integrity?: VerisEnumerated; availability?: VerisEnumerated; [key: string]: unknown };
  discovery_method?: Record<string, unknown>;
  impact?: Record<string, unknown>;
  plus?: { master_id?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The VERIS version of the codings Leakwatch makes itself (by hand, from the HHS
 * portal, from the chronicle). Imported VERIS documents keep their own version
 * (the VCDB's is 1.3.4, whose schema stops at incident year 2022).
 */
export const VERIS_SCHEMA_VERSION = '1.4.1';

/** VERIS 1.4 `victim.government`: the level of government for NAICS 92, else NA. */
export function governmentOf(industry: unknown): string[] {
  return typeof industry === 'string' && industry.startsWith('92') ? [UNKNOWN] : ['NA'];
}

