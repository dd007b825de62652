// Payment card numbers, ISO/IEC 7812-1: issuer identification number (IIN) ranges of
// the card brands with their lengths, and the Luhn check. Ranges follow the brands'
// published IIN tables; Chinese domestic BINs that predate UnionPay are listed separately.
import { isLuhnValid } from './luhn.js';

export type CardBrand =
  | 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'maestro' | 'dankort' | 'uatp'
  | 'unionpay' | 'cn_domestic';

interface Range { readonly brand: CardBrand; readonly from: number; readonly to: number; readonly digits: number; readonly lengths: readonly number[] }

const r = (brand: CardBrand, from: number, to: number, lengths: readonly number[]): Range =>
  ({ brand, from, to, digits: String(from).length, lengths });
const SIXTEEN_TO_19 = [16, 17, 18, 19] as const;

/** Longer prefixes first, so that e.g. 5019 (Dankort) wins over a shorter range. */
const RANGES: readonly Range[] = [
  r('cn_domestic', 95599, 95599, [19]), // Agricultural Bank of China, pre-UnionPay debit cards
  r('dankort', 5019, 5019, [16]),
  r('maestro', 5018, 5018, range(12, 19)), r('maestro', 5020, 5020, range(12, 19)),
  r('maestro', 5038, 5038, range(12, 19)), r('maestro', 5893, 5893, range(12, 19)),
  r('maestro', 6304, 6304, range(12, 19)), r('maestro', 6759, 6759, range(12, 19)),
  r('maestro', 6761, 6763, range(12, 19)),
  r('mastercard', 2221, 2720, [16]),
  r('diners', 3095, 3095, [14, 16]),
  r('jcb', 3528, 3589, SIXTEEN_TO_19),
  r('discover', 6011, 6011, SIXTEEN_TO_19),
  r('cn_domestic', 9558, 9558, [19]), // Industrial and Commercial Bank of China
  r('cn_domestic', 6013, 6013, SIXTEEN_TO_19), // Bank of China Great Wall cards
  r('diners', 300, 305, [14, 16]),
  r('discover', 644, 649, SIXTEEN_TO_19),
  r('amex', 34, 34, [15]), r('amex', 37, 37, [15]),
  r('diners', 36, 36, [14, 16]), r('diners', 38, 39, [14, 16]),
  r('mastercard', 51, 55, [16]),
  r('unionpay', 62, 62, SIXTEEN_TO_19),
  r('discover', 65, 65, SIXTEEN_TO_19),
  r('visa', 4, 4, [13, 16, 19]),
  r('uatp', 1, 1, [15]),
];

/** The brand whose IIN range and length fit `digits`, or null. Does not check Luhn. */
export function cardBrand(digits: string): CardBrand | null {
  if (digits.length < 12 || digits.length > 19) return null;
  // Prefixes of 1 to 5 digits, computed once (this runs on every long digit run).
  const prefix = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (i < 5) prefix[i + 1] = prefix[i]! * 10 + d;
  }
  for (const range of RANGES) {
    const p = prefix[range.digits]!;
    if (p >= range.from && p <= range.to) return range.lengths.includes(digits.length) ? range.brand : null;
  }
  return null;
}

/** Whether `digits` is a payment card number: a known IIN range and length, and a valid Luhn digit. */
export function isPaymentCard(digits: string): boolean {
  return cardBrand(digits) !== null && isLuhnValid(digits);
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}
