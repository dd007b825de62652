// Hong Kong identity card numbers (HKID): one or two letters, six digits and a
// mod-11 check character (0–9 or A), as published by the Immigration Department and
// described in shared/corpora/pii/CHECKSUMS.md §3. A one-letter prefix counts as space = 36.

/**
 * The check character for a prefix (one or two capital letters) and six digits.
 * @example hkIdCheckChar('A123456') // '3'
 */
export function hkIdCheckChar(body: string): string | null {
  const m = /^([A-Z]{1,2})([0-9]{6})$/.exec(body);
  if (!m) return null;
  const letters = m[1] ?? '';
  const values = letters.length === 1 ? [36, letterValue(letters)] : [letterValue(letters.charAt(0)), letterValue(letters.charAt(1))];
  for (const ch of m[2] ?? '') values.push(ch.charCodeAt(0) - 48);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (values[i] ?? 0) * (9 - i);
  const r = sum % 11;
  return r === 0 ? '0' : r === 1 ? 'A' : String(11 - r);
}

/**
 * Whether `value` is a valid HKID, with the check character in parentheses
 * (`A123456(3)`, also full-width `（3）` and a space before it) or without them (`A1234563`).
 */
export function isHkId(value: string): boolean {
  const m = /^([A-Z]{1,2}[0-9]{6}) ?(?:\(([0-9A])\)|（([0-9A])）|([0-9A]))$/.exec(value);
  if (!m) return false;
  const check = m[2] ?? m[3] ?? m[4];
  return hkIdCheckChar(m[1] ?? '') === check;
}

/** A=10 … Z=35. */
function letterValue(ch: string): number {
  return ch.charCodeAt(0) - 55;
}
