import { describe, expect, it } from 'vitest';
import { SIG_COSIGNATURE_V1, SIG_ED25519, computeKeyId, formatSignerKey, formatVerifierKey, generateSignerKey, keyIdHex, parseSignerKey, parseVerifierKey, signerFromSeed } from './note-keys.js';
import { haveNotes, hex, notes } from './vectors.case.js';
import { thrownCode as code } from '../../test/support/error-code.js';

describe('signed-note keys', () => {
  it('derive the key ID as SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] and round-trip a fresh key', () => {
    const { skey, vkey } = generateSignerKey('example.org/log');
    const signer = parseSignerKey(skey);
    const verifier = parseVerifierKey(vkey);
    expect(verifier.name).toBe('example.org/log');
    expect(verifier.keyId).toBe(signer.keyId);
    expect(verifier.keyId).toBe(computeKeyId('example.org/log', SIG_ED25519, verifier.publicKey));
    expect(formatVerifierKey(signer)).toBe(vkey);
  });

  it('make a cosigner of the same key with a type 0x04 key ID', () => {
    const { skey } = generateSignerKey('w');
    const plain = parseSignerKey(skey);
    const cosigner = parseSignerKey(skey, SIG_COSIGNATURE_V1);
    expect(cosigner.publicKey).toEqual(plain.publicKey);
    expect(cosigner.keyId).not.toBe(plain.keyId);
    expect(parseVerifierKey(formatVerifierKey(cosigner)).type).toBe(SIG_COSIGNATURE_V1);
  });

  it.each([
    ['a name with a space', 'a b'],
    ['a name with +', 'a+b'],
    ['an empty name', ''],
  ])('refuse %s', (_what, name) => {
    expect(code(() => generateSignerKey(name))).toBe('LEDGER_KEY_INVALID');
  });

  it.each(['', 'garbage', 'PRIVATE+KEY+x+00000000+AAAA', 'a+b+c', 'name+zzzzzzzz+AQ=='])('refuse the malformed key %j with LEDGER_KEY_INVALID', (text) => {
    expect(code(() => parseVerifierKey(text)) ?? code(() => parseSignerKey(text))).toBe('LEDGER_KEY_INVALID');
    expect(code(() => parseSignerKey(text))).toBe('LEDGER_KEY_INVALID');
  });
});

describe.skipIf(!haveNotes)('signed-note keys on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it.each(notes.verifierKeys)('parses $vkey', (k) => {
    const v = parseVerifierKey(k.vkey);
    expect({ name: v.name, keyId: keyIdHex(v.keyId), type: v.type, publicKey: v.publicKey.toString('hex') }).toEqual({ name: k.name, keyId: k.keyId, type: k.signatureType, publicKey: k.publicKey });
    expect(formatVerifierKey(v)).toBe(k.vkey);
  });

  it.each(notes.invalidVerifierKeys)('refuses $vkey ($reason)', ({ vkey }) => {
    expect(code(() => parseVerifierKey(vkey))).toBe('LEDGER_KEY_INVALID');
  });

  it.each(notes.testSigningKeys.keys)('derives $derivedVkey from the test key of $name', (k) => {
    const signer = parseSignerKey(k.skey);
    expect(formatVerifierKey(signer)).toBe(k.derivedVkey);
    expect(formatSignerKey(k.name, hex(k.ed25519Seed))).toBe(k.skey);
    expect(formatVerifierKey(signerFromSeed(k.name, hex(k.ed25519Seed)))).toBe(k.derivedVkey);
    expect(keyIdHex(signer.keyId)).toBe(k.keyId);
  });
});
