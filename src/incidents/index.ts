// Incidents: a VERIS-compatible registry with a case lifecycle, notification
// deadlines, imports (VERIS JSON/JSONL/gzip, the HHS OCR breach portal, the
// Chinese Dork-Admin chronicle) and VERIS export.
export * from './model.js';
export type { VerisIncident, VerisEnumerated, VerisVictim, VerisConfidentiality, VerisData, VerisTimePoint } from './veris.js';
export { VERIS_SCHEMA_VERSION } from './veris.js';
export { allowedTransitions, checkTransition } from './lifecycle.js';
export {
  DEFAULT_POLICIES,
  GDPR_ART_33,
  HIPAA_164_404,
  applicablePolicies,
  deadlineClock,
  deadlineClocks,
  parsePolicies,
  type ClockState,
  type DeadlineClock,
  type NotificationPolicy,
} from './notification-policy.js';
export { deriveCause, deriveChannel, deriveOfficialChannel, deriveDataClasses, deriveLeak, factsOf, sectorOf, countriesOf } from './derive.js';
export { chineseNumeral, countsIn, largestCount } from './chinese-number.js';
export { findPlace, regionFromName, type Place } from './cn-places.js';
export { assemble, contentHash, fromRecord, toRecord, type IncidentParts } from './incident-record.js';
export {
  IncidentRegistry,
  importedId,
  type RegistryOptions,
  type NewIncident,
  type IncidentPatch,
  type VerisSections,
  type ChangeOptions,
  type NewEvidence,
  type ImportOptions,
  type ImportSummary,
} from './registry.js';
export { IMPORT_FORMATS, type ImportFormat, type ImportedIncident, type ImportProblem, type ParsedImport, type SourceRecord } from './import/import-types.js';
export { parseCsv, type CsvRow } from './import/csv.js';
export { readImport, detectFormat } from './import/import-file.js';
export { MAX_IMPORT_BYTES, readInputText, jsonLines, verisRecords } from './import/read-input.js';
export { parseVeris, verisIncident, verisShapeProblem, verisTitle } from './import/veris-import.js';
export { parseHhsOcr, HHS_COLUMNS } from './import/hhs-ocr-import.js';
export { parseDorkAdmin, dorkAdminIncident, ACTION_RULES } from './import/dork-admin-import.js';
export { toVeris, type VerisExport } from './export/veris-export.js';
