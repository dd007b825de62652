import { describe, expect, it } from 'vitest';
import { LineFramer } from './line-framer.js';

function lines(text: string, chunk: number, max = 100): { got: Array<[string, number, number]>; long: Array<[number, number]> } {
  const got: Array<[string, number, number]> = [];
  const long: Array<[number, number]> = [];
  const f = new LineFramer({ line: (t, l, o) => got.push([t, l, o]), tooLong: (l, _o, b) => long.push([l, b]) }, max);
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunk) f.push(buf.subarray(i, i + chunk));
  f.end();
  return { got, long };
}

describe('the line framer', () => {
  it.each([1, 2, 5, 1000])('splits LF and CRLF lines with numbers and byte offsets (chunks of %i)', (chunk) => {
    expect(lines('ab\r\ncd\n\nef', chunk).got).toEqual([
      ['ab', 1, 0],
      ['cd', 2, 4],
      ['ef', 4, 8],
    ]);
  });

  it('decodes UTF-8 split across chunks', () => {
    expect(lines('数据外泄\n', 1).got[0]?.[0]).toBe('数据外泄');
  });

  it('reports a line past the limit with its number and length, and reads on', () => {
    const r = lines(`ok\n${'x'.repeat(250)}\nnext\n`, 16, 100);
    expect(r.got.map((g) => g[0])).toEqual(['ok', 'next']);
    expect(r.long).toEqual([[2, 250]]);
  });
});
