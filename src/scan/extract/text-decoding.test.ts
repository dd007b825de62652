import { describe, expect, it } from 'vitest';
import { Utf8Validator, completeUtf8Prefix, decodeChunks, guessEncoding, splitText, type DecodeStatus } from './text-decoding.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

// GBK (GB2312 area) codes of the characters used here, from the GB 2312-80 code table:
// 姓 D0D5, 名 C3FB, 张 D5C5, 三 C8FD, 电 B5E7, 话 BBB0, ： A3BA, ， A3AC.
const GBK_LINE = bytes([0xd0, 0xd5, 0xc3, 0xfb, 0xa3, 0xba, 0xd5, 0xc5, 0xc8, 0xfd, 0xa3, 0xac, 0xb5, 0xe7, 0xbb, 0xb0, 0xa3, 0xba], '13800138000\n');
const GBK_TEXT = '姓名：张三，电话：13800138000\n';

function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  const b = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? bytes(mark, b) : new Uint8Array(b);
}

async function* pieces(b: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function decodeAll(b: Uint8Array, encoding: Parameters<typeof decodeChunks>[1], pieceSize: number, chunkChars: number): Promise<{ chunks: string[]; status: DecodeStatus }> {
  const status: DecodeStatus = { invalid: false, error: undefined };
  const chunks: string[] = [];
  for await (const c of decodeChunks(pieces(b, pieceSize), encoding, chunkChars, status)) chunks.push(c);
  return { chunks, status };
}

describe('guessEncoding', () => {
  it.each([
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], utf8('姓名 张三')), 'utf-8'],
    ['UTF-16LE with BOM', utf16('身份证 110105', 'le', true), 'utf-16le'],
    ['UTF-16BE with BOM', utf16('身份证 110105', 'be', true), 'utf-16be'],
    ['UTF-16LE without BOM, Latin text', utf16('name,phone\nZhang San,13800138000\n', 'le', false), 'utf-16le'],
    ['UTF-16BE without BOM, Latin text', utf16('name,phone\nZhang San,13800138000\n', 'be', false), 'utf-16be'],
    ['ASCII', utf8('just ascii, nothing else\n'), 'utf-8'],
    ['UTF-8 Chinese', utf8(GBK_TEXT), 'utf-8'],
    ['GBK Chinese', GBK_LINE, 'gb18030'],
  ])('reads %s as %s', (_label, sample, encoding) => {
    expect(guessEncoding(sample, true)).toEqual({ kind: 'text', encoding, invalid: false });
  });

  it('decodes the GBK fixture to the expected Chinese text (checks the fixture itself)', () => {
    expect(new TextDecoder('gb18030').decode(GBK_LINE)).toBe(GBK_TEXT);
  });

  it('does not take Latin-1 text for GB18030, though it decodes as GB18030', () => {
    // Every accented letter is followed by a letter, so each pair is a valid GBK code.
    const latin1 = bytes('M', [0xfc], 'ller Se', [0xf1], 'or Fran', [0xe7], 'oise D', [0xe9], 'jeuner r', [0xe9], 'sum', [0xe9], 's\n');
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(latin1)).not.toThrow();
    expect(guessEncoding(latin1, true)).toEqual({ kind: 'text', encoding: 'utf-8', invalid: true });
  });

  it('reports binary for NUL bytes and for mostly control bytes', () => {
    expect(guessEncoding(bytes('PNG', [0, 0, 0, 13], 'IHDR'), true).kind).toBe('binary');
    const controls = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(guessEncoding(controls, true).kind).toBe('binary');
  });

  it('keeps ANSI-coloured logs as text', () => {
    expect(guessEncoding(utf8('\x1b[31mERROR\x1b[0m user=13800138000\n'.repeat(20)), true)).toMatchObject({ kind: 'text', encoding: 'utf-8' });
  });

  it('accepts a sample cut inside a UTF-8 character when the sample is not the whole file', () => {
    const b = utf8('姓名张三');
    const cut = b.subarray(0, b.length - 1);
    expect(guessEncoding(cut, false)).toEqual({ kind: 'text', encoding: 'utf-8', invalid: false });
    expect(guessEncoding(cut, true)).not.toEqual({ kind: 'text', encoding: 'utf-8', invalid: false });
  });
});

describe('completeUtf8Prefix and Utf8Validator', () => {
  it('cuts before an incomplete trailing sequence only', () => {
    const b = utf8('a中');
    expect(completeUtf8Prefix(b)).toBe(4);
    expect(completeUtf8Prefix(b.subarray(0, 3))).toBe(1);
    expect(completeUtf8Prefix(b.subarray(0, 2))).toBe(1);
    expect(completeUtf8Prefix(utf8('abc'))).toBe(3);
  });

  it('validates UTF-8 split at every byte boundary', () => {
    const text = utf8('中文 😀 abc é');
    for (let size = 1; size <= 5; size++) {
      const v = new Utf8Validator();
      for (let i = 0; i < text.length; i += size) v.push(text.subarray(i, i + size));
      v.end();
      expect(v.valid).toBe(true);
    }
  });

  it('finds an invalid byte after valid pieces, and a sequence cut at the end', () => {
    const v = new Utf8Validator();
    v.push(utf8('fine'));
    v.push(bytes([0xff]));
    expect(v.valid).toBe(false);
    const w = new Utf8Validator();
    w.push(utf8('中').subarray(0, 2));
    w.end();
    expect(w.valid).toBe(false);
  });
});

describe('decodeChunks', () => {
  it('reassembles text split across pieces inside multi-byte characters, in chunks of at most chunkChars', async () => {
    const text = '身份证 110105194912310021, 😀 phone 13800138000\n'.repeat(50);
    for (const pieceSize of [1, 3, 7, 64]) {
      const { chunks, status } = await decodeAll(utf8(text), 'utf-8', pieceSize, 100);
      expect(chunks.join('')).toBe(text);
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(100);
      expect(status).toEqual({ invalid: false, error: undefined });
    }
  });

  it('never splits a surrogate pair between chunks', async () => {
    const text = 'a' + '😀'.repeat(200);
    const { chunks } = await decodeAll(utf8(text), 'utf-8', 5, 4);
    for (const c of chunks) {
      expect(c.charCodeAt(c.length - 1) >= 0xd800 && c.charCodeAt(c.length - 1) <= 0xdbff).toBe(false);
    }
    expect(chunks.join('')).toBe(text);
  });

  it('decodes GB18030 and UTF-16 streams split at odd offsets', async () => {
    const gbk = await decodeAll(bytes(GBK_LINE, GBK_LINE), 'gb18030', 3, 1000);
    expect(gbk.chunks.join('')).toBe(GBK_TEXT + GBK_TEXT);
    const u16 = await decodeAll(utf16('身份证 110105', 'be', true), 'utf-16be', 3, 1000);
    expect(u16.chunks.join('')).toBe('身份证 110105');
  });

  it('marks invalid bytes found after the sample and replaces them', async () => {
    const { chunks, status } = await decodeAll(bytes(utf8('ok '), [0xff], utf8(' still ok')), 'utf-8', 2, 1000);
    expect(chunks.join('')).toBe('ok \uFFFD still ok');
    expect(status.invalid).toBe(true);
  });

  it('records a failing source instead of throwing, keeping the text read so far', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield utf8('first part\n');
      throw new Error('disk gone');
    }
    const status: DecodeStatus = { invalid: false, error: undefined };
    const chunks: string[] = [];
    for await (const c of decodeChunks(failing(), 'utf-8', 1000, status)) chunks.push(c);
    expect(chunks.join('')).toBe('first part\n');
    expect(status.error).toBeInstanceOf(Error);
  });
});

describe('splitText', () => {
  it('yields nothing for empty text and exact-size chunks otherwise', () => {
    expect([...splitText('', 4)]).toEqual([]);
    expect([...splitText('abcdefghij', 4)]).toEqual(['abcd', 'efgh', 'ij']);
  });
});
