// Vehicle identification numbers, ISO 3779 with the position-9 check digit of
// 49 CFR 565.15 (North America), which China's GB 16735 uses too: 17 characters
// without I, O and Q, transliterated and weighted, check = sum mod 11 (10 → X).

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const LETTERS: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

/**
 * The check character a 17-character VIN should carry at position 9, or null when it
 * has characters outside the VIN alphabet.
 * @example vinCheckChar('1M8GDM9AXKP042788') // 'X'
 */
export function vinCheckChar(vin: string): string | null {
  if (!/^[0-9A-HJ-NPR-Z]{17}$/.test(vin)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin.charAt(i);
    const v = ch >= '0' && ch <= '9' ? Number(ch) : (LETTERS[ch] ?? 0);
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Whether `vin` is 17 VIN characters with a correct position-9 check digit. */
export function isVin(vin: string): boolean {
  const check = vinCheckChar(vin);
  return check !== null && vin.charAt(8) === check;
}
