import { chmod, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { DEFAULT_LIMITS, extractBytes, extractFile, type ExtractLimits, type TextDocument } from './index.js';
import { collectingSink, makeCfb, makeEml, makePdf, makeTar, tempDir, utf8 } from './test-support.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const limits = (over: Partial<ExtractLimits> = {}): ExtractLimits => ({ ...DEFAULT_LIMITS, ...over });

async function extractPath(name: string, content: Uint8Array | string, over: Partial<ExtractLimits> = {}): Promise<ReturnType<typeof collectingSink>> {
  const file = join(dir, name);
  await writeFile(file, content);
  const sink = collectingSink();
  await extractFile(file, name, limits(over), sink);
  return sink;
}

describe('plain text files', () => {
  it.each([
    ['people.csv', 'name,phone\nZhang San,13800138000\n', 'csv'],
    ['people.tsv', 'name\tphone\nZhang San\t13800138000\n', 'tsv'],
    ['data.json', '{"phone": "13800138000"}', 'json'],
    ['events.jsonl', '{"a":1}\n{"a":2}\n', 'jsonl'],
    ['feed.xml', '<?xml version="1.0"?><p phone="13800138000"/>', 'xml'],
    ['page.html', '<html><body data-id="110105194912310021"></body></html>', 'html'],
    ['notes.txt', 'call me at 13800138000', 'text'],
    ['no-extension', '{"phone": "13800138000"}', 'json'],
    ['export', '<?xml version="1.0"?><r/>', 'xml'],
  ])('delivers %s whole, as %s, markup and attributes kept', async (name, content, format) => {
    const sink = await extractPath(name, content);
    expect(sink.documents).toEqual([{ path: name, format, encoding: 'utf-8', text: content, chunkCount: 1 }]);
    expect(sink.issues).toEqual([]);
  });

  it('delivers an empty file as a document with no text', async () => {
    const sink = await extractPath('empty.txt', '');
    expect(sink.documents).toEqual([{ path: 'empty.txt', format: 'text', encoding: 'utf-8', text: '', chunkCount: 0 }]);
  });

  it('strips a UTF-8 BOM and decodes UTF-16 with a BOM', async () => {
    const bom = await extractPath('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('身份证')]));
    expect(bom.documents[0]).toMatchObject({ text: '身份证', encoding: 'utf-8' });
    const u16 = await extractPath('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('电话 13800138000', 'utf16le')]));
    expect(u16.documents[0]).toMatchObject({ text: '电话 13800138000', encoding: 'utf-16le' });
  });

  it('decodes a GBK file as GB18030', async () => {
    // 电话 in GBK is B5E7 BBB0.
    const sink = await extractPath('gbk.txt', Buffer.concat([Buffer.from([0xb5, 0xe7, 0xbb, 0xb0]), Buffer.from(': 13800138000\n')]));
    expect(sink.documents[0]).toMatchObject({ text: '电话: 13800138000\n', encoding: 'gb18030' });
    expect(sink.issues).toEqual([]);
  });

  it('decodes invalid text with replacement characters and reports SCAN_ENCODING_INVALID, text still delivered', async () => {
    const sink = await extractPath('bad.txt', Buffer.concat([Buffer.from('phone 13800138000 '), Buffer.from([0xff, 0xfe, 0x80, 0x20]), Buffer.from(' end\n')]));
    expect(sink.documents[0]?.text).toContain('phone 13800138000');
    expect(sink.documents[0]?.text).toContain('\uFFFD');
    expect(sink.documents[0]?.text).toContain(' end\n');
    expect(sink.issues).toEqual([{ path: 'bad.txt', code: 'SCAN_ENCODING_INVALID', message: expect.any(String) }]);
  });

  it('reports SCAN_ENCODING_INVALID for bad bytes found after the 64 KiB sample, and delivers all text', async () => {
    const good = 'a'.repeat(100 * 1024);
    const sink = await extractPath('late.txt', Buffer.concat([Buffer.from(good), Buffer.from([0xff]), Buffer.from('tail')]));
    expect(sink.documents[0]?.text).toBe(`${good}\uFFFDtail`);
    expect(sink.issues.map((i) => i.code)).toEqual(['SCAN_ENCODING_INVALID']);
  });

  it('yields chunks of about chunkChars', async () => {
    const sink = await extractPath('big.txt', 'x'.repeat(10_000), { chunkChars: 1000 });
    expect(sink.documents[0]?.chunkCount).toBe(10);
    expect(sink.documents[0]?.text.length).toBe(10_000);
  });
});

describe('streaming', () => {
  it('hands the first chunk to the sink before the end of the file has been read', async () => {
    const file = join(dir, 'stream.txt');
    const size = 8 * 1024 * 1024;
    await writeFile(file, Buffer.alloc(size, 'a'));
    let text = '';
    const sink = {
      async document(doc: TextDocument) {
        let first = true;
        for await (const chunk of doc.chunks) {
          if (first) {
            // Rewrite the file's last bytes now: a reader that had already read them would miss the change.
            const fh = await open(file, 'r+');
            await fh.write(Buffer.from('ZZZZ'), 0, 4, size - 4);
            await fh.close();
            first = false;
          }
          text += chunk;
        }
      },
      issue() {},
    };
    await extractFile(file, 'stream.txt', limits({ chunkChars: 64 * 1024 }), sink);
    expect(text.length).toBe(size);
    expect(text.endsWith('ZZZZ')).toBe(true);
  });
});

describe('binary and unsupported files', () => {
  it('skips a binary file with SCAN_BINARY_SKIPPED', async () => {
    const sink = await extractPath('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    expect(sink.documents).toEqual([]);
    expect(sink.issues).toEqual([{ path: 'image.png', code: 'SCAN_BINARY_SKIPPED', message: expect.any(String) }]);
  });

  it('names archive formats it does not open', async () => {
    const sink = await extractPath('a.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 2, 3]));
    expect(sink.issues).toEqual([{ path: 'a.7z', code: 'SCAN_BINARY_SKIPPED', message: expect.stringContaining('7-Zip') }]);
  });

  it('reports a binary file named .docx or .pdf as SCAN_DOCUMENT_CORRUPT', async () => {
    const sink = await extractPath('report.docx', Buffer.from([1, 2, 3, 0, 0, 0, 9, 9]));
    expect(sink.issues).toEqual([{ path: 'report.docx', code: 'SCAN_DOCUMENT_CORRUPT', message: expect.any(String) }]);
  });
});

describe('unreadable and oversized root files', () => {
  it('reports SCAN_FILE_UNREADABLE for a missing file', async () => {
    const sink = collectingSink();
    await extractFile(join(dir, 'nope.txt'), 'nope.txt', limits(), sink);
    expect(sink.issues).toEqual([{ path: 'nope.txt', code: 'SCAN_FILE_UNREADABLE', message: expect.stringContaining('ENOENT') }]);
  });

  it('reports SCAN_FILE_UNREADABLE for a directory', async () => {
    await mkdir(join(dir, 'sub'));
    const sink = collectingSink();
    await extractFile(join(dir, 'sub'), 'sub', limits(), sink);
    expect(sink.issues).toEqual([{ path: 'sub', code: 'SCAN_FILE_UNREADABLE', message: expect.stringContaining('directory') }]);
  });

  it.skipIf(process.getuid?.() === 0)('reports SCAN_FILE_UNREADABLE for a file without read permission', async () => {
    const file = join(dir, 'secret.txt');
    await writeFile(file, 'x');
    await chmod(file, 0o000);
    const sink = collectingSink();
    await extractFile(file, 'secret.txt', limits(), sink);
    expect(sink.issues).toEqual([{ path: 'secret.txt', code: 'SCAN_FILE_UNREADABLE', message: expect.stringContaining('EACCES') }]);
  });

  it('reports SCAN_FILE_TOO_LARGE past maxFileBytes without reading', async () => {
    const sink = await extractPath('big.txt', 'x'.repeat(2000), { maxFileBytes: 1000 });
    expect(sink.documents).toEqual([]);
    expect(sink.issues).toEqual([{ path: 'big.txt', code: 'SCAN_FILE_TOO_LARGE', message: expect.any(String) }]);
  });
});

describe('extractBytes', () => {
  it('extracts bytes in memory like a file, by display path, without changing them', async () => {
    const bytes = utf8('phone 13800138000\n');
    const copy = bytes.slice();
    const sink = collectingSink();
    await extractBytes(bytes, 'stdin', limits(), sink);
    expect(sink.documents).toEqual([{ path: 'stdin', format: 'text', encoding: 'utf-8', text: 'phone 13800138000\n', chunkCount: 1 }]);
    expect(bytes).toEqual(copy);
  });

  it('applies maxFileBytes', async () => {
    const sink = collectingSink();
    await extractBytes(utf8('x'.repeat(11)), 'upload', limits({ maxFileBytes: 10 }), sink);
    expect(sink.issues.map((i) => i.code)).toEqual(['SCAN_FILE_TOO_LARGE']);
  });
});

describe('when the sink fails', () => {
  it('rejects with the sink\'s own error: that is not a content problem', async () => {
    const boom = new Error('sink is full');
    const sink = { document: () => Promise.reject(boom), issue: () => undefined };
    await expect(extractBytes(utf8('hello'), 'x.txt', limits(), sink)).rejects.toBe(boom);
  });
});

describe('hostile input', () => {
  /** xorshift32 (Marsaglia 2003), seeded so a failure can be replayed. */
  function random(seed: number): () => number {
    let x = seed;
    return () => {
      x ^= x << 13; x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5; x >>>= 0;
      return x / 0x100000000;
    };
  }

  /** Flips, truncates or splices bytes of a valid input. */
  function mutate(input: Uint8Array, next: () => number): Uint8Array {
    const out = input.slice();
    const kind = Math.floor(next() * 3);
    if (kind === 0) {
      for (let n = 1 + Math.floor(next() * 8); n > 0; n--) out[Math.floor(next() * out.length)] = Math.floor(next() * 256);
      return out;
    }
    if (kind === 1) return out.subarray(0, Math.floor(next() * out.length));
    const at = Math.floor(next() * out.length);
    return new Uint8Array([...out.subarray(0, at), ...out.subarray(at + Math.floor(next() * 64))]);
  }

  it('never rejects and never fails unexpectedly on mutated archives and documents', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const seeds: [string, Uint8Array][] = [
      ['a.zip', zipSync({ 'a.txt': utf8('phone 13800138000'), 'b.zip': zipSync({ 'c.txt': utf8('inner') }) })],
      ['a.docx', zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'word/document.xml': utf8(`<w:document ${W}><w:p><w:r><w:t>x &amp; y</w:t></w:r></w:p></w:document>`) })],
      ['a.xlsx', zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': utf8('<workbook/>'), 'xl/sharedStrings.xml': utf8('<sst><si><t>a</t></si></sst>'), 'xl/worksheets/sheet1.xml': utf8('<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>') })],
      ['a.tar.gz', gzipSync(await makeTar([{ name: 'a.txt', content: 'hello' }, { name: 'b.txt', content: 'x'.repeat(2000) }]))],
      ['a.pdf', makePdf(['phone 13800138000'])],
      ['a.eml', makeEml({ headers: { From: 'a@example.com' }, text: 'hi', attachments: [{ name: 'z.zip', contentType: 'application/zip', content: zipSync({ 'q.txt': utf8('q') }) }] })],
      ['a.xls', makeCfb(['Workbook', 'EncryptionInfo'])],
    ];
    const next = random(20240601);
    for (const [name, seed] of seeds) {
      for (let i = 0; i < 60; i++) {
        const sink = collectingSink();
        await expect(extractBytes(mutate(seed, next), name, limits({ documentTimeoutMs: 5000 }), sink)).resolves.toBeUndefined();
        expect(sink.issues.filter((x) => x.code === 'SCAN_WORKER_FAILED')).toEqual([]);
      }
    }
  });
});
