// PRC citizen identity numbers, GB 11643-1999 (18 characters: GB/T 2260 address code,
// YYYYMMDD birth date, sequence, ISO 7064 MOD 11-2 check character) and the legacy
// 15-digit numbers of GB 11643-1989 (YYMMDD read as 19YY, no check character).
import { mod11_2CheckChar } from './iso7064.js';

/**
 * Province-level prefixes of GB/T 2260 that appear in real numbers: the 31 mainland
 * provinces, 71 (Taiwan, listed by GB/T 2260), and 81/82/83, the address codes of
 * residence permits for Hong Kong, Macau and Taiwan residents, which use this format.
 * 91 is left out on purpose: it is no GB/T 2260 code, and it is the most common
 * prefix of unified social credit codes (GB 32100-2015), which have the same length.
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Whether the first two digits are a province-level code we accept (see PROVINCES). */
export function isCnProvinceCode(code: string): boolean {
  return PROVINCES.has(code.slice(0, 2));
}

/**
 * Whether a 6-digit address code is plausible. GB/T 2260 numbers prefecture-level
 * units 01–70 and uses 90 for county-level units under the province directly; the
 * residence-permit codes are exactly 810000, 820000 and 830000. We have no full
 * county table, so digits 5–6 are not checked.
 */
export function isCnRegionCode(code: string): boolean {
  if (!/^[0-9]{6}$/.test(code) || !isCnProvinceCode(code)) return false;
  const province = code.slice(0, 2);
  if (province === '81' || province === '82' || province === '83') return code.endsWith('0000');
  const prefecture = Number(code.slice(2, 4));
  return (prefecture >= 1 && prefecture <= 70) || prefecture === 90;
}

export interface CnResidentIdOptions {
  /** Birth dates after this day are rejected. Default: now. */
  readonly today?: Date;
  /** Earliest accepted birth year, a plausibility floor rather than part of the standard. Default 1900. */
  readonly minBirthYear?: number;
}

/**
 * Whether `value` is a valid PRC resident identity number: 18 characters with a
 * valid address code, a real birth date in range and a correct check character
 * (`x` accepted for `X`), or 15 digits with a valid address code and birth date.
 * @example isCnResidentId('11010519491231002X') // true
 */
export function isCnResidentId(value: string, options: CnResidentIdOptions = {}): boolean {
  if (/^[0-9]{17}[0-9Xx]$/.test(value)) {
    if (!isCnRegionCode(value.slice(0, 6))) return false;
    if (!isBirthDate(value.slice(6, 14), options)) return false;
    return mod11_2CheckChar(value.slice(0, 17)) === value.charAt(17).toUpperCase();
  }
  if (/^[0-9]{15}$/.test(value)) {
    return isCnRegionCode(value.slice(0, 6)) && isBirthDate(`19${value.slice(6, 12)}`, options);
  }
  return false;
}

/**
 * Whether 18 characters look like a resident ID: a valid address code followed by a
 * year 1900–2099, whatever the rest. Detectors of other numbers of that length
 * (cards) use it to stay out of the way: a mistyped ID is still an ID, not a card,
 * and only about 1 in 300 random 18-digit numbers looks like this.
 */
export function looksLikeCnResidentId(value: string): boolean {
  return /^[0-9]{6}(?:19|20)[0-9]{9}[0-9Xx]$/.test(value) && isCnRegionCode(value.slice(0, 6));
}

/** Today as the number yyyymmdd (UTC), recomputed at most once a minute: validation runs per candidate. */
let todayCache = { at: 0, ymd: 0 };
function todayYmd(): number {
  const now = Date.now();
  if (now - todayCache.at > 60_000) {
    const d = new Date(now);
    todayCache = { at: now, ymd: d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() };
  }
  return todayCache.ymd;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `yyyymmdd` is a real (proleptic Gregorian) calendar date between the floor year and today. */
function isBirthDate(yyyymmdd: string, { today, minBirthYear = 1900 }: CnResidentIdOptions): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < minBirthYear || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return false;
  const limit = today ? today.getUTCFullYear() * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate() : todayYmd();
  return y * 10_000 + m * 100 + d <= limit;
}
