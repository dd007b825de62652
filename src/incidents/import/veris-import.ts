// VERIS JSON records (VCDB and any VERIS 1.3.x/1.4 source) to incidents. The
// record is kept as it came, so an export gives it back; only its shape is
// checked here (types, category keys, codes), not every enumeration value:
// the schema itself is the tests' business (src/incidents/export).
import { ACTION_CATEGORIES, ACTOR_TYPES, DISCLOSURE_VALUES, isCountryCode } from '../../store/index.js';
import { regionFromName } from '../cn-places.js';
import type { VerisIncident } from '../veris.js';
import type { ImportedIncident, ImportProblem, ParsedImport, SourceRecord } from './import-types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a parsed value is not a usable VERIS incident, or null when it is. */
export function verisShapeProblem(v: unknown): string | null {
  if (!isObject(v)) return 'not a JSON object';
  if (!['incident_id', 'action', 'actor', 'timeline'].some((k) => Object.hasOwn(v, k))) return 'not a VERIS incident (none of incident_id, action, actor, timeline)';
  for (const [section, keys] of [
    ['action', ACTION_CATEGORIES],
    ['actor', ACTOR_TYPES],
  ] as const) {
    if (!Object.hasOwn(v, section)) continue;
    const s = v[section];
    if (!isObject(s)) return `${section} is not an object`;
    for (const [k, val] of Object.entries(s)) {
      if (!(keys as readonly string[]).includes(k)) return `${section}.${k} is not a VERIS ${section} category`;
      if (!isObject(val)) return `${section}.${k} is not an object`;
    }
  }
  const timeline = v['timeline'];
  if (timeline !== undefined) {
    if (!isObject(timeline)) return 'timeline is not an object';
    const t = timeline['incident'];
    if (t !== undefined) {
      if (!isObject(t)) return 'timeline.incident is not an object';
      const ranges = { year: [1, 4095], month: [1, 12], day: [1, 31] } as const;
      for (const [k, [lo, hi]] of Object.entries(ranges)) {
        const x = t[k];
        if (x === undefined) continue;
        if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi) return `timeline.incident.${k} is not an integer from ${lo} to ${hi}: ${JSON.stringify(x)}`;
      }
    }
  }
  const victim = v['victim'];
  if (victim !== undefined) {
    if (!isObject(victim)) return 'victim is not an object';
    const c = victim['country'];
    if (c !== undefined) {
      const list = typeof c === 'string' ? [c] : c;
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) return 'victim.country is not a string or a list of strings';
      const bad = list.find((x) => !isCountryCode(x as string));
      if (bad !== undefined) return `victim.country ${JSON.stringify(bad)} is not an ISO 3166-1 alpha-2 code, Other or Unknown`;
    }
    if (victim['industry'] !== undefined && typeof victim['industry'] !== 'string') return 'victim.industry is not a string';
  }
  const attribute = v['attribute'];
  if (attribute !== undefined) {
    if (!isObject(attribute)) return 'attribute is not an object';
    const conf = attribute['confidentiality'];
    if (conf !== undefined) {
      if (!isObject(conf)) return 'attribute.confidentiality is not an object';
      const d = conf['data_disclosure'];
      if (d !== undefined && !(DISCLOSURE_VALUES as readonly unknown[]).includes(d)) return `attribute.confidentiality.data_disclosure ${JSON.stringify(d)} is not one of ${DISCLOSURE_VALUES.join(', ')}`;
      const total = conf['data_total'];
      if (total !== undefined && (typeof total !== 'number' || !Number.isInteger(total) || total < 0)) return 'attribute.confidentiality.data_total is not a non-negative integer';
      if (conf['data'] !== undefined && (!Array.isArray(conf['data']) || conf['data'].some((d) => !isObject(d)))) return 'attribute.confidentiality.data is not a list of objects';
    }
  }
  const asset = v['asset'];
  if (asset !== undefined && (!isObject(asset) || (asset['assets'] !== undefined && (!Array.isArray(asset['assets']) || asset['assets'].some((a) => !isObject(a)))))) {
    return 'asset.assets is not a list of objects';
  }
  const plus = v['plus'];
  if (plus !== undefined && !isObject(plus)) return 'plus is not an object';
  return null;
}

function excerpt(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

/** A short title: the victim's name and the start of the summary. */
export function verisTitle(v: VerisIncident): string {
  const victim = typeof v.victim?.victim_id === 'string' && v.victim.victim_id.trim() ? v.victim.victim_id.trim() : null;
  const summary = typeof v.summary === 'string' ? excerpt(v.summary, 100) : '';
  if (victim && summary) return `${victim} — ${summary}`;
  return victim ?? (summary || `VERIS incident ${typeof v.incident_id === 'string' ? v.incident_id : ''}`.trim());
}

/** One VERIS record. */
export function verisIncident(rec: SourceRecord): ImportedIncident | ImportProblem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rec.text);
  } catch (err) {
    return { file: rec.file, line: rec.line, record: rec.record, code: 'INCIDENTS_RECORD_INVALID', reason: `invalid JSON: ${(err as Error).message}` };
  }
  const problem = verisShapeProblem(parsed);
  if (problem) return { file: rec.file, line: rec.line, record: rec.record, code: 'INCIDENTS_RECORD_INVALID', reason: problem };
  const v = parsed as VerisIncident;
  const externalId = typeof v.plus?.master_id === 'string' ? v.plus.master_id : typeof v.incident_id === 'string' ? v.incident_id : null;
  const countries = typeof v.victim?.country === 'string' ? [v.victim.country] : (v.victim?.country ?? []);
  const cnRegion = countries.includes('CN') ? regionFromName(v.victim?.state) : null;
  return {
    line: rec.line,
    file: rec.file,
    externalId,
    title: verisTitle(v),
    summary: typeof v.summary === 'string' ? v.summary : '',
    veris: v,
    leak: cnRegion ? { cnRegion } : {},
    inferred: [],
    sourceFields: {},
  };
}

/** Every record of a VERIS source. */
export function parseVeris(file: string, records: readonly SourceRecord[]): ParsedImport {
  const incidents: ImportedIncident[] = [];
  const problems: ImportProblem[] = [];
  for (const rec of records) {
    const r = verisIncident(rec);
    if ('reason' in r) problems.push(r);
    else incidents.push(r);
  }
  return { format: 'veris', file, records: records.length, incidents, problems };
}
