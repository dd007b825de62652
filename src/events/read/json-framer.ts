// Cuts records out of a JSON document as its bytes stream in, without parsing
// the whole document: a top-level array of records, an object holding a records
// array (`Records` of CloudTrail, `records` of Azure exports, `value` of Graph,
// `items` of the Reports API), one object that is itself a record, or several
// such values one after another. With `pagesInArray`, a top-level array holds
// pages (objects with a records array, as Reports API pages saved as one JSON
// array) whose records are streamed the same way. Memory is bounded by the
// largest record, and a record past the limit is skipped without being held.

/** Keys whose array value holds the records of a document. */
export const RECORD_ARRAY_KEYS = new Set(['Records', 'records', 'value', 'items']);

export interface FramedRecord {
  readonly text: string;
  /** 1-based line where the record starts. */
  readonly line: number;
  /** Byte offset where the record starts. */
  readonly offset: number;
}

export interface FrameProblem {
  readonly code: 'EVENTS_RECORD_TOO_LARGE' | 'EVENTS_JSON_NOT_RECORDS' | 'EVENTS_INPUT_TRUNCATED' | 'EVENTS_PARSE_FAILED';
  readonly reason: string;
  readonly line: number;
  readonly offset: number;
}

export interface FramerSink {
  record(r: FramedRecord): void;
  problem(p: FrameProblem): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;

type Capture = { pieces: Buffer[]; size: number; start: number; line: number; offset: number; tooLarge: boolean };

/**
 * A push parser: call `push` with each chunk and `end` once. It tracks strings,
 * escapes and nesting only; each record's text is handed to JSON.parse later,
 * which reports any finer syntax error.
 */
export class JsonDocumentFramer {
  private depth = 0;
  /** Container kinds by depth: 0x5b '[' or 0x7b '{'. */
  private readonly stack: number[] = [];
  private inString = false;
  /** Backslashes ending the previous chunk inside a string. */
  private pendingBackslashes = 0;
  private line = 1;
  /** Bytes consumed before the current chunk. */
  private base = 0;
  /** Depth of the array whose elements are records (1 for a root array, 2 in a records key, 3 in a page within a root array), 0 when none. */
  private recordsDepth = 0;
  /** Depth inside the object that may hold a records key: 1 for a root object, 2 for a page within a root array. */
  private pageDepth = 1;
  /** In an array of pages: the current element has begun (a scalar's later bytes are not new values). */
  private elementStarted = false;
  /** The element being captured (within the records array), or the root object (when it may be one record). */
  private capture: Capture | undefined;
  private captureIsRoot = false;
  /** At depth 1 of a root object: the key just read, waiting for its value. */
  private key: string | undefined;
  private keyStart = -1;
  private keyParts: string[] | undefined;
  private expectingKey = false;
  private sawRecordsArray = false;
  private nonArrayRecordsKey: string | undefined;
  private stopped = false;
  private valuesSeen = 0;

  constructor(
    private readonly sink: FramerSink,
    private readonly maxRecordBytes: number,
    private readonly options: { readonly pagesInArray?: boolean } = {},
  ) {}

  /** Inside the page object (a root object, or an element of an array of pages), where its keys are read. */
  private inPage(): boolean {
    return this.depth === this.pageDepth && this.stack[this.pageDepth - 1] === 0x7b;
  }

  push(buf: Buffer): void {
    if (this.stopped) return;
    const n = buf.length;
    if (this.capture) this.capture.start = 0;
    if (this.keyStart >= 0) this.keyStart = 0;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) {
          this.pendingBackslashes = trailingBackslashes(buf, i, n, this.pendingBackslashes);
          if (this.keyStart >= 0) (this.keyParts ??= []).push(buf.toString('utf8', this.keyStart, n));
          i = n;
          break;
        }
        let bs = 0;
        let k = q - 1;
        while (k >= i && buf[k] === BACKSLASH) {
          bs++;
          k--;
        }
        if (k < i) bs += this.pendingBackslashes;
        this.pendingBackslashes = 0;
        if (bs % 2 === 1) {
          i = q + 1;
          continue;
        }
        this.inString = false;
        if (this.keyStart >= 0) {
          this.key = (this.keyParts?.join('') ?? '') + buf.toString('utf8', this.keyStart, q);
          this.keyStart = -1;
          this.keyParts = undefined;
        }
        i = q + 1;
        continue;
      }
      const c = buf[i]!;
      switch (c) {
        case NL:
          this.line++;
          break;
        case 0x20:
        case 0x09:
        case 0x0d:
          break;
        case QUOTE:
          if (!this.beforeValue(buf, i, c)) return;
          this.inString = true;
          this.pendingBackslashes = 0;
          if (this.inPage() && this.expectingKey) {
            this.keyStart = i + 1;
            this.expectingKey = false;
          }
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (!this.beforeValue(buf, i, c)) return;
          this.stack[this.depth] = c;
          this.depth++;
          if (this.depth === this.pageDepth && c === 0x7b) this.expectingKey = true;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (this.depth === 0) {
            this.fail(`unexpected "${String.fromCharCode(c)}"`, i);
            return;
          }
          this.depth--;
          if (this.recordsDepth !== 0 && this.depth === this.recordsDepth - 1) {
            // The records array closed: finish its last element.
            this.endElement(buf, i);
            this.recordsDepth = 0;
          } else if (this.depth === 0 || this.depth === this.pageDepth - 1) this.endRoot(buf, i + 1);
          break;
        case 0x2c: // ,
          if (this.recordsDepth !== 0 && this.depth === this.recordsDepth) this.endElement(buf, i);
          if (this.inPage()) this.expectingKey = true;
          if (this.pageDepth === 2 && this.depth === 1) this.elementStarted = false;
          break;
        case 0x3a: // :
          break;
        default:
          if (!this.beforeValue(buf, i, c)) return;
      }
      i++;
    }
    this.saveCapture(buf, n);
    this.base += n;
  }

  end(): void {
    if (this.stopped) return;
    if (this.inString || this.depth > 0) {
      if (this.capture && this.recordsDepth !== 0 && this.depth === this.recordsDepth && !this.inString && this.capture.size > 0) {
        // A complete last element before a missing "]".
        this.emit(this.capture, Buffer.alloc(0), 0);
      }
      this.sink.problem({
        code: 'EVENTS_INPUT_TRUNCATED',
        reason: this.inString ? 'the input ends inside a string' : `the input ends inside ${this.depth} unclosed JSON value${this.depth > 1 ? 's' : ''}; the records before were kept`,
        line: this.capture?.line ?? this.line,
        offset: this.capture?.offset ?? this.base,
      });
    } else if (this.valuesSeen === 0) {
      this.sink.problem({ code: 'EVENTS_JSON_NOT_RECORDS', reason: 'the document holds no JSON value', line: 1, offset: 0 });
    }
  }

  /** Called at the first byte of any value, to open captures; false when reading must stop. */
  private beforeValue(buf: Buffer, i: number, c: number): boolean {
    if (this.depth === 0) {
      this.valuesSeen++;
      this.sawRecordsArray = false;
      this.nonArrayRecordsKey = undefined;
      this.pageDepth = 1;
      this.elementStarted = false;
      if (c === 0x5b) {
        if (this.options.pagesInArray) this.pageDepth = 2;
        else this.recordsDepth = 1;
      } else if (c === 0x7b) {
        this.capture = { pieces: [], size: 0, start: i, line: this.line, offset: this.base + i, tooLarge: false };
        this.captureIsRoot = true;
      } else {
        this.sink.problem({ code: 'EVENTS_JSON_NOT_RECORDS', reason: 'the JSON document is a bare value, not records (expected an array, or an object holding a Records/records/value/items array)', line: this.line, offset: this.base + i });
        this.stopped = true;
        return false;
      }
      return true;
    }
    if (this.pageDepth === 2 && this.depth === 1) {
      // An element of an array of pages: a page, or (without a records key) one record.
      if (this.elementStarted) return true;
      this.elementStarted = true;
      this.sawRecordsArray = false;
      this.nonArrayRecordsKey = undefined;
      this.key = undefined;
      if (c === 0x7b) {
        this.capture = { pieces: [], size: 0, start: i, line: this.line, offset: this.base + i, tooLarge: false };
        this.captureIsRoot = true;
      } else this.sink.problem({ code: 'EVENTS_JSON_NOT_RECORDS', reason: 'an element of the array of pages is not an object', line: this.line, offset: this.base + i });
      return true;
    }
    if (this.inPage() && this.key !== undefined && !this.inString) {
      // The value of a key of the page object.
      const key = this.key;
      this.key = undefined;
      if (RECORD_ARRAY_KEYS.has(key)) {
        if (c === 0x5b) {
          this.recordsDepth = this.pageDepth + 1;
          this.sawRecordsArray = true;
          if (this.captureIsRoot) {
            this.capture = undefined;
            this.captureIsRoot = false;
          }
          return true;
        }
        if (key === 'Records' || key === 'records') this.nonArrayRecordsKey = key;
      }
      return true;
    }
    if (this.recordsDepth !== 0 && this.depth === this.recordsDepth && !this.capture) {
      this.capture = { pieces: [], size: 0, start: i, line: this.line, offset: this.base + i, tooLarge: false };
      this.captureIsRoot = false;
    }
    return true;
  }

  private endElement(buf: Buffer, end: number): void {
    const cap = this.capture;
    if (!cap || this.captureIsRoot) return;
    this.capture = undefined;
    this.emit(cap, buf, end);
  }

  private endRoot(buf: Buffer, end: number): void {
    const cap = this.capture;
    if (this.captureIsRoot && cap) {
      this.capture = undefined;
      this.captureIsRoot = false;
      if (this.nonArrayRecordsKey !== undefined && !this.sawRecordsArray) {
        this.sink.problem({ code: 'EVENTS_JSON_NOT_RECORDS', reason: `"${this.nonArrayRecordsKey}" holds no array of records`, line: cap.line, offset: cap.offset });
        return;
      }
      this.emit(cap, buf, end);
    }
    this.recordsDepth = 0;
    this.expectingKey = false;
  }

  private emit(cap: Capture, buf: Buffer, end: number): void {
    const size = cap.size + Math.max(0, end - cap.start);
    if (cap.tooLarge || size > this.maxRecordBytes) {
      this.sink.problem({ code: 'EVENTS_RECORD_TOO_LARGE', reason: `the record is larger than maxRecordBytes (${this.maxRecordBytes} bytes)`, line: cap.line, offset: cap.offset });
      return;
    }
    const text = cap.pieces.length === 0 ? buf.toString('utf8', cap.start, end) : Buffer.concat([...cap.pieces, buf.subarray(cap.start, end)]).toString('utf8');
    this.sink.record({ text: text.trimEnd(), line: cap.line, offset: cap.offset });
  }

  /** At the end of a chunk, keep the open capture's bytes (or only count them once past the limit). */
  private saveCapture(buf: Buffer, n: number): void {
    const cap = this.capture;
    if (!cap) return;
    const len = n - cap.start;
    if (len <= 0) return;
    cap.size += len;
    if (cap.tooLarge) return;
    if (cap.size > this.maxRecordBytes) {
      cap.tooLarge = true;
      cap.pieces = [];
      return;
    }
    cap.pieces.push(buf.subarray(cap.start, n));
  }

  private fail(what: string, i: number): void {
    this.sink.problem({ code: 'EVENTS_PARSE_FAILED', reason: `not valid JSON at line ${this.line}: ${what}; the rest of the file was not read`, line: this.line, offset: this.base + i });
    this.stopped = true;
  }
}

function trailingBackslashes(buf: Buffer, from: number, to: number, carry: number): number {
  let k = to - 1;
  let n = 0;
  while (k >= from && buf[k] === BACKSLASH) {
    n++;
    k--;
  }
  return k < from ? n + carry : n;
}
