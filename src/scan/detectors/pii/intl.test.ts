import { describe, expect, it } from 'vitest';
import { found, foundAll } from './found.case.js';

describe('email', () => {
  it.each([
    ['my email is info@presidio.site', ['info@presidio.site'], 'Presidio email tests'],
    ['邮箱：zhang.san@163.com。', ['zhang.san@163.com'], 'CJK around'],
    ['a@xn--d1acufc.xn--p1ai', ['a@xn--d1acufc.xn--p1ai'], 'punycode TLD (Presidio email tests)'],
    ['write to li_na+hr@mail.example.com.cn.', ['li_na+hr@mail.example.com.cn'], 'sub-domains, trailing full stop'],
    ['my email is info@presidio.', [], 'no TLD (Presidio negative)'],
    ['john..doe@example.com', [], 'doubled dot in the local part'],
    ['user@localhost', [], 'no dot in the domain'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'email')).toEqual(values);
  });
});

describe('credit_card', () => {
  it.each([
    ['4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881', ['4012888888881881', '4012-8888-8888-1881', '4012 8888 8888 1881'], 'Presidio credit-card tests'],
    ['Amex 3714 496353 98431', ['3714 496353 98431'], 'Amex 4-6-5 grouping'],
    ['2221000000000009', ['2221000000000009'], 'Mastercard 2-series test number'],
    ['my credit card: 122000000000003', ['122000000000003'], 'UATP after a card keyword (Presidio)'],
    ['122000000000003', [], 'UATP without a keyword'],
    ['4012-8888-8888-1882', [], 'Luhn fails (Presidio negative)'],
    ['4012-8888 8888-1881', [], 'mixed separators'],
    ['6225882708965808', [], 'UnionPay is reported as cn_bank_card'],
    ['订单号40128888888818811', [], 'inside a longer run'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'credit_card')).toEqual(values);
  });
});

describe('iban', () => {
  it.each([
    ['this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence', ['VG96 VPVG 0000 0123 4567 8901'], 'Presidio IBAN tests: the next word is not swallowed'],
    ['IBAN: DE89370400440532013000', ['DE89370400440532013000'], 'compact'],
    ['AL47-2121-1009-0000-0002-3569-8741', ['AL47-2121-1009-0000-0002-3569-8741'], 'hyphens (Presidio)'],
    ['AL47/2121/1009/0000/0002/3569/8741', [], 'slashes (Presidio negative)'],
    ['GB82 WEST 1234 5698 7654 33', [], 'check digits fail'],
    ['IL15 0120 6900 0000 3111 0120 6900 0000 3111 141', [], 'too long for IL (Presidio negative)'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'iban')).toEqual(values);
  });
});

describe('us_ssn', () => {
  it.each([
    ['SSN 078-05-1123', ['078-05-1123'], 'Presidio SSN tests'],
    ['078.05.1123 and 078 05 1123', ['078.05.1123', '078 05 1123'], 'dots and spaces (Presidio)'],
    ['ssn: 078051123', ['078051123'], 'bare 9 digits after a keyword'],
    ['Social Security: 078-051121', ['078-051121'], 'partial grouping after a keyword'],
    ['078051121', [], 'bare 9 digits without a keyword'],
    ['693-09.4444', [], 'mixed separators (Presidio negative)'],
    ['078-05-0000', [], 'serial 0000 (Presidio negative)'],
    ['078-05-1120', [], 'the Woolworth sample number'],
    ['1 078 05 1123', [], 'part of a longer spaced digit run'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'us_ssn')).toEqual(values);
  });
});

describe('phone_number', () => {
  it.each([
    ['+44 20 7123 4567', ['+44 20 7123 4567'], 'E.164 with spaces'],
    ['+1 (415) 555-0132', ['+1 (415) 555-0132'], '+1 with a parenthesised area code: one finding'],
    ['My US number is (415) 555-0132', ['(415) 555-0132'], 'NANP with parentheses (Presidio)'],
    ['US: 415-555-0132', ['415-555-0132'], 'NANP with hyphens (Presidio)'],
    ['+55 11 98456 5666', ['+55 11 98456 5666'], 'Brazil (Presidio)'],
    ['Tel: 090-1234-5678', ['090-1234-5678'], 'Japanese national form after a phone keyword'],
    ['My Japanese number is 090-1234-5678', [], 'national form without a phone keyword'],
    ['服务热线400-820-8820', [], 'N00 codes (toll-free, China 400 hotlines) are not personal'],
    ['+28 1234 5678', [], 'no such country code (28x is unassigned)'],
    ['+12 345', [], 'too short'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'phone_number')).toEqual(values);
  });

  it.each([
    ['+86 138 1234 5678', ['cn_mobile:+86 138 1234 5678'], 'mainland mobile in E.164 form'],
    ['+86 10 1234 5678', ['cn_landline:+86 10 1234 5678'], 'mainland landline in E.164 form'],
    ['电话 0755 8765 4321', ['cn_landline:0755 8765 4321'], 'mainland landline in a national form after a phone keyword'],
    ['+86 731 433 8820', ['cn_landline:+86 731 433 8820'], 'no US-style fragment inside an international number'],
  ])('%s is reported once, by the mainland detector (%s)', (text, all, _why) => {
    expect(foundAll(text)).toEqual(all);
  });
});

describe('vin', () => {
  it.each([
    ['车架号LJCPCBLCX11000237', ['LJCPCBLCX11000237'], 'China-built VIN (checksum-examples.jsonl)'],
    ['VIN 1M8GDM9AXKP042788.', ['1M8GDM9AXKP042788'], 'check digit X'],
    ['1G4AH59H45G118341', ['1G4AH59H45G118341'], '49 CFR 565 sample'],
    ['1M8GDM9A1KP042788', [], 'wrong check digit'],
    ['11111111111111111', [], 'valid check, but no letter in the WMI: an order number'],
    ['XLJCPCBLCX11000237', [], 'inside a longer run'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'vin')).toEqual(values);
  });
});
