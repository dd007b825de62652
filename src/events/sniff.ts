// Recognises a log's format from its content (the file name is never trusted):
// first the framing (JSON document, JSON lines, CSV, access-log or auditd
// lines), then, for JSON, the vendor by voting over the first records' fields.
import type { SourceFormat } from './data-event.js';
import { CLOUDTRAIL_CSV_HEADERS } from './formats/cloudtrail-csv.js';
import { isEntraSignIn } from './formats/entra.js';
import { get, isRecord, str } from './formats/fields.js';
import type { Framing } from './formats/format.js';
import { splitAuditLine } from './formats/auditd.js';
import { S3_ACCESS_LINE } from './formats/s3-access.js';
import { splitCsv } from './read/csv-framer.js';
import { JsonDocumentFramer } from './read/json-framer.js';

/** What a file is: a format and how its records are cut, or why it is not read. */
export type Sniffed =
  | {
      readonly kind: 'format';
      readonly format: SourceFormat;
      readonly framing: Framing;
      /** JSON framing of a top-level array of pages (Reports API pages saved as one array): the records are inside each page. */
      readonly pagesInArray?: true;
    }
  /** A file that holds no events by design (CloudTrail digest files). */
  | { readonly kind: 'skip'; readonly reason: string }
  /** A JSON document that holds no records (a bare string or number). */
  | { readonly kind: 'not-records'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A document whose first key holds its records (CloudTrail, Azure exports, Graph and Reports API pages). */
const RECORDS_ROOT = /^\{\s*"(?:(?:Records|records)"\s*:|(?:value|items)"\s*:\s*\[)/;

/**
 * A Reports API `activities.list` page as Google returns it, `{"kind":"admin#reports#activities","etag":…,"items":[…]}`
 * (or with sorted keys, `{"etag":…,"items":[…`), told by its first scalar keys, before any nested value.
 */
const REPORTS_PAGE = /^\{[^{}[\]]*?(?:"kind"\s*:\s*"admin#reports#activities"|"etag"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"items"\s*:\s*\[)/;
/** A top-level array whose first element is such a page. */
const REPORTS_PAGES_ARRAY = /^\[\s*(?=\{)/;

/** Whether a text starts with a Reports API page (only its head is looked at, to bound the regex's work). */
function isReportsPage(text: string): boolean {
  return REPORTS_PAGE.test(text.slice(0, 2048));
}

function has(r: unknown, key: string): boolean {
  return get(r, key) !== undefined;
}

/** The vendor format of one JSON record, when its fields say so. */
export function classifyRecord(r: unknown): SourceFormat | 'cloudtrail-digest' | undefined {
  if (!isRecord(r)) return undefined;
  if (has(r, 'digestStartTime') && has(r, 'digestEndTime')) return 'cloudtrail-digest';
  if (isRecord(r['System']) || isRecord(get(r['Event'], 'System')) || isRecord(r['winlog'])) return 'windows';
  if (has(r, 'EventID') && (has(r, 'Channel') || has(r, 'SourceName') || has(r, 'Computer') || has(r, 'Hostname') || has(r, 'ProviderName'))) return 'windows';
  if (has(r, 'eventName') && (has(r, 'eventSource') || has(r, 'awsRegion') || has(r, 'userIdentity') || has(r, 'eventVersion'))) return 'cloudtrail';
  const op = str(get(r, 'operation'));
  if (op && /^(REST|WEBSITE|BATCH|S3)\./i.test(op) && has(r, 'bucket')) return 's3access';
  if (str(get(r, 'kind'))?.startsWith('admin#reports#') || (isRecord(get(r, 'id')) && has(get(r, 'id'), 'applicationName'))) return 'gworkspace';
  if (has(r, 'eventType') && (has(r, 'published') || has(r, 'uuid') || has(r, 'legacyEventType')) && (isRecord(get(r, 'actor')) || has(r, 'displayMessage'))) return 'okta';
  const message = str(get(r, 'SyslogMessage')) ?? (str(get(r, 'ProcessName')) === 'auoms' ? str(get(r, 'EventData')) : undefined);
  if (message && splitAuditLine(message)) return 'auditd';
  if (isEntraSignIn(r)) return 'entra';
  if (has(r, 'activityDisplayName') || (has(r, 'OperationName') && (has(r, 'InitiatedBy') || has(r, 'TargetResources') || str(r['Type']) === 'AuditLogs'))) return 'entra';
  if (has(r, 'Operation') && (has(r, 'Workload') || has(r, 'RecordType') || has(r, 'CreationTime') || has(r, 'OfficeWorkload') || has(r, 'UserId'))) return 'm365';
  if (has(r, 'AuditData') && (has(r, 'Operations') || has(r, 'Operation') || has(r, 'CreationDate'))) return 'm365';
  if (has(r, 'ActionType') && has(r, 'Timestamp') && (has(r, 'Application') || has(r, 'RawEventData') || has(r, 'AccountObjectId'))) return 'm365';
  return undefined;
}

function firstLines(text: string, n: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < n && start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') out.push(line);
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

function parseOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function vote(records: unknown[]): SourceFormat | 'cloudtrail-digest' | undefined {
  const counts = new Map<string, number>();
  for (const r of records) {
    const f = classifyRecord(r);
    if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestN = 0;
  for (const [f, n] of counts) {
    if (n <= bestN) continue;
    best = f;
    bestN = n;
  }
  return best as SourceFormat | 'cloudtrail-digest' | undefined;
}

function documentRecords(sample: string, max: number, pagesInArray = false): unknown[] {
  const out: unknown[] = [];
  const framer = new JsonDocumentFramer(
    {
      record: (r) => {
        if (out.length >= max) return;
        try {
          out.push(JSON.parse(r.text) as unknown);
        } catch {
          // a record cut by the end of the sample
        }
      },
      problem: () => undefined,
    },
    Number.MAX_SAFE_INTEGER,
    { pagesInArray },
  );
  framer.push(Buffer.from(sample, 'utf8'));
  return out;
}

/**
 * The framing of a text sample, and the format when `format` is not given.
 * `complete` says the sample is the whole input. With a mapping, JSON that no
 * vendor parser claims is read as generic JSONL.
 */
export function sniff(sample: string, complete: boolean, options: { format?: SourceFormat; hasMapping?: boolean } = {}): Sniffed {
  const text = sample.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed === '') return { kind: 'unknown', reason: 'the file is empty' };
  const c = trimmed[0];
  if (c === '[' || c === '{') {
    let framing: Framing = 'json';
    let records: unknown[];
    const arrayHead = c === '[' ? REPORTS_PAGES_ARRAY.exec(trimmed) : null;
    const pagesInArray = arrayHead !== null && isReportsPage(trimmed.slice(arrayHead[0].length));
    if (pagesInArray) {
      records = documentRecords(trimmed, 20, true);
      if (options.format) return { kind: 'format', format: options.format, framing, pagesInArray };
      const f = vote(records);
      if (f && f !== 'cloudtrail-digest') return { kind: 'format', format: f, framing, pagesInArray };
      if (options.hasMapping) return { kind: 'format', format: 'jsonl', framing, pagesInArray };
      return { kind: 'unknown', reason: 'an array of Reports API pages whose items are no Workspace activities' };
    }
    if (c === '{' && !RECORDS_ROOT.test(trimmed) && !isReportsPage(trimmed)) {
      const lines = firstLines(trimmed, 20);
      const parsed = lines.map(parseOrUndefined);
      if (parsed[0] !== undefined || (lines.length === 1 && !complete)) {
        // JSON lines (a first line longer than the sample is taken as one large record).
        framing = 'jsonl';
        records = parsed.filter((r) => r !== undefined);
      } else records = documentRecords(trimmed, 20);
    } else records = documentRecords(trimmed, 20);
    if (options.format) return { kind: 'format', format: options.format, framing };
    const f = vote(records);
    if (f === 'cloudtrail-digest') return { kind: 'skip', reason: 'a CloudTrail digest file (integrity hashes, no events)' };
    if (f) return { kind: 'format', format: f, framing };
    if (options.hasMapping) return { kind: 'format', format: 'jsonl', framing };
    return { kind: 'unknown', reason: 'JSON records of no known log format (give --format, or --format jsonl with --mapping)' };
  }
  if (c === '"' || /^(-?\d[\d.eE+-]*|true|false|null)\s*$/.test(trimmed)) {
    if (parseOrUndefined(trimmed) !== undefined || (c === '"' && !trimmed.includes('\n'))) return { kind: 'not-records', reason: 'the JSON document is a bare value, not records (expected an array, or an object holding a Records/records/value/items array)' };
  }
  const lines = firstLines(text, 10);
  const first = lines[0] ?? '';
  if (splitAuditLine(first.trim())) return { kind: 'format', format: options.format ?? 'auditd', framing: 'auditd' };
  if (S3_ACCESS_LINE.test(first)) return { kind: 'format', format: options.format ?? 's3access', framing: 'lines' };
  if (first.includes(',')) {
    const header = splitCsv(first).map((h) => h.trim().toLowerCase());
    if (header.includes('auditdata')) return { kind: 'format', format: options.format ?? 'm365', framing: 'csv' };
    if (CLOUDTRAIL_CSV_HEADERS.every((h) => header.includes(h))) return { kind: 'format', format: options.format ?? 'cloudtrail', framing: 'csv' };
    if (options.format === 'm365' || options.format === 'cloudtrail') return { kind: 'format', format: options.format, framing: 'csv' };
  }
  if (options.format === 's3access') return { kind: 'format', format: 's3access', framing: 'lines' };
  if (options.format === 'auditd') return { kind: 'format', format: 'auditd', framing: 'auditd' };
  if (c === '<') return { kind: 'unknown', reason: 'XML is not read; export Windows events as JSON (EVTX JSON or Winlogbeat)' };
  return { kind: 'unknown', reason: 'text in no known log format (CloudTrail, S3 access, Microsoft 365, Workspace, Okta, Entra, auditd, Windows JSON, JSONL)' };
}
