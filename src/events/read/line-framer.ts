// Splits a byte stream into lines without holding more than one line: a line
// past maxRecordBytes is skipped as it streams by and reported with its number.
// Lines are decoded as UTF-8 (the reader has normalised the encoding already).

export interface LineSink {
  line(text: string, line: number, offset: number): void;
  tooLong(line: number, offset: number, bytes: number): void;
}

const NL = 0x0a;
const CR = 0x0d;

export class LineFramer {
  private pieces: Buffer[] = [];
  private size = 0;
  private skipping = false;
  private lineNo = 1;
  /** Byte offset of the current line's start. */
  private lineStart = 0;
  private base = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxBytes: number,
  ) {}

  push(buf: Buffer): void {
    let start = 0;
    const n = buf.length;
    for (;;) {
      const nl = buf.indexOf(NL, start);
      if (nl < 0) {
        const rest = n - start;
        if (rest > 0) {
          if (this.skipping) this.size += rest;
          else if (this.size + rest > this.maxBytes) {
            this.skipping = true;
            this.size += rest;
            this.pieces = [];
          } else {
            this.pieces.push(buf.subarray(start, n));
            this.size += rest;
          }
        }
        this.base += n;
        return;
      }
      this.finishLine(buf, start, nl);
      start = nl + 1;
      this.lineStart = this.base + start;
    }
  }

  end(): void {
    if (this.size > 0 || this.skipping) this.finishLine(Buffer.alloc(0), 0, 0);
  }

  private finishLine(buf: Buffer, start: number, end: number): void {
    const total = this.size + (end - start);
    if (this.skipping || total > this.maxBytes) {
      this.sink.tooLong(this.lineNo, this.lineStart, total);
    } else {
      let e = end;
      if (e > start && buf[e - 1] === CR) e--;
      let text: string;
      if (this.pieces.length === 0) text = buf.toString('utf8', start, e);
      else {
        const whole = Buffer.concat([...this.pieces, buf.subarray(start, end)]);
        const last = whole.length > 0 && whole[whole.length - 1] === CR ? whole.length - 1 : whole.length;
        text = whole.toString('utf8', 0, last);
      }
      if (text.length > 0) this.sink.line(text, this.lineNo, this.lineStart);
    }
    this.pieces = [];
    this.size = 0;
    this.skipping = false;
    this.lineNo++;
  }
}
