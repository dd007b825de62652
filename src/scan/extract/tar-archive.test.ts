import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractLimits } from './index.js';
import { extractFromDisk, makeTar, tempDir, utf8, type CollectingSink } from './test-support.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const extract = (name: string, bytes: Uint8Array, over: Partial<ExtractLimits> = {}): Promise<CollectingSink> => extractFromDisk(dir, name, bytes, over);

const files = [
  { name: 'logs/app.log', content: 'user=zhang phone=13800138000\n' },
  { name: 'people.csv', content: 'name,id\nZhang,110105194912310021\n' },
  { name: 'notes.txt', content: 'x'.repeat(5000) },
];

describe('tar archives', () => {
  it('delivers regular files with `!` paths, by content whatever the name', async () => {
    const sink = await extract('backup.bin', await makeTar(files));
    expect(sink.documents.map((d) => [d.path, d.format, d.text])).toEqual([
      ['backup.bin!logs/app.log', 'text', files[0]?.content],
      ['backup.bin!people.csv', 'csv', files[1]?.content],
      ['backup.bin!notes.txt', 'text', files[2]?.content],
    ]);
    expect(sink.issues).toEqual([]);
  });

  it('reads a gzipped tar as one level (`logs.tar.gz!member`)', async () => {
    for (const name of ['logs.tar.gz', 'logs.tgz']) {
      const sink = await extract(name, gzipSync(await makeTar(files)));
      expect(sink.paths()).toEqual([`${name}!logs/app.log`, `${name}!people.csv`, `${name}!notes.txt`]);
    }
  });

  it('opens archives inside a tar.gz', async () => {
    const tar = await makeTar([{ name: 'inner.zip', content: zipSync({ 'deep.txt': utf8('deep 13800138000') }) }]);
    const sink = await extract('a.tar.gz', gzipSync(tar));
    expect(sink.documents.map((d) => [d.path, d.text])).toEqual([['a.tar.gz!inner.zip!deep.txt', 'deep 13800138000']]);
  });

  it('counts a tar.gz as one level of maxArchiveDepth', async () => {
    const tar = await makeTar([{ name: 'top.txt', content: 'top' }, { name: 'inner.zip', content: zipSync({ 'deep.txt': utf8('deep') }) }]);
    const sink = await extract('a.tar.gz', gzipSync(tar), { maxArchiveDepth: 1 });
    expect(sink.paths()).toEqual(['a.tar.gz!top.txt']);
    expect(sink.issues.map((i) => [i.path, i.code])).toEqual([['a.tar.gz!inner.zip', 'SCAN_ARCHIVE_TOO_DEEP']]);
  });
});

describe('when a tar is damaged', () => {
  it('reports SCAN_ARCHIVE_CORRUPT for a truncated tar after delivering the members before', async () => {
    const tar = await makeTar(files);
    const sink = await extract('cut.tar', tar.subarray(0, 512 * 6)); // inside notes.txt
    expect(sink.text('cut.tar!logs/app.log')).toBe(files[0]?.content);
    expect(sink.text('cut.tar!people.csv')).toBe(files[1]?.content);
    expect(sink.issues).toEqual([{ path: 'cut.tar', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });

  it('reports SCAN_ARCHIVE_CORRUPT for a damaged header after delivering the members before', async () => {
    const tar = (await makeTar(files)).slice();
    tar.fill(0x41, 512 * 4, 512 * 5); // the third member's header
    const sink = await extract('bad.tar', tar);
    expect(sink.paths()).toEqual(['bad.tar!logs/app.log', 'bad.tar!people.csv']);
    expect(sink.issues).toEqual([{ path: 'bad.tar', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });

  it('reports SCAN_ARCHIVE_CORRUPT at the .tar.gz for a truncated gzip under the tar, members before delivered', async () => {
    const big = { name: 'big.txt', content: 'y'.repeat(300_000) };
    const gz = gzipSync(await makeTar([files[0] as { name: string; content: string }, big]), { level: 0 });
    const sink = await extract('cut.tar.gz', gz.subarray(0, gz.length - 100_000));
    expect(sink.text('cut.tar.gz!logs/app.log')).toBe(files[0]?.content);
    expect(sink.issues).toEqual([{ path: 'cut.tar.gz', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });
});
