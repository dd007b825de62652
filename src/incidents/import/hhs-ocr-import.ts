// The HHS OCR breach portal CSV ("Breach Portal: Notice to the Secretary of HHS
// Breach of Unsecured Protected Health Information", both the Archive and the
// Under Investigation export) to VERIS-coded incidents. The mapping is ours and
// is written out below; the original columns stay in each incident's sourceFields.
import { createHash } from 'node:crypto';
import { LeakwatchError } from '../../errors/index.js';
import type { VerisEnumerated, VerisIncident } from '../veris.js';
import { VERIS_SCHEMA_VERSION, governmentOf } from '../veris.js';
import { parseCsv } from './csv.js';
import type { ImportedIncident, ImportProblem, ParsedImport } from './import-types.js';

export const HHS_COLUMNS = [
  'Name of Covered Entity',
  'State',
  'Covered Entity Type',
  'Individuals Affected',
  'Breach Submission Date',
  'Type of Breach',
  'Location of Breached Information',
  'Business Associate Present',
  'Web Description',
] as const;

const UNKNOWN_ENUM: VerisEnumerated = { variety: ['Unknown'], vector: ['Unknown'] };
const UNKNOWN_ACTOR: VerisEnumerated = { variety: ['Unknown'], motive: ['Unknown'] };

/** Type of Breach → VERIS action and actor. Unauthorized Access/Disclosure is coded as misuse by an insider (OCR's category for staff access and disclosure). */
const TYPES: Readonly<Record<string, { action: [string, VerisEnumerated] | null; actor: string | null }>> = {
  'Hacking/IT Incident': { action: ['hacking', UNKNOWN_ENUM], actor: 'external' },
  'Unauthorized Access/Disclosure': { action: ['misuse', UNKNOWN_ENUM], actor: 'internal' },
  Theft: { action: ['physical', { variety: ['Theft'], vector: ['Unknown'] }], actor: 'external' },
  Loss: { action: ['error', { variety: ['Loss'], vector: ['Unknown'] }], actor: 'internal' },
  'Improper Disposal': { action: ['error', { variety: ['Disposal error'], vector: ['Unknown'] }], actor: 'internal' },
  Other: { action: null, actor: null },
  Unknown: { action: null, actor: null },
};

/** Location of Breached Information → VERIS asset variety. */
const LOCATIONS: Readonly<Record<string, string>> = {
  'Network Server': 'S - Unknown',
  Email: 'S - Mail',
  'Paper/Films': 'M - Documents',
  Laptop: 'U - Laptop',
  'Desktop Computer': 'U - Desktop',
  'Electronic Medical Record': 'S - Database',
  'Other Portable Electronic Device': 'U - Other',
  Other: 'Other',
};

/** Covered Entity Type → NAICS: providers 62, health plans 524114 (direct health insurance carriers), clearinghouses 518210 (data processing), business associates unknown. */
const ENTITY_NAICS: Readonly<Record<string, string>> = {
  'Healthcare Provider': '62',
  'Health Plan': '524114',
  'Healthcare Clearing House': '518210',
  'Business Associate': '000',
};

const split = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function row(fields: readonly string[], header: Map<string, number>, col: (typeof HHS_COLUMNS)[number]): string {
  return (fields[header.get(col)!] ?? '').trim();
}

/** Parses the portal's CSV text. Throws INCIDENTS_FORMAT_UNKNOWN when the header is not the portal's. */
export function parseHhsOcr(file: string, text: string): ParsedImport {
  const rows = parseCsv(text);
  const head = rows[0];
  const header = new Map((head?.fields ?? []).map((name, i) => [name.trim(), i]));
  const missing = HHS_COLUMNS.filter((c) => !header.has(c) && c !== 'Web Description');
  if (!head || missing.length) {
    throw new LeakwatchError('INCIDENTS_FORMAT_UNKNOWN', `${file} is not an HHS OCR breach export (missing columns: ${missing.join(', ') || 'all'})`, { path: file });
  }
  const incidents: ImportedIncident[] = [];
  const problems: ImportProblem[] = [];
  const data = rows.slice(1);
  for (const [i, r] of data.entries()) {
    const bad = (reason: string) => void problems.push({ file, line: r.line, record: i + 1, code: 'INCIDENTS_RECORD_INVALID', reason });
    if (r.error) {
      bad(`malformed CSV: ${r.error}`);
      continue;
    }
    if (r.fields.length !== head.fields.length) {
      bad(`${r.fields.length} fields where the header has ${head.fields.length}`);
      continue;
    }
    const name = row(r.fields, header, 'Name of Covered Entity');
    if (!name) {
      bad('Name of Covered Entity is empty');
      continue;
    }
    const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(row(r.fields, header, 'Breach Submission Date'));
    const [month, day, year] = date ? [Number(date[1]), Number(date[2]), Number(date[3])] : [0, 0, 0];
    const when = new Date(Date.UTC(year, month - 1, day));
    if (!date || when.getUTCMonth() !== month - 1 || when.getUTCDate() !== day) {
      bad(`Breach Submission Date ${JSON.stringify(row(r.fields, header, 'Breach Submission Date'))} is not a date as MM/DD/YYYY`);
      continue;
    }
    const individualsText = row(r.fields, header, 'Individuals Affected').replace(/,/g, '');
    if (individualsText && !/^\d+$/.test(individualsText)) {
      bad(`Individuals Affected ${JSON.stringify(individualsText)} is not a whole number`);
      continue;
    }
    const individuals = individualsText ? Number(individualsText) : null;
    const typeText = row(r.fields, header, 'Type of Breach');
    const types = typeText ? split(typeText) : ['Unknown'];
    const unknownType = types.find((t) => !(t in TYPES));
    if (unknownType !== undefined) {
      bad(`Type of Breach ${JSON.stringify(unknownType)} is not one of the portal's types`);
      continue;
    }
    const entityType = row(r.fields, header, 'Covered Entity Type');
    const state = row(r.fields, header, 'State');
    const locationText = row(r.fields, header, 'Location of Breached Information');

    const action: Record<string, VerisEnumerated> = {};
    const actor: Record<string, VerisEnumerated> = {};
    for (const t of types) {
      const m = TYPES[t]!;
      if (m.action) {
        const [category, value] = m.action;
        const prev = action[category];
        action[category] = prev ? { ...prev, variety: [...new Set([...(prev.variety ?? []), ...(value.variety ?? [])])] } : { ...value };
      }
      if (m.actor) actor[m.actor] = UNKNOWN_ACTOR;
    }
    if (!Object.keys(action).length) action['unknown'] = {};
    if (!Object.keys(actor).length) actor['unknown'] = {};
    const assets = [...new Set(split(locationText).map((l) => LOCATIONS[l] ?? 'Other'))];
    const veris: VerisIncident = {
      schema_version: VERIS_SCHEMA_VERSION,
      security_incident: 'Confirmed',
      source_id: 'hhs-ocr',
      summary: row(r.fields, header, 'Web Description'),
      timeline: { incident: { year, month, day } },
      victim: {
        victim_id: name,
        country: ['US'],
        ...(state ? { state } : {}),
        industry: ENTITY_NAICS[entityType] ?? '000',
        employee_count: 'Unknown',
        government: governmentOf(ENTITY_NAICS[entityType]),
      },
      action,
      actor,
      asset: { assets: (assets.length ? assets : ['Unknown']).map((variety) => ({ variety })), cloud: ['Unknown'] },
      attribute: {
        confidentiality: {
          // A reported breach of unsecured PHI is presumed a disclosure (45 CFR 164.402).
          data_disclosure: 'Yes',
          ...(individuals !== null ? { data_total: individuals } : {}),
          data: [{ variety: 'Medical', ...(individuals !== null ? { amount: individuals } : {}) }],
          data_victim: ['Patient'],
        },
      },
      discovery_method: { unknown: true },
      plus: { timeline: { notification: { year, month, day } } },
    };
    const sourceFields: Record<string, string> = {};
    for (const c of HHS_COLUMNS) if (header.has(c) && c !== 'Web Description') sourceFields[c] = row(r.fields, header, c);
    incidents.push({
      line: r.line,
      file,
      externalId: `sha256:${createHash('sha256').update(`${name}\0${month}/${day}/${year}`).digest('hex').slice(0, 24)}`,
      title: `${name} (${state || 'US'}) — ${typeText || 'Unknown'}, ${individuals ?? 'unknown number of'} individuals`,
      summary: veris.summary ?? '',
      veris,
      // Reported to the regulator: the disclosure itself came through an official channel only if the data went out
      // through the entity's own mail or systems, which the export does not tell; leave the derived value.
      leak: { recordsAffected: individuals, dataClasses: ['sensitive_personal'] },
      inferred: [],
      sourceFields,
    });
  }
  return { format: 'hhs-ocr', file, records: data.length, incidents, problems };
}
