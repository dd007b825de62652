// A synthetic registry for the analytics benchmark: incidents with VERIS codings
// drawn from fixed distributions (a seeded generator, so every run builds the same
// registry), imported through the registry like any other source.
import type { ParsedImport, ImportedIncident, VerisIncident } from '../../src/incidents/index.js';

const ACTIONS = [
  ['error', { variety: ['Misdelivery'], vector: ['Carelessness'] }],
  ['error', { variety: ['Publishing error'], vector: ['Carelessness'] }],
  ['error', { variety: ['Misconfiguration'], vector: ['Carelessness'] }],
  ['error', { variety: ['Loss'], vector: ['Carelessness'] }],
  ['hacking', { variety: ['Use of stolen creds'], vector: ['Web application'] }],
  ['malware', { variety: ['Ransomware'], vector: ['Email attachment'] }],
  ['social', { variety: ['Phishing'], vector: ['Email'], target: ['End-user'] }],
  ['misuse', { variety: ['Privilege abuse'], vector: ['LAN access'] }],
  ['misuse', { variety: ['Data mishandling'], vector: ['Non-corporate'] }],
  ['physical', { variety: ['Theft'], vector: ['Personal vehicle'] }],
] as const;
const ACTORS = ['external', 'internal', 'partner', 'unknown'] as const;
const COUNTRIES = ['US', 'US', 'US', 'GB', 'CA', 'CN', 'CN', 'DE', 'IN', 'AU', 'JP', 'Unknown'];
const INDUSTRIES = ['62', '92', '52', '51', '61', '44', '54', '000'];
const DISCLOSURE = ['Yes', 'Yes', 'Potentially', 'Unknown', 'No'];
const REGIONS = ['CN-GD', 'CN-BJ', 'CN-SH', 'CN-ZJ', 'CN-JS'] as const;

/** xorshift32: a small seeded generator for reproducible fixtures (not for anything secret). */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

/** `count` incidents, 2005–2024, as a parsed import. */
export function syntheticImport(count: number, seed = 42): ParsedImport {
  const r = rng(seed);
  const incidents: ImportedIncident[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const [category, value] = ACTIONS[r(ACTIONS.length)]!;
    const actor = category === 'error' ? 'internal' : ACTORS[r(ACTORS.length)]!;
    const country = COUNTRIES[r(COUNTRIES.length)]!;
    const year = 2005 + r(20);
    const veris: VerisIncident = {
      incident_id: `SYN-${i}`,
      schema_version: '1.3.4',
      security_incident: 'Confirmed',
      timeline: { incident: { year, ...(r(4) ? { month: 1 + r(12), ...(r(3) ? { day: 1 + r(28) } : {}) } : {}) } },
      action: { [category]: value, ...(r(10) === 0 ? { hacking: { variety: ['Unknown'], vector: ['Unknown'] } } : {}) },
      actor: { [actor]: actor === 'unknown' ? {} : { variety: ['Unknown'], motive: ['Unknown'] } },
      victim: { country: [country], industry: INDUSTRIES[r(INDUSTRIES.length)]!, employee_count: 'Unknown' },
      attribute: { confidentiality: { data_disclosure: DISCLOSURE[r(DISCLOSURE.length)]!, ...(r(2) ? { data_total: r(100_000) } : {}) } },
      asset: { assets: [{ variety: 'Unknown' }], cloud: ['Unknown'] },
      discovery_method: { unknown: true },
      plus: { master_id: `SYN-${i}` },
    };
    incidents[i] = {
      line: i + 1,
      file: 'synthetic',
      externalId: `SYN-${i}`,
      title: `synthetic incident ${i}`,
      summary: '',
      veris,
      leak: country === 'CN' && r(2) ? { cnRegion: REGIONS[r(REGIONS.length)]! } : {},
      inferred: [],
      sourceFields: {},
    };
  }
  return { format: 'veris', file: 'synthetic', records: count, incidents, problems: [] };
}
