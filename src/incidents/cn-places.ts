// Finding the victim's country and Chinese province in Chinese news text, for
// the chronicle import. A heuristic, and marked as such on each incident: the
// first place name in the title wins, else the first in the description.
import { CN_REGIONS, type CnRegion } from '../store/index.js';

/** Major cities → their province, for texts that name only the city. */
const CITIES: ReadonlyArray<readonly [string, CnRegion]> = [
  ['深圳', 'CN-GD'],
  ['广州', 'CN-GD'],
  ['东莞', 'CN-GD'],
  ['佛山', 'CN-GD'],
  ['杭州', 'CN-ZJ'],
  ['宁波', 'CN-ZJ'],
  ['温州', 'CN-ZJ'],
  ['南京', 'CN-JS'],
  ['苏州', 'CN-JS'],
  ['无锡', 'CN-JS'],
  ['成都', 'CN-SC'],
  ['武汉', 'CN-HB'],
  ['西安', 'CN-SN'],
  ['青岛', 'CN-SD'],
  ['济南', 'CN-SD'],
  ['厦门', 'CN-FJ'],
  ['福州', 'CN-FJ'],
  ['长沙', 'CN-HN'],
  ['郑州', 'CN-HA'],
  ['合肥', 'CN-AH'],
  ['沈阳', 'CN-LN'],
  ['大连', 'CN-LN'],
  ['哈尔滨', 'CN-HL'],
  ['长春', 'CN-JL'],
  ['石家庄', 'CN-HE'],
  ['太原', 'CN-SX'],
  ['南昌', 'CN-JX'],
  ['南宁', 'CN-GX'],
  ['海口', 'CN-HI'],
  ['贵阳', 'CN-GZ'],
  ['昆明', 'CN-YN'],
  ['兰州', 'CN-GS'],
  ['乌鲁木齐', 'CN-XJ'],
  ['呼和浩特', 'CN-NM'],
  ['拉萨', 'CN-XZ'],
  ['西宁', 'CN-QH'],
  ['银川', 'CN-NX'],
];

/** Country names as Chinese news writes them → ISO 3166-1 alpha-2. */
const COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ['中国', 'CN'],
  ['国内', 'CN'],
  ['美国', 'US'],
  ['英国', 'GB'],
  ['日本', 'JP'],
  ['韩国', 'KR'],
  ['印度尼西亚', 'ID'],
  ['印尼', 'ID'],
  ['印度', 'IN'],
  ['俄罗斯', 'RU'],
  ['法国', 'FR'],
  ['德国', 'DE'],
  ['加拿大', 'CA'],
  ['澳大利亚', 'AU'],
  ['澳洲', 'AU'],
  ['新西兰', 'NZ'],
  ['巴西', 'BR'],
  ['以色列', 'IL'],
  ['新加坡', 'SG'],
  ['越南', 'VN'],
  ['泰国', 'TH'],
  ['马来西亚', 'MY'],
  ['菲律宾', 'PH'],
  ['土耳其', 'TR'],
  ['意大利', 'IT'],
  ['西班牙', 'ES'],
  ['荷兰', 'NL'],
  ['瑞典', 'SE'],
  ['瑞士', 'CH'],
  ['墨西哥', 'MX'],
  ['阿根廷', 'AR'],
  ['南非', 'ZA'],
  ['伊朗', 'IR'],
  ['乌克兰', 'UA'],
  ['厄瓜多尔', 'EC'],
  ['智利', 'CL'],
  ['哥伦比亚', 'CO'],
  ['巴基斯坦', 'PK'],
  ['孟加拉', 'BD'],
  ['阿联酋', 'AE'],
  ['沙特', 'SA'],
  ['埃及', 'EG'],
  ['尼日利亚', 'NG'],
  ['希腊', 'GR'],
  ['波兰', 'PL'],
  ['奥地利', 'AT'],
  ['比利时', 'BE'],
  ['丹麦', 'DK'],
  ['挪威', 'NO'],
  ['芬兰', 'FI'],
  ['爱尔兰', 'IE'],
  ['葡萄牙', 'PT'],
  ['香港', 'HK'],
  ['台湾', 'TW'],
  ['澳门', 'MO'],
];

export interface Place {
  readonly country: string | null;
  /** A mainland province, municipality or autonomous region (never HK, TW, MO: those are countries in VERIS). */
  readonly region: CnRegion | null;
}

interface Hit {
  readonly at: number;
  readonly country: string;
  readonly region: CnRegion | null;
}

function hitsIn(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const r of CN_REGIONS) {
    if (r.code === 'CN-HK' || r.code === 'CN-TW' || r.code === 'CN-MO') continue;
    const at = text.indexOf(r.zh);
    if (at >= 0) hits.push({ at, country: 'CN', region: r.code });
  }
  for (const [city, region] of CITIES) {
    const at = text.indexOf(city);
    if (at >= 0) hits.push({ at, country: 'CN', region });
  }
  for (const [name, code] of COUNTRIES) {
    const at = text.indexOf(name);
    if (at >= 0) hits.push({ at, country: code, region: null });
  }
  // Earliest first; at the same position the longer name was listed first and a region beats a bare country.
  return hits.sort((a, b) => a.at - b.at || (b.region ? 1 : 0) - (a.region ? 1 : 0));
}

/**
 * The place an incident is about: the country first named in the title, else in
 * the description. For China, the province the title names, else the one province
 * the description names (several provinces there leave it open).
 */
export function findPlace(title: string, description: string): Place {
  const inTitle = hitsIn(title);
  const inText = hitsIn(description);
  const first = inTitle[0] ?? inText[0];
  if (!first) return { country: null, region: null };
  if (first.country !== 'CN') return { country: first.country, region: null };
  const titleRegion = inTitle.find((h) => h.region)?.region;
  if (titleRegion) return { country: 'CN', region: titleRegion };
  const named = new Set(inText.filter((h) => h.region).map((h) => h.region));
  return { country: 'CN', region: named.size === 1 ? [...named][0]! : null };
}

/** A region given as an ISO 3166-2:CN code or a Chinese or English province name. */
export function regionFromName(name: unknown): CnRegion | null {
  if (typeof name !== 'string' || !name.trim()) return null;
  const n = name.trim();
  const lower = n.toLowerCase();
  for (const r of CN_REGIONS) {
    if (r.code === n.toUpperCase() || r.zh === n || n.startsWith(r.zh) || r.en.toLowerCase() === lower) return r.code;
  }
  return null;
}
