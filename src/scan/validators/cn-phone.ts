// Mainland China telephone numbers under MIIT's Telecommunication Network Numbering
// Plan (《电信网编号计划》, 2017 edition): 11-digit mobile numbers 1[3-9]xxxxxxxxx and
// fixed-line numbers of a trunk 0, an area code (10, 2x, or 3–9xx) and a 7–8 digit local number.

/** Whether `digits` is an 11-digit mainland mobile number. Number-range (号段) tables change often, so only 1[3-9] is checked. */
export function isCnMobileNumber(digits: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(digits);
}

/**
 * Whether `digits`, starting with the trunk 0, is a mainland fixed-line number:
 * 010 or 02x with an 8-digit local number, or 0[3-9]xx with a 7- or 8-digit one.
 * Local numbers never start with 0.
 */
export function isCnLandlineNumber(digits: string): boolean {
  return /^0(?:(?:10|2[0-9])[1-9][0-9]{7}|[3-9][0-9]{2}[1-9][0-9]{6,7})$/.test(digits);
}

/**
 * Whether `digits` (country code 86 first, no trunk 0) is a mainland number in
 * international form, mobile or fixed-line.
 */
export function isCnInternationalNumber(digits: string): boolean {
  if (!digits.startsWith('86')) return false;
  const national = digits.slice(2);
  return isCnMobileNumber(national) || isCnLandlineNumber(`0${national}`);
}
