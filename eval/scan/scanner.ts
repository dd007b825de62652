// The ScanDir the evaluations use: the real scanner (extractors, engine, worker
// threads) in reveal mode, with paths made relative to the scanned folder.
import { DEFAULT_SCAN_OPTIONS, defaultWorkers, scan } from '../../src/scan/index.js';
import type { EvalFinding, ScanDir } from './types.js';

export const leakwatchScanDir: ScanDir = async (dir) => {
  const report = await scan([dir], { ...DEFAULT_SCAN_OPTIONS, limits: { ...DEFAULT_SCAN_OPTIONS.limits, maxFindingsPerFile: 0 }, reveal: true, salt: 'eval', workers: defaultWorkers(), gitignore: false });
  const prefix = dir.endsWith('/') ? dir : dir + '/';
  return report.findings.map((f): EvalFinding => ({
    path: f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path,
    type: f.type,
    category: f.category,
    value: f.value ?? '',
    line: f.line,
  }));
};
