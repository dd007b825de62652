// Private keys and signed tokens: PEM / OpenSSH / PKCS#8 / PGP private key
// blocks (encrypted or not, also JSON-escaped), JSON Web Tokens, age identities
// and raw secp256k1 (wallet) private keys.
import type { Detector } from '../detector.js';
import { isFilledIn, isMasked, isRepetitive, shannonEntropy } from './entropy.js';
import { secretDetector, tokenDetector } from './grammar.js';

/**
 * RFC 7468 §2 textual encoding: `-----BEGIN <label>-----`, base64 lines, then
 * `-----END <label>-----`. Labels: `PRIVATE KEY` and `ENCRYPTED PRIVATE KEY`
 * (PKCS#8, RFC 5958), `RSA`/`DSA`/`EC PRIVATE KEY` (OpenSSL), `OPENSSH PRIVATE
 * KEY`, `PGP PRIVATE KEY BLOCK` (RFC 4880 §6.2, with armor headers). The body
 * may be JSON-escaped (`\n`) and the END line may be cut or missing.
 */
export const privateKey: Detector = secretDetector({
  id: 'private_key',
  description: 'Private key block (PEM, PKCS#8, OpenSSH, PGP), encrypted or not',
  validation: 'BEGIN … PRIVATE KEY armor with at least 64 base64 characters of entropy ≥ 4 bits',
  anchors: ['private key'],
  pattern:
    /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----)[A-Za-z0-9+/=\s:,.()_@\\-]){16,8192}(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-{2,5})?/g,
  validate: (value) => {
    const body = pemBody(value);
    return body.length >= 64 && !isMasked(body) && shannonEntropy(body) >= 4;
  },
  window: { before: 64, after: 8300, multiline: true },
  confidence: 'high',
  example: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6vJ4tcP2zPqfNsbk0T1G0Ru1r\nZ7c5oW3hGq9yvXkLpN2sD8fT4jQm6bRcA1eUiVxYzH0gKlMnOpQrStUvWxYz1234\n-----END RSA PRIVATE KEY-----',
});

/** The base64 payload of a PEM block: armor lines, armor headers (`Proc-Type: …`) and `\n` escapes removed. */
export function pemBody(block: string): string {
  return block
    .replace(/-----(?:BEGIN|END)[^-]*-*/g, '\n')
    .replace(/\\[nrt]/g, '\n')
    .split(/\r?\n/)
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}

/**
 * JSON Web Tokens (RFC 7519 §3, JWS compact serialisation RFC 7515 §7.1): three
 * base64url parts separated by dots, the first two JSON objects (so they begin
 * `eyJ`, the encoding of `{"`). The signature may be empty for `alg: none`.
 */
export const jwt: Detector = tokenDetector({
  id: 'jwt',
  description: 'JSON Web Token (eyJ….eyJ….…)',
  validation: 'JOSE header decodes to JSON naming alg/typ/kid',
  anchors: ['eyj'],
  token: 'eyJ[A-Za-z0-9_\\-]{10,4096}={0,2}\\.eyJ[A-Za-z0-9_\\-]{4,16384}={0,2}\\.(?:[A-Za-z0-9_\\-]{8,4096}={0,2})?',
  boundary: 'A-Za-z0-9_\\-.',
  validate: (value) => {
    const header = decodeBase64Url(value.slice(0, value.indexOf('.')));
    return /"(?:alg|typ|kid|x5t|enc|cty|jku)"/.test(header);
  },
  confidence: 'medium',
  keywords: ['token', 'bearer', 'authorization', 'jwt', 'session'],
  example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ.4Hb8nQ2kXv9sLm3Tz7Wc1Yr5Pe0Gd6Fa8Uj2Ki4Oq',
});

function decodeBase64Url(part: string): string {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  } catch {
    return '';
  }
}

/** age identities (age-encryption.org/v1): `AGE-SECRET-KEY-1` and 58 Bech32 characters. */
export const ageSecretKey: Detector = tokenDetector({
  id: 'age_secret_key',
  description: 'age encryption identity (AGE-SECRET-KEY-1…)',
  validation: 'Bech32 human-readable part AGE-SECRET-KEY- and 58-character data part',
  anchors: ['age-secret-key-1'],
  token: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  example: 'AGE-SECRET-KEY-1' + 'GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZQQ',
});

/**
 * Raw secp256k1 private keys (Ethereum and other wallets): `0x` and 32 bytes of
 * hex, reported only next to words such as "private key" or "wallet", because
 * transaction and block hashes have the same shape.
 */
const WALLET_WORDS = /wallet|private|privkey|priv_key|mnemonic|signer|send (?:money|funds)|私钥|钱包/i;

/** The match with up to `distance` characters either side, across lines (a label may sit on the next line). */
function around(m: RegExpExecArray, distance: number): string {
  return m.input.slice(Math.max(0, m.index - distance), m.index + m[0].length + distance);
}

export const secp256k1PrivateKey: Detector = secretDetector({
  id: 'secp256k1_private_key',
  description: 'Wallet (secp256k1) private key as 0x-prefixed hex next to wallet/private-key words',
  validation: '64 hex digits after 0x, entropy ≥ 3 bits, a wallet/private-key word within 160 characters',
  anchors: ['wallet', 'private key', 'private_key', 'privatekey', 'private-key', 'privkey', 'priv_key', 'mnemonic', 'signer', '私钥', '钱包'],
  pattern: /(?<![0-9A-Za-z])0x(?<value>[0-9a-fA-F]{64})(?![0-9A-Za-z])/g,
  validate: (value, m) => isFilledIn(value) && !isRepetitive(value) && shannonEntropy(value) >= 3 && WALLET_WORDS.test(around(m, 160)),
  window: { before: 256, after: 256, multiline: true },
  confidence: 'medium',
  example: 'wallet private key: 0x' + '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
});

export const KEY_DETECTORS: readonly Detector[] = [privateKey, jwt, ageSecretKey, secp256k1PrivateKey];
