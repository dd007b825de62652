// Events: reading vendor audit logs into the one event model (DataEvent),
// storing them deduplicated, and the facts detection needs about sources.
export type { DataEvent, Channel, SourceFormat, Outcome, Actor, DataObject, Destination } from './data-event.js';
export type { FormatParser, Framing, ParseContext, RecordInput } from './formats/format.js';
export { parseTime, canonicalJson } from './formats/fields.js';
export { CHANNELS, loadMapping, validateMapping, mappingParser, type JsonlMapping } from './formats/jsonl-mapping.js';
export { classifyRecord, sniff, type Sniffed } from './sniff.js';
export {
  readEvents,
  parserFor,
  DEFAULT_MAX_RECORD_BYTES,
  type ReadOptions,
  type ReadBatch,
  type FileInfo,
  type ParsedEvent,
  type DeadLetterEntry,
} from './read-events.js';
export { parseRecord, parseText, type ParseOptions, type ParseResult } from './parse.js';
export { expandInputs, type InputFile } from './read/input.js';
export {
  IngestPipeline,
  DEFAULT_EARLIEST_TIME,
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  type IngestTotals,
  type FileSummary,
  type SourceSummary,
  type LagStats,
} from './ingest-pipeline.js';
export { followFile } from './follow.js';
export { toOcsf, OCSF_CLASSES, OCSF_VERSION } from './ocsf.js';
export { silentSources, silentStreams, expectedEvents, type SilentSource, type SilenceOptions } from './silent-sources.js';
