import { describe, expect, it } from 'vitest';
import { JsonDocumentFramer, type FrameProblem, type FramedRecord } from './json-framer.js';

/** Frames `text`, fed in chunks of `chunk` bytes (1 = byte by byte). */
function frame(text: string | Buffer, chunk = 1 << 20, max = 1 << 20): { records: FramedRecord[]; problems: FrameProblem[] } {
  const records: FramedRecord[] = [];
  const problems: FrameProblem[] = [];
  const f = new JsonDocumentFramer({ record: (r) => records.push(r), problem: (p) => problems.push(p) }, max);
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunk) f.push(buf.subarray(i, i + chunk));
  f.end();
  return { records, problems };
}

const TRICKY = '{"a":"x\\"}],{[\\\\","n":[1,{"b":"]"}]}';

describe('the JSON document framer', () => {
  it.each([1, 3, 7, 4096])('cuts a CloudTrail {"Records":[...]} file into records, in chunks of %i bytes', (chunk) => {
    const doc = `{"Records":[${TRICKY},\n {"eventName":"GetObject"} ,{"x":[]}]}`;
    const { records, problems } = frame(doc, chunk);
    expect(problems).toEqual([]);
    expect(records.map((r) => JSON.parse(r.text))).toEqual([JSON.parse(TRICKY), { eventName: 'GetObject' }, { x: [] }]);
    expect(records[1]).toMatchObject({ line: 2 });
  });

  it('reads a top-level array, pretty-printed, with line numbers', () => {
    const doc = '[\n  {\n    "a": 1\n  },\n  {\n    "a": 2\n  }\n]\n';
    const { records } = frame(doc, 5);
    expect(records.map((r) => [JSON.parse(r.text), r.line])).toEqual([
      [{ a: 1 }, 2],
      [{ a: 2 }, 5],
    ]);
  });

  it('reads one object as one record, and several concatenated objects one by one', () => {
    expect(frame('{"eventName":"A","n":{"x":[1,2]}}').records.map((r) => JSON.parse(r.text))).toEqual([{ eventName: 'A', n: { x: [1, 2] } }]);
    expect(frame('{"a":1}\n{"a":2}\n').records.map((r) => JSON.parse(r.text))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('streams the records of Graph (value) and Reports API (items) pages', () => {
    expect(frame('{"@odata.context":"x","value":[{"id":"1"},{"id":"2"}],"@odata.nextLink":"y"}').records).toHaveLength(2);
    expect(frame('{"kind":"admin#reports#activities","items":[{"id":{"time":"t"}}],"nextPageToken":"p"}').records).toHaveLength(1);
  });

  it.each([1, 5, 4096])('with pagesInArray, streams the items of each page of a top-level array, in chunks of %i bytes', (chunk) => {
    const doc = `[\n{"kind":"admin#reports#activities","etag":"\\"e\\"","items":[${TRICKY},\n{"a":2}],"nextPageToken":"p"},\n{"etag":"f","items":[{"a":3}]},\n{"a":4}, 7\n]`;
    const records: FramedRecord[] = [];
    const problems: FrameProblem[] = [];
    const f = new JsonDocumentFramer({ record: (r) => records.push(r), problem: (p) => problems.push(p) }, 1 << 20, { pagesInArray: true });
    const buf = Buffer.from(doc);
    for (let i = 0; i < buf.length; i += chunk) f.push(buf.subarray(i, i + chunk));
    f.end();
    expect(records.map((r) => JSON.parse(r.text))).toEqual([JSON.parse(TRICKY), { a: 2 }, { a: 3 }, { a: 4 }]);
    expect(records.map((r) => [r.line, r.offset])).toEqual([2, 3, 4, 5].map((line, n) => [line, doc.indexOf(['{"a":"x', '{"a":2}', '{"a":3}', '{"a":4}'][n]!)]));
    expect(problems).toEqual([expect.objectContaining({ code: 'EVENTS_JSON_NOT_RECORDS', line: 5, offset: doc.indexOf(' 7') + 1 })]);
  });

  it('says EVENTS_JSON_NOT_RECORDS for a bare value and for a Records key that holds no array', () => {
    expect(frame('42').problems.map((p) => p.code)).toEqual(['EVENTS_JSON_NOT_RECORDS']);
    expect(frame('"hello"').problems.map((p) => p.code)).toEqual(['EVENTS_JSON_NOT_RECORDS']);
    const r = frame('{"Records":{"eventName":"GetObject"}}');
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'EVENTS_JSON_NOT_RECORDS', reason: expect.stringContaining('Records') })]);
  });

  it('keeps the records before a truncation and reports where the cut record starts', () => {
    const r = frame('{"Records":[{"a":1},\n{"a":2},\n{"a":3,"b":"unfinish');
    expect(r.records.map((x) => JSON.parse(x.text))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'EVENTS_INPUT_TRUNCATED', line: 3 })]);
  });

  it('keeps a complete last record when only the closing brackets are missing', () => {
    const r = frame('[{"a":1},{"a":2}');
    expect(r.records).toHaveLength(2);
    expect(r.problems.map((p) => p.code)).toEqual(['EVENTS_INPUT_TRUNCATED']);
  });

  it('skips a record past the limit without holding it, and goes on', () => {
    const big = `{"pad":"${'x'.repeat(5000)}"}`;
    const r = frame(`[{"a":1},${big},{"a":2}]`, 100, 1000);
    expect(r.records.map((x) => JSON.parse(x.text))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'EVENTS_RECORD_TOO_LARGE', offset: 9 })]);
  });

  it('stops with EVENTS_PARSE_FAILED at a stray closing bracket', () => {
    expect(frame(']').problems.map((p) => p.code)).toEqual(['EVENTS_PARSE_FAILED']);
  });
});
