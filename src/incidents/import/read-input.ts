// Reading an import file: gzip is recognised by its magic bytes, not its name;
// UTF-8 with or without a BOM; a cap on the decompressed size (a gzip bomb stops
// there with a clear error). A folder is read as one VERIS record per *.json file.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LeakwatchError } from '../../errors/index.js';
import type { SourceRecord } from './import-types.js';

/** Default cap on an import file's (decompressed) size: 1 GiB. */
export const MAX_IMPORT_BYTES = 1024 ** 3;

export interface InputText {
  readonly file: string;
  readonly text: string;
  readonly gzip: boolean;
}

/** The decoded text of a file, gunzipped when it is gzip. */
export async function readInputText(file: string, maxBytes = MAX_IMPORT_BYTES): Promise<InputText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new LeakwatchError('INCIDENTS_IMPORT_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`, { path: file }, { cause: err });
  }
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzip) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new LeakwatchError('INCIDENTS_IMPORT_UNREADABLE', tooBig ? `${file} decompresses past ${maxBytes} bytes` : `${file} is not valid gzip: ${(err as Error).message}`, { path: file }, { cause: err });
    }
  } else if (bytes.length > maxBytes) {
    throw new LeakwatchError('INCIDENTS_IMPORT_UNREADABLE', `${file} is larger than ${maxBytes} bytes`, { path: file });
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file, text, gzip };
}

/** The lines of a JSONL text as records (blank lines skipped, line numbers kept). */
export function jsonLines(file: string, text: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (raw.trim()) out.push({ file, line, record: out.length + 1, text: raw });
    start = end + 1;
  }
  return out;
}

/**
 * The records of a VERIS JSON text: a JSON array of incidents, one pretty-printed
 * incident, or JSONL (one incident per line).
 */
export function verisRecords(file: string, text: string): SourceRecord[] {
  const head = text.trimStart();
  if (head.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return [{ file, line: 1, record: 1, text }];
    }
    if (Array.isArray(parsed)) return parsed.map((item, i) => ({ file, line: 1, record: i + 1, text: JSON.stringify(item) }));
  }
  const lines = jsonLines(file, text);
  // One object spread over several lines: a pretty-printed single-incident file.
  if (lines.length > 1 && head.startsWith('{')) {
    try {
      const one: unknown = JSON.parse(text);
      if (typeof one === 'object' && one !== null) return [{ file, line: 1, record: 1, text }];
    } catch {
      // Not one document: JSONL after all.
    }
  }
  return lines;
}

/** Every *.json file of a folder (byte order of names), one VERIS record each. */
export async function folderRecords(dir: string, maxBytes = MAX_IMPORT_BYTES): Promise<SourceRecord[]> {
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: SourceRecord[] = [];
  for (const name of names) {
    const { text } = await readInputText(join(dir, name), maxBytes);
    out.push({ file: join(dir, name), line: 1, record: out.length + 1, text });
  }
  return out;
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    throw new LeakwatchError('INCIDENTS_IMPORT_UNREADABLE', `cannot read ${path}: ${(err as Error).message}`, { path }, { cause: err });
  }
}
