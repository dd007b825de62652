// Shapes shared by the scan evaluations: each corpus module writes its texts to
// files, calls a ScanDir, and scores what comes back.

export interface EvalFinding {
  /** Path relative to the scanned folder, `/`-separated; archive members as `a.zip!dir/x.txt`. */
  path: string;
  type: string;
  category: 'pii' | 'secret';
  /** The raw value (evaluations scan in reveal mode). */
  value: string;
  line: number;
}

/** Scans every file below `dir` and returns every finding, raw values included. */
export type ScanDir = (dir: string) => Promise<EvalFinding[]>;

/** One line of the evaluation's JSON output. */
export interface EvalScore {
  corpus: string;
  /** Share of positive cases detected, 0..1. */
  recall?: number;
  /** Share of negative cases with no finding, 0..1. */
  specificity?: number;
  precision?: number;
  f1?: number;
  goal: string;
  pass: boolean;
  [key: string]: unknown;
}
