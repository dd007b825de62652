// The Chinese-language leak chronicle (ffffffff0x/Dork-Admin, parsed to JSONL:
// category, year, month, title, fields{事件经过, 泄露内容, 影响人数, …}, links,
// source_line) to VERIS-coded incidents. The text is Chinese news prose, so the
// VERIS action, the country, the province and the count are inferred by the
// keyword rules below and marked as inferred on each incident.
import { createHash } from 'node:crypto';
import { largestCount } from '../chinese-number.js';
import { findPlace } from '../cn-places.js';
import type { DerivableField } from '../model.js';
import type { VerisEnumerated, VerisIncident } from '../veris.js';
import { VERIS_SCHEMA_VERSION, governmentOf } from '../veris.js';
import type { ImportedIncident, ImportProblem, ParsedImport, SourceRecord } from './import-types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface ActionRule {
  readonly pattern: RegExp;
  readonly category: 'hacking' | 'malware' | 'social' | 'misuse' | 'physical' | 'error';
  readonly value: VerisEnumerated;
  readonly actor: 'external' | 'internal';
}

/** Keyword → VERIS action, first match wins (misconfiguration before "hacker", since exposed databases are usually found, not broken into). */
export const ACTION_RULES: readonly ActionRule[] = [
  { pattern: /勒索/, category: 'malware', value: { variety: ['Ransomware'], vector: ['Unknown'] }, actor: 'external' },
  { pattern: /钓鱼/, category: 'social', value: { variety: ['Phishing'], vector: ['Unknown'], target: ['Unknown'] }, actor: 'external' },
  {
    pattern: /未设密码|未设置密码|无密码|没有密码|未授权访问|配置错误|错误配置|公开访问|暴露在|暴露于|可公开访问|存储桶|Elasticsearch|MongoDB|S3/i,
    category: 'error',
    value: { variety: ['Misconfiguration'], vector: ['Unknown'] },
    actor: 'internal',
  },
  { pattern: /误发|发错/, category: 'error', value: { variety: ['Misdelivery'], vector: ['Unknown'] }, actor: 'internal' },
  { pattern: /内鬼|内部员工|员工.{0,8}(?:出售|倒卖|贩卖|窃取|泄露)|离职员工/, category: 'misuse', value: { variety: ['Unknown'], vector: ['Unknown'] }, actor: 'internal' },
  { pattern: /丢失|遗失/, category: 'error', value: { variety: ['Loss'], vector: ['Unknown'] }, actor: 'internal' },
  { pattern: /被盗|盗窃|失窃/, category: 'physical', value: { variety: ['Theft'], vector: ['Unknown'] }, actor: 'external' },
  { pattern: /黑客|入侵|攻击|拖库|撞库|漏洞|木马|恶意软件|后门/, category: 'hacking', value: { variety: ['Unknown'], vector: ['Unknown'] }, actor: 'external' },
];

function bad(rec: SourceRecord, reason: string): ImportProblem {
  return { file: rec.file, line: rec.line, record: rec.record, code: 'INCIDENTS_RECORD_INVALID', reason };
}

/** One chronicle entry. */
export function dorkAdminIncident(rec: SourceRecord): ImportedIncident | ImportProblem {
  let v: unknown;
  try {
    v = JSON.parse(rec.text);
  } catch (err) {
    return bad(rec, `invalid JSON: ${(err as Error).message}`);
  }
  if (!isObject(v)) return bad(rec, 'not a JSON object');
  const { category, year, month, title, fields, links } = v;
  if (category !== 'data_leak' && category !== 'supply_chain_attack') return bad(rec, `category ${JSON.stringify(category)} is not data_leak or supply_chain_attack`);
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2100) return bad(rec, `year ${JSON.stringify(year)} is not a year`);
  if (month !== undefined && month !== null && (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12)) {
    return bad(rec, `month ${JSON.stringify(month)} is not 1 to 12`);
  }
  if (typeof title !== 'string' || !title.trim()) return bad(rec, 'title is missing');
  if (fields !== undefined && (!isObject(fields) || Object.values(fields).some((f) => typeof f !== 'string'))) return bad(rec, 'fields is not an object of strings');
  if (links !== undefined && (!Array.isArray(links) || links.some((l) => typeof l !== 'string'))) return bad(rec, 'links is not a list of strings');
  const f = (fields ?? {}) as Record<string, string>;
  const description = f['事件经过'] ?? f['事情经过'] ?? '';
  const text = `${title}\n${description}`;
  const inferred: DerivableField[] = [];

  const action: Record<string, VerisEnumerated> = {};
  const actor: Record<string, VerisEnumerated> = {};
  if (category === 'supply_chain_attack') {
    // A supply-chain attack ships malicious code through an update or a package.
    action['malware'] = { variety: ['Unknown'], vector: ['Software update'] };
    actor['external'] = { variety: ['Unknown'], motive: ['Unknown'] };
  } else {
    const rule = ACTION_RULES.find((r) => r.pattern.test(text));
    if (rule) {
      action[rule.category] = rule.value;
      actor[rule.actor] = { variety: ['Unknown'], motive: ['Unknown'] };
      inferred.push('action');
    }
  }
  if (!Object.keys(action).length) action['unknown'] = {};
  if (!Object.keys(actor).length) actor['unknown'] = {};

  const place = findPlace(title, description);
  if (place.country) inferred.push('country');
  if (place.region) inferred.push('cnRegion');
  const count = f['影响人数'] !== undefined ? largestCount(f['影响人数']) : null;
  if (count !== null) inferred.push('recordsAffected');

  const veris: VerisIncident = {
    schema_version: VERIS_SCHEMA_VERSION,
    security_incident: 'Confirmed',
    source_id: 'dork-admin-zh',
    summary: description,
    reference: ((links ?? []) as string[]).join('; '),
    timeline: { incident: { year, ...(typeof month === 'number' ? { month } : {}) } },
    victim: { country: [place.country ?? 'Unknown'], industry: '000', employee_count: 'Unknown', government: governmentOf('000') },
    action,
    actor,
    asset: { assets: [{ variety: 'Unknown' }], cloud: ['Unknown'] },
    attribute: {
      confidentiality: {
        // The chronicle lists reported leaks; supply-chain entries need not have leaked data.
        data_disclosure: category === 'data_leak' ? 'Yes' : 'Unknown',
        ...(count !== null ? { data_total: count } : {}),
        data: [{ variety: 'Unknown' }],
      },
    },
    discovery_method: { unknown: true },
  };
  const sourceFields: Record<string, string> = { category, ...f };
  if (typeof v['source_line'] === 'number') sourceFields['source_line'] = String(v['source_line']);
  return {
    line: rec.line,
    file: rec.file,
    externalId: `sha256:${createHash('sha256').update(`${category}\0${year}\0${month ?? ''}\0${title}`).digest('hex').slice(0, 24)}`,
    title: title.trim(),
    summary: description,
    veris,
    leak: { recordsAffected: count, cnRegion: place.region },
    inferred,
    sourceFields,
  };
}

export function parseDorkAdmin(file: string, records: readonly SourceRecord[]): ParsedImport {
  const incidents: ImportedIncident[] = [];
  const problems: ImportProblem[] = [];
  for (const rec of records) {
    const r = dorkAdminIncident(rec);
    if ('reason' in r) problems.push(r);
    else incidents.push(r);
  }
  return { format: 'dork-admin-zh', file, records: records.length, incidents, problems };
}
