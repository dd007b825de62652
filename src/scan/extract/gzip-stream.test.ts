import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractLimits } from './index.js';
import { extractFromDisk, tempDir, utf8, type CollectingSink } from './test-support.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const extract = (name: string, bytes: Uint8Array, over: Partial<ExtractLimits> = {}): Promise<CollectingSink> => extractFromDisk(dir, name, bytes, over);

describe('gzip files', () => {
  it('delivers the inflated text as a member named without .gz', async () => {
    const sink = await extract('people.csv.gz', gzipSync('name,phone\nZhang,13800138000\n'));
    expect(sink.documents).toEqual([{ path: 'people.csv.gz!people.csv', format: 'csv', encoding: 'utf-8', text: 'name,phone\nZhang,13800138000\n', chunkCount: 1 }]);
  });

  it('reads concatenated gzip members as one stream', async () => {
    const sink = await extract('log.gz', Buffer.concat([gzipSync('part one\n'), gzipSync('part two\n')]));
    expect(sink.text('log.gz!log')).toBe('part one\npart two\n');
  });

  it('opens a gzip inside a zip', async () => {
    const sink = await extract('a.zip', zipSync({ 'dump.sql.gz': [gzipSync("insert into t values ('13800138000');\n"), { level: 0 }] }));
    expect(sink.paths()).toEqual(['a.zip!dump.sql.gz!dump.sql']);
  });

  it('streams a large gzipped text in chunks', async () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `line ${i} phone 138${String(i * 7919).padStart(8, '0')}\n`).join('');
    const sink = await extract('big.log.gz', gzipSync(text), { chunkChars: 64 * 1024 });
    expect(sink.text('big.log.gz!big.log')).toBe(text);
    expect(sink.documents[0]?.chunkCount).toBeGreaterThan(60);
  });
});

describe('when a gzip is damaged', () => {
  it('delivers the text before a truncation and reports SCAN_ARCHIVE_CORRUPT at the .gz', async () => {
    const text = 'z'.repeat(200_000);
    const gz = gzipSync(text, { level: 0 });
    const sink = await extract('cut.txt.gz', gz.subarray(0, 100_000));
    const got = sink.text('cut.txt.gz!cut.txt') ?? '';
    expect(got.length).toBeGreaterThan(50_000);
    expect(text.startsWith(got)).toBe(true);
    expect(sink.issues).toEqual([{ path: 'cut.txt.gz', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });

  it('reports SCAN_ARCHIVE_CORRUPT for a gzip header followed by garbage, and a sibling in the same zip is still read', async () => {
    const zip = zipSync({ 'bad.gz': new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]), 'ok.txt': utf8('fine') });
    const sink = await extract('mixed.zip', zip);
    expect(sink.paths()).toEqual(['mixed.zip!ok.txt']);
    expect(sink.issues).toEqual([{ path: 'mixed.zip!bad.gz', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });
});

describe('gzip bombs', () => {
  it('stops at maxCompressionRatio with SCAN_DECOMPRESSION_LIMIT, a sibling still read', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a'), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const zip = zipSync({ 'bomb.txt.gz': [bomb, { level: 0 }], 'after.txt': utf8('after') });
    const sink = await extract('b.zip', zip);
    expect(sink.issues).toEqual([{ path: 'b.zip!bomb.txt.gz', code: 'SCAN_DECOMPRESSION_LIMIT', message: expect.any(String) }]);
    expect((sink.text('b.zip!bomb.txt.gz!bomb.txt') ?? '').length).toBeLessThan(20 * 1024 * 1024);
    expect(sink.text('b.zip!after.txt')).toBe('after');
  });
});
