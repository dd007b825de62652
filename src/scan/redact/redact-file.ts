// Writes a redacted copy of a text, CSV or JSON file: every finding replaced by a
// mask, a salted hash or a type tag. Streams region by region, writes to a temp
// file and renames, so a failed run never leaves half a copy under OUT.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { extractFile, type TextDocument } from '../extract/index.js';
import { buildAllowList, buildDetectors } from '../config/detector-set.js';
import type { ScanOptions } from '../config/options.js';
import { scanChunks } from '../engine/document-scanner.js';
import { TextScanner } from '../engine/text-scanner.js';
import { withColumnHeader } from '../engine/column-header.js';
import { replacement, type RedactMode } from '../report/redact-value.js';
import { CONFIDENCE_RANK } from '../detectors/index.js';
import { LeakwatchError } from '../../errors/index.js';
import type { ScanIssue } from '../report/types.js';

const REDACTABLE = new Set(['text', 'csv', 'tsv', 'json', 'jsonl', 'xml', 'html']);

export interface RedactResult {
  /** Replacements made, per type id. */
  replaced: Record<string, number>;
  total: number;
  /** Encoding the input was decoded from; the copy is always written as UTF-8. */
  inputEncoding: string;
  format: string;
  issues: ScanIssue[];
}

export async function redactFile(input: string, output: string, mode: RedactMode, options: ScanOptions): Promise<RedactResult> {
  const detectors = buildDetectors(options);
  const allow = buildAllowList(options.allow, options.salt);
  const scanner = new TextScanner(detectors, allow.empty ? undefined : (t, v) => allow.value(t, v));
  const minRank = CONFIDENCE_RANK[options.minConfidence];
  const result: RedactResult = { replaced: {}, total: 0, inputEncoding: 'utf-8', format: 'text', issues: [] };
  const tmp = `${output}.leakwatch-${process.pid}.tmp`;
  let documents = 0;
  let refused: string | undefined;

  const write = async (doc: TextDocument) => {
    documents++;
    if (documents > 1 || !REDACTABLE.has(doc.format)) {
      refused = doc.format;
      for await (const _ of doc.chunks) void _; // drain: the extractor waits for us
      return;
    }
    result.inputEncoding = doc.encoding;
    result.format = doc.format;
    const json = doc.format === 'json' || doc.format === 'jsonl';
    const out = createWriteStream(tmp, { mode: 0o600 });
    try {
      for await (const region of scanChunks(withColumnHeader(doc, scanner), scanner, { maxLineLength: options.limits.maxLineLength })) {
        let pos = 0;
        let piece = '';
        for (const m of region.matches) {
          if (CONFIDENCE_RANK[m.confidence] < minRank || m.allowed) continue;
          let s = m.start - region.offset;
          const e = m.end - region.offset;
          if (e <= pos) continue;
          // A match that overlaps one already replaced (a PII value inside a secret, or the
          // other way round) has its remaining tail replaced too, so no part of either survives.
          const overlap = s < pos;
          if (overlap) s = pos;
          let rep = overlap ? replacement(mode, m.type, region.text.slice(s, e), options.salt) : replacement(mode, m.type, m.value, options.salt);
          // A bare JSON number replaced by text must become a string to stay valid JSON.
          if (json && region.text[s - 1] !== '"' && /^[\d.+-]+$/.test(m.value) && !/^\d+$/.test(rep)) rep = JSON.stringify(rep);
          piece += region.text.slice(pos, s) + rep;
          pos = e;
          result.replaced[m.type] = (result.replaced[m.type] ?? 0) + 1;
          result.total++;
        }
        piece += region.text.slice(pos);
        if (!out.write(piece)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
  };

  await extractFile(input, input, options.limits, {
    document: write,
    issue: (i) => result.issues.push({ path: i.path, code: i.code, message: i.message }),
  });
  if (refused !== undefined || documents === 0) {
    await rm(tmp, { force: true });
    const why = refused !== undefined ? `${refused} files cannot be redacted in place (text, CSV, TSV, JSON, JSONL, XML and HTML can)` : (result.issues[0]?.message ?? 'no text could be read');
    throw new LeakwatchError(result.issues[0]?.code ?? 'SCAN_BINARY_SKIPPED', `${input}: ${why}`, { path: input });
  }
  await rename(tmp, output);
  return result;
}
