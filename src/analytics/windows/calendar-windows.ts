// Calendar windows: named periods (an enforcement campaign, a congress session,
// a holiday) given as fixed date ranges and/or ranges that recur every year,
// inside an observation period. Parsing checks everything and names the first
// problem (ANALYTICS_WINDOWS_INVALID); the result is days since 1970-01-01 (UTC).
import { LeakwatchError } from '../../errors/index.js';
import type { CalendarWindowRecord } from '../../store/index.js';

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export interface CalendarWindow {
  readonly name: string;
  readonly label: string;
  /** Inclusive YYYY-MM-DD ranges. */
  readonly ranges: readonly DateRange[];
  /** Inclusive MM-DD ranges that recur every year (a range may wrap past 31 December). */
  readonly yearly: readonly DateRange[];
}

export interface WindowsSpec {
  /** The observation period, inclusive; default: the first to the last dated incident. */
  readonly period?: DateRange;
  readonly windows: readonly CalendarWindow[];
}

const DAY = 86_400_000;
const bad = (message: string) => new LeakwatchError('ANALYTICS_WINDOWS_INVALID', message);

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null when it is not a real date. */
export function dayOf(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / DAY);
}

export function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
function checkMonthDay(s: unknown, where: string): string {
  const m = typeof s === 'string' ? MONTH_DAY.exec(s) : null;
  // 2000 is a leap year, so 02-29 is accepted; in other years it falls on 1 March.
  if (!m || dayOf(`2000-${m[1]}-${m[2]}`) === null) throw bad(`${where} must be MM-DD, not ${JSON.stringify(s)}`);
  return s as string;
}

/** Validates a windows definition (a parsed JSON or YAML document). */
export function parseWindowsSpec(input: unknown): WindowsSpec {
  if (typeof input !== 'object' || input === null) throw bad('a windows file is an object with a "windows" list (and optionally a "period")');
  const o = input as Record<string, unknown>;
  const list = Array.isArray(input) ? input : o['windows'];
  if (!Array.isArray(list) || list.length === 0) throw bad('"windows" must be a non-empty list');
  let period: DateRange | undefined;
  if (!Array.isArray(input) && o['period'] !== undefined) period = checkRange(o['period'], 'period');
  const names = new Set<string>();
  const windows = list.map((w: unknown, i) => {
    const where = `window ${i + 1}`;
    if (typeof w !== 'object' || w === null) throw bad(`${where} is not an object`);
    const x = w as Record<string, unknown>;
    const name = x['name'];
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw bad(`${where}: name must be letters, digits, dots, dashes or underscores`);
    if (names.has(name)) throw bad(`${where}: the name ${name} is used twice`);
    names.add(name);
    const ranges = x['ranges'] === undefined ? [] : x['ranges'];
    const yearly = x['yearly'] === undefined ? [] : x['yearly'];
    if (!Array.isArray(ranges) || !Array.isArray(yearly)) throw bad(`${name}: ranges and yearly must be lists`);
    if (ranges.length + yearly.length === 0) throw bad(`${name}: give at least one range or yearly range`);
    return {
      name,
      label: typeof x['label'] === 'string' ? x['label'] : name,
      ranges: ranges.map((r, k) => checkRange(r, `${name}: range ${k + 1}`)),
      yearly: yearly.map((r, k) => {
        const rr = toRange(r, `${name}: yearly range ${k + 1}`);
        return { from: checkMonthDay(rr.from, `${name}: yearly range ${k + 1} from`), to: checkMonthDay(rr.to, `${name}: yearly range ${k + 1} to`) };
      }),
    };
  });
  return period ? { period, windows } : { windows };
}

function toRange(r: unknown, where: string): { from: unknown; to: unknown } {
  if (Array.isArray(r) && r.length === 2) return { from: r[0], to: r[1] };
  if (typeof r === 'object' && r !== null) return { from: (r as DateRange).from, to: (r as DateRange).to };
  throw bad(`${where} must be {"from": …, "to": …} or [from, to]`);
}

function checkRange(r: unknown, where: string): DateRange {
  const { from, to } = toRange(r, where);
  const a = typeof from === 'string' ? dayOf(from) : null;
  const b = typeof to === 'string' ? dayOf(to) : null;
  if (a === null || b === null) throw bad(`${where}: dates must be YYYY-MM-DD (${JSON.stringify(from)} to ${JSON.stringify(to)})`);
  if (a > b) throw bad(`${where}: ${from as string} is after ${to as string}`);
  return { from: from as string, to: to as string };
}

/** Windows as the store keeps them. */
export function windowsFromRecords(records: readonly CalendarWindowRecord[]): CalendarWindow[] {
  return records.map((r) => ({ name: r.name, label: r.label, ranges: r.ranges, yearly: r.yearly }));
}

/** Which days of [first, last] (days since 1970) a window covers, as a 0/1 mask. */
export function windowMask(w: CalendarWindow, first: number, last: number): Uint8Array {
  const mask = new Uint8Array(Math.max(0, last - first + 1));
  const mark = (a: number, b: number) => {
    for (let d = Math.max(a, first); d <= Math.min(b, last); d++) mask[d - first] = 1;
  };
  for (const r of w.ranges) mark(dayOf(r.from)!, dayOf(r.to)!);
  if (w.yearly.length) {
    const y0 = new Date(first * DAY).getUTCFullYear();
    const y1 = new Date(last * DAY).getUTCFullYear();
    for (let y = y0 - 1; y <= y1; y++) {
      for (const r of w.yearly) {
        const start = Math.round(Date.UTC(y, Number(r.from.slice(0, 2)) - 1, Number(r.from.slice(3))) / DAY);
        let end = Math.round(Date.UTC(y, Number(r.to.slice(0, 2)) - 1, Number(r.to.slice(3))) / DAY);
        if (end < start) end = Math.round(Date.UTC(y + 1, Number(r.to.slice(0, 2)) - 1, Number(r.to.slice(3))) / DAY);
        mark(start, end);
      }
    }
  }
  return mask;
}
