// Detectors for identifiers of people in mainland China, Hong Kong, Macau and Taiwan:
// identity documents, phone numbers, bank cards, licence plates and company credit codes.
// Each number with a check digit or date is validated; format-only ones need context.
import type { Detector } from '../detector.js';
import {
  cardBrand, looksLikeCnResidentId, isCnLandlineNumber, isCnProvinceCode, isCnResidentId, isCnUscc,
  isHkId, isLuhnValid, isMoIdShape, isOrgCode, isTwId,
} from '../../validators/index.js';
import {
  BANK_CARD_WORDS, HK_ID_WORDS, KEYWORD_WINDOW, LANDLINE_WORDS, MO_ID_WORDS, MOBILE_WORDS, PASSPORT_WORDS,
  RESIDENT_ID_WORDS, TW_ID_WORDS, digitsOf, NUMERIC_TRIGGER, around, isRun } from './common.js';

export const CN_RESIDENT_ID: Detector = {
  id: 'cn_resident_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'PRC resident identity card number: 18 characters, or the legacy 15 digits next to an ID keyword',
  validation: 'GB 11643-1999: GB/T 2260 region prefix, real birth date 1900–today, ISO 7064 MOD 11-2 check character',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // 18 digits, or 17 and the X check character; the region code starts with 1-8.
  triggerFilter: around((hit, _b, after) => isRun(hit) && hit[0]! >= '1' && hit[0]! <= '8' && (hit.length === 18 || (hit.length === 17 && (after === 'X' || after === 'x')))),
  // Province codes start with 1–8; the boundaries keep 18-character slices of longer runs out.
  pattern: /(?<![0-9A-Za-z])[1-8][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g,
  validate: (value) => isCnResidentId(value),
  keywords: RESIDENT_ID_WORDS,
  example: '11010519491231002X',
};

export const CN_RESIDENT_ID_LEGACY: Detector = {
  id: 'cn_resident_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'PRC resident identity card number, legacy 15-digit form, next to an ID keyword',
  validation: 'GB 11643-1989: GB/T 2260 region prefix and real YYMMDD birth date (no check digit, so a keyword is required)',
  anchors: RESIDENT_ID_WORDS,
  pattern: /(?<![0-9A-Za-z])[1-8][0-9]{14}(?![0-9A-Za-z])/g,
  validate: (value) => isCnResidentId(value),
  keywords: RESIDENT_ID_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: '110105491231002',
};

export const CN_MOBILE: Detector = {
  id: 'cn_mobile',
  category: 'pii',
  pipl: 'personal',
  description: 'Mainland China mobile number, optionally with +86/0086/86, compact or in 3-4-4 groups',
  validation: 'MIIT numbering plan: 11 digits starting 1[3-9]; separators must agree',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // 1[3-9]… alone, or after 86 / 0086 written without a separator.
  triggerFilter: (hit) => !isRun(hit) || (hit.length === 11 && hit[0] === '1') || (hit.length === 13 && hit.startsWith('86')) || (hit.length === 15 && hit.startsWith('0086')),
  pattern: /(?<![0-9A-Za-z+])(?:(?:\+86|0086|86|\(\+86\)|（\+86）)[ -]?)?1[3-9][0-9](?:[0-9]{8}|([ -])[0-9]{4}\1[0-9]{4})(?![0-9A-Za-z])/g,
  keywords: MOBILE_WORDS,
  example: '13812345678',
};

export const CN_LANDLINE: Detector = {
  id: 'cn_landline',
  category: 'pii',
  pipl: 'personal',
  description: 'Mainland China fixed-line number with its area code: 010-12345678, (0755)87654321, +86 10 1234 5678; 01012345678 next to a phone keyword',
  validation: 'MIIT numbering plan: area code 010/02x (8-digit local) or 0[3-9]xx (7–8 digits); the area code must be set off or prefixed by +86',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // The subscriber number alone (7-8 digits), or area code and number written together,
  // from 0, 86 or 0086.
  triggerFilter: (hit) =>
    !isRun(hit) || hit.length <= 8 || (hit.length <= 12 && hit[0] === '0') || (hit.length <= 13 && hit.startsWith('86')) || (hit.length <= 15 && hit.startsWith('0086')),
  // Not right after a 4-character group and a separator: "6222 0531 2345 6789" is a
  // card and "BE71 0961 2345 6769" an IBAN, not fixed lines with area codes 0531 and 0961.
  pattern: /(?<![0-9A-Za-z+])(?<!(?<![0-9A-Z])[0-9A-Z]{4}[ -])(?:(?:\+86|0086)[ -]?(?:10|2[0-9]|[3-9][0-9]{2})[ -]?|[(（]0(?:10|2[0-9]|[3-9][0-9]{2})[)）][ -]?|0(?:10|2[0-9]|[3-9][0-9]{2})[ -])[1-9][0-9]{2,3}[ -]?[0-9]{4}(?![0-9A-Za-z])/g,
  validate: (value) => isCnFixedLine(value),
  keywords: LANDLINE_WORDS,
  example: '010-12345678',
};

export const CN_LANDLINE_COMPACT: Detector = {
  id: 'cn_landline',
  category: 'pii',
  pipl: 'personal',
  description: 'Mainland China fixed-line number written without separators, next to a phone keyword',
  validation: 'MIIT numbering plan area code and local-number length; a keyword is required because bare 10–12 digit runs are common',
  anchors: LANDLINE_WORDS,
  pattern: /(?<![0-9A-Za-z+])0(?:10|2[0-9]|[3-9][0-9]{2})[1-9][0-9]{6,7}(?![0-9A-Za-z])/g,
  validate: (value) => isCnLandlineNumber(value),
  keywords: LANDLINE_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: '01012345678',
};

export const CN_BANK_CARD: Detector = {
  id: 'cn_bank_card',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Chinese bank card number: UnionPay (62) and pre-UnionPay domestic BINs (9558, 95599, 6013), 16–19 digits',
  validation: 'ISO/IEC 7812 IIN range and length, Luhn; 18 digits that look like a resident ID (region code, year 19xx/20xx) are left to cn_resident_id',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // The UnionPay and domestic prefixes the pattern accepts, or a grouped number.
  triggerFilter: (hit) => !isRun(hit) || (hit.length >= 14 && hit.length <= 21 && /^(?:62|955[89]|6013)/.test(hit)),
  pattern: /(?<![0-9A-Za-z])(?:(?:62|955[89]|6013)[0-9]{12,17}|(?:62[0-9]{2}|955[89]|6013)([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,3})?)(?![0-9A-Za-z])/g,
  validate: (value) => {
    const digits = digitsOf(value);
    const brand = cardBrand(digits);
    return (brand === 'unionpay' || brand === 'cn_domestic') && isLuhnValid(digits) && !looksLikeCnResidentId(digits);
  },
  keywords: BANK_CARD_WORDS,
  example: '6225882708965808',
};

export const CN_USCC: Detector = {
  id: 'cn_uscc',
  category: 'pii',
  // Identifies an organisation (for a sole proprietor, a business), not a natural person.
  pipl: null,
  description: 'Unified social credit code (统一社会信用代码) of a company or other organisation',
  validation: 'GB 32100-2015 check character; registration authority 1–9/A/N/Y, entity type 1–9, division code of a real province or 10 (national); an all-digit code must also carry a valid GB 11714 organisation-code check',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // All 18 characters digits, or a run that meets one of the code's letters.
  triggerFilter: around((hit, before, after) => isRun(hit) && (hit.length === 18 || (hit.length >= 7 && hit.length <= 17 && (/[A-Z]/.test(after) || /[A-Z]/.test(before))))),
  pattern: /(?<![0-9A-Za-z])[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g,
  // About 1 in 100 random 18-digit runs (order numbers) passes the mod-31 check and
  // the region test; the embedded organisation code cuts that by another factor of 11.
  validate: (value) => isCnUscc(value)
    && (isCnProvinceCode(value.slice(2, 4)) || value.slice(2, 4) === '10')
    && (/[A-Z]/.test(value) || isOrgCode(value.slice(8, 17))),
  keywords: ['统一社会信用代码', '社会信用代码', '信用代码', '纳税人识别号', '税号', 'uscc', 'credit code'],
  example: '91110000600037341L',
};

export const CN_PASSPORT: Detector = {
  id: 'cn_passport',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'PRC passport number: E + 8 digits, E + letter + 7 digits, G + 8 digits; diplomatic, service and public-affairs forms next to 护照/passport',
  validation: 'Format only (no check digit): low confidence unless 护照/passport is near',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // Seven or eight digits after the letter prefix.
  triggerFilter: around((hit, before) => isRun(hit) && (hit.length === 7 || hit.length === 8) && /[A-Z]/.test(before)),
  pattern: /(?<![0-9A-Za-z])(?:E[0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|G[0-9]{8})(?![0-9A-Za-z])/g,
  keywords: PASSPORT_WORDS,
  confidence: 'low',
  example: 'E12345678',
};

export const CN_PASSPORT_OTHER: Detector = {
  id: 'cn_passport',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'PRC diplomatic, service and public-affairs e-passport numbers (DE/SE/PE + 7 digits) and 14/15 + 7 digits, next to 护照/passport',
  validation: 'Format only; these shapes are too generic to report without a passport keyword. The pre-2012 D/S/P + 7 digit forms have expired and look like HKIDs, so they are left out',
  anchors: PASSPORT_WORDS,
  pattern: /(?<![0-9A-Za-z])(?:[DSP]E[0-9]{7}|1[45][0-9]{7})(?![0-9A-Za-z])/g,
  keywords: PASSPORT_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: 'SE1234567',
};

export const HK_ID: Detector = {
  id: 'hk_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Hong Kong identity card number: A123456(3), or A1234563 next to an HKID keyword',
  validation: 'HKID mod-11 check character (one- or two-letter prefix)',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // Six digits after the one or two prefix letters.
  triggerFilter: around((hit, before) => isRun(hit) && hit.length === 6 && /[A-Z]/.test(before)),
  pattern: /(?<![0-9A-Za-z])[A-Z]{1,2}[0-9]{6} ?(?:\([0-9A]\)|（[0-9A]）)/g,
  validate: (value) => isHkId(value),
  keywords: HK_ID_WORDS,
  example: 'A123456(3)',
};

export const HK_ID_COMPACT: Detector = {
  id: 'hk_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Hong Kong identity card number written without parentheses, next to an HKID keyword',
  validation: 'HKID mod-11 check character, two-letter prefixes W?/X? only; a keyword is required because 1 in 11 letter+digit codes passes',
  anchors: HK_ID_WORDS,
  // Two-letter prefixes in use start with W or X (XA–XH, WX); others of that shape
  // are PRC passports (EA1234567, SE1234567) far more often.
  pattern: /(?<![0-9A-Za-z])(?:[A-Z]|[WX][A-Z])[0-9]{6}[0-9A](?![0-9A-Za-z])/g,
  validate: (value) => isHkId(value),
  keywords: HK_ID_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: 'A1234563',
};

export const MO_ID: Detector = {
  id: 'mo_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Macau resident identity card (BIR) number: 1234567(8), or 8 digits right after 澳门/Macau',
  validation: 'Format only (first digit 1/5/7, 6 digits, check digit in parentheses); the check algorithm is unpublished, so low confidence without context',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  triggerFilter: (hit) => isRun(hit) && hit.length === 7 && '157'.includes(hit[0]!),
  // Starts at the parenthesis (see "Speed" in common.ts).
  pattern: /[(（](?<=(?<![0-9A-Za-z])[157][0-9]{6} ?[(（])[0-9][)）](?<=(?<value>[157][0-9]{6} ?(?:\([0-9]\)|（[0-9]）)))/g,
  validate: (value) => isMoIdShape(value),
  keywords: MO_ID_WORDS,
  confidence: 'low',
  example: '1234567(8)',
};

export const MO_ID_COMPACT: Detector = {
  id: 'mo_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Macau resident identity card number written as 8 digits right after 澳门/Macau (e.g. 澳门居民身份证号码12345678)',
  validation: 'Format only; the Macau word must precede the number on the same line with no digits between',
  // Eight bare digits are everywhere (invoice and local phone numbers), so the
  // context word is part of the pattern rather than anywhere within 64 characters.
  anchors: ['澳门', '澳門', 'macau', 'macao'],
  pattern: /(?:澳门|澳門|macau|macao)[^0-9\n]{0,16}(?<value>[157][0-9]{7})(?![0-9A-Za-z])/gi,
  validate: (value) => isMoIdShape(value),
  keywords: MO_ID_WORDS,
  example: '12345678',
};

export const TW_ID: Detector = {
  id: 'tw_id',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Taiwan national ID or resident certificate number: A123456789, A800000014, AB12345677',
  validation: 'Ministry of the Interior mod-10 check digit over the region letter code and nine characters',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // Eight or nine digits after the area letter (and a second letter for residents).
  triggerFilter: around((hit, before) => isRun(hit) && (hit.length === 8 || hit.length === 9) && /[A-Z]/.test(before)),
  pattern: /(?<![0-9A-Za-z])[A-Z][12ABCD89][0-9]{8}(?![0-9A-Za-z])/g,
  validate: (value) => isTwId(value),
  keywords: TW_ID_WORDS,
  example: 'A123456789',
};

export const CN_LICENSE_PLATE: Detector = {
  id: 'cn_license_plate',
  category: 'pii',
  pipl: 'personal',
  description: 'Mainland China vehicle licence plate: province character, authority letter, 5-character serial or 6-character new-energy serial',
  validation: 'GA 36-2018 shape: no I/O, at most two letters in a 5-character serial, new-energy D/F placement',
  anchors: [],
  pattern: /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·• ]?(?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![0-9A-Za-z])/g,
  validate: (value) => isPlate(value),
  keywords: ['车牌', '车牌号', '号牌', '车辆', 'license plate', 'plate'],
  example: '京A12345',
};


const WHOLE = (d: Detector): RegExp => new RegExp(`^(?:${d.pattern.source})$`);
const CN_PHONE_SHAPES: ReadonlyArray<readonly [RegExp, Detector]> = [CN_MOBILE, CN_LANDLINE, CN_LANDLINE_COMPACT].map((d) => [WHOLE(d), d] as const);

/**
 * Whether cn_mobile or cn_landline matches exactly this text and accepts it. The
 * generic phone detectors drop such values so that one number yields one finding,
 * typed as precisely as we can.
 */
export function isCnPhoneText(value: string): boolean {
  return CN_PHONE_SHAPES.some(([re, d]) => re.test(value) && (d.validate?.(value, re.exec(value)!) ?? true));
}

/** Mainland fixed line in any of the forms CN_LANDLINE matches: national with trunk 0, or +86/0086. */
function isCnFixedLine(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.startsWith('0086')) return isCnLandlineNumber(`0${digits.slice(4)}`);
  if (value.includes('+')) return isCnLandlineNumber(`0${digits.slice(2)}`);
  return isCnLandlineNumber(digits);
}

/** A 5-character serial may hold at most two letters; special plates end in a CJK suffix. */
function isPlate(value: string): boolean {
  const serial = value.slice(2).replace(/^[·• ]/, '');
  if (serial.length === 6) return true;
  return (serial.match(/[A-Z]/g)?.length ?? 0) <= 2;
}
