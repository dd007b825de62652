// IEEE 802 48-bit MAC addresses (EUI-48) in the three common notations: colon- or
// hyphen-separated octets (IEEE 802 canonical, RFC 7042 §1.1) and Cisco's dotted
// groups of four hex digits. The all-zero and broadcast addresses name no device.

/** Whether `s` is an EUI-48 in `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff` or `aabb.ccdd.eeff` form, not all-zero or broadcast. */
export function isMacAddress(s: string): boolean {
  const colon = /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}$/.test(s);
  const dotted = /^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/.test(s);
  if (!colon && !dotted) return false;
  const hex = s.replace(/[:.-]/g, '').toUpperCase();
  return hex !== '000000000000' && hex !== 'FFFFFFFFFFFF';
}
