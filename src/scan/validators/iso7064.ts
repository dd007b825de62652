// ISO 7064 check-character systems used by the identifiers we validate: MOD 11-2
// (PRC resident ID, GB 11643-1999) and MOD 97-10 (IBAN, ISO 13616). Pure functions.

/** Weights 2^(18-i) mod 11 for the 17 body digits of a MOD 11-2 code of length 18 (GB 11643-1999 §7.2). */
const MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD11_2_CHECK = '10X98765432';

/**
 * ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for a 17-digit body.
 * @example mod11_2CheckChar('11010519491231002') // 'X'
 */
export function mod11_2CheckChar(body: string): string {
  if (!/^[0-9]{17}$/.test(body)) throw new RangeError('mod11_2CheckChar: 17 digits expected');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * (MOD11_2_WEIGHTS[i] ?? 0);
  return MOD11_2_CHECK.charAt(sum % 11);
}

/**
 * ISO 7064 MOD 97-10 remainder of an alphanumeric string, letters read as A=10 … Z=35.
 * Reduces piecewise, so any length works without bignums. Returns -1 on other characters.
 */
export function mod97(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) m = (m * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) m = (m * 100 + (c - 55)) % 97;
    else return -1;
  }
  return m;
}
