// What every vendor format provides: how its records are cut out of a file
// (framing), and how one record becomes DataEvents. Parsers are pure: a record
// in, events out, or a coded error for the dead-letter table.
import type { DataEvent, SourceFormat } from '../data-event.js';

/**
 * How records are cut from the text: `jsonl` one JSON value a line; `json` a JSON
 * document (array, `{"Records":[...]}`, or concatenated objects); `csv` a header
 * and rows; `lines` one text record a line; `auditd` lines joined by event serial.
 */
export type Framing = 'jsonl' | 'json' | 'csv' | 'lines' | 'auditd';

export interface ParseContext {
  /** The file the record came from (for messages). */
  readonly file: string;
  readonly ingestTime: number;
}

/** A record as framing hands it to a parser. */
export type RecordInput =
  | { readonly kind: 'json'; readonly value: unknown; readonly text?: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'csv'; readonly row: Readonly<Record<string, string>>; readonly text: string }
  | { readonly kind: 'lines'; readonly lines: readonly string[] };

export interface FormatParser {
  readonly format: SourceFormat;
  /** Maps one record to events (several for a Workspace activity with many events). Throws LeakwatchError EVENTS_* for a record it rejects. */
  parse(input: RecordInput, ctx: ParseContext): DataEvent[];
}
