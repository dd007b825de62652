// C2SP signed notes (c2sp.org/signed-note): a UTF-8 text ending in a newline, a
// blank line, then one or more lines "— <key name> base64(key ID ‖ signature)".
// Opening follows Go's golang.org/x/mod/sumdb/note: a signature whose name and key
// ID match a trusted key must verify or the whole note is refused; signatures from
// unknown keys are ignored and reported; identical duplicate lines count once; a
// note with no trusted signature is refused; at most 100 signature lines.
import { sign as edSign, verify as edVerify } from 'node:crypto';
import { LeakwatchError } from '../errors/index.js';
import { SIG_COSIGNATURE_V1, SIG_ED25519, decodeBase64, isValidKeyName, keyIdHex, type NoteSigner, type NoteVerifier } from './note-keys.js';

export const MAX_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 '; // EM DASH, space
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the key ID. */
  signature: Buffer;
  /** The whole line without its newline. */
  line: string;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

export interface OpenedNote {
  text: string;
  /** Signatures by trusted keys, all verified, in line order, duplicates dropped. */
  verified: NoteSignature[];
  /** Signatures by keys not trusted here, in line order, identical lines dropped. */
  unverified: NoteSignature[];
}

function malformed(why: string): never {
  throw new LeakwatchError('LEDGER_NOTE_MALFORMED', `malformed note: ${why}`);
}

function decode(message: string | Uint8Array): string {
  if (typeof message === 'string') return message;
  try {
    return decoder.decode(message);
  } catch {
    return malformed('not valid UTF-8');
  }
}

function checkText(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) malformed(`control character 0x${c.toString(16).padStart(2, '0')} at offset ${i}`);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else malformed('not valid UTF-8');
    }
  }
}

/** Splits a note into text and signature lines without checking signatures. */
export function parseNote(message: string | Uint8Array): ParsedNote {
  const s = decode(message);
  checkText(s);
  const split = s.lastIndexOf('\n\n');
  if (split < 0) malformed('no blank line before the signatures');
  const text = s.slice(0, split + 1);
  const sigs = s.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n')) malformed('the signature block is empty or lacks its final newline');
  const lines = sigs.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIG_PREFIX)) malformed('a signature line does not start with "— "');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? '' : rest.slice(space + 1);
    const raw = decodeBase64(b64);
    if (!isValidKeyName(name) || b64 === '' || !raw || raw.length < 5) malformed(`bad signature line for ${JSON.stringify(name)}`);
    return { name, keyId: raw.readUInt32BE(0), signature: raw.subarray(4), line };
  });
  return { text, signatures };
}

/** What a cosignature/v1 signs: a header with its timestamp, then the checkpoint text (c2sp.org/tlog-cosignature). */
export function cosignedMessage(timestamp: bigint | number, text: string): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${BigInt(timestamp)}\n${text}`, 'utf8');
}

/** Checks one signature with one key, per the key's type. */
export function checkSignature(v: NoteVerifier, text: string, signature: Buffer): boolean {
  if (v.type === SIG_ED25519) return signature.length === 64 && edVerify(null, Buffer.from(text, 'utf8'), v.key, signature);
  if (v.type === SIG_COSIGNATURE_V1) {
    if (signature.length !== 72) return false;
    return edVerify(null, cosignedMessage(signature.readBigUInt64BE(0), text), v.key, signature.subarray(8));
  }
  return false;
}

/**
 * Opens a note: parses it and verifies its signatures against the trusted keys.
 * Throws LEDGER_NOTE_MALFORMED, LEDGER_SIGNATURE_INVALID (a trusted key's signature
 * fails) or LEDGER_NOTE_UNVERIFIED (no trusted signature).
 */
export function openNote(message: string | Uint8Array, trusted: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(message);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const sig of signatures) {
    const v = trusted.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!v) {
      if (seenUnverified.has(sig.line)) continue;
      seenUnverified.add(sig.line);
      unverified.push(sig);
      continue;
    }
    const id = `${sig.name}+${keyIdHex(sig.keyId)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!checkSignature(v, text, sig.signature)) {
      throw new LeakwatchError('LEDGER_SIGNATURE_INVALID', `invalid signature for key ${id}`, { key: id });
    }
    verified.push(sig);
  }
  if (verified.length === 0) {
    throw new LeakwatchError('LEDGER_NOTE_UNVERIFIED', `note has no verifiable signatures (signed by ${signatures.map((s) => `${s.name}+${keyIdHex(s.keyId)}`).join(', ')})`);
  }
  return { text, verified, unverified };
}

/** The signature line a signer adds to `text`. Cosigners (type 0x04) need a timestamp in seconds. */
export function signatureLine(signer: NoteSigner, text: string, timestamp?: number | bigint): string {
  let sig: Buffer;
  if (signer.type === SIG_ED25519) {
    sig = edSign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  } else if (signer.type === SIG_COSIGNATURE_V1) {
    if (timestamp === undefined) throw new LeakwatchError('LEDGER_KEY_INVALID', 'a cosignature needs a timestamp');
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(timestamp));
    sig = Buffer.concat([ts, edSign(null, cosignedMessage(timestamp, text), signer.privateKey)]);
  } else {
    throw new LeakwatchError('LEDGER_KEY_INVALID', `cannot sign with type ${signer.type}`);
  }
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId);
  return `${SIG_PREFIX}${signer.name} ${Buffer.concat([id, sig]).toString('base64')}`;
}

/** Signs a text (which must end in a newline) into a complete note. */
export function signNote(text: string, signers: readonly NoteSigner[], timestamp?: number | bigint): string {
  if (!text.endsWith('\n') || text.length < 1) malformed('the text must end with a newline');
  checkText(text);
  if (signers.length === 0) malformed('a note needs at least one signature');
  return `${text}\n${signers.map((s) => `${signatureLine(s, text, timestamp)}\n`).join('')}`;
}

/** Adds signature lines to a note that is already signed. */
export function addSignatureLines(message: string, lines: readonly string[]): string {
  parseNote(message);
  return message + lines.map((l) => `${l}\n`).join('');
}
