// Taiwan national identification numbers and resident certificate numbers (國民身分證
// 統一編號, 居留證統一證號): a region letter, a sex/category character (1/2 national, 8/9
// resident since 2021, A–D legacy resident) and a mod-10 check digit, per the Ministry of
// the Interior's rule as written up in shared/corpora/pii/CHECKSUMS.md §4.

/** Region letter codes; I, O, W–Z are out of alphabetical order. */
const LETTER_CODES: Readonly<Record<string, number>> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

/**
 * Whether `value` is a valid Taiwan ID or resident certificate number.
 * @example isTwId('A123456789') // true
 */
export function isTwId(value: string): boolean {
  if (!/^[A-Z][12ABCD89][0-9]{8}$/.test(value)) return false;
  const area = LETTER_CODES[value.charAt(0)] ?? 0;
  const second = value.charAt(1);
  // Legacy resident certificates put a letter second; only its code's units digit counts.
  const d2 = second >= 'A' && second <= 'D' ? (LETTER_CODES[second] ?? 0) % 10 : Number(second);
  let total = Math.floor(area / 10) + (area % 10) * 9 + d2 * 8;
  for (let i = 2; i < 9; i++) total += Number(value.charAt(i)) * (9 - i);
  total += Number(value.charAt(9));
  return total % 10 === 0;
}
