// The dimensions incidents are counted by, over the store's fact columns. Each
// maps an incident to zero, one or several value indexes; a multi-valued one
// (action, actor, country) counts an incident once under each of its values.
import {
  ACTION_CATEGORIES,
  ACTOR_TYPES,
  CAUSE_CLASSES,
  CN_REGIONS,
  COUNTRY_CODES,
  DISCLOSURE_VALUES,
  INDUSTRY_SECTORS,
  LEAK_CHANNELS,
  type IncidentFactColumns,
} from '../store/index.js';
import { LeakwatchError } from '../errors/index.js';

export const DIMENSION_NAMES = ['year', 'action', 'actor', 'disclosure', 'cause', 'channel', 'industry', 'region', 'country', 'official'] as const;
export type DimensionName = (typeof DIMENSION_NAMES)[number];

export interface Dimension {
  readonly name: DimensionName;
  /** Value indexes run from 0 to size − 1. */
  readonly size: number;
  /** Whether an incident may hold several values. */
  readonly multi: boolean;
  key(index: number): string;
  /** The index of a key, or −1. */
  indexOf(key: string): number;
  /** Writes the value indexes of incident i into `out`; returns how many there are. */
  values(f: IncidentFactColumns, i: number, out: Int32Array): number;
}

const vocab = (name: DimensionName, keys: readonly string[], multi: boolean, values: Dimension['values']): Dimension => {
  const index = new Map(keys.map((k, i) => [k, i]));
  return { name, size: keys.length, multi, key: (i) => keys[i]!, indexOf: (k) => index.get(k) ?? -1, values };
};

const single =
  (column: keyof Pick<IncidentFactColumns, 'cause' | 'channel' | 'sector' | 'region'>): Dimension['values'] =>
  (f, i, out) => {
    const c = f[column][i]!;
    if (c === 0) return 0;
    out[0] = c - 1;
    return 1;
  };

const bits =
  (column: 'actions' | 'actors', width: number): Dimension['values'] =>
  (f, i, out) => {
    const m = f[column][i]!;
    let n = 0;
    for (let b = 0; b < width; b++) if (m & (1 << b)) out[n++] = b;
    return n;
  };

const YEARS = 4096;

export const DIMENSIONS: Readonly<Record<DimensionName, Dimension>> = {
  year: {
    name: 'year',
    size: YEARS,
    multi: false,
    key: (i) => String(i),
    indexOf: (k) => (/^\d{1,4}$/.test(k) && Number(k) > 0 && Number(k) < YEARS ? Number(k) : -1),
    values: (f, i, out) => {
      const y = f.year[i]!;
      if (y === 0) return 0;
      out[0] = y;
      return 1;
    },
  },
  action: vocab('action', ACTION_CATEGORIES, true, bits('actions', ACTION_CATEGORIES.length)),
  actor: vocab('actor', ACTOR_TYPES, true, bits('actors', ACTOR_TYPES.length)),
  disclosure: vocab('disclosure', [...DISCLOSURE_VALUES, 'missing'], false, (f, i, out) => {
    const d = f.disclosure[i]!;
    out[0] = d === 0 ? DISCLOSURE_VALUES.length : d - 1;
    return 1;
  }),
  cause: vocab('cause', CAUSE_CLASSES, false, single('cause')),
  channel: vocab('channel', LEAK_CHANNELS, false, single('channel')),
  industry: vocab(
    'industry',
    INDUSTRY_SECTORS.map((s) => s.code),
    false,
    single('sector'),
  ),
  region: vocab(
    'region',
    CN_REGIONS.map((r) => r.code),
    false,
    single('region'),
  ),
  country: vocab('country', COUNTRY_CODES, true, (f, i, out) => {
    const from = f.countryStart[i]!;
    const to = f.countryStart[i + 1]!;
    for (let k = from; k < to; k++) out[k - from] = f.countryCodes[k]!;
    return to - from;
  }),
  official: vocab('official', ['unknown', 'no', 'yes'], false, (f, i, out) => {
    out[0] = f.official[i]!;
    return 1;
  }),
};

/** Parses `year,action` into dimensions; throws ANALYTICS_DIMENSION_UNKNOWN. */
export function parseDimensions(spec: string | readonly string[]): Dimension[] {
  const names = (typeof spec === 'string' ? spec.split(',') : spec).map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new LeakwatchError('ANALYTICS_DIMENSION_UNKNOWN', `name at least one dimension (${DIMENSION_NAMES.join(', ')})`);
  const seen = new Set<string>();
  return names.map((n) => {
    const alias = n === 'sector' ? 'industry' : n;
    if (!(DIMENSION_NAMES as readonly string[]).includes(alias)) throw new LeakwatchError('ANALYTICS_DIMENSION_UNKNOWN', `unknown dimension ${JSON.stringify(n)} (known: ${DIMENSION_NAMES.join(', ')})`);
    if (seen.has(alias)) throw new LeakwatchError('ANALYTICS_DIMENSION_UNKNOWN', `dimension ${alias} is named twice`);
    seen.add(alias);
    return DIMENSIONS[alias as DimensionName];
  });
}

/** Most values an incident can hold in one dimension (the size of the scratch buffer `values` needs). */
export const MAX_VALUES = COUNTRY_CODES.length;
