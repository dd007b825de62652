// Turns the overview's alert counts (day × channel × severity) into chart series:
// a continuous run of days, one series per severity or per channel (the busiest
// channels by name, the rest folded into "other").
import { SEVERITIES, type Overview, type Severity } from '../api/types';

export type SplitBy = 'severity' | 'channel';
export const OTHER = '__other__';

export interface AlertSeries {
  days: string[];
  series: Array<{ key: string; values: number[] }>;
  totals: number[];
}

/** Every day from the first to the last, as `YYYY-MM-DD` (UTC). */
export function dayRange(first: string, last: string, maxDays = 366): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [first];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < maxDays; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export function alertSeries(rows: Overview['alertsByDay'], by: SplitBy, maxChannels = 6): AlertSeries {
  if (rows.length === 0) return { days: [], series: [], totals: [] };
  const sortedDays = [...new Set(rows.map((r) => r.day))].sort();
  const days = dayRange(sortedDays[0]!, sortedDays[sortedDays.length - 1]!);
  const index = new Map(days.map((d, i) => [d, i]));
  let keys: string[];
  let keyOf: (row: Overview['alertsByDay'][number]) => string;
  if (by === 'severity') {
    // Most severe at the bottom of each bar, where the eye starts.
    keys = [...SEVERITIES];
    keyOf = (r) => r.severity;
  } else {
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(r.channel, (totals.get(r.channel) ?? 0) + r.count);
    const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
    const kept = ranked.length > maxChannels ? ranked.slice(0, maxChannels - 1) : ranked;
    const keep = new Set(kept);
    keys = ranked.length > kept.length ? [...kept, OTHER] : kept;
    keyOf = (r) => (keep.has(r.channel) ? r.channel : OTHER);
  }
  const values = new Map(keys.map((k) => [k, new Array<number>(days.length).fill(0)]));
  for (const r of rows) {
    const i = index.get(r.day);
    const v = values.get(keyOf(r));
    if (i !== undefined && v) v[i]! += r.count;
  }
  const series = keys.map((key) => ({ key, values: values.get(key)! })).filter((s) => by === 'severity' || s.values.some((v) => v > 0));
  const totals = days.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return { days, series, totals };
}

export function severityClass(s: Severity): string {
  return `sev-${s}`;
}
