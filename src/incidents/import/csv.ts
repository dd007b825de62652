// A CSV reader after RFC 4180: comma-separated, fields optionally in double
// quotes, "" for a quote inside quotes, line breaks (LF or CRLF) allowed inside
// quoted fields. Each row carries the physical line it starts on, for reports.

export interface CsvRow {
  /** 1-based line where the row starts. */
  readonly line: number;
  readonly fields: string[];
  /** Set when the row is malformed (a quote in an unquoted field, text after a closing quote, an unclosed quote). */
  readonly error?: string;
}

/** Parses CSV text into rows; never throws, malformed rows carry `error`. Empty lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = '';
    let endOfRow = false;
    // Skip blank lines between rows.
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    while (!endOfRow) {
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const chunk = text.slice(i, q < 0 ? n : q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          field += chunk;
          if (q < 0) {
            i = n;
            break;
          }
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) error ??= 'a quoted field is not closed before the end of the file';
        // After a closing quote only a separator or the end of the row may follow.
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          error ??= 'text follows a closing quote';
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        }
      } else {
        const from = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') error ??= 'a quote inside an unquoted field';
          i++;
        }
        field = text.slice(from, i);
      }
      fields.push(field);
      field = '';
      if (i >= n) endOfRow = true;
      else if (text[i] === ',') i++;
      else if (text[i] === '\r' && text[i + 1] === '\n') {
        i += 2;
        line++;
        endOfRow = true;
      } else if (text[i] === '\n') {
        i++;
        line++;
        endOfRow = true;
      } else if (text[i] === '\r') {
        i++;
        endOfRow = true;
      }
    }
    rows.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return rows;
}
