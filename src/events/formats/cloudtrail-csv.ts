// The flattened CloudTrail CSV some tools export (OTRF's honey-bucket capture):
// CloudTrail fields as columns, nested objects as Python dict literals. Each row
// becomes a CloudTrail-shaped object for the CloudTrail parser.
import { isRecord, str, type Rec } from './fields.js';

/** Header names that mark this export (lower-cased). */
export const CLOUDTRAIL_CSV_HEADERS = ['event name', 'event id', 'user id'];

/**
 * Parses a Python literal (dict, list, tuple, str, int, float, True/False/None)
 * into a JSON value; undefined when the text is not one. Bounded: no recursion
 * deeper than 64.
 */
export function parsePythonLiteral(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError('not a Python literal');
  };
  const value = (depth: number): unknown => {
    if (depth > 64) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Rec = {};
      ws();
      if (text[i] === '}') return (i++, out);
      for (;;) {
        const k = value(depth + 1);
        ws();
        if (text[i++] !== ':') fail();
        out[String(k)] = value(depth + 1);
        ws();
        const d = text[i++];
        if (d === '}') return out;
        if (d !== ',') fail();
        ws();
        if (text[i] === '}') return (i++, out);
      }
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === close) return (i++, out);
      for (;;) {
        out.push(value(depth + 1));
        ws();
        const d = text[i++];
        if (d === close) return out;
        if (d !== ',') fail();
        ws();
        if (text[i] === close) return (i++, out);
      }
    }
    if (c === "'" || c === '"') {
      i++;
      let s = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          const e = text[i + 1]!;
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
        } else s += text[i++];
      }
      if (text[i++] !== c) fail();
      return s;
    }
    const m = /^(True|False|None|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) return fail();
    i += m[1]!.length;
    return m[1] === 'True' ? true : m[1] === 'False' ? false : m[1] === 'None' ? null : Number(m[1]);
  };
  try {
    const v = value(0);
    ws();
    return i === text.length ? v : undefined;
  } catch {
    return undefined;
  }
}

function column(row: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [k, v] of Object.entries(row)) if (k.trim().toLowerCase() === name) return v;
  return undefined;
}

/** A row of the flattened export as a CloudTrail record. */
export function cloudTrailCsvRecord(row: Readonly<Record<string, string>>): Rec {
  const ui = parsePythonLiteral(column(row, 'user id') ?? '');
  const rp = parsePythonLiteral(column(row, 'request parameters') ?? '');
  const out: Rec = {
    eventType: str(column(row, 'event type')),
    eventName: str(column(row, 'event name')),
    requestID: str(column(row, 'request id')),
    eventID: str(column(row, 'event id')),
    eventTime: str(column(row, 'event datetime')) ?? str(column(row, 'event time')),
    sourceIPAddress: str(column(row, 'source ip')),
    userAgent: str(column(row, 'request user agent')),
    userIdentity: isRecord(ui) ? ui : undefined,
    requestParameters: isRecord(rp) ? rp : undefined,
  };
  if (str(column(row, 'event source'))) out['eventSource'] = column(row, 'event source');
  else if (isRecord(rp) && typeof rp['bucketName'] === 'string') out['eventSource'] = 's3.amazonaws.com';
  return out;
}
