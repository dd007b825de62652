// Witness cosignatures, C2SP tlog-cosignature (c2sp.org/tlog-cosignature),
// cosignature/v1: a signed-note signature of type 0x04 whose bytes are key ID (4) ‖
// timestamp (8, big-endian seconds) ‖ Ed25519 signature (64) over
// "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint text.
import { LeakwatchError } from '../errors/index.js';
import { parseCheckpoint } from './checkpoint.js';
import { SIG_COSIGNATURE_V1, decodeBase64, type NoteSigner } from './note-keys.js';
import { parseNote, signatureLine } from './signed-note.js';

export interface Cosignature {
  keyId: number;
  timestamp: bigint;
  signature: Buffer;
}

/** Splits the base64 of a cosignature/v1 signature; it must be 4 + 8 + 64 bytes. */
export function parseCosignature(base64: string): Cosignature {
  const raw = decodeBase64(base64);
  if (!raw || raw.length !== 76) {
    throw new LeakwatchError('LEDGER_NOTE_MALFORMED', `a cosignature/v1 signature is 76 bytes (key ID, timestamp, signature), got ${raw ? raw.length : 'no base64'}`);
  }
  return { keyId: raw.readUInt32BE(0), timestamp: raw.readBigUInt64BE(4), signature: raw.subarray(12) };
}

/**
 * Cosigns a checkpoint note: returns the note with the witness's cosignature line
 * added. The note's text must be a valid checkpoint.
 */
export function cosignCheckpoint(note: string, cosigner: NoteSigner, timestamp: number): string {
  if (cosigner.type !== SIG_COSIGNATURE_V1) throw new LeakwatchError('LEDGER_KEY_INVALID', 'a cosigner key must be of type cosignature/v1 (0x04)');
  const { text } = parseNote(note);
  parseCheckpoint(text);
  return `${note}${signatureLine(cosigner, text, timestamp)}\n`;
}
