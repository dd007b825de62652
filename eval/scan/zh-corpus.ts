// A generated Chinese personal-data corpus: HR spreadsheets, customer JSON, contract
// memos and application logs with valid identifiers of every Chinese type (and a few
// international ones) among near-misses that must not be reported, written as UTF-8,
// GBK, a .zip and a .docx. Deterministic (seeded); scored per type by path, type and value.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { sharedPiiDir } from './presidio-corpus.js';
import type { EvalFinding, EvalScore, ScanDir } from './types.js';

const GOAL_F1 = 0.97;
const CHINESE_TYPES = [
  'cn_resident_id', 'cn_mobile', 'cn_landline', 'cn_bank_card', 'cn_uscc', 'cn_passport', 'hk_id', 'mo_id', 'tw_id', 'cn_license_plate',
] as const;

/** How a corpus file is stored; only `utf8` files are plain text that any scanner reads. */
export type Container = 'utf8' | 'gbk' | 'zip' | 'docx';

export interface Planted { readonly type: string; readonly value: string }
export interface CorpusFile {
  /** Path as findings name it: `a/b.csv`, `corpus.zip!dir/x.json`, `legal/memo.docx`. */
  readonly path: string;
  readonly container: Container;
  readonly text: string;
  readonly truth: readonly Planted[];
  /** Near-miss kinds and values: look-alikes that must not be reported. */
  readonly near: readonly { readonly kind: string; readonly value: string }[];
}

// ---------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast, and good enough to vary test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(private readonly next: () => number) {}
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(0, xs.length - 1)]!; }
  digits(n: number): string { let s = ''; for (let i = 0; i < n; i++) s += String(this.int(0, 9)); return s; }
  chance(p: number): boolean { return this.next() < p; }
}

// ---------------------------------------------------------------------------
// Value generators. Check digits are computed here independently of
// src/scan/validators, so a bug there cannot make its own test data agree with it.

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Real GB/T 2260 county codes, including Gansu (62), Xinjiang (65) and Jiangxi (36), whose IDs share prefixes with card IINs. */
const REGIONS = ['110105', '110108', '310115', '310104', '440305', '440106', '330106', '510104', '420111', '320102', '370202', '610113', '500103', '350203', '430104', '620102', '650102', '360102', '120101', '210102', '230103', '410105', '530102', '450103', '460106'];

function idCheck(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i]!;
  return '10X98765432'[s % 11]!;
}

function birthDate(r: Rand, from = 1955, to = 2004): string {
  const y = r.int(from, to);
  const m = r.int(1, 12);
  const d = r.int(1, new Date(Date.UTC(y, m, 0)).getUTCDate());
  return `${y}${pad(m, 2)}${pad(d, 2)}`;
}

function residentId(r: Rand): string {
  const body = r.pick(REGIONS) + birthDate(r) + r.digits(3);
  const check = idCheck(body);
  // People type a lower-case x as often as not.
  return body + (check === 'X' && r.chance(0.3) ? 'x' : check);
}

function legacyResidentId(r: Rand): string {
  return r.pick(REGIONS) + birthDate(r, 1940, 1984).slice(2) + r.digits(3);
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '181', '182', '185', '186', '187', '188', '189', '191', '193', '198', '199'];

function mobile(r: Rand, format = r.int(0, 10)): string {
  const n = r.pick(MOBILE_PREFIXES) + r.digits(8);
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 7), n.slice(7)];
  if (format <= 4) return n;
  if (format === 5) return `${a} ${b} ${c}`;
  if (format === 6) return `${a}-${b}-${c}`;
  if (format === 7) return `+86 ${a} ${b} ${c}`;
  if (format === 8) return `+86${n}`;
  if (format === 9) return `(+86)${n}`;
  return `0086-${n}`;
}

const AREA_CODES = ['010', '021', '020', '022', '023', '025', '027', '028', '029', '0755', '0571', '0512', '0531', '0991', '0898', '0731'];

function landline(r: Rand): string {
  const area = r.pick(AREA_CODES);
  const local = String(r.int(2, 8)) + r.digits(area.length === 3 || r.chance(0.7) ? 7 : 6);
  const split = local.length === 8 ? `${local.slice(0, 4)} ${local.slice(4)}` : `${local.slice(0, 3)} ${local.slice(3)}`;
  switch (r.int(0, 5)) {
    case 0: return `${area}-${local}`;
    case 1: return `(${area})${local}`;
    case 2: return `（${area}）${local}`;
    case 3: return `+86 ${area.slice(1)} ${split}`;
    case 4: return `${area} ${split}`;
    default: return `${area}-${local}`;
  }
}

function luhnComplete(body: string): string {
  let s = 0;
  for (let i = body.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = Number(body[i]);
    if (dbl) { d *= 2; if (d > 9) d -= 9; }
    s += d;
  }
  return body + String((10 - (s % 10)) % 10);
}

const BANKS: ReadonlyArray<readonly [string, string, number]> = [
  ['中国工商银行', '622202', 19], ['中国工商银行', '955880', 19], ['中国农业银行', '622848', 19], ['中国建设银行', '621700', 19],
  ['招商银行', '622588', 16], ['中国银行', '621660', 19], ['交通银行', '622260', 19], ['中国邮政储蓄银行', '621799', 19], ['招商银行', '621483', 16],
];

function bankCard(r: Rand): { bank: string; card: string } {
  const [bank, bin, len] = r.pick(BANKS);
  const n = luhnComplete(bin + r.digits(len - bin.length - 1));
  const card = r.chance(0.3) ? n.replace(/(\d{4})(?=\d)/g, '$1 ') : n;
  return { bank, card };
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function uscc(r: Rand): string {
  const org = Array.from({ length: 8 }, () => (r.chance(0.15) ? r.pick([...'ABCDEFGHJKLMNPQRTUWXY']) : String(r.int(0, 9)))).join('');
  const orgValue = (c: string): number => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55);
  const ow = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) s += orgValue(org[i]!) * ow[i]!;
  const oc = 11 - (s % 11);
  const body = r.pick(['91', '91', '91', '92', '93', '12', '52']) + r.pick(REGIONS).slice(0, 4) + '00' + org + (oc === 10 ? 'X' : oc === 11 ? '0' : String(oc));
  return body + usccCheck(body);
}

function usccCheck(body: string): string {
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_ALPHABET.indexOf(body[i]!) * w[i]!;
  return USCC_ALPHABET[(31 - (s % 31)) % 31]!;
}

const LETTERS_NO_IO = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function passport(r: Rand): string {
  return r.chance(0.6) ? `E${r.digits(8)}` : `E${r.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ'])}${r.digits(7)}`;
}

function hkId(r: Rand): string {
  const prefix = r.chance(0.85) ? r.pick([...'ACDEFGHKMPRVYZ']) : r.pick(['WX', 'XA', 'XB']);
  const digits = r.digits(6);
  const vals = (prefix.length === 1 ? [36, prefix.charCodeAt(0) - 55] : [...prefix].map((c) => c.charCodeAt(0) - 55)).concat([...digits].map(Number));
  let s = 0;
  vals.forEach((v, i) => { s += v * (9 - i); });
  const rem = s % 11;
  const check = rem === 0 ? '0' : rem === 1 ? 'A' : String(11 - rem);
  return r.chance(0.8) ? `${prefix}${digits}(${check})` : `${prefix}${digits}（${check}）`;
}

function moId(r: Rand): string {
  return `${r.pick(['1', '5', '7'])}${r.digits(6)}(${r.int(0, 9)})`;
}

const TW_CODES: Readonly<Record<string, number>> = { A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, J: 18, K: 19, M: 21, N: 22, P: 23, Q: 24, T: 27, U: 28, V: 29, X: 30 };

function twId(r: Rand): string {
  const letter = r.pick(Object.keys(TW_CODES));
  const code = TW_CODES[letter]!;
  const body = String(r.int(1, 2)) + r.digits(7);
  let s = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 8; i++) s += Number(body[i]) * (8 - i);
  return letter + body + String((10 - (s % 10)) % 10);
}

/** A resident certificate number of the 2021 format (second digit 8 or 9). */
function twResidentId(r: Rand): string {
  const letter = r.pick(Object.keys(TW_CODES));
  const code = TW_CODES[letter]!;
  const body = String(r.int(8, 9)) + r.digits(7);
  let s = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 8; i++) s += Number(body[i]) * (8 - i);
  return letter + body + String((10 - (s % 10)) % 10);
}

const PROVINCES = [...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'];

function plate(r: Rand): string {
  const head = r.pick(PROVINCES) + r.pick([...LETTERS_NO_IO]);
  if (r.chance(0.25)) return head + r.pick(['D', 'F']) + r.pick([...LETTERS_NO_IO, ...'0123456789']) + r.digits(4);
  const serial = [...r.digits(5)];
  for (let k = r.int(0, 2); k > 0; k--) serial[r.int(0, 4)] = r.pick([...LETTERS_NO_IO]);
  return head + (r.chance(0.15) ? '·' : '') + serial.join('');
}

const VIN_VALUES: Readonly<Record<string, number>> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };

function vin(r: Rand): string {
  const chars = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
  const wmi = r.pick(['LSV', 'LFV', 'LGB', 'LBV', 'LHG', 'LVS', 'LRW']);
  const vds = Array.from({ length: 5 }, () => r.pick([...chars])).join('');
  const vis = r.pick([...'ABCDEFGHJKLMNPRSTVWXY123456789']) + r.pick([...chars]) + r.pick([...chars]) + r.digits(5);
  const v = wmi + vds + '0' + vis;
  const w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) { const c = v[i]!; s += (c >= '0' && c <= '9' ? Number(c) : VIN_VALUES[c]!) * w[i]!; }
  const check = s % 11 === 10 ? 'X' : String(s % 11);
  return v.slice(0, 8) + check + v.slice(9);
}

function imei(r: Rand): string {
  return luhnComplete(r.pick(['35', '86', '01']) + r.digits(12));
}

function creditCard(r: Rand): string {
  const prefix = r.pick(['4', '4', '51', '52', '53', '54', '55', '2221', '2720']);
  return luhnComplete(prefix + r.digits(15 - prefix.length));
}

function email(r: Rand, pinyin: string): string {
  return `${pinyin}${r.chance(0.5) ? r.int(1, 99) : ''}@${r.pick(['163.com', 'qq.com', '126.com', 'sina.com', 'foxmail.com', 'xingyun-tech.com.cn', 'gmail.com'])}`;
}

function ipv4(r: Rand): string {
  return r.chance(0.5) ? `${r.pick(['10', '172', '192'])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` : `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

function mac(r: Rand): string {
  return Array.from({ length: 6 }, () => r.int(0, 255).toString(16).padStart(2, '0').toUpperCase()).join(r.pick([':', '-']));
}

// --- near-misses -----------------------------------------------------------

/** A resident ID whose check character is wrong. */
function idWrongCheck(r: Rand): string {
  const id = residentId(r);
  const wrong = '0123456789X'.replace(id[17]!.toUpperCase(), '');
  return id.slice(0, 17) + r.pick([...wrong]);
}

/** A correct check character over an impossible date (Feb 30th, month 13) or region 00. */
function idImpossible(r: Rand, kind: 'date' | 'region'): string {
  const body = kind === 'date'
    ? r.pick(REGIONS) + r.pick(['19990230', '19871301', '20010431', '19950000']) + r.digits(3)
    : '00' + r.digits(4) + birthDate(r) + r.digits(3);
  return body + idCheck(body);
}

/** Taobao-style order numbers: date prefix and serial, 18–19 digits. */
function orderNo(r: Rand): string {
  return `2024${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${r.digits(r.int(10, 11))}`;
}

function trackingNo(r: Rand): string {
  return r.pick([`SF${r.digits(13)}`, `YT${r.digits(13)}`, `73${r.digits(11)}`, `JD${r.digits(13)}`, `EA${r.digits(9)}CN`]);
}

/** Masked display forms (138****5678, 110105********002X, 6222 **** **** 1234): already redacted, not a leak. */
function masked(r: Rand): string {
  const kind = r.int(0, 2);
  if (kind === 0) { const m = mobile(r, 0); return `${m.slice(0, 3)}****${m.slice(7)}`; }
  if (kind === 1) { const id = residentId(r); return `${id.slice(0, 6)}********${id.slice(14)}`; }
  return `${bankCard(r).card.replace(/ /g, '').slice(0, 4)} **** **** ${r.digits(4)}`;
}

/** WeChat Pay / Alipay transaction numbers: 28–32 digits that contain ID- and card-length runs. */
function transactionNo(r: Rand): string {
  return r.chance(0.5) ? `42000${r.int(10000, 29999)}2024${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${r.digits(10)}` : `2024${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}22001${r.digits(15)}`;
}

function badLuhnCard(r: Rand): string {
  const { card } = bankCard(r);
  const d = card.replace(/ /g, '');
  const last = Number(d[d.length - 1]);
  return d.slice(0, -1) + String((last + r.int(1, 9)) % 10);
}

// ---------------------------------------------------------------------------
// Documents

class Doc {
  private readonly parts: string[] = [];
  readonly truth: Planted[] = [];
  readonly near: { kind: string; value: string }[] = [];
  add(s: string): this { this.parts.push(s); return this; }
  pii(type: string, value: string): string { this.truth.push({ type, value }); return value; }
  miss(kind: string, value: string): string { this.near.push({ kind, value }); return value; }
  get text(): string { return this.parts.join(''); }
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志红梅林海波宇浩然欣怡子涵梓萱思远俊杰'];
const PINYIN = ['zhangwei', 'wangfang', 'li.na', 'liu_yang', 'chenjie', 'yang.min', 'huanglei', 'zhaojun', 'wu.tao', 'zhouyan', 'xu_ming', 'sunli', 'ma.chao', 'zhuhua', 'hu_ping'];
const COMPANIES = ['北京星云科技有限公司', '上海浦江数据服务有限公司', '深圳前海智联网络科技有限公司', '杭州西湖软件有限公司', '成都天府物流有限公司', '武汉光谷生物科技股份有限公司'];
const CITIES = ['北京市朝阳区建国路88号', '上海市浦东新区张江路1000号', '深圳市南山区科技园南区12栋', '杭州市西湖区文三路478号', '成都市锦江区春熙路9号', '武汉市洪山区珞喻路1037号'];

function name(r: Rand): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
}

/** An HR roster as Excel exports it: CRLF, optional BOM, one employee per row. */
function hrCsv(r: Rand, rows: number, bom: boolean): Doc {
  const d = new Doc();
  d.add(`${bom ? '\ufeff' : ''}工号,姓名,性别,身份证号,手机,银行卡号,开户行,邮箱,入职日期,月薪,备注\r\n`);
  for (let i = 0; i < rows; i++) {
    const { bank, card } = bankCard(r);
    const remarks = [
      '', '', '', '试用期三个月',
      `原卡号${d.miss('card_bad_luhn', badLuhnCard(r))}已注销`,
      `身份证号录入有误:${d.miss('id_wrong_check', idWrongCheck(r))}`,
      `报销单号${d.miss('order_number', orderNo(r))}`,
      `分机${r.int(100, 999)}`,
      `紧急联系人手机${d.miss('masked', masked(r))}`,
      `会员卡号${d.miss('membership_card', `8${r.digits(15)}`)}`,
    ];
    d.add(`HR-2024-${pad(i + 1, 4)},${name(r)},${r.pick(['男', '女'])},${d.pii('cn_resident_id', residentId(r))},${d.pii('cn_mobile', mobile(r, r.int(0, 6)))},`);
    d.add(`${d.pii('cn_bank_card', card)},${bank},${d.pii('email', email(r, r.pick(PINYIN)))},20${pad(r.int(10, 24), 2)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)},${r.int(8, 40)}${r.pick(['000', '500', '800'])}.00,${r.pick(remarks)}\r\n`);
  }
  return d;
}

/** A CRM export: customers with identity documents by region, vehicles, companies and orders. */
function customersJson(r: Rand, count: number): Doc {
  const d = new Doc();
  const customers = Array.from({ length: count }, (_, i) => {
    const region = r.pick(['mainland', 'mainland', 'mainland', 'mainland', 'hk', 'mo', 'tw', 'foreign']);
    const doc: Record<string, string> =
      region === 'mainland' ? { id_card: d.pii('cn_resident_id', residentId(r)) }
        : region === 'hk' ? { hkid: d.pii('hk_id', hkId(r)) }
          : region === 'mo' ? { macau_id: d.pii('mo_id', moId(r)) }
            : region === 'tw' ? { tw_id: d.pii('tw_id', twId(r)) }
              : { passport: d.pii('cn_passport', passport(r)) };
    const created = 1704067200000 + r.int(0, 86400 * 300) * 1000;
    return {
      customer_id: `C${pad(100000 + i * 37, 8)}`,
      name: name(r),
      mobile: d.pii('cn_mobile', mobile(r)),
      ...doc,
      email: d.pii('email', email(r, r.pick(PINYIN))),
      address: r.pick(CITIES),
      vehicle: r.chance(0.5) ? { plate: d.pii('cn_license_plate', plate(r)), vin: d.pii('vin', vin(r)) } : null,
      company: r.chance(0.4) ? { name: r.pick(COMPANIES), uscc: d.pii('cn_uscc', uscc(r)) } : null,
      orders: Array.from({ length: r.int(1, 3) }, () => ({
        order_no: d.miss('order_number', orderNo(r)),
        tracking_no: d.miss('tracking_number', trackingNo(r)),
        amount: `${r.int(10, 9999)}.${pad(r.int(0, 99), 2)}`,
        pay_txn: d.miss('transaction_number', transactionNo(r)),
        buyer_display: d.miss('masked', masked(r)),
        created_at: d.miss('timestamp_ms', String(created)),
        invoice: { code: d.miss('invoice_code', `0${r.pick(['44', '11', '31', '33'])}00${r.digits(7)}`), number: d.miss('invoice_number', r.digits(8)) },
      })),
      card_on_file: r.chance(0.2) ? d.pii('credit_card', creditCard(r)) : undefined,
      updated: d.miss('timestamp_s', String(Math.floor(created / 1000) + 3600)),
    };
  });
  d.add(JSON.stringify({ exported_at: '2024-03-15T10:00:00+08:00', customers }, null, 2));
  return d;
}

/** A contract memo in prose: parties, representatives, contacts, accounts, vehicles. */
function memo(r: Rand, parties: number): Doc {
  const d = new Doc();
  d.add(`关于《技术服务合同》签署事宜的备忘录\n\n编号：HT-2024-${r.digits(4)}    日期：2024年3月${r.int(1, 28)}日\n\n`);
  for (let i = 0; i < parties; i++) {
    const company = r.pick(COMPANIES);
    const { bank, card } = bankCard(r);
    d.add(`${'甲乙丙丁戊己庚辛壬癸'[i % 10]}方：${company}，统一社会信用代码：${d.pii('cn_uscc', uscc(r))}，住所：${r.pick(CITIES)}。`);
    d.add(`法定代表人${name(r)}，公民身份号码${d.pii('cn_resident_id', residentId(r))}，联系电话${d.pii('cn_landline', landline(r))}，`);
    d.add(`手机${d.pii('cn_mobile', mobile(r))}。收款账户开户行：${bank}，账号：${d.pii('cn_bank_card', card)}。\n`);
    switch (i % 5) {
      case 0:
        d.add(`经办人${name(r)}持香港身份证${d.pii('hk_id', hkId(r))}，护照号码${d.pii('cn_passport', passport(r))}；`);
        d.add(`随行人员${name(r)}，公务护照${d.pii('cn_passport', `SE${r.digits(7)}`)}，香港身份證號碼${d.pii('hk_id', hkId(r).replace(/[()（）]/g, ''))}。`);
        break;
      case 1:
        d.add(`项目联系人${name(r)}为澳门居民，澳门居民身份证号码${d.pii('mo_id', r.chance(0.7) ? moId(r) : moId(r).replace(/[()]/g, ''))}；办公电话${d.pii('cn_landline', landline(r))}。`);
        break;
      case 2:
        d.add(`台方代表${name(r)}，身分證字號${d.pii('tw_id', twId(r))}，邮箱${d.pii('email', email(r, r.pick(PINYIN)))}，`);
        d.add(`居留證統一證號${d.pii('tw_id', twResidentId(r))}。`);
        break;
      case 3:
        d.add(`担保人${name(r)}，原15位身份证号${d.pii('cn_resident_id', legacyResidentId(r))}，现身份证号${d.pii('cn_resident_id', residentId(r))}。`);
        break;
      default:
        d.add(`交付车辆车牌号${d.pii('cn_license_plate', plate(r))}，车架号${d.pii('vin', vin(r))}，另一辆为${d.pii('cn_license_plate', plate(r))}。`);
    }
    d.add(`相关发票代码${d.miss('invoice_code', `0${r.pick(['44', '11', '31'])}00${r.digits(7)}`)}，发票号码${d.miss('invoice_number', r.digits(8))}，`);
    d.add(`订单号${d.miss('order_number', orderNo(r))}，快递单号${d.miss('tracking_number', trackingNo(r))}。\n\n`);
  }
  d.add('附注：以下号码经核验无效，仅作记录，不得使用：');
  d.add(`${d.miss('id_wrong_check', idWrongCheck(r))}（校验位错误）、${d.miss('id_impossible_date', idImpossible(r, 'date'))}（出生日期不存在）、`);
  d.add(`${d.miss('id_region_00', idImpossible(r, 'region'))}（地区码错误）、${d.miss('card_bad_luhn', badLuhnCard(r))}（卡号校验失败）。`);
  d.add(`合同金额人民币${r.int(10, 500)}万元，分${r.int(2, 6)}期支付；服务热线${d.miss('service_number', `400-${r.digits(3)}-${r.digits(4)}`)}，`);
  d.add(`支付流水号${d.miss('transaction_number', transactionNo(r))}，客户留存信息已脱敏：${d.miss('masked', masked(r))}、${d.miss('masked', masked(r))}，`);
  d.add(`内部编号${d.miss('eleven_digits_not_mobile', `1${r.pick(['0', '1', '2'])}${r.digits(9)}`)}，`);
  d.add(`版本${d.miss('version_string', `${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 20)}.${r.int(100, 9999)}.${r.int(1, 9)}`)}，`);
  d.add(`会议时间${r.int(9, 17)}:${pad(r.int(0, 59), 2)}:${pad(r.int(0, 59), 2)}，车牌尾号限行${r.int(0, 9)}和${r.int(0, 9)}。\n`);
  return d;
}

/** An application log: access lines with client IPs and devices, business events with customer data. */
function appLog(r: Rand, lines: number): Doc {
  const d = new Doc();
  for (let i = 0; i < lines; i++) {
    const ts = `2024-03-15 ${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}:${pad(r.int(0, 59), 2)}.${pad(r.int(0, 999), 3)}`;
    const trace = Array.from({ length: 32 }, () => r.int(0, 15).toString(16)).join('');
    switch (r.int(0, 5)) {
      case 0:
        d.add(`${ts} INFO  [http-nio-8080-exec-${r.int(1, 20)}] c.x.api.AccessLog - ${d.pii('ipv4', ipv4(r))} "GET /api/v1/orders/${d.miss('order_number', orderNo(r))} HTTP/1.1" 200 ${r.int(100, 99999)} ${r.int(1, 900)}ms trace=${trace}\n`);
        break;
      case 1:
        d.add(`${ts} INFO  [main] c.x.user.LoginService - login ok user_mobile=${d.pii('cn_mobile', mobile(r, r.int(0, 4)))} client=${d.pii('ipv4', ipv4(r))} device imei=${d.pii('imei', imei(r))}\n`);
        break;
      case 2:
        d.add(`${ts} WARN  [pool-2-thread-${r.int(1, 8)}] c.x.pay.PayService - bind card failed cardNo=${d.pii('cn_bank_card', bankCard(r).card.replace(/ /g, ''))} reason=BANK_TIMEOUT elapsed=${r.int(1000, 30000)}ms\n`);
        break;
      case 3:
        d.add(`${ts} DEBUG [nio-${r.int(1, 4)}] c.x.net.Gateway - peer=${d.pii('ipv6', `2408:${r.int(0x8000, 0x8fff).toString(16)}:${r.int(0, 0xffff).toString(16)}::${r.int(1, 0xffff).toString(16)}`)} mac=${d.pii('mac_address', mac(r))} rtt=${r.int(1, 300)}ms build=${d.miss('datetime_14', `20240315${pad(r.int(0, 23), 2)}${pad(r.int(0, 59), 2)}${pad(r.int(0, 59), 2)}`)}\n`);
        break;
      case 4:
        d.add(`${ts} INFO  [kafka-consumer-${r.int(1, 3)}] c.x.kyc.KycListener - verified name=${name(r)} idNo=${d.pii('cn_resident_id', residentId(r))} email=${d.pii('email', email(r, r.pick(PINYIN)))} ts=${d.miss('timestamp_ms', String(1710460800000 + r.int(0, 86399999)))}\n`);
        break;
      default:
        d.add(`${ts} ERROR [sched-${r.int(1, 4)}] c.x.job.Reconcile - mismatch txn=${d.miss('transaction_number', transactionNo(r))} order=${d.miss('order_number', orderNo(r))} invoice=${d.miss('invoice_code', `0${r.pick(['44', '31'])}00${r.digits(7)}`)} expected=${r.int(1, 9999)}.${pad(r.int(0, 99), 2)} span=${trace.slice(0, 16)}\n`);
    }
  }
  return d;
}

// ---------------------------------------------------------------------------
// Encodings and containers

let gbkTable: Map<string, number> | undefined;

/**
 * Encodes text as GBK. TextEncoder only writes UTF-8, so the table is built once by
 * decoding every two-byte GBK code (lead 0x81–0xFE, trail 0x40–0xFE) with the
 * platform's GB18030 decoder, of which GBK is the two-byte subset.
 */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) { out.push(c); continue; }
    const code = gbkTable.get(ch);
    if (code === undefined) throw new RangeError(`encodeGbk: U+${c.toString(16)} has no GBK code`);
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal WordprocessingML package: one paragraph per line, long lines split into several runs at spaces or punctuation. */
export function buildDocx(text: string): Uint8Array {
  const paragraphs = text.split('\n').map((line) => {
    const runs = line.split(/(?<=[，。；、])/).map((piece) => `<w:r><w:t xml:space="preserve">${escapeXml(piece)}</w:t></w:r>`);
    return `<w:p>${runs.join('')}</w:p>`;
  });
  const enc = new TextEncoder();
  return zipSync({
    '[Content_Types].xml': enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': enc.encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.join('')}<w:sectPr/></w:body></w:document>`),
  });
}

/** The corpus as files, before anything is written: plain UTF-8, GBK, zip members and a docx. */
export function buildChineseCorpus(seed = 20240315): CorpusFile[] {
  const r = new Rand(prng(seed));
  const file = (path: string, container: Container, d: Doc): CorpusFile => ({ path, container, text: d.text, truth: d.truth, near: d.near });
  return [
    file('hr/staff-2024.csv', 'utf8', hrCsv(r, 60, true)),
    file('crm/customers.json', 'utf8', customersJson(r, 60)),
    file('legal/contract-memo.txt', 'utf8', memo(r, 15)),
    file('ops/app-2024-03-15.log', 'utf8', appLog(r, 400)),
    file('hr/roster-gbk.csv', 'gbk', hrCsv(r, 30, false)),
    file('legal/memo-gbk.txt', 'gbk', memo(r, 10)),
    file('corpus.zip!export/customers.json', 'zip', customersJson(r, 25)),
    file('corpus.zip!export/staff.csv', 'zip', hrCsv(r, 20, false)),
    file('corpus.zip!logs/app.log', 'zip', appLog(r, 150)),
    file('legal/memo.docx', 'docx', memo(r, 10)),
  ];
}

/** Writes the corpus below `dir`: zip members into one archive, the docx as a package. */
export async function writeChineseCorpus(dir: string, files: readonly CorpusFile[]): Promise<void> {
  const zips = new Map<string, Record<string, Uint8Array>>();
  const enc = new TextEncoder();
  for (const f of files) {
    if (f.container === 'zip') {
      const [archive, member] = f.path.split('!') as [string, string];
      zips.set(archive, { ...(zips.get(archive) ?? {}), [member]: enc.encode(f.text) });
      continue;
    }
    const bytes = f.container === 'gbk' ? encodeGbk(f.text) : f.container === 'docx' ? buildDocx(f.text) : enc.encode(f.text);
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), bytes);
  }
  for (const [archive, members] of zips) await writeFile(join(dir, archive), zipSync(members));
}

// ---------------------------------------------------------------------------
// Scoring

/** Separators that a scanner may or may not keep in a value; values compare without them. */
function normalize(value: string): string {
  return value.replace(/[\s\-()（）·•]/g, '').toUpperCase();
}

/** Findings of a docx may be named after the package or one of its parts. */
function containerPath(path: string): string {
  const at = path.indexOf('.docx!');
  return at < 0 ? path : path.slice(0, at + 5);
}

interface Tally { tp: number; fp: number; fn: number }
const EMPTY: Tally = { tp: 0, fp: 0, fn: 0 };

function sum(byType: ReadonlyMap<string, Tally>): Tally {
  return [...byType.values()].reduce((s, x) => ({ tp: s.tp + x.tp, fp: s.fp + x.fp, fn: s.fn + x.fn }), EMPTY);
}

function prf(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

/** Per type true/false positives and misses over `files`, matching on path, type and normalised value. */
export function scoreFindings(files: readonly CorpusFile[], findings: readonly EvalFinding[]): { byType: Map<string, Tally>; nearHits: Map<string, number> } {
  const key = (path: string, type: string, value: string): string => `${path}\u0000${type}\u0000${normalize(value)}`;
  const scope = new Set(files.map((f) => f.path));
  const truth = new Set(files.flatMap((f) => f.truth.map((t) => key(f.path, t.type, t.value))));
  const nearKinds = new Map(files.flatMap((f) => f.near.map((n) => [`${f.path}\u0000${normalize(n.value)}`, n.kind] as const)));
  const seen = new Set<string>();
  const byType = new Map<string, Tally>();
  const nearHits = new Map<string, number>();
  const tally = (type: string): Tally => byType.get(type) ?? byType.set(type, { tp: 0, fp: 0, fn: 0 }).get(type)!;
  for (const f of findings) {
    const path = containerPath(f.path);
    if (f.category !== 'pii' || !scope.has(path)) continue;
    const k = key(path, f.type, f.value);
    if (seen.has(k)) continue;
    seen.add(k);
    if (truth.has(k)) tally(f.type).tp++;
    else {
      tally(f.type).fp++;
      const kind = nearKinds.get(`${path}\u0000${normalize(f.value)}`) ?? 'unplanned';
      nearHits.set(`${f.type}:${kind}`, (nearHits.get(`${f.type}:${kind}`) ?? 0) + 1);
    }
  }
  for (const k of truth) if (!seen.has(k)) tally(k.split('\u0000')[1]!).fn++;
  return { byType, nearHits };
}

/**
 * Writes the generated corpus to a temporary folder, scans it, and scores each type
 * over all files and over the plain UTF-8 files alone (what a scanner without GBK,
 * zip and docx support can see). Also scans the Universal NER Chinese sample, prose
 * without identifiers, and counts what the Chinese detectors report there.
 */
export async function evalChinese(scanDir: ScanDir, seed = 20240315): Promise<EvalScore[]> {
  const files = buildChineseCorpus(seed);
  const dir = await mkdtemp(join(tmpdir(), 'leakwatch-zh-'));
  let findings: EvalFinding[];
  try {
    await writeChineseCorpus(dir, files);
    findings = await scanDir(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const plain = files.filter((f) => f.container === 'utf8');
  const all = scoreFindings(files, findings);
  const plainScore = scoreFindings(plain, findings);
  const types = [...new Set([...all.byType.keys(), ...CHINESE_TYPES])].sort();
  const out: EvalScore[] = types.map((type) => {
    const a = all.byType.get(type) ?? EMPTY;
    const p = plainScore.byType.get(type) ?? EMPTY;
    return {
      corpus: 'zh-pii', type, ...prf(a), planted: a.tp + a.fn, false_positives: a.fp,
      plain: { ...prf(p), planted: p.tp + p.fn, false_positives: p.fp },
      goal: `F1 ≥ ${GOAL_F1} over all files (UTF-8, GBK, zip, docx)`,
      pass: prf(a).f1 >= GOAL_F1,
    };
  });
  const byContainer: Record<string, number> = {};
  for (const c of ['utf8', 'gbk', 'zip', 'docx'] as const) byContainer[c] = prf(sum(scoreFindings(files.filter((f) => f.container === c), findings).byType)).recall;
  out.push({
    corpus: 'zh-pii', type: 'all', ...prf(sum(all.byType)), plain: prf(sum(plainScore.byType)), recall_by_container: byContainer,
    near_misses: files.reduce((n, f) => n + f.near.length, 0),
    // Which kind of planted look-alike each false positive was, by type: counts only, never values.
    near_miss_hits: Object.fromEntries(all.nearHits),
    goal: `F1 ≥ ${GOAL_F1} per type`, pass: out.every((s) => s.pass),
  });
  out.push(await evalUner(scanDir));
  return out;
}

/** Allowed findings of Chinese types on 2,000 sentences of encyclopedic prose with no identifiers in them. */
const UNER_MAX_FINDINGS = 2;

/** Scans the Universal NER Chinese sample (CC BY-SA; read from shared/, never copied) for false positives. */
export async function evalUner(scanDir: ScanDir): Promise<EvalScore> {
  const source = join(sharedPiiDir(), 'uner-zh-sample.jsonl');
  const goal = `≤ ${UNER_MAX_FINDINGS} findings of Chinese types in 2,000 sentences without identifiers`;
  if (!existsSync(source)) return { corpus: 'zh-uner', goal, pass: false, skipped: `${source} is absent` };
  const sentences = (await readFile(source, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { text: string }).text);
  const dir = await mkdtemp(join(tmpdir(), 'leakwatch-uner-'));
  try {
    for (let i = 0; i < sentences.length; i += 100) await writeFile(join(dir, `part-${pad(i / 100, 2)}.txt`), sentences.slice(i, i + 100).join('\n') + '\n', 'utf8');
    const findings = (await scanDir(dir)).filter((f) => f.category === 'pii');
    const cn = findings.filter((f) => (CHINESE_TYPES as readonly string[]).includes(f.type));
    const byType: Record<string, number> = {};
    for (const f of findings) byType[f.type] = (byType[f.type] ?? 0) + 1;
    return { corpus: 'zh-uner', sentences: sentences.length, findings_chinese_types: cn.length, findings_all_pii: findings.length, by_type: byType, goal, pass: cn.length <= UNER_MAX_FINDINGS };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
