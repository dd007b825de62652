// Detectors for international personal data: e-mail addresses, payment cards, IBANs,
// US Social Security numbers, phone numbers in international and common national
// forms, and vehicle identification numbers.
import type { Detector } from '../detector.js';
import {
  cardBrand, looksLikeCnResidentId, isIban, isLuhnValid, isUsSsn, isVin, IBAN_LENGTHS,
} from '../../validators/index.js';
import { isCnPhoneText } from './cn.js';
import { KEYWORD_WINDOW, PAYMENT_CARD_WORDS, PHONE_WORDS, SSN_WORDS, digitsOf, NUMERIC_TRIGGER, grouped, isRun } from './common.js';

export const EMAIL: Detector = {
  id: 'email',
  category: 'pii',
  pipl: 'personal',
  description: 'E-mail address',
  validation: 'RFC 5321 shape: local part up to 64 characters without leading, trailing or doubled dots; domain labels and an alphabetic or punycode TLD',
  // Scanning every letter as a possible local-part start is slow; every address has an @.
  anchors: ['@'],
  window: { before: 64, after: 256 },
  pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})(?![A-Za-z0-9-])/g,
  validate: (value) => {
    const local = value.slice(0, value.lastIndexOf('@'));
    return !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
  },
  keywords: ['email', 'e-mail', 'mail', '邮箱', '电子邮件', '邮件', '郵箱'],
  example: 'zhang.san@example.com',
};

export const CREDIT_CARD: Detector = {
  id: 'credit_card',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'Payment card number: Visa, Mastercard (incl. 2-series), Amex, Discover, JCB, Diners, Maestro, Dankort, compact or grouped; UATP next to a card keyword',
  validation: 'ISO/IEC 7812 IIN range and length per brand, Luhn. UnionPay (62) and Chinese domestic BINs are reported as cn_bank_card instead',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // Brand prefixes start with 2-6; six digits are the middle group of an Amex 4-6-5.
  triggerFilter: (hit) => !isRun(hit) || (hit.length >= 12 && hit.length <= 19 && hit[0]! >= '2' && hit[0]! <= '6') || hit.length === 6,
  pattern: /(?<![0-9A-Za-z])[2-6][0-9]{3}(?:[0-9]{8,15}|([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,3})?|([ -])[0-9]{6}\2[0-9]{4,5})(?![0-9A-Za-z])/g,
  validate: (value) => isCard(value, false),
  keywords: PAYMENT_CARD_WORDS,
  example: '4111111111111111',
};

export const CREDIT_CARD_UATP: Detector = {
  id: 'credit_card',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'UATP (airline) card number, 15 digits starting with 1, next to a card keyword',
  validation: 'IIN 1, length 15, Luhn; a keyword is required because 15-digit runs starting with 1 are mostly legacy IDs and registration numbers',
  anchors: PAYMENT_CARD_WORDS,
  pattern: /(?<![0-9A-Za-z])1[0-9]{3}(?:[0-9]{11}|([ -])[0-9]{5}\1[0-9]{6})(?![0-9A-Za-z])/g,
  validate: (value) => isCard(value, true),
  keywords: PAYMENT_CARD_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: '122000000000003',
};

export const IBAN: Detector = {
  id: 'iban',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'International bank account number, compact or in groups of four',
  validation: 'ISO 13616: country code with its registered length, ISO 7064 MOD 97-10 check digits',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  // Up to 34 characters and 8 spaces, and the trigger hit may be its first group.
  window: { before: 48, after: 48 },
  pattern: ibanPattern(),
  validate: (value) => isIban(value),
  keywords: ['iban', 'bank account', 'account', 'bic', 'swift', '账户', '账号'],
  example: 'GB82 WEST 1234 5698 7654 32',
};

export const US_SSN: Detector = {
  id: 'us_ssn',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'US Social Security number: 123-45-6789 (or with dots or spaces); 9 bare digits next to an SSN keyword',
  validation: 'SSA rules: area not 000/666/9xx, group not 00, serial not 0000, not a published sample; one separator throughout',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  triggerFilter: grouped,
  pattern: /(?<![0-9A-Za-z])(?<![0-9][ .-])[0-8][0-9]{2}([-. ])[0-9]{2}\1[0-9]{4}(?![0-9A-Za-z])(?![ .-][0-9])/g,
  validate: (value) => isUsSsn(digitsOf(value)),
  keywords: SSN_WORDS,
  example: '078-05-1123',
};

export const US_SSN_UNFORMATTED: Detector = {
  id: 'us_ssn',
  category: 'pii',
  pipl: 'sensitive_personal',
  description: 'US Social Security number as 9 bare digits or partly grouped (078-051121, 07805-1121), next to an SSN keyword',
  validation: 'SSA area/group/serial rules; a keyword is required because any 9-digit run fits',
  anchors: SSN_WORDS,
  pattern: /(?<![0-9A-Za-z])(?<![0-9][ .-])[0-8][0-9]{2}(?:[0-9]{6}|-[0-9]{6}|[0-9]{2}-[0-9]{4})(?![0-9A-Za-z])(?![ .-][0-9])/g,
  validate: (value) => isUsSsn(digitsOf(value)),
  keywords: SSN_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: '078051123',
};

export const PHONE_NUMBER_INTERNATIONAL: Detector = {
  id: 'phone_number',
  category: 'pii',
  pipl: 'personal',
  description: 'Phone number: international (+ country code), North American ((415) 555-0132), or national with trunk 0 next to a phone keyword',
  validation: 'ITU-T E.164: assigned country code, 8–15 digits in all. Numbers that cn_mobile/cn_landline report are left to them',
  anchors: [],
  pattern: /(?<![0-9A-Za-z+])\+[1-9][0-9]{0,3}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,12}(?![0-9]))){1,7}(?![0-9A-Za-z])/g,
  validate: (value) => isInternationalPhone(digitsOf(value)) && !isCnPhoneText(value),
  keywords: PHONE_WORDS,
  example: '+44 20 7123 4567',
};

export const PHONE_NUMBER_NANP: Detector = {
  id: 'phone_number',
  category: 'pii',
  pipl: 'personal',
  description: 'North American number in its usual printed forms: (415) 555-0132, (415)555-0132, 415-555-0132',
  validation: 'NANP: area code and exchange start with 2–9 and are not N11; no N00 (toll-free, non-geographic) area codes; parentheses or hyphens required; a preceding +1 is left to the international form',
  anchors: [],
  trigger: NUMERIC_TRIGGER,
  triggerFilter: grouped,
  // Starts at the hyphen before the last four digits (see "Speed" in common.ts).
  pattern: /-(?<=(?<![0-9A-Za-z+]|\+[0-9]{1,3}[ .-]?)(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}-)[2-9][0-9]{2}-)[0-9]{4}(?![0-9A-Za-z])(?!-[0-9])(?<=(?<value>(?:\([0-9]{3}\) ?|[0-9]{3}-)[0-9]{3}-[0-9]{4}))/g,
  // N00 codes are toll-free or non-geographic: business lines, and the shape of China's 400 hotlines.
  validate: (value) => {
    const d = digitsOf(value);
    return !/^[2-9]00/.test(d) && !/^[2-9]11/.test(d) && !/^[0-9]{3}[2-9]11/.test(d);
  },
  keywords: PHONE_WORDS,
  example: '(415) 555-0132',
};

export const PHONE_NUMBER_NATIONAL: Detector = {
  id: 'phone_number',
  category: 'pii',
  pipl: 'personal',
  description: 'Phone number in a national form with trunk 0 (090-1234-5678, 020 7123 4567) or 10 NANP digits, next to a phone keyword',
  validation: '9–12 digits; a phone keyword is required. Numbers that cn_landline reports are left to it',
  anchors: PHONE_WORDS,
  pattern: /(?<![0-9A-Za-z+]|\+[0-9]{1,3}[ .-]?|[0-9][ .-])(?:0[1-9][0-9]{0,3}[ -][0-9]{2,4}(?:[ -][0-9]{2,4}){0,2}|0[1-9][0-9]{8,9}|[2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}|[2-9][0-9]{2}[2-9][0-9]{6})(?![0-9A-Za-z])(?![ -][0-9])/g,
  validate: (value) => {
    const digits = digitsOf(value);
    return digits.length >= 9 && digits.length <= 12 && !isCnPhoneText(value);
  },
  keywords: PHONE_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: '090-1234-5678',
};

export const VIN: Detector = {
  id: 'vin',
  category: 'pii',
  pipl: 'personal',
  description: 'Vehicle identification number (17 characters, no I/O/Q)',
  validation: 'ISO 3779 / 49 CFR 565.15 / GB 16735 position-9 check digit; a letter among the first three (WMI) and digits at positions 14–17',
  anchors: [],
  // The WMI's letter is required up front so that digit runs (order numbers) fail
  // within three characters instead of after seventeen.
  pattern: /(?:[A-HJ-NPR-Z][0-9A-HJ-NPR-Z]{2}|[0-9][A-HJ-NPR-Z][0-9A-HJ-NPR-Z]|[0-9]{2}[A-HJ-NPR-Z])(?<![0-9A-Za-z][0-9A-Z]{3})[0-9A-HJ-NPR-Z]{5}[0-9X][0-9A-HJ-NPR-Z]{4}[0-9]{4}(?![0-9A-Za-z])/g,
  validate: (value) => isVin(value),
  keywords: ['vin', '车架号', '车辆识别代号', '车辆识别号', 'vehicle identification', 'chassis'],
  example: '1M8GDM9AXKP042788',
};


/** Brands left to other detectors: cn_bank_card owns UnionPay and Chinese domestic BINs. */
function isCard(value: string, uatp: boolean): boolean {
  const digits = digitsOf(value);
  const brand = cardBrand(digits);
  if (brand === null || brand === 'unionpay' || brand === 'cn_domestic' || (brand === 'uatp') !== uatp) return false;
  return isLuhnValid(digits) && !looksLikeCnResidentId(digits);
}

/**
 * ITU-T E.164 country codes: 1 and 7, the assigned two-digit codes, and three-digit
 * codes under the remaining two-digit prefixes. 28x, 83x and 89x are unassigned.
 */
const TWO_DIGIT_CC = new Set(['20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98']);
const THREE_DIGIT_CC_PREFIX = new Set(['21', '22', '23', '24', '25', '26', '29', '35', '37', '38', '42', '50', '59', '67', '68', '69', '80', '85', '87', '88', '96', '97', '99']);

function isInternationalPhone(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15) return false;
  const cc = digits.charAt(0) === '1' || digits.charAt(0) === '7' ? digits.slice(0, 1)
    : TWO_DIGIT_CC.has(digits.slice(0, 2)) ? digits.slice(0, 2)
      : THREE_DIGIT_CC_PREFIX.has(digits.slice(0, 2)) ? digits.slice(0, 3) : null;
  return cc !== null && !/^0*$/.test(digits.slice(cc.length));
}

/** IBANs with the exact length of their country, grouped in fours or not, so that trailing words are never swallowed. */
function ibanPattern(): RegExp {
  const byLength = new Map<number, string[]>();
  for (const [cc, len] of Object.entries(IBAN_LENGTHS)) byLength.set(len, [...(byLength.get(len) ?? []), cc]);
  const branches = [...byLength].map(([len, ccs]) => {
    const bban = len - 4;
    const tail = bban % 4 === 0 ? '' : `(?:[ -]?[0-9A-Z]{${bban % 4}})`;
    return `(?:${ccs.join('|')})[0-9]{2}(?:[ -]?[0-9A-Z]{4}){${Math.floor(bban / 4)}}${tail}`;
  });
  return new RegExp(`(?<![0-9A-Za-z])(?:${branches.join('|')})(?![0-9A-Za-z])`, 'g');
}
