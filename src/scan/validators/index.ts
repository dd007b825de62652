// Check-digit and structure validators for personal identifiers, one module per
// standard. Pure functions with no I/O; detectors call them from `validate`.
export { looksLikeCnResidentId, isCnProvinceCode, isCnRegionCode, isCnResidentId, type CnResidentIdOptions } from './cn-resident-id.js';
export { cnUsccCheckChar, isCnUscc, isOrgCode } from './cn-uscc.js';
export { isCnLandlineNumber, isCnInternationalNumber, isCnMobileNumber } from './cn-phone.js';
export { hkIdCheckChar, isHkId } from './hk-id.js';
export { IBAN_LENGTHS, isIban } from './iban.js';
export { isImei } from './imei.js';
export { isIpv4, isIpv6 } from './ip.js';
export { mod11_2CheckChar, mod97 } from './iso7064.js';
export { isLuhnValid, luhnCheckDigit } from './luhn.js';
export { isMacAddress } from './mac.js';
export { isMoIdShape } from './mo-id.js';
export { cardBrand, isPaymentCard, type CardBrand } from './payment-card.js';
export { isTwId } from './tw-id.js';
export { isUsSsn } from './us-ssn.js';
export { isVin, vinCheckChar } from './vin.js';
