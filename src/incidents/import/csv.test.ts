import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

describe('the CSV reader (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps the starting line', () => {
    const text = '"a","b","c"\r\n"1","say ""hi""","x, y"\r\n"2","line one\r\nline two","z"\r\n3,plain,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'say "hi"', 'x, y'] },
      { line: 3, fields: ['2', 'line one\r\nline two', 'z'] },
      { line: 5, fields: ['3', 'plain', ''] },
    ]);
  });

  it('skips blank lines and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\n\n\nc,d')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('marks malformed rows instead of throwing, and reads on', () => {
    const rows = parseCsv('a,b"c\n"x"y,z\nok,1\n"open,2\n');
    expect(rows[0]).toMatchObject({ line: 1, error: 'a quote inside an unquoted field' });
    expect(rows[1]).toMatchObject({ line: 2, error: 'text follows a closing quote' });
    expect(rows[2]).toEqual({ line: 3, fields: ['ok', '1'] });
    expect(rows[3]).toMatchObject({ line: 4, error: 'a quoted field is not closed before the end of the file' });
  });
});
