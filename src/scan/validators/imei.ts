// International Mobile Equipment Identity, 3GPP TS 23.003 §6.2: 14 digits (TAC and
// serial) plus a Luhn check digit. The 16-digit IMEISV has no check digit and is
// not accepted here.
import { isLuhnValid } from './luhn.js';

/** Whether `value` is a 15-digit IMEI, compact or as `AA-BBBBBB-CCCCCC-D`, with a valid Luhn digit. */
export function isImei(value: string): boolean {
  if (!/^(?:[0-9]{15}|[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9])$/.test(value)) return false;
  const digits = value.replace(/-/g, '');
  // All-zero bodies pass Luhn but are placeholders that devices report when they have no IMEI.
  return !/^0+$/.test(digits) && isLuhnValid(digits);
}
