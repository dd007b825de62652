import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { emptyRoot } from './rfc6962.js';
import { haveNotes, notes } from './vectors.case.js';

function parse(text: string) {
  try {
    return parseCheckpoint(text);
  } catch (err) {
    if (isLeakwatchError(err)) return err.code;
    throw err;
  }
}

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  it('write origin, decimal size and base64 root, one per line, and read them back', () => {
    const c = { origin: 'example.org/log', size: 123456789012, rootHash: emptyRoot(), extensions: ['ext one'] };
    const text = formatCheckpoint(c);
    expect(text).toBe('example.org/log\n123456789012\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\n');
    expect(parse(text)).toEqual(c);
  });

  it.each([
    ['a leading zero in the size', 'o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'],
    ['a size past 2^64', 'o\n18446744073709551616\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'],
    ['a size past 2^53 (valid, but not supported here)', 'o\n9007199254740993\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'],
    ['unpadded base64', 'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n'],
    ['an empty extension line', 'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n'],
    ['no final newline', 'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
  ])('refuse %s as LEDGER_CHECKPOINT_MALFORMED', (_what, text) => {
    expect(parse(text)).toBe('LEDGER_CHECKPOINT_MALFORMED');
  });
});

describe.skipIf(!haveNotes)('checkpoint bodies on the shared vectors, strict reading (skipped: ../shared/vectors absent)', () => {
  it.each(notes.checkpointBodies.cases)('parses $id: ok=$c2spStrict.ok', (c) => {
    const got = parse(c.body);
    if (!c.c2spStrict.ok) {
      expect(got).toBe('LEDGER_CHECKPOINT_MALFORMED');
      return;
    }
    expect(got).toMatchObject({ origin: c.c2spStrict.origin, size: Number(c.c2spStrict.size), extensions: c.c2spStrict.extensionLines });
    expect(typeof got === 'object' && got.rootHash.toString('hex')).toBe(c.c2spStrict.rootHashHex);
  });

  it.each(notes.checkpoints)('parses the body of $id', (c) => {
    expect(parse(c.text)).toMatchObject({ origin: c.checkpoint.origin, size: c.checkpoint.size });
  });
});
