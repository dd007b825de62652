// Rules that derive Leakwatch's leak fields from a VERIS coding, for records that
// do not carry them (every import). Each rule is a first-match list, written to
// be read by an analyst; docs/incidents-analytics.md repeats them. A person may
// override any derived field, and the incident records which fields were derived.
import {
  ACTION_CATEGORIES,
  ACTOR_TYPES,
  isCountryCode,
  isDisclosure,
  type CauseClass,
  type CnRegion,
  type IncidentFacts,
  type IndustrySector,
  type LeakChannel,
} from '../store/index.js';
import type { DataClass, LeakDetails } from './model.js';
import type { VerisIncident } from './veris.js';

const has = (o: unknown, key: string): boolean => typeof o === 'object' && o !== null && Object.hasOwn(o, key);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function varieties(veris: VerisIncident, category: string): string[] {
  return list((veris.action as Record<string, { variety?: unknown }> | undefined)?.[category]?.variety);
}
function assetVarieties(veris: VerisIncident): string[] {
  return (veris.asset?.assets ?? []).map((a) => (typeof a?.variety === 'string' ? a.variety : '')).filter(Boolean);
}

const MALICIOUS = ['hacking', 'malware', 'social', 'misuse', 'physical'];
const REMOVABLE = new Set(['M - Flash drive', 'M - Disk media', 'M - Tapes', 'M - Disk drive', 'U - Media']);

/**
 * Cause class (first match):
 * 1. error or environmental action and no hacking/malware/social/misuse/physical action → accidental;
 * 2. an external actor → external;
 * 3. an internal actor → malicious_insider (VERIS misuse is intentional, though not always malicious);
 * 4. a partner actor → partner;
 * 5. otherwise unknown.
 */
export function deriveCause(veris: VerisIncident): CauseClass {
  const action = veris.action ?? {};
  const actor = veris.actor ?? {};
  const malicious = MALICIOUS.some((c) => has(action, c));
  if (!malicious && (has(action, 'error') || has(action, 'environmental'))) return 'accidental';
  if (has(actor, 'external')) return 'external';
  if (has(actor, 'internal')) return 'malicious_insider';
  if (has(actor, 'partner')) return 'partner';
  return 'unknown';
}

/**
 * Leak channel (first match):
 * 1. error Misdelivery → postal_mail when a media asset (M - …) is involved, else email;
 * 2. error Publishing error → web_publication;
 * 3. error Misconfiguration → cloud_exposure;
 * 4. error Disposal error → disposal;
 * 5. error Loss or physical Theft → paper (M - Documents), removable_media (flash drive, disk media,
 *    tapes, disk drive), else device_loss_theft;
 * 6. misuse by a non-corporate vector, Email misuse, or unapproved hardware/software/workaround → unapproved_channel;
 * 7. social → social_engineering;
 * 8. hacking or malware → network_intrusion;
 * 9. misuse → insider_access;
 * 10. otherwise unknown.
 */
export function deriveChannel(veris: VerisIncident): LeakChannel {
  const action = veris.action ?? {};
  const err = varieties(veris, 'error');
  const assets = assetVarieties(veris);
  if (err.includes('Misdelivery')) return assets.some((a) => a.startsWith('M - ')) ? 'postal_mail' : 'email';
  if (err.includes('Publishing error')) return 'web_publication';
  if (err.includes('Misconfiguration')) return 'cloud_exposure';
  if (err.includes('Disposal error')) return 'disposal';
  if (err.includes('Loss') || varieties(veris, 'physical').includes('Theft')) {
    if (assets.includes('M - Documents')) return 'paper';
    if (assets.some((a) => REMOVABLE.has(a))) return 'removable_media';
    return 'device_loss_theft';
  }
  if (has(action, 'misuse')) {
    const m = action.misuse ?? {};
    const mv = list(m.variety);
    if (list(m.vector).includes('Non-corporate') || mv.some((v) => v === 'Email misuse' || v.startsWith('Unapproved'))) return 'unapproved_channel';
  }
  if (has(action, 'social')) return 'social_engineering';
  if (has(action, 'hacking') || has(action, 'malware')) return 'network_intrusion';
  if (has(action, 'misuse')) return 'insider_access';
  return 'unknown';
}

/**
 * Official channel: true when the data went out through the victim's own channel
 * (error Publishing error or Misdelivery: its website, its mail); false when it
 * was taken (hacking, malware, social, misuse, physical); otherwise null.
 */
export function deriveOfficialChannel(veris: VerisIncident): boolean | null {
  const err = varieties(veris, 'error');
  if (err.includes('Publishing error') || err.includes('Misdelivery')) return true;
  if (MALICIOUS.some((c) => has(veris.action ?? {}, c))) return false;
  return null;
}

/** VERIS data varieties → data classes: Medical, Bank, Payment are PIPL Art. 28 sensitive; Personal, Credentials personal; Classified important. */
export function deriveDataClasses(veris: VerisIncident): DataClass[] {
  const out = new Set<DataClass>();
  for (const d of veris.attribute?.confidentiality?.data ?? []) {
    const v = d?.variety;
    if (v === 'Medical' || v === 'Bank' || v === 'Payment') out.add('sensitive_personal');
    else if (v === 'Personal' || v === 'Credentials') out.add('personal');
    else if (v === 'Classified') out.add('important');
  }
  return [...out];
}

/** NAICS code → sector: the first two digits, with 31–33, 44–45 and 48–49 joined as NAICS does; anything else Unknown. */
export function sectorOf(naics: unknown): IndustrySector {
  if (typeof naics !== 'string') return 'Unknown';
  const two = naics.replace(/\D/g, '').slice(0, 2);
  switch (two) {
    case '31':
    case '32':
    case '33':
      return '31-33';
    case '44':
    case '45':
      return '44-45';
    case '48':
    case '49':
      return '48-49';
    case '11':
    case '21':
    case '22':
    case '23':
    case '42':
    case '51':
    case '52':
    case '53':
    case '54':
    case '55':
    case '56':
    case '61':
    case '62':
    case '71':
    case '72':
    case '81':
    case '92':
      return two;
    default:
      return 'Unknown';
  }
}

/** Victim countries as VERIS gives them (an array, or a plain string as a one-element array), distinct, in order. */
export function countriesOf(veris: VerisIncident): string[] {
  return [...new Set(list(veris.victim?.country))];
}

/** Leak fields derived from the VERIS coding, for the ones the source does not give. */
export function deriveLeak(veris: VerisIncident, given: Partial<LeakDetails>): { leak: LeakDetails; derived: Array<'channel' | 'cause' | 'officialChannel' | 'dataClasses'> } {
  const derived: Array<'channel' | 'cause' | 'officialChannel' | 'dataClasses'> = [];
  const pick = <K extends 'channel' | 'cause' | 'officialChannel' | 'dataClasses'>(key: K, make: () => LeakDetails[K]): LeakDetails[K] => {
    if (given[key] !== undefined) return given[key] as LeakDetails[K];
    derived.push(key);
    return make();
  };
  const leak: LeakDetails = {
    channel: pick('channel', () => deriveChannel(veris)),
    cause: pick('cause', () => deriveCause(veris)),
    officialChannel: pick('officialChannel', () => deriveOfficialChannel(veris)),
    dataClasses: pick('dataClasses', () => deriveDataClasses(veris)),
    recordsAffected: given.recordsAffected !== undefined ? given.recordsAffected : typeof veris.attribute?.confidentiality?.data_total === 'number' ? veris.attribute.confidentiality.data_total : null,
    cnRegion: given.cnRegion ?? null,
  };
  return { leak, derived };
}

/**
 * The countable facts of an incident. Action categories and actor types are the
 * keys present in VERIS `action` / `actor` (own properties, whatever their value);
 * countries are the distinct strings of `victim.country`.
 */
export function factsOf(veris: VerisIncident, leak: LeakDetails): IncidentFacts {
  const t = veris.timeline?.incident;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const action = veris.action ?? {};
  const actor = veris.actor ?? {};
  const d = veris.attribute?.confidentiality?.data_disclosure;
  return {
    year: int(t?.year),
    month: int(t?.month),
    day: int(t?.day),
    actions: ACTION_CATEGORIES.filter((c) => has(action, c)),
    actors: ACTOR_TYPES.filter((a) => has(actor, a)),
    disclosure: typeof d === 'string' && isDisclosure(d) ? d : null,
    countries: countriesOf(veris).filter(isCountryCode),
    sector: sectorOf(veris.victim?.industry),
    channel: leak.channel,
    cause: leak.cause,
    region: leak.cnRegion as CnRegion | null,
    official: leak.officialChannel,
    records: leak.recordsAffected,
  };
}
