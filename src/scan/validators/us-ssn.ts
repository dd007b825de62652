// US Social Security numbers: rejects what the Social Security Administration never
// issues (its 2011 "SSN Randomization" notice: area 000, 666 and 900–999, group 00,
// serial 0000) and a few numbers that are public samples rather than anyone's.

/** 078-05-1120 (the Woolworth wallet insert), 219-09-9999 (a 1940 SSA pamphlet) and the placeholder 123-45-6789. */
const SAMPLE_NUMBERS = new Set(['078051120', '219099999', '123456789']);

/**
 * Whether nine digits (separators removed) could be an issued SSN.
 * @example isUsSsn('078051123') // true
 */
export function isUsSsn(digits: string): boolean {
  if (!/^[0-9]{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  if (/^(.)\1{8}$/.test(digits)) return false;
  return !SAMPLE_NUMBERS.has(digits);
}
