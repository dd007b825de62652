// The Luhn (mod 10) check of ISO/IEC 7812-1 Annex B: payment cards, IMEIs and the
// other identifiers that carry it. Pure functions over ASCII digit strings.

/** Whether `digits` (ASCII digits only, check digit last) passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return luhnSum(digits, true) % 10 === 0;
}

/**
 * The Luhn check digit for `body` (the number without its check digit).
 * @example luhnCheckDigit('7992739871') // '3'
 */
export function luhnCheckDigit(body: string): string {
  if (!/^[0-9]+$/.test(body)) throw new RangeError('luhnCheckDigit: digits only');
  return String((10 - (luhnSum(body, false) % 10)) % 10);
}

/** Sum of the digits, doubling every second one counted from the right (from the check digit when `hasCheck`). */
function luhnSum(digits: string, hasCheck: boolean): number {
  let sum = 0;
  let double = !hasCheck;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}
