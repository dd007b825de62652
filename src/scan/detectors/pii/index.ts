// Personal-information detectors. Some types have two detectors with the same id: a
// strict one that runs everywhere and a looser form (no separators, no check digit)
// that needs a context word and so is anchored on those words; the two never match
// the same text. Chinese identifiers come first. Where matches of different types
// overlap, the engine keeps the earlier-listed one, so a structure that can contain a
// shorter look-alike is listed before it.
import type { Detector } from '../detector.js';
import {
  CN_BANK_CARD, CN_LANDLINE, CN_LANDLINE_COMPACT, CN_LICENSE_PLATE, CN_MOBILE, CN_PASSPORT, CN_PASSPORT_OTHER,
  CN_RESIDENT_ID, CN_RESIDENT_ID_LEGACY, CN_USCC, HK_ID, HK_ID_COMPACT, MO_ID, MO_ID_COMPACT, TW_ID,
} from './cn.js';
import {
  CREDIT_CARD, CREDIT_CARD_UATP, EMAIL, IBAN, PHONE_NUMBER_INTERNATIONAL, PHONE_NUMBER_NANP, PHONE_NUMBER_NATIONAL,
  US_SSN, US_SSN_UNFORMATTED, VIN,
} from './intl.js';
import { IMEI, IPV4, IPV6, MAC_ADDRESS, MAC_ADDRESS_DOTTED } from './network.js';

export const PII_DETECTORS: readonly Detector[] = [
  CN_RESIDENT_ID, CN_RESIDENT_ID_LEGACY, CN_USCC, CN_BANK_CARD, CN_PASSPORT, CN_PASSPORT_OTHER,
  HK_ID, HK_ID_COMPACT, MO_ID, MO_ID_COMPACT, TW_ID, CN_LICENSE_PLATE,
  // An IBAN holds phone-shaped groups, and an e-mail's local part is often a mobile
  // number (13812345678@qq.com): both go before the phone detectors.
  IBAN, EMAIL, CN_MOBILE, CN_LANDLINE, CN_LANDLINE_COMPACT,
  CREDIT_CARD, CREDIT_CARD_UATP, US_SSN, US_SSN_UNFORMATTED,
  PHONE_NUMBER_INTERNATIONAL, PHONE_NUMBER_NANP, PHONE_NUMBER_NATIONAL, VIN,
  // An IPv6 address may end in an IPv4 one.
  IPV6, IPV4, MAC_ADDRESS, MAC_ADDRESS_DOTTED, IMEI,
];
