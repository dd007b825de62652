// Built-in validators that custom detectors in the configuration may name. Each
// takes the matched value; separators are ignored where the standard allows them.
import * as v from '../validators/index.js';

const digitsOf = (s: string) => s.replace(/[\s-]/g, '');

export const NAMED_VALIDATORS: Record<string, (value: string) => boolean> = {
  luhn: (s) => /^[0-9]{2,}$/.test(digitsOf(s)) && v.isLuhnValid(digitsOf(s)),
  mod97: (s) => v.isIban(s),
  iban: (s) => v.isIban(s),
  iso7064_mod11_2: (s) => /^[0-9]{17}[0-9X]$/i.test(s) && v.mod11_2CheckChar(s.slice(0, -1)) === s.slice(-1).toUpperCase(),
  cn_resident_id: (s) => v.isCnResidentId(s),
  cn_uscc: (s) => v.isCnUscc(s),
  cn_mobile: (s) => v.isCnMobileNumber(digitsOf(s)),
  hk_id: (s) => v.isHkId(s),
  tw_id: (s) => v.isTwId(s),
  payment_card: (s) => v.isPaymentCard(digitsOf(s)),
  imei: (s) => v.isImei(s),
  vin: (s) => v.isVin(s),
  us_ssn: (s) => v.isUsSsn(s),
  ipv4: (s) => v.isIpv4(s),
  ipv6: (s) => v.isIpv6(s),
  mac_address: (s) => v.isMacAddress(s),
};
