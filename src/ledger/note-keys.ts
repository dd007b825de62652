// Signed-note keys (c2sp.org/signed-note): verifier keys "<name>+<hex key ID>+
// base64(type ‖ public key)", Go-compatible signer keys "PRIVATE+KEY+<name>+<hex key
// ID>+base64(type ‖ seed)", and the key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public
// key)[:4]. Types: 0x01 Ed25519 over the note text; 0x04 cosignature/v1
// (c2sp.org/tlog-cosignature), Ed25519 over a timestamped checkpoint. Ed25519 uses
// Node's built-in crypto with KeyObjects.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { LeakwatchError } from '../errors/index.js';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;

/** A key that can check signatures on a note. */
export interface NoteVerifier {
  name: string;
  /** The 4-byte key ID as an unsigned 32-bit number. */
  keyId: number;
  /** 0x01 (Ed25519) or 0x04 (cosignature/v1). */
  type: number;
  publicKey: Buffer;
  /** Node's form of publicKey, built once. */
  key: KeyObject;
}

/** A key that signs notes: the Ed25519 seed and what the verifier side needs. */
export interface NoteSigner {
  name: string;
  keyId: number;
  type: number;
  publicKey: Buffer;
  privateKey: KeyObject;
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX8 = /^[0-9a-f]{8}$/;

function keyError(why: string): never {
  throw new LeakwatchError('LEDGER_KEY_INVALID', why);
}

/** A key name: non-empty, valid Unicode, no white space and no "+" (as Go's note package). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE.test(name) && !name.includes('+') && !LONE_SURROGATE.test(name);
}

/**
 * Standard base64 with padding, decoded strictly: null when not base64, or when
 * the unused bits of the last character are set (so each value has one spelling
 * and a flipped bit is never silently ignored).
 */
export function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] as a uint32. */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, type])).update(publicKey).digest().readUInt32BE(0);
}

export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** Node's KeyObject for a raw 32-byte Ed25519 public key. */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) keyError(`an Ed25519 public key is 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
}

function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) keyError(`an Ed25519 seed is 32 bytes, not ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length);
}

/** A verifier from its parts. The key ID is taken as given (callers that hold keys as fields can end up with a mismatched one; the note check then fails). */
export function makeVerifier(name: string, type: number, publicKey: Uint8Array, keyId = computeKeyId(name, type, publicKey)): NoteVerifier {
  if (!isValidKeyName(name)) keyError(`${JSON.stringify(name)} is not a valid key name`);
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) keyError(`signature type 0x${type.toString(16).padStart(2, '0')} is not supported`);
  const pub = Buffer.from(publicKey);
  return { name, keyId, type, publicKey: pub, key: ed25519PublicKey(pub) };
}

/** Parses a verifier key "<name>+<hex key ID>+<base64(type ‖ key)>"; the key ID must match. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  if (typeof vkey !== 'string') keyError('a verifier key must be a string');
  const text = vkey.trim();
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (first < 0 || second < 0) keyError('a verifier key has the form name+keyid+base64key');
  const name = text.slice(0, first);
  const idText = text.slice(first + 1, second);
  const raw = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name)) keyError(`${JSON.stringify(name)} is not a valid key name`);
  if (!HEX8.test(idText)) keyError('the key ID must be 8 lowercase hex digits');
  if (!raw || raw.length < 1) keyError('the key is not valid base64');
  const type = raw[0]!;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) keyError(`signature type 0x${type.toString(16).padStart(2, '0')} is not supported`);
  const publicKey = raw.subarray(1);
  if (publicKey.length !== 32) keyError(`an Ed25519 public key is 32 bytes, not ${publicKey.length}`);
  const keyId = Number.parseInt(idText, 16);
  if (computeKeyId(name, type, publicKey) !== keyId) keyError(`the key ID ${idText} does not match the key`);
  return makeVerifier(name, type, publicKey, keyId);
}

/** The verifier key text of a verifier. */
export function formatVerifierKey(v: Pick<NoteVerifier, 'name' | 'keyId' | 'type' | 'publicKey'>): string {
  return `${v.name}+${keyIdHex(v.keyId)}+${Buffer.concat([Buffer.from([v.type]), v.publicKey]).toString('base64')}`;
}

/** A signer from a name and a 32-byte Ed25519 seed; type 0x04 makes a cosigner. */
export function signerFromSeed(name: string, seed: Uint8Array, type = SIG_ED25519): NoteSigner {
  if (!isValidKeyName(name)) keyError(`${JSON.stringify(name)} is not a valid key name`);
  const privateKey = ed25519PrivateKey(seed);
  const publicKey = rawPublicKey(privateKey);
  return { name, type, publicKey, privateKey, keyId: computeKeyId(name, type, publicKey) };
}

/**
 * Parses a Go-style signer key "PRIVATE+KEY+<name>+<hex id>+base64(0x01 ‖ seed)".
 * `as` 0x04 turns the same Ed25519 key into a cosignature/v1 signer.
 */
export function parseSignerKey(skey: string, as = SIG_ED25519): NoteSigner {
  const text = typeof skey === 'string' ? skey.trim() : '';
  const parts = text.split('+');
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') keyError('a signer key has the form PRIVATE+KEY+name+keyid+base64key');
  const name = parts[2]!;
  const idText = parts[3]!;
  const raw = decodeBase64(parts.slice(4).join('+'));
  if (!HEX8.test(idText) || !raw || raw.length !== 33 || raw[0] !== SIG_ED25519) keyError('the signer key is malformed');
  const signer = signerFromSeed(name, raw.subarray(1), SIG_ED25519);
  if (signer.keyId !== Number.parseInt(idText, 16)) keyError('the signer key ID does not match the key');
  return as === SIG_ED25519 ? signer : { ...signer, type: as, keyId: computeKeyId(name, as, signer.publicKey) };
}

/** Go-style signer key text for an Ed25519 seed. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  const s = signerFromSeed(name, seed);
  return `PRIVATE+KEY+${name}+${keyIdHex(s.keyId)}+${Buffer.concat([Buffer.from([SIG_ED25519]), seed]).toString('base64')}`;
}

/** A fresh Ed25519 key: the signer key text (secret) and its verifier key. */
export function generateSignerKey(name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) keyError(`${JSON.stringify(name)} is not a valid key name`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519.length);
  const signer = signerFromSeed(name, seed);
  return { skey: formatSignerKey(name, seed), vkey: formatVerifierKey(signer) };
}
