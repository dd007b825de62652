// Scan options: the validated, serialisable settings a scan runs with (they cross
// into worker threads as plain data), their defaults, and the configuration file
// format that produces them.
import type { Category, Confidence, PiplClass } from '../detectors/index.js';
import { DEFAULT_LIMITS, type ExtractLimits } from '../extract/index.js';

/** Extraction limits plus the engine's own. */
export interface ScanLimits extends ExtractLimits {
  /** A longer line is reported (SCAN_LINE_TOO_LONG) and scanned in windows. */
  maxLineLength: number;
  /** Findings listed per file; the rest are counted. 0 = no limit. */
  maxFindingsPerFile: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  ...DEFAULT_LIMITS,
  // Plain text streams in bounded memory, so a root file's size is only policy.
  maxFileBytes: 4 * 1024 ** 3,
  maxLineLength: 1024 ** 2,
  maxFindingsPerFile: 1_000,
};

/** A detector defined in the configuration file. */
export interface CustomDetectorSpec {
  id: string;
  category: Category;
  pipl: PiplClass;
  description?: string;
  /** JavaScript regular expression source; a named group `value` marks the sensitive part. */
  pattern: string;
  /** Extra flags (`i`, `u`, `s`, `m`). */
  flags?: string;
  /** Literal anchors (see Detector.anchors); empty runs the pattern on all text. */
  anchors?: string[];
  /** A built-in validator by name (see VALIDATOR_NAMES). */
  validator?: string;
  keywords?: string[];
  requireKeyword?: boolean;
  confidence?: Confidence;
}

/** One allow-list entry: something that is known and accepted, with the reason why. */
export interface AllowEntry {
  reason: string;
  /** Only for this type id. */
  type?: string;
  /** The exact value. */
  value?: string;
  /** A regular expression the whole value must match. */
  pattern?: string;
  /** A finding fingerprint (lets a value be allowed without writing it down). */
  fingerprint?: string;
  /** A gitignore-style path pattern: findings in matching files are allowed. */
  path?: string;
}

export interface ScanOptions {
  limits: ScanLimits;
  /** Salt for fingerprints. */
  salt: string;
  /** Put raw values in the report. */
  reveal: boolean;
  minConfidence: Confidence;
  /** Distinct personal values in one file that make it a bulk file. */
  bulkThreshold: number;
  /** Built-in detector ids to leave out. */
  disable: string[];
  /** When non-empty, only these detector ids run (built-in or custom). */
  only: string[];
  custom: CustomDetectorSpec[];
  allow: AllowEntry[];
  /** gitignore-style patterns of paths not to scan. */
  exclude: string[];
  /** Honour .gitignore files found while walking. */
  gitignore: boolean;
  /** Worker threads; 0 scans on the calling thread. */
  workers: number;
}

export const DEFAULT_SCAN_OPTIONS: Omit<ScanOptions, 'salt' | 'workers'> = {
  limits: DEFAULT_SCAN_LIMITS,
  reveal: false,
  minConfidence: 'low',
  bulkThreshold: 100,
  disable: [],
  only: [],
  custom: [],
  allow: [],
  exclude: [],
  gitignore: true,
};
