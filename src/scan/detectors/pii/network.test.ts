import { describe, expect, it } from 'vitest';
import { found } from './found.case.js';

describe('ipv4', () => {
  it.each([
    ['client 192.168.1.1, next', ['192.168.1.1'], 'in prose'],
    ['(192.168.1.1)', ['192.168.1.1'], 'parentheses (Presidio)'],
    ['IP: 192.168.1.1.', ['192.168.1.1'], 'sentence full stop (Presidio)'],
    ['192.168.1.0/24', ['192.168.1.0'], 'CIDR: the prefix length is not part of the value'],
    ['192.168.2.1@eth0', ['192.168.2.1'], 'interface suffix (Presidio)'],
    ['IP192.168.1.1text', [], 'glued to words (Presidio negative)'],
    ['192.168.1.256', [], 'octet above 255 (Presidio negative)'],
    ['1.3.6.1.4.1.311', [], 'an SNMP OID'],
    ['v1.2.3.4', [], 'a version string'],
    ['Version 1.2.3', [], 'three parts (Presidio negative)'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'ipv4')).toEqual(values);
  });
});

describe('ipv6', () => {
  it.each([
    ['2001:db8::1', ['2001:db8::1'], 'compressed'],
    ['2345:0425:2CA1:0000:0000:0567:5673:23b5', ['2345:0425:2CA1:0000:0000:0567:5673:23b5'], 'full form (Presidio)'],
    ['connecting from ::1', ['::1'], 'loopback (Presidio)'],
    ['fe80::1%eth0', ['fe80::1'], 'zone index is not part of the value'],
    ['[2001:db8::1]:8080', ['2001:db8::1'], 'URL brackets and port (Presidio)'],
    ['::ffff:192.0.2.1', ['::ffff:192.0.2.1'], 'IPv4-mapped (Presidio)'],
    ['peer=2408:8456:3a10:1b2c:5d6e:7f80:9a1b:2c3d rtt=3ms', ['2408:8456:3a10:1b2c:5d6e:7f80:9a1b:2c3d'], 'privacy address with no zero run'],
    ['Time 12:34:56', [], 'a time (Presidio negative)'],
    ['10:30:00.123', [], 'a time with milliseconds'],
    ['MAC address aa:bb:cc:dd:ee:ff', [], 'a MAC (Presidio negative)'],
    ['std::cout', [], 'C++ scope (Presidio negative)'],
    ['Unspecified ::', [], 'the unspecified address names no host'],
    ['2001::db8::1', [], 'two :: (Presidio negative)'],
    ['fe80::1text', [], 'glued to a word (Presidio negative)'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'ipv6')).toEqual(values);
  });
});

describe('mac_address', () => {
  it.each([
    ['MAC: 00:1A:2B:3C:4D:5E', ['00:1A:2B:3C:4D:5E'], 'colons (Presidio)'],
    ['mac=0d-B3-4a-6A-d9-cF;', ['0d-B3-4a-6A-d9-cF'], 'hyphens, mixed case (Presidio)'],
    ['Cisco MAC: 0012.3456.789A', ['0012.3456.789A'], 'Cisco dotted (Presidio)'],
    ['build 2024.0315.1230', [], 'dotted digits only: a date code'],
    ['10:2F:33-AC-29-C3', [], 'mixed separators (Presidio negative)'],
    ['Broadcast: FF:FF:FF:FF:FF:FF', [], 'broadcast (Presidio negative)'],
    ['2001:db8:aa:bb:cc:dd:ee:ff', [], 'the tail of an IPv6 address'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'mac_address')).toEqual(values);
  });
});

describe('imei', () => {
  it.each([
    ['device imei=490154203237518', ['490154203237518'], 'after the keyword (IMEI example of CHECKSUMS.md §5)'],
    ['手机串号 49-015420-323751-8', ['49-015420-323751-8'], 'print form after 串号'],
    ['serial 490154203237518', [], 'no keyword'],
    ['IMEI 490154203237519', [], 'Luhn fails'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'imei')).toEqual(values);
  });
});
