import { describe, expect, it } from 'vitest';
import { Utf8Stream, decideEncoding } from './text-encoding.js';

const LINE = '{"Operation":"FileDownloaded","UserId":"张三@example.com"}\n';

function decode(bytes: Buffer): string {
  const d = decideEncoding(bytes, true);
  if (d.kind !== 'utf-8' && d.kind !== 'transcode') throw new Error(d.reason);
  const s = new Utf8Stream(d);
  // Feed one byte at a time: multi-byte characters split across chunks must survive.
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i++) parts.push(s.push(bytes.subarray(i, i + 1)));
  parts.push(s.end());
  return Buffer.concat(parts).toString('utf8');
}

describe('log encodings', () => {
  it('passes UTF-8 through and drops its BOM', () => {
    expect(decideEncoding(Buffer.from(LINE), true)).toEqual({ kind: 'utf-8', bom: false });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINE)]))).toBe(LINE);
  });

  it('transcodes UTF-16 with a BOM (little and big endian) and without one', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINE, 'utf16le')]);
    expect(decideEncoding(le, true)).toMatchObject({ kind: 'transcode', encoding: 'utf-16le' });
    expect(decode(le)).toBe(LINE);
    const be = Buffer.from(le).swap16();
    be[0] = 0xfe;
    be[1] = 0xff;
    expect(decode(be)).toBe(LINE);
    expect(decideEncoding(Buffer.from('{"a":"plain latin text in utf-16"}\n'.repeat(4), 'utf16le'), true)).toMatchObject({ kind: 'transcode', encoding: 'utf-16le' });
  });

  it('transcodes GBK (as GB18030)', () => {
    // "张三 下载 文件" in GBK
    const bytes = Buffer.concat([Buffer.from('{"user":"'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x20, 0xcf, 0xc2, 0xd4, 0xd8, 0x20, 0xce, 0xc4, 0xbc, 0xfe]), Buffer.from('"}\n')]);
    expect(decideEncoding(bytes, true)).toMatchObject({ kind: 'transcode', encoding: 'gb18030' });
    expect(decode(bytes)).toBe('{"user":"张三 下载 文件"}\n');
  });

  it('refuses binary files, naming EVTX, and text in no supported encoding', () => {
    expect(decideEncoding(Buffer.from('ElfFile\0\0\0\0\0\0\0\0'), true)).toMatchObject({ kind: 'binary', reason: expect.stringContaining('evtx') });
    expect(decideEncoding(Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x05, 0x00, 0x11, 0x00, 0x00]), true).kind).toBe('binary');
    expect(decideEncoding(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xfd, 0x22, 0x7d, 0x80, 0x81, 0x0a]), true)).toMatchObject({ kind: 'invalid' });
  });
});
