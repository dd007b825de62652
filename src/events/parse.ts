// Parsing without a store or files: one record, or a whole text, to events and
// dead-letter entries. For evaluation harnesses and tests; the ingest pipeline
// reads files through the same parsers.
import { isLeakwatchError, type ErrorCode } from '../errors/index.js';
import type { DataEvent, SourceFormat } from './data-event.js';
import type { JsonlMapping } from './formats/jsonl-mapping.js';
import type { RecordInput } from './formats/format.js';
import { parserFor, readEvents, type DeadLetterEntry, type FileInfo, type ParsedEvent } from './read-events.js';
import { splitAuditLine } from './formats/auditd.js';
import { S3_ACCESS_LINE } from './formats/s3-access.js';
import { classifyRecord } from './sniff.js';

function classifyLine(line: string): SourceFormat | undefined {
  if (splitAuditLine(line.trim())) return 'auditd';
  if (S3_ACCESS_LINE.test(line)) return 's3access';
  return undefined;
}

export interface ParseOptions {
  /** Ingest time to stamp (default now). Records without an event time get it, flagged `attributes.time_missing`. */
  readonly ingestTime?: number;
  /** Name used in messages (default "record"). */
  readonly file?: string;
  readonly mapping?: JsonlMapping;
  readonly maxRecordBytes?: number;
}

export interface ParseResult {
  readonly events: DataEvent[];
  /** Set when the record was rejected. */
  readonly error?: { readonly code: ErrorCode; readonly reason: string };
  readonly format?: SourceFormat;
}

/**
 * Parses one record: a JSON value (object) or a text line (S3 access, auditd).
 * `auto` recognises the vendor by the record's fields. Never throws.
 * @example parseRecord('auto', JSON.parse(line)).events
 */
export function parseRecord(format: SourceFormat | 'auto', record: unknown, options: ParseOptions = {}): ParseResult {
  const f = format !== 'auto' ? format : typeof record === 'string' ? classifyLine(record) : classifyRecord(record);
  if (f === undefined || f === 'cloudtrail-digest') return { events: [], error: { code: 'EVENTS_FORMAT_UNKNOWN', reason: 'the record is of no known log format' } };
  const parser = parserFor(f, options.mapping);
  if (!parser) return { events: [], format: f, error: { code: 'EVENTS_MAPPING_INVALID', reason: 'format jsonl needs a field mapping' } };
  const input: RecordInput = typeof record === 'string' ? { kind: 'text', text: record } : { kind: 'json', value: record };
  try {
    return { events: parser.parse(input, { file: options.file ?? 'record', ingestTime: options.ingestTime ?? Date.now() }), format: f };
  } catch (err) {
    const code: ErrorCode = isLeakwatchError(err) && err.code.startsWith('EVENTS_') ? err.code : 'EVENTS_RECORD_INVALID';
    return { events: [], format: f, error: { code, reason: err instanceof Error ? err.message : String(err) } };
  }
}

/** Parses a whole text (or bytes) as a file would be: format detection, framing, every record. */
export async function parseText(
  text: string | Buffer,
  options: ParseOptions & { readonly format?: SourceFormat | 'auto' } = {},
): Promise<{ events: ParsedEvent[]; deadLetters: DeadLetterEntry[]; records: number; info: FileInfo }> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const info: FileInfo = { bytesRead: 0, gzip: false };
  const events: ParsedEvent[] = [];
  const deadLetters: DeadLetterEntry[] = [];
  let records = 0;
  const ingestTime = options.ingestTime;
  for await (const b of readEvents(
    { path: options.file ?? 'text' },
    {
      ...(options.format ? { format: options.format } : {}),
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
      ...(ingestTime !== undefined ? { now: () => ingestTime } : {}),
      bytes: (async function* () {
        yield bytes;
      })(),
    },
    info,
  )) {
    events.push(...b.events);
    deadLetters.push(...b.deadLetters);
    records += b.records;
  }
  return { events, deadLetters, records, info };
}
