// The incident report: totals and counts by year, action, actor, country,
// industry, channel, cause and region, and the share with confirmed disclosure.
// One pass over the fact columns. The counting rules are COUNTING_RULES below
// (and docs/incidents-analytics.md); on the VCDB they reproduce the reference
// figures of ../shared/datasets/vcdb/reference-figures.json exactly.
import {
  ACTION_CATEGORIES,
  CAUSE_CLASSES,
  CN_REGIONS,
  COUNTRY_CODES,
  DISCLOSURE_VALUES,
  INDUSTRY_SECTORS,
  LEAK_CHANNELS,
  type ActionCategory,
  type IncidentFactColumns,
} from '../store/index.js';

export const COUNTING_RULES = {
  unit: 'Every incident record counts once: no de-duplication (records sharing a source id all count; distinctExternalIds says how many distinct source ids there are).',
  year: 'byYear keys are timeline.incident.year as a decimal string; "missing" when the record has no year.',
  multiValued:
    'Action categories, actor types and victim countries are multi-valued: an incident counts once under each distinct value it holds, so those counts add up to more than the total.',
  action: 'An incident holds an action category when its VERIS action object has that key, whatever the value ({} included).',
  actor: 'byActor counts the keys external, internal and partner of VERIS actor; the key unknown is counted apart as actorUnknown.',
  empty: 'withoutAction / withoutActor count incidents with no action / actor key or an empty object.',
  disclosure:
    'disclosure.shareYes is the number of incidents whose data_disclosure is exactly "Yes" over all incidents (those without the field included), rounded to 6 decimal places; byValue uses "missing" for no field.',
  country:
    'Each incident adds 1 to every distinct code in victim.country (a plain string counts as a one-element list); "Unknown" is kept as a value; incidents with no country count in countryMissing. Top lists sort by count descending, then code in byte order.',
  industry: 'Industry is the NAICS sector of victim.industry: its first two digits, with 31-33, 44-45 and 48-49 joined as NAICS does; anything else is Unknown.',
  leak: 'Channel, cause class and official channel are Leakwatch fields; where a source does not give them they are derived from the VERIS coding by the documented first-match rules (src/incidents/derive.ts).',
  region: 'byRegion counts incidents by Chinese provincial-level division (ISO 3166-2:CN); incidents without one count in regionMissing.',
  records: 'recordsAffected sums the records of incidents that state a number; incidentsWithRecords says how many do.',
} as const;

export interface CountEntry {
  readonly key: string;
  readonly label?: string;
  readonly incidents: number;
}

export interface ReportBasics {
  readonly totals: {
    readonly incidents: number;
    readonly distinctExternalIds: number;
    readonly withMoreThanOneActionCategory: number;
    readonly withoutAction: number;
    readonly withoutActor: number;
    readonly actorUnknown: number;
    readonly incidentsWithRecords: number;
    readonly recordsAffected: number;
  };
  readonly byYear: Record<string, number>;
  readonly byAction: Record<ActionCategory, number>;
  readonly byActor: { readonly external: number; readonly internal: number; readonly partner: number };
  readonly disclosure: {
    readonly yes: number;
    readonly denominator: number;
    readonly shareYes: number;
    readonly byValue: Record<string, number>;
  };
  readonly countries: {
    readonly distinctValues: number;
    readonly includesCN: number;
    readonly countryMissing: number;
    readonly top: Array<{ readonly country: string; readonly incidents: number }>;
    readonly byCountry: Record<string, number>;
  };
  readonly byIndustry: CountEntry[];
  readonly byChannel: Record<string, number>;
  readonly byCause: Record<string, number>;
  readonly byRegion: CountEntry[];
  readonly regionMissing: number;
  readonly officialChannel: { readonly yes: number; readonly no: number; readonly unknown: number; readonly shareYesOfKnown: number | null };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const byCountThenKey = (a: { key: string; n: number }, b: { key: string; n: number }) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Counts the basics of a report over fact columns. */
export function countBasics(f: IncidentFactColumns, topCountries = 15): ReportBasics {
  const n = f.n;
  const years = new Uint32Array(4096);
  const actions = new Uint32Array(8);
  const actors = new Uint32Array(4);
  const disclosure = new Uint32Array(DISCLOSURE_VALUES.length + 1);
  const countries = new Uint32Array(COUNTRY_CODES.length);
  const sectors = new Uint32Array(INDUSTRY_SECTORS.length + 1);
  const channels = new Uint32Array(LEAK_CHANNELS.length + 1);
  const causes = new Uint32Array(CAUSE_CLASSES.length + 1);
  const regions = new Uint32Array(CN_REGIONS.length + 1);
  const official = new Uint32Array(3);
  let multiAction = 0;
  let noAction = 0;
  let noActor = 0;
  let noCountry = 0;
  let withRecords = 0;
  let records = 0;
  for (let i = 0; i < n; i++) {
    years[f.year[i]!]!++;
    const a = f.actions[i]!;
    if (a === 0) noAction++;
    else {
      if (a & (a - 1)) multiAction++;
      for (let b = 0; b < 8; b++) if (a & (1 << b)) actions[b]!++;
    }
    const r = f.actors[i]!;
    if (r === 0) noActor++;
    else for (let b = 0; b < 4; b++) if (r & (1 << b)) actors[b]!++;
    disclosure[f.disclosure[i]!]!++;
    const from = f.countryStart[i]!;
    const to = f.countryStart[i + 1]!;
    if (from === to) noCountry++;
    for (let k = from; k < to; k++) countries[f.countryCodes[k]!]!++;
    sectors[f.sector[i]!]!++;
    channels[f.channel[i]!]!++;
    causes[f.cause[i]!]!++;
    regions[f.region[i]!]!++;
    official[f.official[i]!]!++;
    const rec = f.records[i]!;
    if (rec === rec) {
      withRecords++;
      records += rec;
    }
  }

  const byYear: Record<string, number> = {};
  for (let y = 1; y < years.length; y++) if (years[y]) byYear[String(y)] = years[y]!;
  if (years[0]) byYear['missing'] = years[0];

  const byAction = Object.fromEntries(ACTION_CATEGORIES.map((c, b) => [c, actions[b]!])) as Record<ActionCategory, number>;
  const byValue: Record<string, number> = {};
  DISCLOSURE_VALUES.forEach((v, k) => (byValue[v] = disclosure[k + 1]!));
  byValue['missing'] = disclosure[0]!;

  const countryList = [...countries].map((c, k) => ({ key: COUNTRY_CODES[k]!, n: c })).filter((c) => c.n > 0);
  countryList.sort(byCountThenKey);
  const sectorList = INDUSTRY_SECTORS.map((s, k) => ({ key: s.code, label: s.label, n: sectors[k + 1]! }));
  const regionList = CN_REGIONS.map((r, k) => ({ key: r.code, label: `${r.zh} ${r.en}`, n: regions[k + 1]! })).filter((r) => r.n > 0);
  const yes = disclosure[1]!;
  const known = official[1]! + official[2]!;
  return {
    totals: {
      incidents: n,
      distinctExternalIds: f.distinctExternalIds,
      withMoreThanOneActionCategory: multiAction,
      withoutAction: noAction,
      withoutActor: noActor,
      actorUnknown: actors[3]!,
      incidentsWithRecords: withRecords,
      recordsAffected: records,
    },
    byYear,
    byAction,
    byActor: { external: actors[0]!, internal: actors[1]!, partner: actors[2]! },
    disclosure: { yes, denominator: n, shareYes: n ? round6(yes / n) : 0, byValue },
    countries: {
      distinctValues: countryList.length,
      includesCN: countries[COUNTRY_CODES.indexOf('CN')]!,
      countryMissing: noCountry,
      top: countryList.slice(0, topCountries).map((c) => ({ country: c.key, incidents: c.n })),
      byCountry: Object.fromEntries(countryList.map((c) => [c.key, c.n])),
    },
    byIndustry: sectorList
      .filter((s) => s.n > 0)
      .sort(byCountThenKey)
      .map((s) => ({ key: s.key, label: s.label, incidents: s.n })),
    byChannel: Object.fromEntries(LEAK_CHANNELS.map((c, k) => [c, channels[k + 1]!])),
    byCause: Object.fromEntries(CAUSE_CLASSES.map((c, k) => [c, causes[k + 1]!])),
    byRegion: regionList.sort(byCountThenKey).map((r) => ({ key: r.key, label: r.label, incidents: r.n })),
    regionMissing: regions[0]!,
    officialChannel: { yes: official[2]!, no: official[1]!, unknown: official[0]!, shareYesOfKnown: known ? round6(official[2]! / known) : null },
  };
}

/**
 * The report's figures in the shape of the VCDB's reference-figures.json (its
 * README defines them), for checking an import against it.
 */
export function vcdbReferenceFigures(b: ReportBasics): Record<string, unknown> {
  return {
    total_incidents: b.totals.incidents,
    distinct_plus_master_id: b.totals.distinctExternalIds,
    by_incident_year: b.byYear,
    by_action: b.byAction,
    incidents_with_more_than_one_action_category: b.totals.withMoreThanOneActionCategory,
    incidents_without_action: b.totals.withoutAction,
    by_actor: b.byActor,
    actor_unknown_key: b.totals.actorUnknown,
    incidents_without_actor: b.totals.withoutActor,
    data_disclosure: { yes: b.disclosure.yes, denominator: b.disclosure.denominator, share_yes: b.disclosure.shareYes, by_value: b.disclosure.byValue },
    victim_country_distinct_values: b.countries.distinctValues,
    victim_country_top15: b.countries.top.slice(0, 15),
    victim_country_includes_CN: b.countries.includesCN,
  };
}
