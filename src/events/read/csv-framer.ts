// CSV records from lines (RFC 4180: "quoted" fields, "" for a quote, line
// breaks inside quotes). The first record is the header; each later record is
// handed on as a header → value object with the record's text.

export interface CsvSink {
  row(row: Record<string, string>, text: string, line: number): void;
  problem(code: 'EVENTS_RECORD_TOO_LARGE' | 'EVENTS_INPUT_TRUNCATED' | 'EVENTS_PARSE_FAILED', reason: string, line: number): void;
}

/** Splits one CSV record into fields. */
export function splitCsv(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          s += text.slice(i);
          i = n;
          break;
        }
        s += text.slice(i, q);
        if (text[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the comma is kept, as spreadsheets do.
      const comma = text.indexOf(',', i);
      s += text.slice(i, comma < 0 ? n : comma);
      out.push(s);
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      out.push(text.slice(i, comma < 0 ? n : comma));
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

function quotesBalanced(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count++;
  return count % 2 === 0;
}

export class CsvFramer {
  private header: string[] | undefined;
  private pending: string | undefined;
  private pendingLine = 0;

  constructor(
    private readonly sink: CsvSink,
    private readonly maxChars: number,
  ) {}

  line(text: string, line: number): void {
    const joined = this.pending === undefined ? text : `${this.pending}\n${text}`;
    const start = this.pending === undefined ? line : this.pendingLine;
    if (!quotesBalanced(joined)) {
      if (joined.length > this.maxChars) {
        this.sink.problem('EVENTS_RECORD_TOO_LARGE', `the CSV record is larger than maxRecordBytes (${this.maxChars})`, start);
        this.pending = undefined;
        return;
      }
      this.pending = joined;
      this.pendingLine = start;
      return;
    }
    this.pending = undefined;
    if (joined.trim() === '') return;
    const fields = splitCsv(joined);
    if (!this.header) {
      this.header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
      return;
    }
    if (fields.length > this.header.length + 1) {
      this.sink.problem('EVENTS_PARSE_FAILED', `the CSV row has ${fields.length} fields; the header has ${this.header.length}`, start);
      return;
    }
    const row: Record<string, string> = {};
    this.header.forEach((h, i) => {
      row[h] = fields[i] ?? '';
    });
    this.sink.row(row, joined, start);
  }

  end(): void {
    if (this.pending !== undefined) this.sink.problem('EVENTS_INPUT_TRUNCATED', 'the input ends inside a quoted CSV field', this.pendingLine);
  }
}
