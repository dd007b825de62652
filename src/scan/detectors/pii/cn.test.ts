import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../validators/index.js';
import { confidenceOf, found } from './found.case.js';

const withLuhn = (body: string): string => body + luhnCheckDigit(body);

describe('cn_resident_id', () => {
  it.each([
    ['身份证号：11010519491231002X。', ['11010519491231002X'], 'GB 11643-1999 example in a sentence'],
    ['id_no=11010519491231002x&x=1', ['11010519491231002x'], 'lower-case x'],
    ['"360426199101010071","120103198806018241"', ['360426199101010071', '120103198806018241'], 'two in CSV'],
    ['原身份证号110105491231002已换领', ['110105491231002'], 'legacy 15 digits after an ID keyword'],
    ['编号110105491231002', [], 'legacy 15 digits without a keyword'],
    ['身份证号：110105194912310021', [], 'wrong check character'],
    ['身份证号：440524188001010014', [], 'born 1880, before the 1900 floor'],
    ['订单911010519491231002X1', [], 'inside a longer run'],
    ['身份证 000105194912310027', [], 'region 00'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_resident_id')).toEqual(values);
  });
});

describe('cn_mobile', () => {
  it.each([
    ['手机13812345678，', ['13812345678'], 'compact, CJK around'],
    ['电话: 138 1234 5678', ['138 1234 5678'], 'spaces 3-4-4'],
    ['tel 138-1234-5678', ['138-1234-5678'], 'hyphens 3-4-4'],
    ['+86 138 1234 5678', ['+86 138 1234 5678'], '+86 prefix, kept in the value'],
    ['0086-13812345678', ['0086-13812345678'], '0086 prefix'],
    ['(+86)13812345678', ['(+86)13812345678'], 'parenthesised +86'],
    ['138 1234-5678', [], 'mixed separators'],
    ['12812345678', [], '12x is no mobile range'],
    ['213812345678', [], 'inside a longer run'],
    ['1710480000000', [], 'millisecond timestamp'],
    ['138****5678', [], 'masked'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_mobile')).toEqual(values);
  });
});

describe('cn_landline', () => {
  it.each([
    ['电话010-12345678', ['010-12345678'], 'Beijing with a hyphen'],
    ['(0755)87654321', ['(0755)87654321'], 'parenthesised area code'],
    ['（0571）8765 4321', ['（0571）8765 4321'], 'full-width parentheses, split local number'],
    ['+86 10 1234 5678', ['+86 10 1234 5678'], 'international form'],
    ['0086-755-87654321', ['0086-755-87654321'], '0086 and hyphens'],
    ['0731 433 8820', ['0731 433 8820'], '7-digit local number'],
    ['联系电话：01012345678', ['01012345678'], 'compact after a phone keyword'],
    ['编号01012345678', [], 'compact without a keyword'],
    ['010-1234567', [], '010 needs 8 digits'],
    ['015-12345678', [], '015 is no area code'],
    ['发票代码044001900111', [], 'invoice code'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_landline')).toEqual(values);
  });
});

describe('cn_bank_card', () => {
  const icbc19 = withLuhn('622202123456789012');
  const cmb16 = withLuhn('622588123456789');
  const gansuId = '620102199001011234';
  it.each([
    [`卡号${icbc19}`, [icbc19], 'UnionPay 19 digits'],
    [`${cmb16.replace(/(\d{4})(?=\d)/g, '$1 ')}`, [cmb16.replace(/(\d{4})(?=\d)/g, '$1 ')], 'grouped by four'],
    ['6225882708965808', ['6225882708965808'], 'UnionPay-range example (checksum-examples.jsonl)'],
    [withLuhn('955880100111441615'), [withLuhn('955880100111441615')], 'ICBC pre-UnionPay 9558 BIN'],
    [`${icbc19.slice(0, -1)}${(Number(icbc19.slice(-1)) + 1) % 10}`, [], 'Luhn fails'],
    [`${cmb16}1`, [], '17 digits with a wrong check'],
    ['4111111111111111', [], 'a Visa card is credit_card, not cn_bank_card'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_bank_card')).toEqual(values);
  });

  it('leaves an 18-digit Gansu resident ID that happens to pass Luhn to cn_resident_id', () => {
    // Any 18-digit 62… value that looks like an ID (region + year) is not a card, Luhn or not.
    const candidates = Array.from({ length: 10 }, (_, d) => gansuId.slice(0, 17) + String(d));
    const luhnValid = candidates.filter((c) => withLuhn(c.slice(0, 17)) === c);
    expect(luhnValid).toHaveLength(1);
    expect(found(luhnValid[0]!, 'cn_bank_card')).toEqual([]);
  });
});

describe('cn_uscc', () => {
  it.each([
    ['统一社会信用代码：91110000600037341L', ['91110000600037341L'], 'python-stdnum doctest value'],
    ['91350100M000100Y43', ['91350100M000100Y43'], 'GB 32100-2015 worked example with its computed check'],
    ['91350100M000100Y4Z', [], 'the worked example as printed'],
    ['91110000600037341A', [], 'wrong check character'],
    ['91240000600037341X', [], 'division code 24 is no province'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_uscc')).toEqual(values);
  });

  it.each([
    ['911100006000373099', ['911100006000373099'], 'own: all digits, organisation code 600037309 valid, USCC check 9'],
    ['911100006000373060', [], 'own: all digits, USCC check right but organisation code 600037306 wrong'],
  ])('all-digit %s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_uscc')).toEqual(values);
  });
});

describe('cn_passport', () => {
  it('reports E + 8 digits with low confidence alone and medium next to 护照', () => {
    expect(found('编号E12345678', 'cn_passport')).toEqual(['E12345678']);
    expect(confidenceOf('编号E12345678', 'cn_passport')).toBe('low');
    expect(confidenceOf('护照号码：E12345678', 'cn_passport')).toBe('medium');
  });

  it.each([
    ['Passport No. EA1234567', ['EA1234567'], 'E + letter + 7 digits'],
    ['护照G12345678', ['G12345678'], 'G + 8 digits (2008–2012 e-passports)'],
    ['公务护照SE1234567', ['SE1234567'], 'service e-passport, keyword present'],
    ['型号SE1234567', [], 'service passport shape without a keyword'],
    ['护照 D1234567', [], 'expired pre-2012 diplomatic form, also an HKID shape'],
    ['EI1234567', [], 'no I in the second position'],
    ['E1234567', [], 'seven digits'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_passport')).toEqual(values);
  });
});

describe('hk_id', () => {
  it.each([
    ['香港身份证A123456(3)', ['A123456(3)'], 'textbook example'],
    ['HKID: AB987654(3)', ['AB987654(3)'], 'two-letter prefix (validid README)'],
    ['A123456（3）', ['A123456（3）'], 'full-width parentheses'],
    ['A123456(4)', [], 'wrong check'],
    ['香港身份證號碼 A1234563', ['A1234563'], 'no parentheses, after a keyword'],
    ['型号 A1234563', [], 'no parentheses, no keyword'],
    ['香港身份证 EA1234567', [], 'a PRC passport shape is not an HKID'],
    ['香港身份證 XA1234568', ['XA1234568'], 'two-letter X prefix without parentheses'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'hk_id')).toEqual(values);
  });
});

describe('mo_id', () => {
  it.each([
    ['澳门居民身份证1234567(8)', ['1234567(8)'], 'parentheses'],
    ['BIR 5123456（7）', ['5123456（7）'], 'full-width parentheses'],
    ['澳门居民身份证号码12345678', ['12345678'], 'eight digits right after the Macau word'],
    ['澳门居民身份证号码1234567(8)；发票号码12345678', ['1234567(8)'], 'a later 8-digit number is not an ID'],
    ['发票号码12345678', [], 'eight digits without Macau context'],
    ['2234567(8)', [], 'prefix 2'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'mo_id')).toEqual(values);
  });
});

describe('tw_id', () => {
  it.each([
    ['身分證字號A123456789', ['A123456789'], 'widely used example'],
    ['居留證 A800000014', ['A800000014'], '2021 resident certificate (validid README)'],
    ['AB12345677', ['AB12345677'], 'legacy resident certificate (validid README)'],
    ['A123456780', [], 'wrong check'],
    ['XA123456789', [], 'inside a longer run'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'tw_id')).toEqual(values);
  });
});

describe('cn_license_plate', () => {
  it.each([
    ['车牌号京A12345，', ['京A12345'], 'regular plate'],
    ['粤B·D12345', ['粤B·D12345'], 'new-energy small car with a middle dot'],
    ['沪AD12345', ['沪AD12345'], 'new-energy small car'],
    ['苏E12345F', ['苏E12345F'], 'new-energy large vehicle'],
    ['浙A1234学', ['浙A1234学'], 'driving-school plate'],
    ['京AB12C3', ['京AB12C3'], 'two letters in the serial'],
    ['京AABC12', [], 'three letters in the serial'],
    ['京A1234', [], 'serial too short'],
    ['京I12345', [], 'I is never an authority letter'],
    ['京A123456', [], 'seven characters after the letter'],
  ])('%s → %j (%s)', (text, values, _why) => {
    expect(found(text, 'cn_license_plate')).toEqual(values);
  });
});
