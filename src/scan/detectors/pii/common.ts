// Pieces shared by the personal-data detectors: context words and the window that
// keyword-gated detectors use, so that their anchors and keyword checks agree.
//
// Speed. Unanchored patterns run over every character, and V8 is fast only when a
// pattern's first characters are rare or sit at fixed offsets it can skip on. Where
// a value starts with a common class (hex, digits) but contains a rarer character
// (":" in IPv6, "(" in a Macau ID, "-" in a NANP number), the pattern starts at that
// character, checks what comes before it with a look-behind, and captures the whole
// value in a closing look-behind `(?<=(?<value>…))`. The value may begin before the
// match; runDetector and the engine both take its offsets from the `d`-flag indices.
import { KEYWORD_DISTANCE } from '../detector.js';

/**
 * Window for detectors whose anchors are their own context words (`requireKeyword`):
 * a match counts only when a keyword lies within KEYWORD_DISTANCE of it, so the
 * engine need look no further than that plus the longest match, across line breaks.
 */
export const KEYWORD_WINDOW = { before: KEYWORD_DISTANCE + 64, after: KEYWORD_DISTANCE + 64, multiline: true } as const;

/** Digits of a value, separators and prefixes' punctuation dropped. */
export function digitsOf(value: string): string {
  return value.replace(/[^0-9]/g, '');
}

export const RESIDENT_ID_WORDS = ['身份证', '身份证号', '公民身份号码', '居民身份证', '证件号', '证件号码', 'id card', 'id number', 'idcard', 'id_card', 'id_no', 'resident id', 'national id'] as const;
export const MOBILE_WORDS = ['手机', '手机号', '电话', '联系电话', '联系方式', '移动电话', 'mobile', 'phone', 'tel', 'cell'] as const;
export const LANDLINE_WORDS = ['电话', '座机', '固话', '传真', '联系电话', '联系方式', '办公电话', 'tel', 'phone', 'fax', 'landline'] as const;
export const BANK_CARD_WORDS = ['银行卡', '银行卡号', '卡号', '开户行', '账号', '银行账号', '借记卡', '储蓄卡', '信用卡', '银联', 'bank card', 'card no', 'card number', 'account', 'unionpay'] as const;
export const PAYMENT_CARD_WORDS = ['credit card', 'card number', 'card no', 'card', 'visa', 'mastercard', 'amex', 'uatp', '信用卡', '卡号'] as const;
export const PASSPORT_WORDS = ['护照', '護照', '护照号', '护照号码', 'passport'] as const;
export const HK_ID_WORDS = ['香港身份证', '香港身份證', '身份證', 'hkid', 'hong kong id', 'hk id', 'identity card'] as const;
export const MO_ID_WORDS = ['澳门身份证', '澳門身份證', '澳门居民身份证', '澳門居民身份證', '澳门', '澳門', 'macau id', 'macao id', 'macau', 'macao'] as const;
export const TW_ID_WORDS = ['身分證', '身分證字號', '統一證號', '居留證', '台湾身份证', '台胞', 'taiwan id', 'national id'] as const;
export const PHONE_WORDS = ['phone', 'tel', 'mobile', 'cell', 'fax', 'contact', 'whatsapp', '电话', '手机', '联系', '传真', '電話'] as const;
export const SSN_WORDS = ['ssn', 'social security', 'ss#', '社会安全号', '社会保障号'] as const;
export const IMEI_WORDS = ['imei', '串号', '国际移动设备识别码', '移动设备识别码'] as const;

/**
 * Trigger shared by the numeric identifiers: each holds a run of six or more digits
 * (the hit is the whole run), or a group of two to four digits, a separator and four
 * digits that end there (`138 1234`, `45-6789`, `3704 0044`; the end keeps a group
 * from swallowing the start of a longer run). The engine runs it once for all of
 * them and tries their patterns only around its hits.
 */
export const NUMERIC_TRIGGER = /[0-9]{6,}|[0-9]{2,4}[ .-][0-9]{4}(?![0-9])/;

/**
 * Trigger filters decide which NUMERIC_TRIGGER hits can belong to a detector's match:
 * a hit is a whole run of six or more digits, or a separated group (`138 1234`), and a
 * detector whose values are, say, 18 contiguous digits need not look near a 6-digit run.
 */
export const grouped = (hit: string): boolean => !isRun(hit);

/** A filter over the hit and its neighbours: `before` and `after` are the characters just outside it ('' at an edge). */
export const around = (test: (hit: string, before: string, after: string) => boolean) => (hit: string, text: string, at: number): boolean =>
  test(hit, text[at - 1] ?? '', text[at + hit.length] ?? '');

/** Whether a hit is a run of digits (not a separated group). */
export function isRun(hit: string): boolean {
  const c = hit.charCodeAt(hit.length - 5);
  // A separated group has its separator just before its last four digits; a run has a digit there.
  return c >= 48 && c <= 57;
}
