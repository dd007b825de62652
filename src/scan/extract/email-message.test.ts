import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractInMemory, makeEml, makePdf, utf8 } from './test-support.js';

const extract = extractInMemory;

const headers = {
  From: 'Zhang San <zhang@example.com>',
  To: 'li@example.com',
  Cc: 'Wang <wang@example.com>',
  'Reply-To': 'reply@example.com',
  Subject: '客户名单 customer list',
};

describe('e-mail messages', () => {
  it('delivers the addressing headers and the text body as one document', async () => {
    const sink = await extract('mail.eml', makeEml({ headers, text: '电话 13800138000\n' }));
    expect(sink.documents).toEqual([{
      path: 'mail.eml',
      format: 'eml',
      encoding: 'utf-8',
      text: 'From: "Zhang San" <zhang@example.com>\nTo: li@example.com\nCc: "Wang" <wang@example.com>\nReply-To: reply@example.com\nSubject: 客户名单 customer list\n\n电话 13800138000\n',
      chunkCount: 1,
    }]);
    expect(sink.issues).toEqual([]);
  });

  it('converts an HTML-only body to text', async () => {
    const sink = await extract('mail.eml', makeEml({ headers, html: '<p>Phone <b>13800138000</b></p><p>ID 110105194912310021</p>' }));
    const text = sink.text('mail.eml') ?? '';
    expect(text).toContain('Phone 13800138000');
    expect(text).toContain('ID 110105194912310021');
    expect(text).not.toContain('<b>');
  });

  it('is recognised by its headers whatever the name', async () => {
    const sink = await extract('message.txt', utf8('Received: from mx.example.com\r\nFrom: a@example.com\r\nSubject: hi\r\n\r\nbody 13800138000\r\n'));
    expect(sink.documents.map((d) => [d.format, d.text])).toEqual([['eml', 'From: a@example.com\nSubject: hi\n\nbody 13800138000\n']]);
  });

  it('extracts attachments as members, recursively', async () => {
    const eml = makeEml({
      headers,
      text: 'see attached',
      attachments: [
        { name: 'list.csv', contentType: 'text/csv', content: utf8('name,phone\nZhang,13800138000\n') },
        { name: 'a.zip', contentType: 'application/zip', content: zipSync({ 'x.txt': utf8('in the zip') }) },
        { name: 'scan.pdf', contentType: 'application/pdf', content: makePdf(['in the pdf']) },
      ],
    });
    const sink = await extract('mail.eml', eml);
    expect(sink.documents.map((d) => [d.path, d.format])).toEqual([
      ['mail.eml', 'eml'],
      ['mail.eml!list.csv', 'csv'],
      ['mail.eml!a.zip!x.txt', 'text'],
      ['mail.eml!scan.pdf', 'pdf'],
    ]);
    expect(sink.text('mail.eml!a.zip!x.txt')).toBe('in the zip');
    expect(sink.issues).toEqual([]);
  });

  it('opens a message inside a zip, and its attachments', async () => {
    const eml = makeEml({ headers, text: 'hi', attachments: [{ name: 'n.txt', contentType: 'text/plain', content: utf8('note') }] });
    const sink = await extract('box.zip', zipSync({ 'm.eml': eml }));
    expect(sink.paths()).toEqual(['box.zip!m.eml', 'box.zip!m.eml!n.txt']);
  });

  it('does not open attachments past maxArchiveDepth, but delivers the message', async () => {
    const eml = makeEml({ headers, text: 'body', attachments: [{ name: 'n.txt', contentType: 'text/plain', content: utf8('note') }] });
    const sink = await extract('box.zip', zipSync({ 'm.eml': eml }), { maxArchiveDepth: 1 });
    expect(sink.paths()).toEqual(['box.zip!m.eml']);
    expect(sink.issues.map((i) => [i.path, i.code])).toEqual([['box.zip!m.eml', 'SCAN_ARCHIVE_TOO_DEEP']]);
  });
});

describe('when an e-mail is malformed', () => {
  it('reports SCAN_DOCUMENT_CORRUPT for a .eml without a header block and scans it as text', async () => {
    const sink = await extract('broken.eml', utf8('\r\n\r\nno headers here, phone 13800138000\r\n'));
    expect(sink.issues).toEqual([{ path: 'broken.eml', code: 'SCAN_DOCUMENT_CORRUPT', message: expect.any(String) }]);
    expect(sink.text('broken.eml')).toContain('13800138000');
  });

  it('reports SCAN_TIMEOUT past documentTimeoutMs, and the next member is still read', async () => {
    const slow = makeEml({ headers, html: Array.from({ length: 200_000 }, (_, i) => `<p>row ${i} phone 138${String(i * 7919).padStart(8, '0')}</p>`).join('') });
    const sink = await extract('box.zip', zipSync({ 'slow.eml': slow, 'after.txt': utf8('after') }), { documentTimeoutMs: 10 });
    expect(sink.issues).toEqual([{ path: 'box.zip!slow.eml', code: 'SCAN_TIMEOUT', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['box.zip!after.txt']);
  });

  it('reports an attachment that fails at its own path and goes on with the next', async () => {
    const eml = makeEml({
      headers,
      text: 'two attachments',
      attachments: [
        { name: 'bad.zip', contentType: 'application/zip', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) },
        { name: 'good.txt', contentType: 'text/plain', content: utf8('good 13800138000') },
      ],
    });
    const sink = await extract('mail.eml', eml);
    expect(sink.issues).toEqual([{ path: 'mail.eml!bad.zip', code: 'SCAN_ARCHIVE_CORRUPT', message: expect.any(String) }]);
    expect(sink.text('mail.eml!good.txt')).toBe('good 13800138000');
  });
});
