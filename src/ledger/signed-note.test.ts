import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { SIG_COSIGNATURE_V1, generateSignerKey, keyIdHex, makeVerifier, parseSignerKey, parseVerifierKey } from './note-keys.js';
import { openNote, parseNote, signNote, type OpenedNote } from './signed-note.js';
import { haveNotes, hex, notes, type NoteCase } from './vectors.case.js';

const ERROR_KINDS: Record<string, string> = {
  'malformed note': 'LEDGER_NOTE_MALFORMED',
  'invalid signature for key': 'LEDGER_SIGNATURE_INVALID',
  'note has no verifiable signatures': 'LEDGER_NOTE_UNVERIFIED',
};

function open(message: string | Buffer, keys: Parameters<typeof openNote>[1]): OpenedNote | string {
  try {
    return openNote(message, keys);
  } catch (err) {
    if (isLeakwatchError(err)) return err.code;
    throw err;
  }
}

function messageOf(c: NoteCase): string | Buffer {
  if (c.messageHex) return hex(c.messageHex);
  if (c.messageRepeat) return c.messageRepeat.prefix + c.messageRepeat.line.repeat(c.messageRepeat.times);
  return c.message!;
}

describe('signed notes', () => {
  const { skey, vkey } = generateSignerKey('example.org/log');
  const signer = parseSignerKey(skey);
  const verifier = parseVerifierKey(vkey);

  it('open what they sign, with the text intact', () => {
    const note = signNote('hello\nworld\n', [signer]);
    expect(note).toMatch(/^hello\nworld\n\n— example\.org\/log [A-Za-z0-9+/]+=*\n$/);
    const opened = open(note, [verifier]) as OpenedNote;
    expect(opened.text).toBe('hello\nworld\n');
    expect(opened.verified.map((s) => s.name)).toEqual(['example.org/log']);
  });

  it('refuse an altered text, another key, and a key that only shares the name and key ID', () => {
    const note = signNote('size 1\n', [signer]);
    expect(open(note.replace('size 1', 'size 2'), [verifier])).toBe('LEDGER_SIGNATURE_INVALID');
    expect(open(note, [parseVerifierKey(generateSignerKey('example.org/log').vkey)])).toBe('LEDGER_NOTE_UNVERIFIED');
    const impostor = makeVerifier(verifier.name, verifier.type, parseVerifierKey(generateSignerKey('x').vkey).publicKey, verifier.keyId);
    expect(open(note, [impostor])).toBe('LEDGER_SIGNATURE_INVALID');
  });

  it('turn any malformed input into LEDGER_NOTE_MALFORMED, never another exception', () => {
    const note = Buffer.from(signNote('a\n', [signer]));
    let seed = 9;
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(note);
      for (let k = 0; k < 1 + (round % 4); k++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        bytes[seed % bytes.length] = seed >>> 24;
      }
      const got = open(round % 2 ? bytes : bytes.subarray(0, seed % bytes.length), [verifier]);
      expect(typeof got === 'string' ? got : 'LEDGER_OK').toMatch(/^LEDGER_/);
    }
  });

  it('refuse to sign a text without its final newline', () => {
    expect(() => signNote('no newline', [signer])).toThrow(/newline/);
  });
});

describe.skipIf(!haveNotes)('signed notes on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it.each(notes.notes)('opens $id as expected', (c) => {
    const got = open(messageOf(c), c.verifierKeys.map(parseVerifierKey));
    if (c.expect.ok) {
      expect(typeof got).toBe('object');
      const opened = got as OpenedNote;
      expect(opened.verified.map((s) => s.name)).toEqual(c.expect.verifiedNames);
      expect(opened.unverified.map((s) => s.name)).toEqual(c.expect.unverifiedNames);
      if (c.text) expect(opened.text).toBe(c.text);
    } else {
      const kind = Object.keys(ERROR_KINDS).find((k) => c.expect.errorKind!.startsWith(k))!;
      expect(got).toBe(ERROR_KINDS[kind]);
    }
  });

  it.each(notes.checkpoints)('signs $id byte for byte as published, and opens it', (c) => {
    const logKey = notes.testSigningKeys.keys.find((k) => k.name === 'Log')!;
    expect(signNote(c.text, [parseSignerKey(logKey.skey)])).toBe(c.message);
    const opened = open(c.message, c.verifierKeys.map(parseVerifierKey)) as OpenedNote;
    expect(opened.verified.map((s) => s.name)).toEqual(c.expect.verifiedNames);
  });

  it.each(notes.checkpoints.filter((c) => c.cosigned))('checks the cosigned variant of $id', (c) => {
    const co = c.cosigned!;
    const logAndCosigner = [...c.verifierKeys, co.cosignerVkey].map(parseVerifierKey);
    expect((open(co.message, logAndCosigner) as OpenedNote).verified.map((s) => s.name)).toEqual(co.expect.withLogAndCosignerKeys.verifiedNames);
    expect(open(co.message, [parseVerifierKey(co.cosignerPlainEd25519Vkey)])).toBe('LEDGER_NOTE_UNVERIFIED');
    const known = notes.testSigningKeys.keys.find((k) => k.name === 'Known')!;
    const cosigned = signNote(c.text, [parseSignerKey(known.skey, SIG_COSIGNATURE_V1)], co.timestamp);
    expect(cosigned.slice(c.text.length + 1, -1)).toBe(co.signatureLine);
  });

  it.each(notes.keyIdCollisionCases)('refuses $id: a trusted key with the same name and ID but another public key', (c) => {
    const k = c.trustedKey;
    expect(open(c.message, [makeVerifier(k.name, k.signatureType, hex(k.publicKey), Number.parseInt(k.keyId, 16))])).toBe('LEDGER_SIGNATURE_INVALID');
  });

  it.each(notes.unverifiable)('parses the unverifiable example $what, and cannot open it with any known key', (u) => {
    const message = u.message ?? `example\n\n${u.signatureLine!}\n`;
    const [sig] = parseNote(message).signatures;
    expect(sig!.line).toBe((u.signatureLine ?? message.split('\n\n')[1]!.trimEnd()));
    if (u.keyId) expect(keyIdHex(sig!.keyId)).toBe(u.keyId);
    expect(open(message, notes.verifierKeys.map((k) => parseVerifierKey(k.vkey)))).toBe('LEDGER_NOTE_UNVERIFIED');
  });
});
