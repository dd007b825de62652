import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors/index.js';
import { formatCheckpoint } from './checkpoint.js';
import { cosignCheckpoint, parseCosignature } from './cosignature.js';
import { SIG_COSIGNATURE_V1, formatVerifierKey, generateSignerKey, keyIdHex, parseSignerKey, parseVerifierKey } from './note-keys.js';
import { emptyRoot } from './rfc6962.js';
import { cosignedMessage, openNote, parseNote, signNote } from './signed-note.js';
import { haveNotes, notes } from './vectors.case.js';

describe('cosignatures (C2SP tlog-cosignature v1)', () => {
  const log = parseSignerKey(generateSignerKey('example.org/log').skey);
  const witness = parseSignerKey(generateSignerKey('example.org/witness').skey, SIG_COSIGNATURE_V1);
  const note = signNote(formatCheckpoint({ origin: 'example.org/log', size: 0, rootHash: emptyRoot(), extensions: [] }), [log]);

  it('add a line that verifies with the witness key and carries the timestamp', () => {
    const cosigned = cosignCheckpoint(note, witness, 1700000000);
    const opened = openNote(cosigned, [parseVerifierKey(formatVerifierKey(log)), parseVerifierKey(formatVerifierKey(witness))]);
    expect(opened.verified.map((s) => s.name)).toEqual(['example.org/log', 'example.org/witness']);
    const line = parseNote(cosigned).signatures[1]!.line;
    const sig = parseCosignature(line.split(' ')[2]!);
    expect(sig.timestamp).toBe(1700000000n);
    expect(keyIdHex(sig.keyId)).toBe(keyIdHex(witness.keyId));
  });

  it('sign the cosignature/v1 header, so moving the timestamp breaks them', () => {
    expect(cosignedMessage(5, 'a\n').toString()).toBe('cosignature/v1\ntime 5\na\n');
    const cosigned = cosignCheckpoint(note, witness, 1700000000);
    const parsed = parseNote(cosigned);
    const raw = Buffer.from(parsed.signatures[1]!.line.split(' ')[2]!, 'base64');
    raw.writeBigUInt64BE(1700000001n, 4);
    const forged = `${cosigned.slice(0, cosigned.lastIndexOf('— example.org/witness'))}— example.org/witness ${raw.toString('base64')}\n`;
    let code = '';
    try {
      openNote(forged, [parseVerifierKey(formatVerifierKey(witness))]);
    } catch (err) {
      if (isLeakwatchError(err)) code = err.code;
    }
    expect(code).toBe('LEDGER_SIGNATURE_INVALID');
  });

  it('refuse a plain Ed25519 key as a cosigner and a text that is no checkpoint', () => {
    expect(() => cosignCheckpoint(note, log, 1)).toThrow(/cosignature\/v1/);
    expect(() => cosignCheckpoint(signNote('not a checkpoint\n', [log]), witness, 1)).toThrow(/checkpoint/);
  });
});

describe.skipIf(!haveNotes)('cosignatures on the shared vectors (skipped: ../shared/vectors absent)', () => {
  it.each(notes.cosignatures)('reads $id', (c) => {
    const b64 = c.signatureBase64 ?? c.signatureLine!.split(' ')[2]!;
    if (c.expect.ok === false) {
      expect(() => parseCosignature(b64)).toThrow(/76 bytes/);
      return;
    }
    const sig = parseCosignature(b64);
    expect({ keyId: keyIdHex(sig.keyId), timestamp: Number(sig.timestamp), signatureLength: sig.signature.length }).toEqual({ keyId: c.expect.keyId, timestamp: c.expect.timestamp, signatureLength: c.expect.signatureLength });
    if (c.signedMessage) expect(cosignedMessage(sig.timestamp, c.signedMessage.split('\n').slice(2).join('\n')).toString()).toBe(c.signedMessage);
  });
});
