// What extraction hands to the scan engine: decoded text documents, each a stream of
// chunks, and issues for what could not be extracted. The engine implements the sink.
import type { ErrorCode } from '../../errors/index.js';

export type TextFormat =
  | 'text' | 'csv' | 'tsv' | 'json' | 'jsonl' | 'xml' | 'html'
  | 'docx' | 'xlsx' | 'pptx' | 'pdf' | 'eml';

/** One decoded text to scan. */
export interface TextDocument {
  /**
   * Display path: the root path as given, then `!` and the member name for each
   * container level (`dir/a.zip!inner/b.docx`, `mail.eml!a.zip!x.txt`). A gzip
   * member is the file name without `.gz`; a gzipped tar is one level
   * (`logs.tar.gz!app.log`).
   */
  path: string;
  format: TextFormat;
  /** Encoding the bytes were decoded from (`utf-8`, `utf-16le`, `utf-16be`, `gb18030`); `utf-8` for PDF and e-mail text. */
  encoding: string;
  /** Text in order, in chunks of about chunkChars. A chunk may end anywhere in a line, never inside a surrogate pair. Never throws. */
  chunks: AsyncIterable<string>;
}

/** Something that could not be extracted. `message` never contains file content. */
export interface ExtractIssue {
  path: string;
  code: ErrorCode;
  message: string;
}

export interface ExtractSink {
  /** Called for each document in file order; extraction waits for it (backpressure). The sink consumes `chunks` fully before resolving. */
  document(doc: TextDocument): Promise<void>;
  issue(issue: ExtractIssue): void;
}
