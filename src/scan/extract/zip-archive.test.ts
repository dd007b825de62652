import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, extractBytes, extractFile, type ExtractLimits } from './index.js';
import { collectingSink, patchZipMember, tempDir, utf8, type CollectingSink } from './test-support.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const limits = (over: Partial<ExtractLimits> = {}): ExtractLimits => ({ ...DEFAULT_LIMITS, ...over });

async function extractZip(name: string, zip: Uint8Array, over: Partial<ExtractLimits> = {}): Promise<CollectingSink> {
  const file = join(dir, name);
  await writeFile(file, zip);
  const sink = collectingSink();
  await extractFile(file, `data/${name}`, limits(over), sink);
  return sink;
}

/** A zip nesting `depth` zips: level n holds `level-n.txt` and the next zip. */
function nestedZip(depth: number): Uint8Array {
  let inner: Uint8Array = zipSync({ 'level-deepest.txt': utf8('deepest 13800138000') });
  for (let n = depth - 1; n >= 1; n--) inner = zipSync({ [`level-${n}.txt`]: utf8(`level ${n}`), [`z${n + 1}.zip`]: inner });
  return inner;
}

describe('zip archives', () => {
  it('delivers members in order with `!` paths, skipping directories and __MACOSX', async () => {
    const zip = zipSync({
      'docs/': new Uint8Array(0),
      'docs/a.csv': utf8('name,phone\nZhang,13800138000\n'),
      '__MACOSX/docs/._a.csv': new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
      'b.txt': [utf8('stored text'), { level: 0 }],
    });
    const sink = await extractZip('export.zip', zip);
    expect(sink.documents.map((d) => [d.path, d.format, d.text])).toEqual([
      ['data/export.zip!docs/a.csv', 'csv', 'name,phone\nZhang,13800138000\n'],
      ['data/export.zip!b.txt', 'text', 'stored text'],
    ]);
    expect(sink.issues).toEqual([]);
  });

  it('opens zips inside zips', async () => {
    const sink = await extractZip('outer.zip', nestedZip(3));
    expect(sink.paths()).toEqual([
      'data/outer.zip!level-1.txt',
      'data/outer.zip!z2.zip!level-2.txt',
      'data/outer.zip!z2.zip!z3.zip!level-deepest.txt',
    ]);
    expect(sink.text('data/outer.zip!z2.zip!z3.zip!level-deepest.txt')).toBe('deepest 13800138000');
  });

  it('is found by content, whatever the name', async () => {
    const sink = await extractZip('backup.dat', zipSync({ 'x.txt': utf8('hello') }));
    expect(sink.paths()).toEqual(['data/backup.dat!x.txt']);
  });

  it('decodes GBK member names written without the UTF-8 flag', async () => {
    // 中文 in GBK is D6D0 CEC4: as long as `abcd`, so the name can be swapped in place.
    const zip = zipSync({ 'abcd.txt': utf8('x') });
    const patched = Buffer.from(zip);
    for (let p = patched.indexOf('abcd.txt'); p >= 0; p = patched.indexOf('abcd.txt', p + 1)) patched.set([0xd6, 0xd0, 0xce, 0xc4], p);
    const sink = await extractZip('names.zip', patched);
    expect(sink.paths()).toEqual(['data/names.zip!中文.txt']);
  });

  it('reads members whose sizes follow their data (data descriptors)', async () => {
    const sink = await extractZip('streamed.zip', streamedZip({ 'one.txt': 'first 13800138000', 'two.txt': 'second' }));
    expect(sink.documents.map((d) => [d.path, d.text])).toEqual([
      ['data/streamed.zip!one.txt', 'first 13800138000'],
      ['data/streamed.zip!two.txt', 'second'],
    ]);
  });

  it('reads an empty archive as nothing, without issue', async () => {
    const sink = await extractZip('empty.zip', zipSync({}));
    expect(sink.documents).toEqual([]);
    expect(sink.issues).toEqual([]);
  });
});

describe('when a zip nests past maxArchiveDepth', () => {
  it('reports SCAN_ARCHIVE_TOO_DEEP for the inner zip and keeps scanning its siblings', async () => {
    const sink = await extractZip('bomb.zip', nestedZip(7), { maxArchiveDepth: 3 });
    expect(sink.paths()).toEqual([
      'data/bomb.zip!level-1.txt',
      'data/bomb.zip!z2.zip!level-2.txt',
      'data/bomb.zip!z2.zip!z3.zip!level-3.txt',
    ]);
    expect(sink.issues).toEqual([{ path: 'data/bomb.zip!z2.zip!z3.zip!z4.zip', code: 'SCAN_ARCHIVE_TOO_DEEP', message: expect.any(String) }]);
  });
});

describe('when a member cannot be scanned', () => {
  it('skips a binary member with SCAN_BINARY_SKIPPED at its path and delivers the others', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const sink = await extractZip('photos.zip', zipSync({ 'a.png': png, 'caption.txt': utf8('Zhang San 13800138000') }));
    expect(sink.issues).toEqual([{ path: 'data/photos.zip!a.png', code: 'SCAN_BINARY_SKIPPED', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['data/photos.zip!caption.txt']);
  });

  it('refuses to hold a nested archive larger than maxMemberBytes, SCAN_FILE_TOO_LARGE, and delivers the others', async () => {
    const inner = zipSync({ 'x.txt': [utf8('x'.repeat(5000)), { level: 0 }] });
    const sink = await extractZip('outer.zip', zipSync({ 'inner.zip': inner, 'after.txt': utf8('after') }), { maxMemberBytes: 4096 });
    expect(sink.issues).toEqual([{ path: 'data/outer.zip!inner.zip', code: 'SCAN_FILE_TOO_LARGE', message: expect.stringContaining('maxMemberBytes') }]);
    expect(sink.paths()).toEqual(['data/outer.zip!after.txt']);
  });

  it('streams a plain-text member larger than maxMemberBytes', async () => {
    const sink = await extractZip('logs.zip', zipSync({ 'big.log': utf8('y'.repeat(10_000)) }), { maxMemberBytes: 4096 });
    expect(sink.text('data/logs.zip!big.log')?.length).toBe(10_000);
    expect(sink.issues).toEqual([]);
  });
});

describe('when a member is encrypted', () => {
  it('reports SCAN_ARCHIVE_ENCRYPTED for that member and delivers the others', async () => {
    const zip = patchZipMember(zipSync({ 'a.txt': utf8('A'), 'secret.txt': utf8('S'), 'c.txt': utf8('C') }), 'secret.txt', { orFlags: 1 });
    const sink = await extractZip('enc.zip', zip);
    expect(sink.paths()).toEqual(['data/enc.zip!a.txt', 'data/enc.zip!c.txt']);
    expect(sink.issues).toEqual([{ path: 'data/enc.zip!secret.txt', code: 'SCAN_ARCHIVE_ENCRYPTED', message: expect.any(String) }]);
  });

  it('treats WinZip AES (method 99) as encrypted', async () => {
    const zip = patchZipMember(zipSync({ 'aes.txt': utf8('S'), 'b.txt': utf8('B') }), 'aes.txt', { method: 99 });
    const sink = await extractZip('aes.zip', zip);
    expect(sink.paths()).toEqual(['data/aes.zip!b.txt']);
    expect(sink.issues.map((i) => [i.path, i.code])).toEqual([['data/aes.zip!aes.txt', 'SCAN_ARCHIVE_ENCRYPTED']]);
  });
});

describe('when a member uses an unsupported compression method', () => {
  it('skips it with SCAN_BINARY_SKIPPED and delivers the others', async () => {
    const zip = patchZipMember(zipSync({ 'lzma.txt': utf8('L'), 'b.txt': utf8('B') }), 'lzma.txt', { method: 14 });
    const sink = await extractZip('m.zip', zip);
    expect(sink.paths()).toEqual(['data/m.zip!b.txt']);
    expect(sink.issues).toEqual([{ path: 'data/m.zip!lzma.txt', code: 'SCAN_BINARY_SKIPPED', message: expect.stringContaining('method 14') }]);
  });
});

describe('when the zip is damaged', () => {
  const three = (): Uint8Array => zipSync({
    'one.txt': utf8('first 13800138000'),
    'two.txt': utf8('second '.repeat(100)),
    'three.txt': utf8('third '.repeat(2000)),
  });

  it('reports SCAN_ARCHIVE_CORRUPT after delivering the members before a truncation', async () => {
    const zip = three();
    const cut = Buffer.from(zip).indexOf('three.txt') + 60; // inside the third member's data
    const sink = await extractZip('cut.zip', zip.subarray(0, cut));
    expect(sink.text('data/cut.zip!one.txt')).toBe('first 13800138000');
    expect(sink.text('data/cut.zip!two.txt')).toBe('second '.repeat(100));
    expect(sink.issues.map((i) => i.code)).toContain('SCAN_ARCHIVE_CORRUPT');
    expect(sink.issues.every((i) => i.path.startsWith('data/cut.zip'))).toBe(true);
  });

  it('salvages members with data descriptors when the central directory is gone', async () => {
    const zip = streamedZip({ 'one.txt': 'first', 'two.txt': 'second', 'three.txt': 'third' });
    const cd = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), Buffer.from(zip).indexOf('three.txt'));
    const sink = await extractZip('nocd.zip', zip.subarray(0, Buffer.from(zip).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))));
    expect(cd).toBeLessThan(0);
    expect(sink.documents.map((d) => d.text)).toEqual(['first', 'second', 'third']);
    expect(sink.issues).toEqual([{ path: 'data/nocd.zip', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });

  it('reports SCAN_ARCHIVE_CORRUPT for a member whose data is invalid and delivers its siblings', async () => {
    const zip = Buffer.from(three());
    const start = zip.indexOf('two.txt') + 'two.txt'.length; // local header name ends where data starts (no extra field)
    zip[start] = 0xff; // an invalid deflate block type
    zip[start + 1] = 0xff;
    const sink = await extractZip('bad.zip', zip);
    expect(sink.text('data/bad.zip!one.txt')).toBe('first 13800138000');
    expect(sink.text('data/bad.zip!three.txt')).toBe('third '.repeat(2000));
    expect(sink.issues).toEqual([{ path: 'data/bad.zip!two.txt', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });

  it('reports SCAN_ARCHIVE_CORRUPT for bytes that only start like a zip', async () => {
    const sink = await extractZip('junk.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(10, 0xee)]));
    expect(sink.documents).toEqual([]);
    expect(sink.issues).toEqual([{ path: 'data/junk.zip', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
  });
});

describe('zip bombs', () => {
  const mb = 1024 * 1024;

  it('stops a text member inflating past maxCompressionRatio with SCAN_DECOMPRESSION_LIMIT, and goes on', async () => {
    const zip = zipSync({ 'bomb.txt': [new Uint8Array(50 * mb).fill(0x61), { level: 9 }], 'after.txt': utf8('still scanned') });
    expect(zip.length).toBeLessThan(200 * 1024);
    let delivered = 0;
    const sink = collectingSink();
    const counting = { ...sink, async document(doc: Parameters<typeof sink.document>[0]) {
      for await (const c of doc.chunks) delivered += c.length;
      sink.documents.push({ path: doc.path, format: doc.format, encoding: doc.encoding, text: '', chunkCount: 0 });
    } };
    await writeFile(join(dir, 'bomb.zip'), zip);
    await extractFile(join(dir, 'bomb.zip'), 'bomb.zip', limits({ maxCompressionRatio: 100 }), counting);
    expect(sink.issues).toEqual([{ path: 'bomb.zip!bomb.txt', code: 'SCAN_DECOMPRESSION_LIMIT', message: expect.stringContaining('100 times') }]);
    expect(delivered).toBeLessThan(20 * mb);
    expect(sink.paths()).toContain('bomb.zip!after.txt');
  });

  it('stops a zero-filled bomb at its first inflate step, and goes on', async () => {
    const zip = zipSync({ 'zeros.bin': [new Uint8Array(50 * mb), { level: 9 }], 'after.txt': utf8('x') });
    const sink = await extractZip('zeros.zip', zip);
    expect(sink.issues).toEqual([{ path: 'data/zeros.zip!zeros.bin', code: 'SCAN_DECOMPRESSION_LIMIT', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['data/zeros.zip!after.txt']);
  });

  it('stops the whole file at maxDecompressedBytes, skipping the members after', async () => {
    const zip = zipSync({ 'a.txt': randomText(3 * mb, 1), 'b.txt': randomText(3 * mb, 2), 'c.txt': randomText(3 * mb, 3) });
    const sink = await extractZip('total.zip', zip, { maxDecompressedBytes: 5 * mb });
    expect(sink.paths()).toEqual(['data/total.zip!a.txt', 'data/total.zip!b.txt']);
    expect(sink.text('data/total.zip!a.txt')?.length).toBe(3 * mb);
    expect(sink.text('data/total.zip!b.txt')?.length).toBeLessThan(2 * mb + 64 * 1024); // cut off where the budget ran out
    expect(sink.issues).toEqual([{ path: 'data/total.zip!b.txt', code: 'SCAN_DECOMPRESSION_LIMIT', message: expect.stringContaining('maxDecompressedBytes') }]);
  });

  it('counts inflated bytes across nesting levels', async () => {
    const inner = zipSync({ 'big.txt': randomText(2 * mb, 4) });
    const zip = zipSync({ 'one.zip': inner, 'two.zip': inner });
    // Each branch inflates about 1.25 MiB of inner zip, then 2 MiB of text: 6.5 MiB in all, 4 MiB of it text.
    const sink = await extractZip('nested-total.zip', zip, { maxDecompressedBytes: 6 * mb });
    expect(sink.issues.map((i) => [i.path, i.code])).toEqual([['data/nested-total.zip!two.zip!big.txt', 'SCAN_DECOMPRESSION_LIMIT']]);
  });
});

describe('when an archive holds too many entries', () => {
  it('reports SCAN_ARCHIVE_TOO_MANY_ENTRIES and delivers the first maxArchiveEntries', async () => {
    const files: Zippable = {};
    for (let i = 0; i < 10; i++) files[`f${i}.txt`] = utf8(`file ${i}`);
    const sink = await extractZip('many.zip', zipSync(files), { maxArchiveEntries: 4 });
    expect(sink.paths()).toEqual(['f0', 'f1', 'f2', 'f3'].map((f) => `data/many.zip!${f}.txt`));
    expect(sink.issues).toEqual([{ path: 'data/many.zip', code: 'SCAN_ARCHIVE_TOO_MANY_ENTRIES', message: expect.any(String) }]);
  });
});

describe('zip bytes in memory', () => {
  it('extracts a zip given as bytes', async () => {
    const sink = collectingSink();
    await extractBytes(zipSync({ 'x.txt': utf8('hello') }), 'upload.zip', limits(), sink);
    expect(sink.documents.map((d) => [d.path, d.text])).toEqual([['upload.zip!x.txt', 'hello']]);
  });
});

/** Letters from a fixed pseudo-random sequence: text that deflates only about 1.6 times. */
function randomText(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    // xorshift32 (Marsaglia 2003)
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = 0x61 + (x % 26);
  }
  return out;
}

/** A zip written the way streaming writers do: sizes in data descriptors after each member's data. */
function streamedZip(files: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => { if (err) throw err; parts.push(chunk); });
  for (const [name, text] of Object.entries(files)) {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(utf8(text), true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(parts));
}
