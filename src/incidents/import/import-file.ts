// Reading one import source (a file, gzip or not, or a folder of VERIS JSON
// files) in a named or recognised format. I/O happens here; the mapping is in
// the pure per-format modules.
import { basename } from 'node:path';
import { LeakwatchError } from '../../errors/index.js';
import { parseDorkAdmin } from './dork-admin-import.js';
import { parseHhsOcr } from './hhs-ocr-import.js';
import type { ImportFormat, ParsedImport, SourceRecord } from './import-types.js';
import { folderRecords, isDirectory, jsonLines, MAX_IMPORT_BYTES, readInputText, verisRecords } from './read-input.js';
import { parseVeris } from './veris-import.js';

/** The format of a text by its content: the HHS header, a chronicle entry's keys, or VERIS. */
export function detectFormat(file: string, text: string): ImportFormat {
  const head = text.trimStart().slice(0, 4096);
  if (head.startsWith('"Name of Covered Entity"') || head.startsWith('Name of Covered Entity')) return 'hhs-ocr';
  if (head.startsWith('{') || head.startsWith('[')) {
    const first = jsonLines(file, head)[0]?.text ?? '';
    if (/"category"\s*:/.test(first) && /"fields"\s*:/.test(first) && /"title"\s*:/.test(first)) return 'dork-admin-zh';
    return 'veris';
  }
  throw new LeakwatchError('INCIDENTS_FORMAT_UNKNOWN', `cannot tell the format of ${file}; name it with --format veris|hhs-ocr|dork-admin-zh`, { path: file });
}

/** Parses `path` into incidents and problems. */
export async function readImport(path: string, format: ImportFormat | 'auto' = 'auto', maxBytes = MAX_IMPORT_BYTES): Promise<ParsedImport> {
  if (await isDirectory(path)) {
    if (format !== 'auto' && format !== 'veris') throw new LeakwatchError('INCIDENTS_FORMAT_UNKNOWN', `a folder is read as VERIS JSON files, not ${format}`, { path });
    return parseVeris(path, await folderRecords(path, maxBytes));
  }
  const { text } = await readInputText(path, maxBytes);
  const f = format === 'auto' ? detectFormat(basename(path), text) : format;
  switch (f) {
    case 'hhs-ocr':
      return parseHhsOcr(path, text);
    case 'dork-admin-zh':
      return parseDorkAdmin(path, jsonLines(path, text));
    case 'veris': {
      const records: SourceRecord[] = verisRecords(path, text);
      return parseVeris(path, records);
    }
  }
}
