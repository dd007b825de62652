// The report as one long ("tidy") CSV table: section, series, key, metric,
// value. Every figure of the JSON report is a row, so a spreadsheet pivot gives
// any chart; monthly trends are one row per series and month.
import type { IncidentReport } from '../incident-report.js';
import { csvLine } from './csv.js';

export function formatReportCsv(r: IncidentReport): string {
  const out: string[] = [csvLine(['section', 'series', 'key', 'metric', 'value'])];
  const row = (section: string, series: string, key: string, metric: string, value: unknown) => out.push(csvLine([section, series, key, metric, value]));
  for (const [k, v] of Object.entries(r.totals)) row('totals', 'all', k, 'value', v);
  for (const [k, v] of Object.entries(r.byYear)) row('by_year', 'all', k, 'incidents', v);
  for (const [k, v] of Object.entries(r.byAction)) row('by_action', 'all', k, 'incidents', v);
  for (const [k, v] of Object.entries(r.byActor)) row('by_actor', 'all', k, 'incidents', v);
  row('disclosure', 'all', 'Yes', 'share', r.disclosure.shareYes);
  for (const [k, v] of Object.entries(r.disclosure.byValue)) row('disclosure', 'all', k, 'incidents', v);
  for (const [k, v] of Object.entries(r.countries.byCountry)) row('by_country', 'all', k, 'incidents', v);
  row('by_country', 'all', 'missing', 'incidents', r.countries.countryMissing);
  for (const e of r.byIndustry) row('by_industry', 'all', e.key, 'incidents', e.incidents);
  for (const [k, v] of Object.entries(r.byChannel)) row('by_channel', 'all', k, 'incidents', v);
  for (const [k, v] of Object.entries(r.byCause)) row('by_cause', 'all', k, 'incidents', v);
  for (const e of r.byRegion) row('by_region', 'all', e.key, 'incidents', e.incidents);
  row('by_region', 'all', 'missing', 'incidents', r.regionMissing);
  for (const [k, v] of Object.entries(r.officialChannel)) row('official_channel', 'all', k, k === 'shareYesOfKnown' ? 'share' : 'incidents', v);
  for (const s of r.trends.series) {
    const series = s.dimension === 'all' ? 'all' : `${s.dimension}=${s.key}`;
    s.counts.forEach((c, i) => row('trend', series, r.trends.months[i]!, 'incidents', c));
    for (const c of s.changes) {
      row('trend_change', series, c.month, c.direction, c.count);
      row('trend_change', series, c.month, 'baseline', c.baseline);
      row('trend_change', series, c.month, 'p_value', c.pValue);
    }
  }
  for (const w of r.windows?.windows ?? []) {
    const cells = [{ series: 'all', c: w.overall, pHolm: null as number | null }, ...w.byCategory.map((c) => ({ series: `${c.dimension}=${c.key}`, c, pHolm: c.pHolm }))];
    row('window', w.name, 'all', 'days_inside', w.daysInside);
    row('window', w.name, 'all', 'days_outside', w.daysOutside);
    for (const { series, c, pHolm } of cells) {
      row('window', w.name, series, 'inside', c.inside);
      row('window', w.name, series, 'outside', c.outside);
      row('window', w.name, series, 'rate_ratio', c.rateRatio);
      row('window', w.name, series, 'ci_low', c.interval?.low ?? null);
      row('window', w.name, series, 'ci_high', c.interval?.high ?? null);
      row('window', w.name, series, 'p_value', c.pValue);
      if (pHolm !== null) row('window', w.name, series, 'p_holm', pHolm);
    }
  }
  return out.join('');
}
