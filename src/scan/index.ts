// The scanner: files in, report out. A pure library; it imports no store, server or CLI.
export * from './detectors/index.js';
export { detectorTable, withDetectorTable } from './detectors/detector-table.js';
export { scan, defaultWorkers, hasFindings, type ScanHooks, type ScanProgress } from './scan.js';
export { FileScanner, type FileResult } from './engine/file-scanner.js';
export { TextScanner } from './engine/text-scanner.js';
export { scanChunks, type PlacedMatch, type Region } from './engine/document-scanner.js';
export { DEFAULT_SCAN_LIMITS, DEFAULT_SCAN_OPTIONS, type ScanOptions, type ScanLimits, type CustomDetectorSpec, type AllowEntry } from './config/options.js';
export { loadConfigFile, parseConfig, CONFIG_FILE_NAME, type FileConfig } from './config/load-config.js';
export { buildDetectors, buildAllowList } from './config/detector-set.js';
export { NAMED_VALIDATORS } from './config/named-validators.js';
export { redactPreview, fingerprint, replacement, type RedactMode } from './report/redact-value.js';
export type { Finding, ScanIssue, FileSummary, ScanStats, ScanReport } from './report/types.js';
export { formatJson, formatJsonl } from './format/json.js';
export { formatSarif } from './format/sarif.js';
export { formatTable, formatBytes } from './format/table.js';
export { redactFile, type RedactResult } from './redact/redact-file.js';
export { extractFile, extractBytes, DEFAULT_LIMITS as DEFAULT_EXTRACT_LIMITS, type TextDocument, type ExtractIssue, type ExtractSink, type ExtractLimits } from './extract/index.js';
