import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { pageText } from './pdf-text.js';
import { extractInMemory, makeEncryptedPdf, makePdf, makePdfPages, utf8 } from './test-support.js';
import { TextBuilder } from './text-builder.js';

const extract = extractInMemory;

describe('PDF text', () => {
  it('delivers a line per text line', async () => {
    const sink = await extract('scan.pdf', makePdf(['Customer: Zhang San', 'Phone 13800138000', 'Note (a) \\ b']));
    expect(sink.documents).toEqual([{ path: 'scan.pdf', format: 'pdf', encoding: 'utf-8', text: 'Customer: Zhang San\nPhone 13800138000\nNote (a) \\ b\n', chunkCount: 1 }]);
    expect(sink.issues).toEqual([]);
  });

  it('separates pages with a form feed line', async () => {
    const sink = await extract('two.pdf', makePdfPages([['page one'], ['page two']]));
    expect(sink.text('two.pdf')).toBe('page one\n\f\npage two\n');
  });

  it('decodes Chinese text in a CID font through the bundled CMaps', async () => {
    const sink = await extract('cn.pdf', makePdfPages([['身份证 110105194912310021']], { cjk: true }));
    expect(sink.text('cn.pdf')?.replace(/\s+/g, ' ').trim()).toBe('身份证 110105194912310021');
  });

  it('is found by content inside an archive', async () => {
    const sink = await extract('a.zip', zipSync({ 'report.bin': makePdf(['inside']) }));
    expect(sink.documents.map((d) => [d.path, d.format, d.text])).toEqual([['a.zip!report.bin', 'pdf', 'inside\n']]);
  });

  it('reports SCAN_DOCUMENT_TRUNCATED past maxDocumentTextChars', async () => {
    const sink = await extract('long.pdf', makePdf(['0123456789', 'abcdefghij']), { maxDocumentTextChars: 15 });
    expect(sink.text('long.pdf')).toBe('0123456789\nabcd');
    expect(sink.issues.map((i) => i.code)).toEqual(['SCAN_DOCUMENT_TRUNCATED']);
  });
});

describe('when a PDF cannot be read', () => {
  it('reports SCAN_DOCUMENT_ENCRYPTED for a password-protected PDF, and the next member is still read', async () => {
    const sink = await extract('docs.zip', zipSync({ 'locked.pdf': makeEncryptedPdf(), 'after.txt': utf8('after') }));
    expect(sink.issues).toEqual([{ path: 'docs.zip!locked.pdf', code: 'SCAN_DOCUMENT_ENCRYPTED', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['docs.zip!after.txt']);
  });

  it('reports SCAN_DOCUMENT_CORRUPT for a broken PDF, and the next member is still read', async () => {
    const sink = await extract('docs.zip', zipSync({ 'broken.pdf': utf8('%PDF-1.7\nthis is not a pdf body at all'), 'after.txt': utf8('after') }));
    expect(sink.issues).toEqual([{ path: 'docs.zip!broken.pdf', code: 'SCAN_DOCUMENT_CORRUPT', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['docs.zip!after.txt']);
  });

  it('reports SCAN_TIMEOUT past documentTimeoutMs, and the next member is still read', async () => {
    const pages = Array.from({ length: 3000 }, (_, i) => [`page ${i} phone 13800138000`]);
    const sink = await extract('docs.zip', zipSync({ 'slow.pdf': makePdfPages(pages), 'after.txt': utf8('after') }), { documentTimeoutMs: 5 });
    expect(sink.issues).toEqual([{ path: 'docs.zip!slow.pdf', code: 'SCAN_TIMEOUT', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['docs.zip!after.txt']);
  });
});

describe('pageText', () => {
  const item = (str: string, y: number, hasEOL = false): object => ({ str, transform: [12, 0, 0, 12, 72, y], height: 12, hasEOL, dir: 'ltr', width: 10, fontName: 'f' });

  it('ends a line at hasEOL and when the baseline moves, and skips marked-content markers', () => {
    const out = new TextBuilder(1000);
    pageText([item('Name', 700), item(' Zhang', 700, true), { type: 'beginMarkedContent' }, item('Phone', 680), item('138', 660), item('', 660, true)], out);
    expect(out.toString()).toBe('Name Zhang\nPhone\n138\n');
  });
});
