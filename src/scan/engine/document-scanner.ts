// Scans a document that arrives as a stream of text chunks, with bounded memory:
// each step scans the carried tail plus the next chunk, settles the matches that
// start before a boundary, and carries the rest. Yields settled regions with their
// matches and 1-based line/column positions, for both scanning and redaction.
import type { Match } from '../detectors/index.js';
import type { TextScanner } from './text-scanner.js';

export interface PlacedMatch extends Match {
  /** 1-based line of the match start in the decoded text. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the match start. */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Region {
  /** Absolute offset of `text` in the document. */
  readonly offset: number;
  /** The settled text: consecutive regions concatenate to the whole document. */
  readonly text: string;
  /** Matches starting in this region (offsets absolute), in order. */
  readonly matches: PlacedMatch[];
}

export interface DocumentScanOptions {
  /** Longest line before `onLongLine` is called once (the line is still scanned, in windows). */
  readonly maxLineLength: number;
  /** Called once per document when a line is longer than maxLineLength. */
  readonly onLongLine?: (line: number) => void;
}

/** Characters before a region kept for look-behind and keyword context. */
const LOOKBEHIND = 256;

/**
 * Scans chunked text. The overlap kept between steps is the scanner's widest
 * window, so a match up to that length is never split between two steps.
 */
export async function* scanChunks(
  chunks: AsyncIterable<string> | Iterable<string>,
  scanner: TextScanner,
  options: DocumentScanOptions,
): AsyncGenerator<Region> {
  const overlap = scanner.maxWindow;
  const lines = new LineCounter(options);
  let carry = '';
  /** Absolute offset of carry[0]. */
  let carryOffset = 0;
  /** Position in carry from which matches are new (what precedes is look-behind context). */
  let settledInCarry = 0;

  const step = (text: string, textOffset: number, from: number, final: boolean): Region => {
    const limit = final ? text.length : Math.max(from, text.length - overlap);
    const matches: PlacedMatch[] = [];
    let boundary = limit;
    for (const m of scanner.scan(text)) {
      if (m.start < from || m.start >= limit) continue;
      const start = lines.place(text, textOffset, m.start);
      const end = lines.peek(text, textOffset, m.end);
      matches.push({ type: m.type, value: m.value, confidence: m.confidence, context: m.context, allowed: m.allowed, start: m.start + textOffset, end: m.end + textOffset, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
      if (m.end > boundary) boundary = m.end;
    }
    lines.advance(text, textOffset, boundary);
    return { offset: textOffset + from, text: text.slice(from, boundary), matches };
  };

  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const text = carry + chunk;
    const region = step(text, carryOffset, settledInCarry, false);
    const settledEnd = region.offset - carryOffset + region.text.length;
    if (region.text.length > 0) yield region;
    const keepFrom = Math.max(0, settledEnd - LOOKBEHIND);
    carry = text.slice(keepFrom);
    carryOffset += keepFrom;
    settledInCarry = settledEnd - keepFrom;
  }
  const last = step(carry, carryOffset, settledInCarry, true);
  if (last.text.length > 0 || last.matches.length > 0) yield last;
}

/** Turns absolute offsets into 1-based line/column, moving forward only. */
class LineCounter {
  private line = 1;
  /** Absolute offset of the current line's first character. */
  private lineStart = 0;
  /** Absolute offset counted up to. */
  private counted = 0;
  private reported = false;

  constructor(private readonly options: DocumentScanOptions) {}

  /** Counts lines up to `rel` (relative to text at textOffset) and returns its position. */
  place(text: string, textOffset: number, rel: number): { line: number; column: number } {
    this.advance(text, textOffset, rel);
    return { line: this.line, column: textOffset + rel - this.lineStart + 1 };
  }

  /** Position of `rel` without moving the counter. */
  peek(text: string, textOffset: number, rel: number): { line: number; column: number } {
    let line = this.line;
    let lineStart = this.lineStart;
    const from = Math.max(this.counted - textOffset, 0);
    for (let i = text.indexOf('\n', from); i !== -1 && i < rel; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = textOffset + i + 1;
    }
    return { line, column: textOffset + rel - lineStart + 1 };
  }

  advance(text: string, textOffset: number, rel: number): void {
    const target = textOffset + rel;
    if (target <= this.counted) return;
    const max = this.options.maxLineLength;
    for (let i = text.indexOf('\n', this.counted - textOffset); i !== -1 && i < rel; i = text.indexOf('\n', i + 1)) {
      if (textOffset + i - this.lineStart > max) this.longLine();
      this.line++;
      this.lineStart = textOffset + i + 1;
    }
    if (target - this.lineStart > max) this.longLine();
    this.counted = target;
  }

  private longLine(): void {
    if (this.reported) return;
    this.reported = true;
    this.options.onLongLine?.(this.line);
  }
}
