// Secrets handed to clients (session ids, API tokens, setup tokens) are 256-bit
// random values; only their SHA-256 is stored, so a copy of the database opens
// no session. High-entropy secrets need no slow hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens look like `lwt_<43 base64url chars>` so secret scanners (ours included) can spot a leaked one. */
export const API_TOKEN_PREFIX = 'lwt_';

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
