import { describe, expect, it } from 'vitest';
import { isIpv4, isIpv6 } from './ip.js';

describe('isIpv4', () => {
  it.each([
    ['192.0.2.1', true, 'RFC 5737 documentation address'],
    ['0.0.0.0', true, 'own'],
    ['255.255.255.255', true, 'own'],
    ['256.1.1.1', false, 'Presidio IP tests: octet above 255'],
    ['192.168.1', false, 'Presidio IP tests: three octets'],
    ['010.1.1.1', false, 'own: leading zero (octal in some parsers, RFC 6943 §3.1.1)'],
    ['1.2.3.4.5', false, 'own: five parts'],
    ['1..2.3', false, 'own: empty part'],
    ['1.2.3.4.', false, 'own: trailing dot'],
    ['1.2.3.1000', false, 'own: four digits'],
    ['1.2.3.a', false, 'own: not a digit'],
    ['10.0.0.10', true, 'own: zeros inside a number are not leading'],
  ] as const)('%s → %s (%s)', (s, valid, _source) => {
    expect(isIpv4(s)).toBe(valid);
  });
});

describe('isIpv6 (RFC 4291 §2.2)', () => {
  it.each([
    ['2001:db8::8a2e:370:7334', true, 'RFC 3849 documentation prefix'],
    ['2345:0425:2CA1:0000:0000:0567:5673:23b5', true, 'Presidio IP tests: full form'],
    ['684D:1111:222:3333:4444:5555:6:77', true, 'Presidio IP tests: eight short groups'],
    ['::1', true, 'RFC 4291 loopback'],
    ['::', true, 'RFC 4291 unspecified address (detectors skip it)'],
    ['fe80::', true, 'own: trailing compression'],
    ['::ffff:192.0.2.1', true, 'RFC 4291 §2.5.5.2 IPv4-mapped'],
    ['0:0:0:0:0:FFFF:129.144.52.38', true, 'RFC 4291 §2.2 example 3'],
    ['1::2:3:4:5:6:7', true, 'own: :: standing for one group'],
    ['684D:1111:222:3333:4444:5555:77', false, 'Presidio IP tests: seven groups, no ::'],
    ['2001::db8::1', false, 'Presidio IP tests: two ::'],
    ['12345:db8::1', false, 'own: five hex digits'],
    ['gggg::1', false, 'own: not hex'],
    ['1::2:3:4:5:6:7:8', false, 'own: :: plus eight groups'],
    ['::ffff:256.0.0.1', false, 'Presidio IP tests: bad embedded octet'],
    ['12:30:45', false, 'own: a time'],
  ] as const)('%s → %s (%s)', (s, valid, _source) => {
    expect(isIpv6(s)).toBe(valid);
  });
});
