import { describe, expect, it } from 'vitest';
import { encodeBundle, parseBundle } from './entry-bundle.js';
import { thrownCode as code } from '../../test/support/error-code.js';

describe('entry bundles', () => {
  it('prefix each entry with its length as a big-endian uint16', () => {
    const b = encodeBundle([Buffer.alloc(0), Buffer.from('ab'), Buffer.alloc(300, 7)]);
    expect(b.subarray(0, 6).toString('hex')).toBe('000000026162');
    expect(b.readUInt16BE(6)).toBe(300);
    expect(parseBundle(b, 3).map((e) => e.length)).toEqual([0, 2, 300]);
  });

  it('hold entries up to 65,535 bytes and refuse larger ones', () => {
    expect(parseBundle(encodeBundle([Buffer.alloc(65535)]), 1)[0]!.length).toBe(65535);
    expect(code(() => encodeBundle([Buffer.alloc(65536)]))).toBe('LEDGER_ENTRY_TOO_LARGE');
  });

  it('report a cut-off length, an overrun and a wrong count as LEDGER_BUNDLE_CORRUPT naming the bundle', () => {
    const b = encodeBundle([Buffer.from('abc'), Buffer.from('de')]);
    expect(code(() => parseBundle(b.subarray(0, b.length - 1), 2))).toBe('LEDGER_BUNDLE_CORRUPT');
    expect(code(() => parseBundle(Buffer.concat([b, Buffer.from([0])]), 2))).toBe('LEDGER_BUNDLE_CORRUPT');
    expect(code(() => parseBundle(b, 3))).toBe('LEDGER_BUNDLE_CORRUPT');
    try {
      parseBundle(b, 1, 'tile/entries/000.p/1');
    } catch (err) {
      expect(String(err)).toContain('tile/entries/000.p/1');
    }
    expect.assertions(4);
  });
});
