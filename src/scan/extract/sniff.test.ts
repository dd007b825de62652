import { describe, expect, it } from 'vitest';
import { baseName, extensionOf, looksLikeEmail, sniffContainer, textFormat, unsupportedArchive } from './sniff.js';

const b = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

describe('sniffContainer', () => {
  const tar = new Uint8Array(512);
  tar.set(Buffer.from('ustar\0'), 257);

  it.each([
    ['zip', b([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'zip'],
    ['empty zip', b([0x50, 0x4b, 0x05, 0x06]), 'zip'],
    ['gzip', b([0x1f, 0x8b, 8, 0]), 'gzip'],
    ['PDF', b('%PDF-1.7\n'), 'pdf'],
    ['PDF after junk', b('junk before the header\n%PDF-1.4\n'), 'pdf'],
    ['OLE compound file', b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'cfb'],
    ['ustar', tar, 'tar'],
    ['text', b('hello'), undefined],
    ['PK in text', b('PK is not a zip'), undefined],
  ])('reads %s', (_label, head, kind) => {
    expect(sniffContainer(head)).toBe(kind);
  });
});

describe('unsupportedArchive', () => {
  it('names archive formats it does not open, but not text that starts like them', () => {
    expect(unsupportedArchive(b([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01]))).toBe('RAR archive');
    expect(unsupportedArchive(b('BZh91AY&SY', [0, 1]))).toBe('bzip2 stream');
    expect(unsupportedArchive(b('BZh is a word here'))).toBeUndefined();
  });
});

describe('looksLikeEmail', () => {
  it.each([
    ['Received: from mx\r\nFrom: a@b.c\r\nSubject: x\r\n\r\nbody', true],
    ['From: a@b.c\nTo: d@e.f\n\nbody', true],
    ['MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nx', true],
    ['Subject: only a subject\n\nno sender', false],
    ['From: a@b.c\nthis line is prose, not a header\n', false],
    ['dear customer,\nFrom: a@b.c\n', false],
  ])('%j → %s', (text, want) => {
    expect(looksLikeEmail(b(text))).toBe(want);
  });
});

describe('names', () => {
  it('takes the last segment and extension of paths and member names', () => {
    expect(baseName('dir/a.zip!inner/b.DOCX')).toBe('b.DOCX');
    expect(extensionOf('dir/a.zip!inner/b.DOCX')).toBe('docx');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('Makefile')).toBe('');
  });
});

describe('textFormat', () => {
  it.each([
    ['a.CSV', 'x', 'csv'],
    ['a.ndjson', 'x', 'jsonl'],
    ['a.htm', 'x', 'html'],
    ['a', '  {"a": 1}', 'json'],
    ['a', '[1, 2]', 'json'],
    ['a', '{"a":1}\n{"a":2}\n{"a":3}\n', 'jsonl'],
    ['a', '<?xml version="1.0"?>\n<html></html>', 'html'],
    ['a', '<!DOCTYPE html><html>', 'html'],
    ['a', 'id,name\n1,Zhang\n2,Li\n', 'csv'],
    ['a', 'id\tname\n1\tZhang\n2\tLi\n', 'tsv'],
    ['a', 'Dear Li, hello.\nThe phone, I think, is 138.\nBye\n', 'text'],
  ])('%s %j → %s', (name, text, want) => {
    expect(textFormat(name, text)).toBe(want);
  });
});
