// How a sensitive value is shown or replaced: redacted previews for reports,
// salted fingerprints for correlation, and the replacements `leakwatch redact`
// writes. Nothing here ever returns the value itself.
import { createHash, type Hash } from 'node:crypto';
import type { Category } from '../detectors/index.js';

/**
 * A preview that keeps at most a quarter of the value on each side (at most four
 * characters each side, none for values under 8 characters' worth of letters and
 * digits) and masks the rest, keeping separators so the shape stays readable:
 * `11010519491231002X` → `1101**********002X`.
 */
export function redactPreview(value: string, category: Category): string {
  const chars = [...value];
  const significant = chars.filter(isAlnum).length;
  const keep = significant < 8 ? 0 : Math.min(4, Math.floor(significant / 4));
  const keepEnd = category === 'secret' ? Math.min(keep, 2) : keep;
  let seen = 0;
  let out = '';
  for (const ch of chars) {
    if (!isAlnum(ch)) {
      out += ch === '\n' || ch === '\r' ? ' ' : ch;
      continue;
    }
    const pos = seen++;
    out += pos < keep || pos >= significant - keepEnd ? ch : '*';
  }
  return out.length > 80 ? out.slice(0, 36) + '…' + out.slice(-36) : out;
}

/** Letters and digits: ASCII by code, anything outside ASCII counts (CJK, accented letters). */
function isAlnum(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 0x7f && !/[\s\p{P}\p{S}]/u.test(ch));
}

/** Normalises a value so that formatting does not change its fingerprint (`138 1234 5678` = `13812345678`). */
export function normaliseValue(type: string, value: string): string {
  if (type === 'email') return value.toLowerCase();
  if (/^[\d\s\-+().]+[xX]?$/.test(value)) return value.replace(/[^\dxX]/g, '').toUpperCase();
  return value;
}

const keyed = new Map<string, Hash>();

/**
 * Salted fingerprint: SHA-256 over the salt, the type and the normalised value
 * (each NUL-terminated), first 128 bits in hex. The salted prefix state is kept
 * and copied per value, which costs one hash instead of HMAC's two; a prefix key
 * is sound here because fingerprints are compared, never extended.
 */
export function fingerprint(salt: string, type: string, value: string): string {
  let base = keyed.get(salt);
  if (!base) {
    base = createHash('sha256').update(salt).update('\0');
    if (keyed.size > 16) keyed.clear();
    keyed.set(salt, base);
  }
  return base.copy().update(type).update('\0').update(normaliseValue(type, value)).digest('hex').slice(0, 32);
}

export type RedactMode = 'mask' | 'hash' | 'tag';

/** The text that replaces a value in a redacted copy. */
export function replacement(mode: RedactMode, type: string, value: string, salt: string): string {
  switch (mode) {
    case 'mask':
      return value.replace(/[\p{L}\p{N}]/gu, '*');
    case 'hash':
      return `<${type}:${fingerprint(salt, type, value).slice(0, 12)}>`;
    case 'tag':
      return `<${type}>`;
  }
}
