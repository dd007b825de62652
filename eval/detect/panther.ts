// Agreement with Panther's own detection tests (../shared/datasets/logs/*/
// panther-rule-tests.jsonl with *.labels.csv). Each line is one Panther unit test:
// a log record and whether that Panther rule should fire. We keep the Panther
// rules about data leaving the organisation or its safeguards (public resources,
// sharing, forwarding, app grants, logging disabled, bulk downloads and exports),
// map each to the rule families of our pack, and count a case as agreeing when
// "some rule of the mapped families fires" equals `expected_alert`. Every case
// runs in isolation, on a fresh engine. Panther's configuration for a test
// (company domain, allow-lists, mocks) is translated into our lists, listed below.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultRules, RuleEngine, type CompiledRuleSet } from '../../src/detect/index.js';
import type { EventsAdapter } from './events-adapter.js';

export const LOGS = new URL('../../../shared/datasets/logs/', import.meta.url).pathname;

type Family = 'public_exposure' | 'snapshot_sharing' | 'logging_disabled' | 'safeguards_disabled' | 'external_sharing' | 'link_sharing' | 'mail_forwarding' | 'app_grants' | 'bulk_download' | 'bulk_export';

/** The Panther rules evaluated, the family we report them under, and our families that may answer. */
export const SELECTED: Record<string, { report: string; families: readonly Family[]; threshold?: true }> = {
  'AWS.CloudTrail.ResourceMadePublic': { report: 'public_exposure', families: ['public_exposure'] },
  'AWS.S3.DeletePublicAccessBlock': { report: 'public_exposure', families: ['public_exposure'] },
  'AWS.RDS.InstanceMadePublic': { report: 'public_exposure', families: ['public_exposure'] },
  'AWS.RDS.PublicRestore': { report: 'public_exposure', families: ['public_exposure'] },
  'AWS.CloudTrail.CodebuildProjectMadePublic': { report: 'public_exposure', families: ['public_exposure'] },
  'AWS.S3.ServerAccess.Unauthenticated': { report: 'public_exposure', families: ['public_exposure'] },
  'AWS.CloudTrail.AMIModifiedForPublicAccess': { report: 'snapshot_sharing', families: ['snapshot_sharing'] },
  'AWS.CloudTrail.SnapshotMadePublic': { report: 'snapshot_sharing', families: ['snapshot_sharing'] },
  'AWS.RDS.SnapshotShared': { report: 'snapshot_sharing', families: ['snapshot_sharing'] },
  'AWS.CloudTrail.Stopped': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.CloudTrail.EventSelectorsDisabled': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.CloudTrail.DNSLogsDeleted': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.VPCFlow.LogsDeleted': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.ConfigService.DisabledDeleted': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.S3.DisableBucketLogging': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.Bedrock.DeleteModelInvocationLoggingConfiguration': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.RDS.ActivityStreamStopped': { report: 'logging_disabled', families: ['logging_disabled'] },
  'AWS.S3.SecurityControlDisabling': { report: 'logging_disabled', families: ['logging_disabled', 'safeguards_disabled'] },
  'GSuite.Drive.ExternalFileShare': { report: 'external_sharing', families: ['external_sharing'] },
  'GSuite.DriveVisibilityChanged': { report: 'external_sharing', families: ['external_sharing', 'link_sharing'] },
  'Microsoft365.External.Document.Sharing': { report: 'external_sharing', families: ['external_sharing', 'link_sharing'] },
  'GSuite.DocOwnershipTransfer': { report: 'external_sharing', families: ['external_sharing'] },
  'GSuite.Workspace.TrustedDomainsAllowlist': { report: 'external_sharing', families: ['external_sharing'] },
  'GSuite.DriveOverlyVisible': { report: 'link_sharing', families: ['link_sharing'] },
  'GSuite.ExternalMailForwarding': { report: 'mail_forwarding', families: ['mail_forwarding'] },
  'Microsoft365.Exchange.External.Forwarding': { report: 'mail_forwarding', families: ['mail_forwarding'] },
  'Google.Workspace.OAuth.Privileged.Scopes': { report: 'app_grants', families: ['app_grants'] },
  'Google.Workspace.Apps.Marketplace.New.Domain.Application': { report: 'app_grants', families: ['app_grants'] },
  'Google.Workspace.ManyDocsDownloaded': { report: 'bulk_download', families: ['bulk_download'], threshold: true },
  'GSuite.Workspace.DataExportCreated': { report: 'bulk_download', families: ['bulk_export'] },
  'AWS.RDS.SnapshotExport': { report: 'bulk_download', families: ['bulk_export'] },
  'AWS.S3.CopyObjectToExternalAccountBucket': { report: 'bulk_download', families: ['bulk_export'] },
};

/** Panther rules near the topic that we leave out, and why. */
export const EXCLUDED: Record<string, string> = {
  'AWS.S3.BucketPolicyModified': 'fires on every bucket ACL or policy change, including to private; exposure is judged by public_exposure instead',
  'GSuite.CalendarMadePublic': 'calendar free/busy is not file data; its test also expects an alert when a calendar is made private',
  'GSuite.Workspace.CalendarExternalSharingSetting': 'calendar sharing setting, not file data',
  'AWS.S3.ServerAccess.UnknownRequester': 'needs a deployment-specific list of expected requesters',
  'AWS.S3.ServerAccess.IPWhitelist': 'needs a deployment-specific IP allow-list',
  'AWS.CloudTrail.VPCE.S3ExternalIP': 'VPC-endpoint network-activity events; no parser for that event category here',
  'AWS.CloudTrail.VPCE.ExternalPrincipal': 'VPC-endpoint network-activity events; no parser for that event category here',
  'AWS.S3.DeleteBucketEncryption': 'encryption settings: a safeguard, but outside the six categories of this pack',
  'AWS.S3.DeleteBucketReplication': 'replication/backup settings, outside the six categories',
  'AWS.Macie.Evasion': 'data-discovery service settings, outside the six categories',
  'GSuite.Drive.BulkDocumentDeletion': 'deletion (destruction), not data leaving',
};

/**
 * Panther configuration translated into our lists, per rule and per test name
 * (company domain, allow-lists, and the tests' mocks).
 */
function listsFor(rule: string, test: string): Record<string, string[]> {
  switch (rule) {
    case 'GSuite.Drive.ExternalFileShare': {
      // COMPANY_DOMAIN and EXCEPTION_PATTERNS of gsuite_drive_external_share.py.
      const senders1 = ['alice', 'samuel', 'nathan', 'barry'].map((n) => `${n}@acme.com`);
      const receivers1 = ['alice', 'samuel', 'nathan', 'barry'].map((n) => `${n}@abc.com`);
      return {
        org_domains: ['your-company-name.com'],
        share_allowlist: [...senders1.flatMap((s) => receivers1.map((r) => `${s}>${r}>1 document title p*`)), 'alice@abc.com>*@acme.com>2 document title p*'],
      };
    }
    case 'GSuite.DriveVisibilityChanged':
      // ALLOWED_DOMAINS is empty unless a test mocks it.
      if (test === 'Doc Became Public - Link (Allowlisted Domain Is Configured)') return { org_domains: ['example.com'] };
      if (test === 'Doc Shared With Multiple Users All From ALLOWED_DOMAINS') return { org_domains: ['example.com', 'notexample.com'] };
      return { org_domains: ['your-company-name.com'] };
    case 'Microsoft365.External.Document.Sharing':
      // ALLOWED_DOMAINS, ALLOWED_USERS and ALLOWED_PATHS of microsoft365_external_sharing.py.
      return { org_domains: ['mycompany.com'], allowed_share_domains: ['alloweddomain.com'], share_allowlist: ['*>exception@outsider.com'], share_exempt_paths: ['*/External/*', 'External/*'] };
    case 'AWS.CloudTrail.AMIModifiedForPublicAccess':
      // The test mocks check_account_age: False means the account is known.
      if (test === 'AMI Added to User') return { trusted_aws_accounts: ['bob'] };
      return {};
    default:
      return {};
  }
}

interface LabelRow {
  rule_id: string;
  test_name: string;
  expected_alert: string;
  has_mocks: string;
}

function readLabels(file: string): LabelRow[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsv(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(splitCsv(l).map((v, i) => [header[i]!, v])) as unknown as LabelRow);
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const FILES: { file: string; format: string }[] = [
  { file: 'aws-cloudtrail/panther-rule-tests', format: 'cloudtrail' },
  { file: 'aws-s3-server-access/panther-rule-tests', format: 's3access' },
  { file: 'm365-unified-audit/panther-rule-tests', format: 'm365' },
  { file: 'google-workspace/panther-reports-api-rule-tests', format: 'gworkspace' },
  { file: 'google-workspace/panther-activityevent-rule-tests', format: 'gworkspace' },
  { file: 'okta-systemlog/panther-rule-tests', format: 'okta' },
];

export interface CaseResult {
  readonly rule: string;
  readonly test: string;
  readonly file: string;
  readonly expected: boolean;
  readonly fired: boolean;
  readonly ourRules: string[];
  readonly parseError?: string;
}

export interface PantherReport {
  readonly cases: number;
  readonly agree: number;
  readonly agreement: number;
  readonly goal: 0.95;
  readonly pass: boolean;
  readonly families: Record<string, { cases: number; agree: number; agreement: number; rules: Record<string, { cases: number; agree: number }> }>;
  readonly disagreements: { rule: string; test: string; expected: boolean; fired: boolean; ourRules: string[]; parseError?: string }[];
  readonly excluded: Record<string, string>;
  readonly notes: string[];
}

const env = { utcOffsetMinutes: 0, workHours: [8, 20] as const };

/** Evaluates the selected Panther cases; each in isolation. */
export async function evalPanther(events: EventsAdapter): Promise<PantherReport> {
  const rulesCache = new Map<string, CompiledRuleSet>();
  const rulesWith = async (lists: Record<string, string[]>) => {
    const key = JSON.stringify(lists);
    let set = rulesCache.get(key);
    if (!set) rulesCache.set(key, (set = await loadDefaultRules({ lists })));
    return set;
  };
  const cases: { rule: string; test: string; file: string; format: string; expected: boolean; line: string }[] = [];
  for (const { file, format } of FILES) {
    const labels = join(LOGS, `${file}.labels.csv`);
    const data = join(LOGS, `${file}.jsonl`);
    if (!existsSync(labels) || !existsSync(data)) continue;
    const rows = readLabels(labels);
    const lines = readFileSync(data, 'utf8').split(/\r?\n/);
    rows.forEach((row, i) => {
      if (!SELECTED[row.rule_id]) return;
      cases.push({ rule: row.rule_id, test: row.test_name, file, format, expected: row.expected_alert === 'true', line: lines[i] ?? '' });
    });
  }
  // Each case on a fresh engine: window and sequence state never carry over.
  const out: CaseResult[] = [];
  for (const c of cases) {
    const sel = SELECTED[c.rule]!;
    const rules = await rulesWith(listsFor(c.rule, c.test));
    const base = { rule: c.rule, test: c.test, file: c.file, expected: c.expected };
    let evs;
    try {
      evs = events.parseRecord(JSON.parse(c.line), c.format, `${c.file}.jsonl`);
    } catch (err) {
      out.push({ ...base, fired: false, ourRules: [], parseError: (err as Error).message });
      continue;
    }
    const engine = new RuleEngine(rules, env);
    const fired = new Set<string>();
    for (const e of evs) for (const id of engine.qualifying(e, { windows: sel.threshold === true })) fired.add(id);
    const familyHits = [...fired].filter((id) => sel.families.includes(rules.rules.find((r) => r.id === id)!.family as Family));
    out.push({ ...base, fired: familyHits.length > 0, ourRules: familyHits });
  }
  const families: PantherReport['families'] = {};
  for (const r of out) {
    const fam = SELECTED[r.rule]!.report;
    const f = (families[fam] ??= { cases: 0, agree: 0, agreement: 0, rules: {} });
    const rr = (f.rules[r.rule] ??= { cases: 0, agree: 0 });
    f.cases++;
    rr.cases++;
    if (r.fired === r.expected) {
      f.agree++;
      rr.agree++;
    }
  }
  for (const f of Object.values(families)) f.agreement = round(f.agree / f.cases);
  const agree = out.filter((r) => r.fired === r.expected).length;
  const agreement = round(agree / Math.max(1, out.length));
  return {
    cases: out.length,
    agree,
    agreement,
    goal: 0.95,
    pass: out.length > 0 && agreement >= 0.95,
    families,
    disagreements: out.filter((r) => r.fired !== r.expected).map((r) => ({ rule: r.rule, test: r.test, expected: r.expected, fired: r.fired, ourRules: r.ourRules, ...(r.parseError ? { parseError: r.parseError } : {}) })),
    excluded: EXCLUDED,
    notes: [
      'A case agrees when some rule of the mapped families matches the record, as Panther unit tests check a rule function on one event.',
      'Panther threshold rules (Google.Workspace.ManyDocsDownloaded) are compared with the per-event condition of our window rules, as Panther applies the threshold outside the unit test; for every other Panther rule our window and sequence rules do not count.',
      'Panther configuration and test mocks are translated into our lists (org_domains, share allow-lists, trusted accounts) per rule.',
    ],
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
