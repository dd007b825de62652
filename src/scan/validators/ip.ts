// Textual IP addresses: IPv4 dotted quads (RFC 791, no leading zeros, as RFC 6943
// §3.1.1 advises) and IPv6 text forms of RFC 4291 §2.2, including "::" compression
// and a trailing embedded IPv4 address. Zone indexes and prefix lengths are not part of the address.

/** Whether `s` is a dotted-quad IPv4 address with octets 0–255 written without leading zeros. */
export function isIpv4(s: string): boolean {
  // A character loop rather than split and regex: this runs on every address in a log.
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // leading zero
      value = value * 10 + (c - 48);
      if (++digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}

/**
 * Whether `s` is an IPv6 address in any RFC 4291 text form: eight 1–4 digit hex
 * groups, at most one `::` standing for one or more zero groups, and optionally an
 * IPv4 address in place of the last two groups.
 * @example isIpv6('2001:db8::8a2e:370:7334') // true
 */
export function isIpv6(s: string): boolean {
  let head = s;
  let groups = 8;
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return false;
  if (s.indexOf('.', lastColon) >= 0) {
    if (!isIpv4(s.slice(lastColon + 1))) return false;
    head = s.slice(0, lastColon + 1);
    groups = 6;
    // "::1.2.3.4" and "a:b:c:d:e:f:1.2.3.4" end in a colon here; keep the "::" intact.
    head = head.endsWith('::') ? head : head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const parse = (part: string): string[] | null => {
    if (part === '') return [];
    const gs = part.split(':');
    return gs.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g)) ? gs : null;
  };
  const left = parse(halves[0] ?? '');
  if (left === null) return false;
  if (halves.length === 1) return left.length === groups;
  const right = parse(halves[1] ?? '');
  if (right === null) return false;
  return left.length + right.length <= groups - 1;
}
