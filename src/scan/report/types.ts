// The scan report: findings with redacted previews and salted fingerprints, the
// per-file summaries, the errors, and run statistics. What every output format,
// the server and the store consume.
import type { Category, Confidence, PiplClass } from '../detectors/index.js';
import type { ErrorCode } from '../../errors/index.js';

export interface Finding {
  type: string;
  category: Category;
  pipl: PiplClass;
  /** Display path: the file as given, `!` before each archive member. */
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  confidence: Confidence;
  /** Whether a context keyword stood near the value. */
  context: boolean;
  /** Redacted preview, e.g. `1101**********002X`. */
  preview: string;
  /** Salted hash of the normalised value: equal values give equal fingerprints within one salt. */
  fingerprint: string;
  /** The raw value: only present when the scan ran with `reveal`. */
  value?: string;
}

export interface ScanIssue {
  path: string;
  code: ErrorCode;
  message: string;
}

export interface FileSummary {
  path: string;
  format: string;
  encoding: string;
  bytes: number;
  findings: number;
  /** Findings per type id. */
  types: Record<string, number>;
  /** The highest PIPL class of anything found: `sensitive_personal` > `personal` > null. */
  pipl: PiplClass;
  /** Distinct personal values as written, counted up to 100,000 (a lower bound past that). */
  distinctPersonal: number;
  /** Many records of personal data in one file (distinctPersonal ≥ bulkThreshold). */
  bulk: boolean;
  /** Findings past maxFindingsPerFile were counted but not listed. */
  truncated: boolean;
}

export interface ScanStats {
  filesScanned: number;
  documents: number;
  bytes: number;
  findings: number;
  /** Findings that were counted but not listed (maxFindingsPerFile). */
  findingsNotListed: number;
  /** Matches not reported because the allow-list or an inline `leakwatch:allow` marker accepts them. */
  allowed: number;
  errors: number;
  durationMs: number;
  mbPerSecond: number;
  filesPerSecond: number;
  byType: Record<string, number>;
  byConfidence: Record<Confidence, number>;
  bulkFiles: number;
  workers: number;
  /** Whether raw values are in this report (`--reveal`). */
  revealed: boolean;
}

export interface ScanReport {
  findings: Finding[];
  errors: ScanIssue[];
  files: FileSummary[];
  stats: ScanStats;
}

const PIPL_RANK = { sensitive_personal: 2, personal: 1 } as const;
/** The higher of two PIPL classes. */
export function maxPipl(a: PiplClass, b: PiplClass): PiplClass {
  const ra = a === null ? 0 : PIPL_RANK[a];
  const rb = b === null ? 0 : PIPL_RANK[b];
  return ra >= rb ? a : b;
}
