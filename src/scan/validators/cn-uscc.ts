// Unified social credit codes, GB 32100-2015: 17 characters from a 31-character set
// (digits and A–Y without I, O, S, V, Z) and a check character with weights 3^(i-1) mod 31.
// The code identifies an organisation (or a sole proprietor's business), not a person.
// Positions 9–17 hold the organisation code of GB 11714-1997 with its own check character.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * The GB 32100-2015 check character for a 17-character body, or null when the body
 * uses characters outside the code's alphabet.
 * @example cnUsccCheckChar('91110000600037341') // 'L'
 */
export function cnUsccCheckChar(body: string): string | null {
  if (body.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(body.charAt(i));
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Whether `value` is a well-formed USCC: 18 characters of the alphabet, digits at
 * positions 3–8 (the administrative division code), and the right check character.
 * Positions 1–2 accept the whole alphabet because some non-commercial registrants use letters.
 */
export function isCnUscc(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  return cnUsccCheckChar(value.slice(0, 17)) === value.charAt(17);
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Whether 9 characters are a GB 11714-1997 organisation code: 8 digits or capital
 * letters (A=10 … Z=35) and a mod-11 check character (10 → X, 11 → 0).
 * @example isOrgCode('600037341') // true
 */
export function isOrgCode(code: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = code.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * (ORG_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return code.charAt(8) === (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}
