// Scans one root file (or a buffer) end to end: extraction, chunked matching,
// allow-list, confidence floor, and the per-document summary. One instance per
// thread; the same code runs inline and in worker threads.
import { extractBytes, extractFile, type ExtractSink, type TextDocument } from '../extract/index.js';
import { CONFIDENCE_RANK, type Detector } from '../detectors/index.js';
import { buildAllowList, buildDetectors, type AllowList } from '../config/detector-set.js';
import type { ScanOptions } from '../config/options.js';
import { fingerprint, redactPreview } from '../report/redact-value.js';
import { maxPipl, type FileSummary, type Finding, type ScanIssue } from '../report/types.js';
import { scanChunks, type Region } from './document-scanner.js';
import { TextScanner } from './text-scanner.js';
import { withColumnHeader } from './column-header.js';
import { errorMessage } from '../../errors/index.js';

/** A comment on a line with a finding that marks it as known and accepted: `password = "x" // leakwatch:allow`. */
export const INLINE_ALLOW = 'leakwatch:allow';

/** Whether the line holding `start` (absolute offset) carries the inline allow marker. */
function lineHasMarker(region: Region, start: number): boolean {
  const at = start - region.offset;
  const from = region.text.lastIndexOf('\n', at) + 1;
  const eol = region.text.indexOf('\n', at);
  return region.text.slice(from, eol < 0 ? region.text.length : eol).includes(INLINE_ALLOW);
}

/** Distinct personal values counted per document; past it, `distinctPersonal` is a lower bound. */
const DISTINCT_CAP = 100_000;

export interface FileResult {
  findings: Finding[];
  errors: ScanIssue[];
  /** Summaries of the documents (the file itself, or its members) that held findings. */
  files: FileSummary[];
  documents: number;
  findingsNotListed: number;
  /** Matches dropped by the allow-list or an inline `leakwatch:allow` marker. */
  allowed: number;
}

export class FileScanner {
  readonly detectors: readonly Detector[];
  private readonly byId: ReadonlyMap<string, Detector>;
  private readonly scanner: TextScanner;
  private readonly allow: AllowList;
  private readonly minRank: number;

  constructor(private readonly options: ScanOptions) {
    this.detectors = buildDetectors(options);
    this.byId = new Map(this.detectors.map((d) => [d.id, d]));
    this.allow = buildAllowList(options.allow, options.salt);
    this.scanner = new TextScanner(this.detectors, this.allow.empty ? undefined : (type, value) => this.allow.value(type, value));
    this.minRank = CONFIDENCE_RANK[options.minConfidence];
  }

  scanFile(filePath: string, displayPath: string): Promise<FileResult> {
    return this.run(displayPath, (sink) => extractFile(filePath, displayPath, this.options.limits, sink));
  }

  scanBytes(bytes: Uint8Array, displayPath: string): Promise<FileResult> {
    return this.run(displayPath, (sink) => extractBytes(bytes, displayPath, this.options.limits, sink));
  }

  /** Scans one decoded text (used by redaction and tests); returns its findings. */
  async scanDocument(doc: TextDocument, result: FileResult): Promise<void> {
    const { limits, salt, reveal, bulkThreshold } = this.options;
    const summary: FileSummary = {
      path: doc.path,
      format: doc.format,
      encoding: doc.encoding,
      bytes: 0,
      findings: 0,
      types: {},
      pipl: null,
      distinctPersonal: 0,
      bulk: false,
      truncated: false,
    };
    const personal = new Map<string, Set<string>>();
    let distinct = 0;
    const pathAllowed = (type: string) => this.allow.path(doc.path, type);
    let listed = 0;
    const regions = scanChunks(withColumnHeader(doc, this.scanner), this.scanner, {
      maxLineLength: limits.maxLineLength,
      onLongLine: (line) => result.errors.push({ path: doc.path, code: 'SCAN_LINE_TOO_LONG', message: `line ${line} is longer than ${limits.maxLineLength} characters; it was scanned in windows` }),
    });
    for await (const region of regions) {
      summary.bytes += region.text.length;
      // Only regions that carry the marker pay for the per-line check.
      const marked = region.text.includes(INLINE_ALLOW);
      for (const m of region.matches) {
        if (CONFIDENCE_RANK[m.confidence] < this.minRank) continue;
        if (m.allowed || (!this.allow.empty && pathAllowed(m.type)) || (marked && lineHasMarker(region, m.start))) {
          result.allowed++;
          continue;
        }
        const d = this.byId.get(m.type)!;
        summary.findings++;
        summary.types[m.type] = (summary.types[m.type] ?? 0) + 1;
        summary.pipl = maxPipl(summary.pipl, d.pipl);
        // Distinct values (as written) are counted in memory up to a cap: enough to call a file bulk.
        if (d.pipl !== null && distinct < DISTINCT_CAP) {
          let values = personal.get(m.type);
          if (!values) personal.set(m.type, (values = new Set()));
          const before = values.size;
          values.add(m.value);
          distinct += values.size - before;
        }
        if (limits.maxFindingsPerFile > 0 && listed >= limits.maxFindingsPerFile) {
          summary.truncated = true;
          result.findingsNotListed++;
          continue;
        }
        listed++;
        const finding: Finding = {
          type: m.type,
          category: d.category,
          pipl: d.pipl,
          path: doc.path,
          line: m.line,
          column: m.column,
          endLine: m.endLine,
          endColumn: m.endColumn,
          confidence: m.confidence,
          context: m.context,
          preview: redactPreview(m.value, d.category),
          fingerprint: fingerprint(salt, m.type, m.value),
        };
        if (reveal) finding.value = m.value;
        result.findings.push(finding);
      }
    }
    summary.distinctPersonal = distinct;
    summary.bulk = distinct >= bulkThreshold;
    result.documents++;
    if (summary.findings > 0) result.files.push(summary);
  }

  private async run(displayPath: string, extract: (sink: ExtractSink) => Promise<void>): Promise<FileResult> {
    const result: FileResult = { findings: [], errors: [], files: [], documents: 0, findingsNotListed: 0, allowed: 0 };
    const sink: ExtractSink = {
      document: (doc) => this.scanDocument(doc, result),
      issue: (issue) => result.errors.push({ path: issue.path, code: issue.code, message: issue.message }),
    };
    try {
      await extract(sink);
    } catch (err) {
      // The extractor promises never to reject; if it does, the file is reported, not lost.
      result.errors.push({ path: displayPath, code: 'SCAN_WORKER_FAILED', message: errorMessage(err) });
    }
    return result;
  }
}
