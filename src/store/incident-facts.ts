// The countable projection of an incident: the few closed-vocabulary facts that
// reports, trends and private releases count. The incident registry writes them
// with each incident; analytics reads them back in bulk as columns. Every
// vocabulary here is closed, so a backend can store the facts as small codes.

/** VERIS action categories, in the order of the VERIS schema (1.3.4 and 1.4). */
export const ACTION_CATEGORIES = ['hacking', 'malware', 'social', 'misuse', 'physical', 'error', 'environmental', 'unknown'] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

/** VERIS actor types. `unknown` is a key of its own in VERIS, kept apart in counts. */
export const ACTOR_TYPES = ['external', 'internal', 'partner', 'unknown'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** VERIS `attribute.confidentiality.data_disclosure` values. */
export const DISCLOSURE_VALUES = ['Yes', 'Potentially', 'No', 'Unknown'] as const;
export type Disclosure = (typeof DISCLOSURE_VALUES)[number];

/** Who or what caused the leak (Leakwatch's own classification). */
export const CAUSE_CLASSES = ['accidental', 'malicious_insider', 'external', 'partner', 'unknown'] as const;
export type CauseClass = (typeof CAUSE_CLASSES)[number];

/** The way the data left (Leakwatch's own classification). */
export const LEAK_CHANNELS = [
  'email',
  'postal_mail',
  'web_publication',
  'cloud_exposure',
  'share_link',
  'unapproved_channel',
  'removable_media',
  'device_loss_theft',
  'paper',
  'disposal',
  'network_intrusion',
  'social_engineering',
  'insider_access',
  'third_party',
  'other',
  'unknown',
] as const;
export type LeakChannel = (typeof LEAK_CHANNELS)[number];

/** NAICS 2017 sectors (two-digit codes; 31-33, 44-45 and 48-49 are one sector each, as NAICS defines them). */
export const INDUSTRY_SECTORS = [
  { code: '11', label: 'Agriculture, Forestry, Fishing and Hunting' },
  { code: '21', label: 'Mining, Quarrying, and Oil and Gas Extraction' },
  { code: '22', label: 'Utilities' },
  { code: '23', label: 'Construction' },
  { code: '31-33', label: 'Manufacturing' },
  { code: '42', label: 'Wholesale Trade' },
  { code: '44-45', label: 'Retail Trade' },
  { code: '48-49', label: 'Transportation and Warehousing' },
  { code: '51', label: 'Information' },
  { code: '52', label: 'Finance and Insurance' },
  { code: '53', label: 'Real Estate and Rental and Leasing' },
  { code: '54', label: 'Professional, Scientific, and Technical Services' },
  { code: '55', label: 'Management of Companies and Enterprises' },
  { code: '56', label: 'Administrative and Support and Waste Management and Remediation Services' },
  { code: '61', label: 'Educational Services' },
  { code: '62', label: 'Health Care and Social Assistance' },
  { code: '71', label: 'Arts, Entertainment, and Recreation' },
  { code: '72', label: 'Accommodation and Food Services' },
  { code: '81', label: 'Other Services (except Public Administration)' },
  { code: '92', label: 'Public Administration' },
  { code: 'Unknown', label: 'Unknown' },
] as const;
export type IndustrySector = (typeof INDUSTRY_SECTORS)[number]['code'];

/**
 * ISO 3166-1 alpha-2 codes (the 249 assigned ones plus XK, which VERIS 1.4 uses
 * for Kosovo), then VERIS's `Other` and `Unknown`.
 */
export const COUNTRY_CODES = [
  ...`AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ
OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`.split(/\s+/),
  'Other',
  'Unknown',
] as const;

/** China's provincial-level divisions, ISO 3166-2:CN codes (letter codes since 2017). */
export const CN_REGIONS = [
  { code: 'CN-BJ', zh: '北京', en: 'Beijing' },
  { code: 'CN-TJ', zh: '天津', en: 'Tianjin' },
  { code: 'CN-HE', zh: '河北', en: 'Hebei' },
  { code: 'CN-SX', zh: '山西', en: 'Shanxi' },
  { code: 'CN-NM', zh: '内蒙古', en: 'Inner Mongolia' },
  { code: 'CN-LN', zh: '辽宁', en: 'Liaoning' },
  { code: 'CN-JL', zh: '吉林', en: 'Jilin' },
  { code: 'CN-HL', zh: '黑龙江', en: 'Heilongjiang' },
  { code: 'CN-SH', zh: '上海', en: 'Shanghai' },
  { code: 'CN-JS', zh: '江苏', en: 'Jiangsu' },
  { code: 'CN-ZJ', zh: '浙江', en: 'Zhejiang' },
  { code: 'CN-AH', zh: '安徽', en: 'Anhui' },
  { code: 'CN-FJ', zh: '福建', en: 'Fujian' },
  { code: 'CN-JX', zh: '江西', en: 'Jiangxi' },
  { code: 'CN-SD', zh: '山东', en: 'Shandong' },
  { code: 'CN-HA', zh: '河南', en: 'Henan' },
  { code: 'CN-HB', zh: '湖北', en: 'Hubei' },
  { code: 'CN-HN', zh: '湖南', en: 'Hunan' },
  { code: 'CN-GD', zh: '广东', en: 'Guangdong' },
  { code: 'CN-GX', zh: '广西', en: 'Guangxi' },
  { code: 'CN-HI', zh: '海南', en: 'Hainan' },
  { code: 'CN-CQ', zh: '重庆', en: 'Chongqing' },
  { code: 'CN-SC', zh: '四川', en: 'Sichuan' },
  { code: 'CN-GZ', zh: '贵州', en: 'Guizhou' },
  { code: 'CN-YN', zh: '云南', en: 'Yunnan' },
  { code: 'CN-XZ', zh: '西藏', en: 'Tibet' },
  { code: 'CN-SN', zh: '陕西', en: 'Shaanxi' },
  { code: 'CN-GS', zh: '甘肃', en: 'Gansu' },
  { code: 'CN-QH', zh: '青海', en: 'Qinghai' },
  { code: 'CN-NX', zh: '宁夏', en: 'Ningxia' },
  { code: 'CN-XJ', zh: '新疆', en: 'Xinjiang' },
  { code: 'CN-TW', zh: '台湾', en: 'Taiwan' },
  { code: 'CN-HK', zh: '香港', en: 'Hong Kong' },
  { code: 'CN-MO', zh: '澳门', en: 'Macao' },
] as const;
export type CnRegion = (typeof CN_REGIONS)[number]['code'];

/** The facts of one incident that analytics counts. */
export interface IncidentFacts {
  /** VERIS `timeline.incident`; null when the source does not say. */
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
  /** Distinct VERIS action categories present (an empty list when `action` is missing or empty). */
  readonly actions: readonly ActionCategory[];
  /** Distinct VERIS actor types present, `unknown` included when the record has that key. */
  readonly actors: readonly ActorType[];
  /** null when the record has no `data_disclosure`. */
  readonly disclosure: Disclosure | null;
  /** Distinct victim countries, in the record's order (codes of COUNTRY_CODES). */
  readonly countries: readonly string[];
  readonly sector: IndustrySector;
  readonly channel: LeakChannel;
  readonly cause: CauseClass;
  /** Chinese provincial-level division, when the incident has one. */
  readonly region: CnRegion | null;
  /** Whether the data left through an official channel of the victim; null when unknown. */
  readonly official: boolean | null;
  /** Records (people, rows) affected; null when unknown. */
  readonly records: number | null;
}

/**
 * Facts of many incidents as columns (row i of every column is the same
 * incident; the order of incidents is unspecified). Codes: 0 means missing,
 * otherwise 1 + the index in the vocabulary;
 * `actions` and `actors` are bit masks over ACTION_CATEGORIES and ACTOR_TYPES.
 */
export interface IncidentFactColumns {
  readonly n: number;
  readonly year: Uint16Array;
  readonly month: Uint8Array;
  readonly day: Uint8Array;
  readonly actions: Uint8Array;
  readonly actors: Uint8Array;
  readonly disclosure: Uint8Array;
  /** 0 unknown, 1 no, 2 yes. */
  readonly official: Uint8Array;
  readonly cause: Uint8Array;
  readonly channel: Uint8Array;
  readonly sector: Uint8Array;
  readonly region: Uint8Array;
  /** Countries of incident i are countryCodes[countryStart[i] .. countryStart[i+1]), indexes into COUNTRY_CODES. */
  readonly countryStart: Uint32Array;
  readonly countryCodes: Uint16Array;
  /** NaN when unknown. */
  readonly records: Float64Array;
  /** Distinct non-null external ids (the source's own ids, e.g. VERIS plus.master_id), counted per dataset. */
  readonly distinctExternalIds: number;
}

const index = <T extends string>(values: readonly T[]) => new Map<string, number>(values.map((v, i) => [v, i]));

/** Value → index lookups for the vocabularies (codes are index + 1). */
export const FACT_INDEX = {
  action: index(ACTION_CATEGORIES),
  actor: index(ACTOR_TYPES),
  disclosure: index(DISCLOSURE_VALUES),
  cause: index(CAUSE_CLASSES),
  channel: index(LEAK_CHANNELS),
  sector: index(INDUSTRY_SECTORS.map((s) => s.code)),
  region: index(CN_REGIONS.map((r) => r.code)),
  country: index(COUNTRY_CODES),
} as const;

export const isActionCategory = (v: string): v is ActionCategory => FACT_INDEX.action.has(v);
export const isActorType = (v: string): v is ActorType => FACT_INDEX.actor.has(v);
export const isDisclosure = (v: string): v is Disclosure => FACT_INDEX.disclosure.has(v);
export const isCauseClass = (v: string): v is CauseClass => FACT_INDEX.cause.has(v);
export const isLeakChannel = (v: string): v is LeakChannel => FACT_INDEX.channel.has(v);
export const isIndustrySector = (v: string): v is IndustrySector => FACT_INDEX.sector.has(v);
export const isCnRegion = (v: string): v is CnRegion => FACT_INDEX.region.has(v);
export const isCountryCode = (v: string): boolean => FACT_INDEX.country.has(v);
