// Macau resident identity card numbers (BIR, Bilhete de Identidade de Residente):
// a first digit 1, 5 or 7 by residence category, six digits and a check digit that is
// printed in parentheses, e.g. 1234567(8).
//
// What is checkable: only the shape. The check digit's algorithm is not published by
// the Identification Services Bureau (DSI) and no authoritative public description
// was found (see shared/corpora/pii/CHECKSUMS.md, "Formats without a check digit"),
// so detectors must lean on the parentheses and context words, not on this function.

/** Whether `value` has the BIR shape: [157] + 6 digits + check digit, optionally in (half- or full-width) parentheses. */
export function isMoIdShape(value: string): boolean {
  return /^[157][0-9]{6} ?(?:\([0-9]\)|（[0-9]）|[0-9])$/.test(value);
}
