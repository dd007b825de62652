// Generates the benchmark corpus: a deterministic mix (seeded) of prose in English
// and Chinese, customer CSV tables, JSON/JSONL API records, application logs,
// source and config files, Word documents and zip archives, with valid personal
// data and secrets sprinkled at realistic densities. Cached by version and size.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { Rng } from '../support/rng.js';

const VERSION = 4;

export interface CorpusInfo {
  dir: string;
  bytes: number;
  files: number;
}


const EN = 'the of and to in is for on that with as by this from at be are was it or which an not have has will can more data report team customer system service account project meeting quarter budget policy review update access file share network server security training release product market sales order invoice delivery contract payment schedule office'.split(' ');
const ZH = '我们 公司 客户 数据 系统 项目 会议 报告 部门 管理 服务 安全 文件 合同 订单 发票 付款 交付 产品 市场 销售 员工 培训 政策 审核 更新 访问 共享 网络 服务器 季度 预算 计划 通知 请 已 的 了 在 和 与 对 将 是 为 进行 完成 相关 工作'.split(' ');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英'.split('');
const CITIES = ['北京市朝阳区', '上海市浦东新区', '广州市天河区', '深圳市南山区', '杭州市西湖区', '成都市武侯区', '武汉市洪山区'];
const REGIONS = ['110105', '310115', '440106', '440305', '330106', '510107', '420111'];
const DOMAINS = ['qq.com', '163.com', 'corp-mail.cn', 'gmail.com', 'outlook.com', 'huaxin-tech.com'];

function residentId(r: Rng): string {
  const y = 1950 + r.int(55);
  const m = 1 + r.int(12);
  const d = 1 + r.int(28);
  const body = r.pick(REGIONS) + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + r.digits(3);
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]!;
  return body + '10X98765432'[sum % 11];
}
function luhn(prefix: string, length: number, r: Rng): string {
  const body = prefix + r.digits(length - prefix.length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}
const mobile = (r: Rng) => '1' + r.pick(['3', '5', '7', '8', '9']) + r.digits(9);
const email = (r: Rng) => r.chars(5 + r.int(6), 'abcdefghijklmnopqrstuvwxyz') + (r.int(3) === 0 ? '.' + r.chars(3, 'abcdefghijklmnopqrstuvwxyz') : '') + '@' + r.pick(DOMAINS);
const ipv4 = (r: Rng) => `${r.pick([10, 172, 192, 58, 114, 202])}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
const name = (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN) + (r.int(2) ? r.pick(GIVEN) : '');
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function secret(r: Rng): string {
  switch (r.int(5)) {
    case 0:
      return `aws_access_key_id = AKIA${r.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    case 1:
      return `GITHUB_TOKEN=ghp_${r.chars(36, B62)}`;
    case 2:
      return `db.password = "${r.chars(14, B62)}!"`;
    case 3:
      return `ALIYUN_ACCESS_KEY_ID=LTAI${r.chars(20, B62)}`;
    default:
      return `webhook: https://oapi.dingtalk.com/robot/send?access_token=${r.chars(64, '0123456789abcdef')}`;
  }
}

function prose(r: Rng, chars: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const zh = r.int(3) === 0;
    let line = '';
    const words = 8 + r.int(20);
    for (let i = 0; i < words; i++) line += zh ? r.pick(ZH) : r.pick(EN) + ' ';
    if (r.int(4) === 0) line += ` ${r.digits(4)}-${r.digits(2)}-${r.digits(2)} 订单号 ${r.digits(12)} 金额 ${r.int(100000)}.${r.digits(2)}`;
    if (r.int(40) === 0) line += ` 联系人 ${name(r)} 电话 ${mobile(r)}`;
    if (r.int(120) === 0) line += ` 身份证号 ${residentId(r)}`;
    if (r.int(80) === 0) line += ` contact ${email(r)}`;
    out.push(line);
    n += line.length + 1;
  }
  return out.join('\n') + '\n';
}

function csv(r: Rng, rows: number): string {
  const lines = ['id,姓名,身份证号,手机,邮箱,银行卡,地址,注册时间'];
  for (let i = 0; i < rows; i++) {
    lines.push([i + 1, name(r), residentId(r), mobile(r), email(r), luhn('62', 19, r), r.pick(CITIES) + r.int(300) + '号', `2024-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')} ${r.digits(2)}:${r.digits(2)}:${r.digits(2)}`].join(','));
  }
  return lines.join('\n') + '\n';
}

function jsonl(r: Rng, records: number): string {
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    const rec: Record<string, unknown> = {
      ts: 1_700_000_000_000 + r.int(1e10),
      request_id: r.chars(32, '0123456789abcdef'),
      method: r.pick(['GET', 'POST', 'PUT']),
      path: `/api/v2/${r.pick(EN)}/${r.int(100000)}`,
      status: r.pick([200, 200, 200, 201, 404, 500]),
      latency_ms: r.int(2000),
      client_ip: ipv4(r),
    };
    if (r.int(10) === 0) rec['user'] = { name: name(r), phone: mobile(r), email: email(r) };
    lines.push(JSON.stringify(rec));
  }
  return lines.join('\n') + '\n';
}

function log(r: Rng, chars: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    let line = `2026-11-${String(1 + r.int(28)).padStart(2, '0')}T${r.digits(2)}:${r.digits(2)}:${r.digits(2)}.${r.digits(3)}Z ${r.pick(['INFO', 'INFO', 'WARN', 'DEBUG', 'ERROR'])} [${r.pick(['http', 'db', 'auth', 'worker'])}-${r.int(16)}] ${r.pick(EN)} ${r.pick(EN)} ${r.pick(EN)} took ${r.int(900)}ms host=${ipv4(r)} trace=${r.chars(16, '0123456789abcdef')}`;
    if (r.int(2000) === 0) line += ' ' + secret(r);
    out.push(line);
    n += line.length + 1;
  }
  return out.join('\n') + '\n';
}

function source(r: Rng, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const k = r.int(10);
    if (k < 6) out.push(`  const ${r.pick(EN)}${i} = await ${r.pick(EN)}Service.${r.pick(EN)}(${r.int(100)}, '${r.pick(EN)}');`);
    else if (k < 9) out.push(`  // ${r.pick(EN)} ${r.pick(EN)} ${r.pick(EN)} ${r.pick(EN)}`);
    else if (r.int(50) === 0) out.push(`  ${secret(r)}`);
    else out.push(`  if (${r.pick(EN)} > ${r.int(1000)}) return null;`);
  }
  return out.join('\n') + '\n';
}

function docx(text: string): Uint8Array {
  const paras = text.split('\n').map((l) => `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras}</w:body></w:document>`),
  });
}

/** Writes (or reuses) a corpus of at least `megabytes` MB under `dir`. */
export async function ensureCorpus(dir: string, megabytes: number): Promise<CorpusInfo> {
  const manifest = join(dir, 'MANIFEST.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(await readFile(manifest, 'utf8')) as { version: number; megabytes: number; bytes: number; files: number };
    if (m.version === VERSION && m.megabytes === megabytes) return { dir, bytes: m.bytes, files: m.files };
  }
  await rm(dir, { recursive: true, force: true });
  const r = new Rng(20261129);
  const target = megabytes * 1e6;
  let bytes = 0;
  let files = 0;
  const put = async (rel: string, data: string | Uint8Array) => {
    const p = join(dir, rel);
    await mkdir(join(p, '..'), { recursive: true });
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    await writeFile(p, buf);
    bytes += buf.length;
    files++;
  };
  // Shares of the corpus by kind, as a file server or a project share would hold them:
  // about a quarter prose, a quarter logs, a sixth API records, a tenth source, an
  // eighth customer exports, and Word files and zip archives.
  for (let i = 0; bytes < target; i++) {
    const k = i % 20;
    if (k < 4) await put(`docs/notes-${i}.txt`, prose(r, 600_000 + r.int(800_000)));
    else if (k < 8) await put(`exports/customers-${i}.csv`, csv(r, 3_000 + r.int(6_000)));
    else if (k < 11) await put(`api/requests-${i}.jsonl`, jsonl(r, 4_000 + r.int(8_000)));
    else if (k < 15) await put(`logs/app-${i}.log`, log(r, 1_000_000 + r.int(1_500_000)));
    else if (k < 18) {
      for (let j = 0; j < 20; j++) await put(`src/module-${i}/file-${j}.ts`, source(r, 300 + r.int(1500)));
    } else if (k === 18) {
      for (let j = 0; j < 10; j++) await put(`contracts/contract-${i}-${j}.docx`, docx(prose(r, 20_000 + r.int(60_000))));
    } else {
      await put(`archive/backup-${i}.zip`, zipSync({ 'customers.csv': strToU8(csv(r, 3_000)), 'notes/readme.txt': strToU8(prose(r, 200_000)), 'app.log': strToU8(log(r, 500_000)) }));
    }
  }
  await writeFile(manifest, JSON.stringify({ version: VERSION, megabytes, bytes, files }));
  return { dir, bytes, files };
}
