// What the incident and analytics endpoints answer, as the dashboard reads it
// (src/server/routes/incidents-routes.ts and analytics-routes.ts).

export const INCIDENT_STATUSES = ['new', 'triage', 'contained', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const LEAK_CHANNELS = ['email', 'postal_mail', 'web_publication', 'cloud_exposure', 'share_link', 'unapproved_channel', 'removable_media', 'device_loss_theft', 'paper', 'disposal', 'network_intrusion', 'social_engineering', 'insider_access', 'third_party', 'other', 'unknown'] as const;
export const CAUSE_CLASSES = ['accidental', 'malicious_insider', 'external', 'partner', 'unknown'] as const;

export interface LeakDetails {
  channel: string;
  officialChannel: boolean | null;
  cause: string;
  dataClasses: string[];
  recordsAffected: number | null;
  cnRegion: string | null;
}

export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  owner: string | null;
  dataset: string;
  source: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  discoveredAt: number | null;
  year: number | null;
  month: number | null;
  alertIds: string[];
  leak: LeakDetails;
  sector: string;
  countries: string[];
}

export interface IncidentPage {
  items: IncidentSummary[];
  total: number;
}

export interface Incident extends Omit<IncidentSummary, 'year' | 'month' | 'sector' | 'countries'> {
  summary: string;
}

export interface DeadlineClock {
  policyId: string;
  regulation: string;
  provision: string | null;
  hours: number;
  state: 'not_started' | 'running' | 'overdue' | 'met' | 'missed';
  dueAt: number | null;
  notifiedAt: number | null;
  remainingMs: number | null;
}

export interface IncidentDetail {
  incident: Incident;
  timeline: Array<{ seq: number; at: number; actor: string; kind: string; data: Record<string, unknown> }>;
  comments: Array<{ id: string; at: number; author: string; body: string }>;
  evidence: Array<{ id: string; at: number; kind: string; ref: string; description: string }>;
  clocks: DeadlineClock[];
  transitions: IncidentStatus[];
}

export interface TrendSeries {
  dimension: string;
  key: string;
  total: number;
  counts: number[];
  changes: Array<{ month: string; count: number; baseline: number; direction: 'rise' | 'fall'; pValue: number }>;
}

export interface Trends {
  months: string[];
  undated: number;
  method: string;
  series: TrendSeries[];
}

export interface Interval {
  low: number;
  high: number;
}

export interface RateCell {
  inside: number;
  outside: number;
  rateRatio: number | 'Infinity' | null;
  interval: Interval | null;
  pValue: number;
}

export interface WindowAnalysis {
  period: { from: string; to: string; days: number };
  undated: number;
  windows: Array<{ name: string; label: string; daysInside: number; daysOutside: number; overall: RateCell; byCategory: Array<RateCell & { dimension: string; key: string; pHolm: number }> }>;
}

export interface SavedWindow {
  name: string;
  label: string;
  ranges: Array<{ from: string; to: string }>;
  yearly: Array<{ from: string; to: string }>;
}

export interface Budget {
  dataset: string;
  epsilon: { cap: number; spent: number; remaining: number };
  delta: { cap: number; spent: number; remaining: number };
  releases: number;
}

export interface DpRelease {
  id: string;
  by: string[];
  method: { mechanism: string; epsilon: number; delta: number; count: { distribution: string; scale: number; errorBound95: number }; notes: string[] };
  cells: Array<{ key: Record<string, string>; count: number; countError95: number }>;
  suppressed: { count: number; rule: string };
  budgets: Budget[];
}
