// Reads one input into batches of DataEvents and dead-letter entries: bytes →
// gunzip → UTF-8 → format sniffing → framing → parsing. Everything per record is
// synchronous inside a chunk, so the async overhead is per chunk, not per record;
// memory is bounded by the chunk size and the largest record.
import { isLeakwatchError, type ErrorCode } from '../errors/index.js';
import type { DataEvent, SourceFormat } from './data-event.js';
import { auditdParser } from './formats/auditd.js';
import { cloudTrailParser } from './formats/cloudtrail.js';
import { entraParser } from './formats/entra.js';
import type { FormatParser, Framing, ParseContext, RecordInput } from './formats/format.js';
import { gworkspaceParser } from './formats/gworkspace.js';
import { mappingParser, type JsonlMapping } from './formats/jsonl-mapping.js';
import { m365Parser } from './formats/m365.js';
import { oktaParser } from './formats/okta.js';
import { s3AccessParser } from './formats/s3-access.js';
import { windowsParser } from './formats/windows.js';
import { AuditdFramer } from './read/auditd-framer.js';
import { CsvFramer } from './read/csv-framer.js';
import { inputBytes, type InputFile, type ReadProgress } from './read/input.js';
import { JsonDocumentFramer } from './read/json-framer.js';
import { LineFramer } from './read/line-framer.js';
import { SAMPLE_BYTES, Utf8Stream, decideEncoding } from './read/text-encoding.js';
import { sniff } from './sniff.js';

/** A parsed event with the record's original text, when the reader had it (stored as is). */
export type ParsedEvent = DataEvent & { readonly rawText?: string };

export interface DeadLetterEntry {
  readonly file: string;
  readonly line?: number;
  readonly offset?: number;
  readonly code: ErrorCode;
  readonly reason: string;
  readonly source?: SourceFormat;
}

export interface ReadOptions {
  /** A format, or auto-detection by content (default). */
  readonly format?: SourceFormat | 'auto';
  /** Field mapping for generic JSONL (required for format jsonl). */
  readonly mapping?: JsonlMapping;
  /** Largest record read; larger ones are dead-lettered (default 8 MiB). */
  readonly maxRecordBytes?: number;
  /** Events per batch (default 5,000). */
  readonly batchSize?: number;
  /** Clock for ingest time (default Date.now). */
  readonly now?: () => number;
  /** stdin for the path "-". */
  readonly stdin?: () => AsyncIterable<Uint8Array>;
  /**
   * The bytes to read instead of opening the file (a tailer, a test). An empty
   * chunk means "nothing more for now": the sample is taken and batches are
   * handed out without waiting for more.
   */
  readonly bytes?: AsyncIterable<Buffer>;
}

export interface ReadBatch {
  readonly events: ParsedEvent[];
  readonly deadLetters: DeadLetterEntry[];
  /** Records read since the previous batch (a Workspace activity is one record, several events). */
  readonly records: number;
}

/** What the reader learnt about a file while reading it. */
export interface FileInfo {
  format?: SourceFormat;
  framing?: Framing;
  encoding?: string;
  /** Why the file was skipped without dead letters (a CloudTrail digest file). */
  skipped?: string;
  bytesRead: number;
  gzip: boolean;
}

export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

const PARSERS: Partial<Record<SourceFormat, FormatParser>> = {
  cloudtrail: cloudTrailParser,
  s3access: s3AccessParser,
  m365: m365Parser,
  gworkspace: gworkspaceParser,
  okta: oktaParser,
  entra: entraParser,
  auditd: auditdParser,
  windows: windowsParser,
};

/** The parser of a format (jsonl needs a mapping). */
export function parserFor(format: SourceFormat, mapping?: JsonlMapping): FormatParser | undefined {
  if (format === 'jsonl') return mapping ? mappingParser(mapping) : undefined;
  return PARSERS[format];
}

async function* wrap(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield* bytes;
}

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

/** Sorts a thrown value into an EVENTS_ code: parser bugs count as invalid records, never as crashes. */
function codeOf(err: unknown): ErrorCode {
  if (isLeakwatchError(err) && err.code.startsWith('EVENTS_')) return err.code;
  if (err instanceof SyntaxError) return 'EVENTS_PARSE_FAILED';
  return 'EVENTS_RECORD_INVALID';
}

/**
 * Reads a file (or stdin) into batches. Per-record problems become dead-letter
 * entries; file-level ones (unreadable, damaged gzip, unknown format, bad
 * encoding) become one entry for the file. Never throws for bad input.
 */
export async function* readEvents(file: InputFile, options: ReadOptions = {}, info: FileInfo = { bytesRead: 0, gzip: false }): AsyncGenerator<ReadBatch> {
  const maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const batchSize = options.batchSize ?? 5000;
  const now = options.now ?? Date.now;
  const ctx: { file: string; ingestTime: number } = { file: file.path, ingestTime: now() };
  let events: ParsedEvent[] = [];
  let dead: DeadLetterEntry[] = [];
  let records = 0;
  // Known once the file is sniffed; the handlers below read them.
  const state: { format?: SourceFormat; parser?: FormatParser } = {};
  const take = (): ReadBatch => {
    const b = { events, deadLetters: dead, records };
    events = [];
    dead = [];
    records = 0;
    return b;
  };
  const deadLetter = (code: ErrorCode, reason: string, line?: number, offset?: number) => {
    dead.push({ file: file.path, ...(line !== undefined ? { line } : {}), ...(offset !== undefined ? { offset } : {}), code, reason, ...(state.format ? { source: state.format } : {}) });
  };
  const handle = (input: RecordInput, line: number, offset?: number) => {
    records++;
    try {
      const out = state.parser!.parse(input, ctx as ParseContext);
      for (const e of out) {
        if (input.kind === 'json' && input.text !== undefined && e.raw === input.value) (e as { rawText?: string }).rawText = input.text;
        events.push(e);
      }
    } catch (err) {
      deadLetter(codeOf(err), reasonOf(err), line, offset);
    }
  };
  const jsonRecord = (text: string, line: number, offset?: number) => {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      records++;
      deadLetter('EVENTS_PARSE_FAILED', `invalid JSON: ${reasonOf(err)}`, line, offset);
      return;
    }
    handle({ kind: 'json', value, text }, line, offset);
  };

  const progress: ReadProgress = info;
  const source: AsyncGenerator<Buffer, unknown> = options.bytes ? wrap(options.bytes) : inputBytes(file, progress, options.stdin);
  const sample: Buffer[] = [];
  let sampleBytes = 0;
  let ended = false;
  try {
    while (sampleBytes < SAMPLE_BYTES) {
      const r = await source.next();
      if (r.done) {
        ended = true;
        break;
      }
      if (r.value.length === 0) {
        if (sampleBytes > 0) break;
        continue;
      }
      sample.push(r.value);
      sampleBytes += r.value.length;
    }
  } catch (err) {
    deadLetter(codeOf(err), reasonOf(err), undefined, 0);
    yield take();
    return;
  }
  if (sampleBytes === 0) return;
  const head = Buffer.concat(sample);
  const enc = decideEncoding(head, ended);
  if (enc.kind === 'binary' && file.walked) {
    info.skipped = enc.reason;
    await source.return(undefined);
    return;
  }
  if (enc.kind === 'binary' || enc.kind === 'invalid') {
    deadLetter(enc.kind === 'binary' ? 'EVENTS_FORMAT_UNKNOWN' : 'EVENTS_ENCODING_INVALID', enc.reason, undefined, 0);
    await source.return(undefined);
    yield take();
    return;
  }
  info.encoding = enc.kind === 'utf-8' ? 'utf-8' : enc.encoding;
  const utf8 = new Utf8Stream(enc);
  const headUtf8 = utf8.push(head);
  const requested = options.format && options.format !== 'auto' ? options.format : undefined;
  const sniffed = sniff(headUtf8.toString('utf8'), ended, { ...(requested ? { format: requested } : {}), hasMapping: options.mapping !== undefined });
  if (sniffed.kind === 'skip') {
    info.skipped = sniffed.reason;
    await source.return(undefined);
    return;
  }
  if (sniffed.kind === 'not-records') {
    deadLetter('EVENTS_JSON_NOT_RECORDS', sniffed.reason, 1, 0);
    await source.return(undefined);
    yield take();
    return;
  }
  if (sniffed.kind === 'unknown') {
    if (file.walked) info.skipped = sniffed.reason;
    else if (sniffed.reason !== 'the file is empty') deadLetter('EVENTS_FORMAT_UNKNOWN', sniffed.reason, undefined, 0);
    await source.return(undefined);
    yield take();
    return;
  }
  state.format = sniffed.format;
  info.format = sniffed.format;
  info.framing = sniffed.framing;
  state.parser = parserFor(sniffed.format, options.mapping);
  if (!state.parser) {
    deadLetter('EVENTS_MAPPING_INVALID', 'format jsonl needs a field mapping (--mapping FILE)', undefined, 0);
    await source.return(undefined);
    yield take();
    return;
  }

  let push: (b: Buffer) => void;
  let finish: () => void;
  const tooLong = (line: number, offset: number, bytes: number) => {
    records++;
    deadLetter('EVENTS_RECORD_TOO_LARGE', `the record is ${bytes} bytes, more than maxRecordBytes (${maxRecord})`, line, offset);
  };
  switch (sniffed.framing) {
    case 'json': {
      const framer = new JsonDocumentFramer(
        {
          record: (r) => jsonRecord(r.text, r.line, r.offset),
          problem: (p) => {
            if (p.code === 'EVENTS_RECORD_TOO_LARGE') records++;
            deadLetter(p.code, p.reason, p.line, p.offset);
          },
        },
        maxRecord,
        { pagesInArray: sniffed.pagesInArray === true },
      );
      push = (b) => framer.push(b);
      finish = () => framer.end();
      break;
    }
    case 'jsonl': {
      const lines = new LineFramer(
        {
          line: (text, line, offset) => {
            if (text.trim() === '') return;
            jsonRecord(text, line, offset);
          },
          tooLong,
        },
        maxRecord,
      );
      push = (b) => lines.push(b);
      finish = () => lines.end();
      break;
    }
    case 'lines': {
      const lines = new LineFramer(
        {
          line: (text, line, offset) => {
            if (text.trim() === '' || text.startsWith('#')) return;
            handle({ kind: 'text', text }, line, offset);
          },
          tooLong,
        },
        maxRecord,
      );
      push = (b) => lines.push(b);
      finish = () => lines.end();
      break;
    }
    case 'csv': {
      const csv = new CsvFramer(
        {
          row: (row, text, line) => handle({ kind: 'csv', row, text }, line),
          problem: (code, reason, line) => {
            records++;
            deadLetter(code, reason, line);
          },
        },
        maxRecord,
      );
      const lines = new LineFramer({ line: (text, line) => csv.line(text, line), tooLong }, maxRecord);
      push = (b) => lines.push(b);
      finish = () => {
        lines.end();
        csv.end();
      };
      break;
    }
    case 'auditd': {
      const audit = new AuditdFramer({
        event: (lines, line) => handle({ kind: 'lines', lines }, line),
        bad: (line, reason) => {
          records++;
          deadLetter('EVENTS_PARSE_FAILED', reason, line);
        },
      });
      const lines = new LineFramer({ line: (text, line) => audit.line(text, line), tooLong }, maxRecord);
      push = (b) => lines.push(b);
      finish = () => {
        lines.end();
        audit.end();
      };
      break;
    }
  }

  try {
    push(headUtf8);
    if (events.length >= batchSize || dead.length >= 1000) yield take();
    while (!ended) {
      let r: IteratorResult<Buffer, unknown>;
      try {
        r = await source.next();
      } catch (err) {
        deadLetter(codeOf(err), reasonOf(err), undefined, (err as { details?: { offset?: number } }).details?.offset);
        yield take();
        return;
      }
      if (r.done) break;
      ctx.ingestTime = now();
      if (r.value.length === 0) {
        if (events.length > 0 || dead.length > 0 || records > 0) yield take();
        continue;
      }
      push(utf8.push(r.value));
      if (events.length >= batchSize || dead.length >= 1000) yield take();
    }
    push(utf8.end());
    finish();
    yield take();
  } finally {
    await source.return(undefined);
  }
}
