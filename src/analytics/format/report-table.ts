// The report as text for a terminal: the figures people read first, the top
// of each breakdown, flagged months and window comparisons. JSON, CSV and HTML
// carry everything.
import type { IncidentReport } from '../incident-report.js';

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (x: number | null) => (x === null ? 'n/a' : Number.isFinite(x) ? x.toFixed(2) : '∞');
const p = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));

function block(title: string, rows: Array<[string, number]>, limit = 25): string {
  if (!rows.length) return '';
  const shown = rows.slice(0, limit);
  const w = Math.max(...shown.map(([k]) => k.length));
  const more = rows.length > limit ? `  … ${rows.length - limit} more\n` : '';
  return `\n${title}\n${shown.map(([k, v]) => `  ${k.padEnd(w)}  ${n(v).padStart(9)}`).join('\n')}\n${more}`;
}

export function formatReportTable(r: IncidentReport): string {
  const t = r.totals;
  let out = `Incidents: ${n(t.incidents)} (${n(t.distinctExternalIds)} distinct source ids)\n`;
  out += `Confirmed disclosure: ${n(r.disclosure.yes)} of ${n(r.disclosure.denominator)} (${pct(r.disclosure.shareYes)})\n`;
  out += `Records affected: ${n(t.recordsAffected)} over the ${n(t.incidentsWithRecords)} incidents that state a number\n`;
  const o = r.officialChannel;
  out += `Left through an official channel: ${n(o.yes)} yes, ${n(o.no)} no, ${n(o.unknown)} unknown\n`;
  out += block('By year', Object.entries(r.byYear), 100);
  out += block('By action category (an incident may have several)', Object.entries(r.byAction));
  out += block(`By actor type (actor unknown: ${n(t.actorUnknown)})`, Object.entries(r.byActor));
  out += block(`Top victim countries (${r.countries.distinctValues} distinct)`, r.countries.top.map((c) => [c.country, c.incidents]));
  out += block('By industry (NAICS sector)', r.byIndustry.map((e) => [`${e.key} ${e.label}`, e.incidents]));
  out += block('By channel', Object.entries(r.byChannel).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]));
  out += block('By cause', Object.entries(r.byCause).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]));
  out += block('By Chinese region', r.byRegion.map((e) => [`${e.key} ${e.label}`, e.incidents]));
  const flagged = r.trends.series.flatMap((s) => s.changes.map((c) => ({ s, c }))).sort((a, b) => a.c.pValue - b.c.pValue);
  if (r.trends.months.length) {
    out += `\nMonthly trends ${r.trends.months[0]} to ${r.trends.months.at(-1)}: ${flagged.length} flagged months (${r.trends.method})\n`;
    for (const { s, c } of flagged.slice(0, 15)) out += `  ${c.month}  ${(s.dimension === 'all' ? 'all' : `${s.dimension}=${s.key}`).padEnd(30)} ${c.direction.padEnd(4)} ${n(c.count)} vs ${c.baseline}  p=${p(c.pValue)}\n`;
  }
  if (r.windows) {
    out += `\nCalendar windows, ${r.windows.period.from} to ${r.windows.period.to} (${n(r.windows.undated)} incidents not dated to the day left out)\n`;
    for (const w of r.windows.windows) {
      const c = w.overall;
      out += `  ${w.label}: ${n(c.inside)} in ${w.daysInside} days vs ${n(c.outside)} in ${w.daysOutside} days, rate ratio ${fmt(c.rateRatio)} (95% CI ${fmt(c.interval?.low ?? null)}–${fmt(c.interval?.high ?? null)}), p=${p(c.pValue)}\n`;
      for (const k of w.byCategory.filter((x) => x.pHolm < 0.05)) out += `    ${k.dimension}=${k.key}: rate ratio ${fmt(k.rateRatio)} (${fmt(k.interval?.low ?? null)}–${fmt(k.interval?.high ?? null)}), Holm p=${p(k.pHolm)}\n`;
    }
  }
  return out;
}
