// CSV and TSV files name their columns once, in the first row. This passes that row
// to the scanner before the first chunk is scanned, so a value far below a header
// such as 手机号 or IMEI is read in that header's context.
import type { TextDocument } from '../extract/index.js';
import type { TextScanner } from './text-scanner.js';

/** Longest header row considered. */
const MAX_HEADER = 64 * 1024;

/** The document's chunks, after telling `scanner` its header row (none for other formats). */
export async function* withColumnHeader(doc: TextDocument, scanner: TextScanner): AsyncGenerator<string> {
  // Reset at the start of every document, not at the end: the scanner settles the
  // last region after this generator has finished.
  scanner.setColumns(null);
  const separator = doc.format === 'tsv' ? '\t' : doc.format === 'csv' ? ',' : null;
  if (separator === null) {
    yield* doc.chunks;
    return;
  }
  let first = true;
  for await (const chunk of doc.chunks) {
    if (first) {
      first = false;
      const nl = chunk.indexOf('\n');
      scanner.setColumns((nl < 0 ? chunk : chunk.slice(0, nl)).slice(0, MAX_HEADER), separator);
    }
    yield chunk;
  }
}
