// What an importer produces: incidents mapped to VERIS with their source line,
// and the records it could not use, each with its line and reason.
import type { DerivableField, LeakDetails } from '../model.js';
import type { VerisIncident } from '../veris.js';

export const IMPORT_FORMATS = ['veris', 'hhs-ocr', 'dork-admin-zh'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportedIncident {
  /** 1-based line the record starts on (1 for a one-record file). */
  readonly line: number;
  /** The file it came from (a directory import has one per record). */
  readonly file: string;
  readonly externalId: string | null;
  readonly title: string;
  readonly summary: string;
  readonly veris: VerisIncident;
  /** Leak fields the source states; the rest are derived from the VERIS coding. */
  readonly leak: Partial<LeakDetails>;
  /** Fields the importer itself inferred (from text, by keyword), on top of the derivation rules. */
  readonly inferred: readonly DerivableField[];
  readonly sourceFields: Readonly<Record<string, string>>;
}

export interface ImportProblem {
  readonly file: string;
  readonly line: number;
  /** 1-based position among the file's records. */
  readonly record: number;
  readonly code: 'INCIDENTS_RECORD_INVALID';
  readonly reason: string;
}

export interface ParsedImport {
  readonly format: ImportFormat;
  readonly file: string;
  /** Records read, good and bad. */
  readonly records: number;
  readonly incidents: ImportedIncident[];
  readonly problems: ImportProblem[];
}

/** A record of `text` at a line: what the per-format mappers take. */
export interface SourceRecord {
  readonly file: string;
  readonly line: number;
  readonly record: number;
  readonly text: string;
}
