// Counts written the Chinese way, as in leak chronicles: 800万, 1.5亿, 3.7万,
// 17,551,044, 一亿四千三百万, 5千万. Digits may carry the units 十 百 千 万 亿;
// Chinese numerals follow the usual grouping by 万 (10⁴) and 亿 (10⁸).

const DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9 };
const SMALL: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** A Chinese numeral such as 一亿四千三百万 or 十五; null when it is not one. */
export function chineseNumeral(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawAny = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
      sawAny = true;
    } else if (ch in SMALL) {
      section += (digit || 1) * SMALL[ch]!;
      digit = 0;
      sawAny = true;
    } else if (ch in BIG) {
      const unit = BIG[ch]!;
      if (unit === 1e8) total = (total + section + digit) * unit;
      else total += (section + digit) * unit;
      section = 0;
      digit = 0;
      sawAny = true;
    } else {
      return null;
    }
  }
  return sawAny ? total + section + digit : null;
}

const UNIT_VALUE: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const NUMBER = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*([十百千万萬亿億]*)|([零〇一二两三四五六七八九十百千万萬亿億]+)/g;

/**
 * Every count in a free-text field, e.g. "5亿、10亿" → [5e8, 1e9]. Whole numbers
 * only; "数百万" (several million) has no number and gives nothing.
 */
export function countsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(NUMBER)) {
    let value: number | null;
    if (m[1] !== undefined) {
      value = Number(m[1].replace(/,/g, ''));
      for (const u of m[2] ?? '') value *= UNIT_VALUE[u]!;
    } else {
      const s = m[3]!;
      // A lone unit character ("百" in "数百万") is not a number.
      value = /[零〇一二两三四五六七八九]/.test(s) ? chineseNumeral(s) : null;
    }
    if (value !== null && Number.isFinite(value)) out.push(Math.round(value));
  }
  return out;
}

/** The largest count in a field ("5亿、10亿" → 1e9), or null when there is none. */
export function largestCount(text: string): number | null {
  const counts = countsIn(text);
  return counts.length ? Math.max(...counts) : null;
}
