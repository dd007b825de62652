// Detectors for network and device identifiers tied to a person's equipment: IPv4
// and IPv6 addresses, MAC addresses and IMEIs. Under PIPL these are personal
// information when they can be linked to a person, not sensitive personal information.
import type { Detector } from '../detector.js';
import { isImei, isIpv4, isIpv6, isMacAddress } from '../../validators/index.js';
import { IMEI_WORDS, KEYWORD_WINDOW } from './common.js';

const IP_WORDS = ['ip', 'ipv4', 'ipv6', 'address', 'host', 'client', 'remote', 'src', 'dst', 'ip地址', '地址'] as const;
const MAC_WORDS = ['mac', 'mac address', 'hardware address', 'ether', 'mac地址', '物理地址'] as const;
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';

export const IPV4: Detector = {
  id: 'ipv4',
  category: 'pii',
  pipl: 'personal',
  description: 'IPv4 address in dotted-quad form (a /prefix is not part of the value)',
  validation: 'Four octets 0–255 without leading zeros; not part of a longer dotted run (version strings, OIDs)',
  anchors: [],
  pattern: new RegExp(`(?<![0-9A-Za-z.])${OCTET}(?:\\.${OCTET}){3}(?![0-9A-Za-z]|\\.[0-9])`, 'g'),
  validate: (value) => isIpv4(value),
  keywords: IP_WORDS,
  example: '192.0.2.1',
};

export const IPV6: Detector = {
  id: 'ipv6',
  category: 'pii',
  pipl: 'personal',
  description: 'IPv6 address in full, compressed (::) or IPv4-embedded form (zone and /prefix are not part of the value)',
  validation: 'RFC 4291 §2.2 text forms: eight groups, or fewer with exactly one ::; not preceded or followed by a word character',
  // Unanchored: "::" alone would miss the full eight-group form, and ":" is too common
  // to anchor on. The match starts at the address's first colon (see "Speed" in
  // common.ts) and needs "::" or six groups ahead, which times like 12:30:45 lack.
  anchors: [],
  pattern: /:(?<=(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}:)(?=:|[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){5}[0-9A-Fa-f]{1,4}[:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,7}(?:\.[0-9]{1,3}){0,3}(?![0-9A-Za-z:]|\.[0-9])(?<=(?<value>(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]{2,45}))/g,
  validate: (value) => value !== '::' && isIpv6(value),
  keywords: IP_WORDS,
  example: '2001:db8::1',
};

export const MAC_ADDRESS: Detector = {
  id: 'mac_address',
  category: 'pii',
  pipl: 'personal',
  description: 'MAC address (EUI-48): 00:1A:2B:3C:4D:5E, 00-1A-2B-3C-4D-5E or Cisco 001a.2b3c.4d5e',
  validation: 'Six octets with one separator throughout; not all-zero or broadcast',
  anchors: [],
  // The fixed "xx:xx:" prefix comes first and the boundary check after it: V8 can then
  // skip through text looking for a separator at offset 2, several times faster.
  pattern: /[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}\1(?<![0-9A-Za-z:.-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){3}(?![0-9A-Za-z]|[:.-][0-9A-Fa-f])/g,
  validate: (value) => isMacAddress(value),
  keywords: MAC_WORDS,
  example: '00:1A:2B:3C:4D:5E',
};

export const MAC_ADDRESS_DOTTED: Detector = {
  id: 'mac_address',
  category: 'pii',
  pipl: 'personal',
  description: 'MAC address (EUI-48) in Cisco dotted form: 001a.2b3c.4d5e',
  validation: 'Three dotted groups of four hex digits with at least one hex letter; not all-zero or broadcast',
  anchors: [],
  // Starts at the first dot (see "Speed" in common.ts).
  pattern: /\.(?<=(?<![0-9A-Za-z:.-])[0-9A-Fa-f]{4}\.)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Za-z]|[:.-][0-9A-Fa-f])(?<=(?<value>[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}))/g,
  // Dotted groups of digits only are far more often dates or part numbers than MACs.
  validate: (value) => isMacAddress(value) && /[A-Fa-f]/.test(value),
  keywords: MAC_WORDS,
  example: '001a.2b3c.4d5e',
};

export const IMEI: Detector = {
  id: 'imei',
  category: 'pii',
  pipl: 'personal',
  description: 'IMEI of a mobile device (15 digits or AA-BBBBBB-CCCCCC-D), next to an IMEI keyword',
  validation: '3GPP TS 23.003 Luhn check digit; a keyword is required because 1 in 10 random 15-digit runs passes Luhn',
  anchors: IMEI_WORDS,
  pattern: /(?<![0-9A-Za-z])(?:[0-9]{15}|[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9])(?![0-9A-Za-z])/g,
  validate: (value) => isImei(value),
  keywords: IMEI_WORDS,
  requireKeyword: true,
  window: KEYWORD_WINDOW,
  example: '490154203237518',
};

