// The shapes the server answers with, as the dashboard reads them. Kept by hand
// (the web talks to the server over HTTP only and imports none of its code).

export const PERMISSIONS = ['read', 'triage', 'scan', 'ledger', 'ingest', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const ROLES = ['admin', 'analyst', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

export interface Me {
  kind: 'user' | 'token';
  name: string;
  user?: User;
  csrfToken?: string;
  permissions: Permission[];
}

export interface LoginAnswer {
  user: User;
  csrfToken: string;
  expiresAt: number;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface FeatureDeviation {
  name: string;
  observed: number;
  baseline: number;
  peer: number;
}

export interface Alert {
  id: string;
  actor: string;
  start: number;
  end: number;
  severity: Severity;
  score: number;
  channel: string;
  detector: string;
  kind: 'rule' | 'model' | 'system';
  title: string;
  reasons: string[];
  explanation: { features?: FeatureDeviation[]; rule?: { id: string; name: string; description?: string } } | null;
  evidence: string[];
  status: AlertStatus;
  assignee?: string;
  createdAt: number;
  updatedAt: number;
}

export interface DataEvent {
  id: string;
  time: number;
  source: string;
  action: string;
  channel: string;
  actor: { user?: string; ip?: string };
  object?: { path?: string; container?: string };
  destination?: { domain?: string; account?: string; device?: string };
  bytes?: number;
  outcome: string;
}

export interface AlertComment {
  at: number;
  by: string;
  text: string;
  action?: string;
}

export interface AlertDetail {
  alert: Alert;
  events: DataEvent[];
  timeline: DataEvent[];
  comments: AlertComment[];
}

export interface AlertPage {
  alerts: Alert[];
  next: string | null;
}

export interface Overview {
  alertsByDay: Array<{ day: string; channel: string; severity: Severity; count: number }>;
  riskiestUsers: Array<{ actor: string; score: number; alerts: number }>;
  sources: Array<{ source: string; events: number; lastEventAt: number | null; lagMs: number | null; eventsPerMinute: number }>;
  ledger: { size: number; checkpointAt: number | null; lastVerifiedAt: number | null; verified: boolean | null };
}

export interface SourceStatus {
  source: string;
  events: number;
  lastEventAt: number | null;
  typicalGapMs: number | null;
  silent: boolean;
}

export interface LedgerVerification {
  ok: boolean;
  size: number;
  rootHash: string;
  checkedAt: number;
  problem?: string;
}

export interface LedgerEntry {
  index: number;
  record: { kind: string; at: number; actor: string; subject: string; data?: unknown };
}

export interface Witness {
  name: string;
  lastSize: number;
  lastSeenAt: number | null;
  ok: boolean;
}

export type PiplClass = 'personal' | 'sensitive_personal' | null;

export interface Finding {
  type: string;
  category: 'pii' | 'secret';
  pipl: PiplClass;
  path: string;
  line: number;
  column: number;
  confidence: 'low' | 'medium' | 'high';
  preview: string;
  fingerprint: string;
}

export interface FileSummary {
  path: string;
  pipl: PiplClass;
  bulk: boolean;
  types: Record<string, number>;
  findings: number;
  distinctPersonal: number;
}

export interface ScanReport {
  findings: Finding[];
  files: FileSummary[];
  errors: Array<{ path: string; code: string; message: string }>;
  stats: { filesScanned: number; bytes: number; findings: number; findingsNotListed: number; errors: number; durationMs: number; bulkFiles: number };
}

export interface ScanJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  target: string;
  requestedBy: string;
  createdAt: number;
  finishedAt: number | null;
  error: string | null;
  report?: ScanReport | null;
}
