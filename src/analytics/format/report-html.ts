// The report as one self-contained HTML page: no scripts, no remote content,
// every value escaped (incident data is hostile input), bar charts as inline SVG.
import type { IncidentReport } from '../incident-report.js';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const n = (x: number) => x.toLocaleString('en-US');

function table(title: string, head: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  if (!rows.length) return '';
  return `<h2>${esc(title)}</h2><table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(typeof c === 'number' ? n(c) : c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function bars(title: string, entries: ReadonlyArray<readonly [string, number]>): string {
  if (!entries.length) return '';
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const w = 12;
  const h = 120;
  const rects = entries
    .map(([k, v], i) => {
      const bh = Math.round((v / max) * h);
      return `<rect x="${i * w}" y="${h - bh}" width="${w - 2}" height="${bh}"><title>${esc(k)}: ${n(v)}</title></rect>`;
    })
    .join('');
  return `<h2>${esc(title)}</h2><svg role="img" aria-label="${esc(title)}" width="${entries.length * w}" height="${h}" viewBox="0 0 ${entries.length * w} ${h}">${rects}</svg>`;
}

export function formatReportHtml(r: IncidentReport): string {
  const t = r.totals;
  const overall = r.trends.series.find((s) => s.dimension === 'all');
  const windows = (r.windows?.windows ?? []).flatMap((w) => [
    [w.label, 'all', w.overall.inside, w.overall.outside, w.overall.rateRatio, w.overall.interval?.low ?? null, w.overall.interval?.high ?? null, w.overall.pValue],
    ...w.byCategory.map((c) => [w.label, `${c.dimension}=${c.key}`, c.inside, c.outside, c.rateRatio, c.interval?.low ?? null, c.interval?.high ?? null, c.pHolm]),
  ]);
  const fix = (x: unknown) => (typeof x === 'number' ? (Number.isFinite(x) ? (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : Number(x.toFixed(3))) : '∞') : x === null ? 'n/a' : x);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Leakwatch incident report</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}td:nth-child(n+2){text-align:right}svg rect{fill:#3a6ea5}</style>
</head><body>
<h1>Incident report</h1>
<p>Generated ${esc(r.generatedAt)}. ${n(t.incidents)} incidents (${n(t.distinctExternalIds)} distinct source ids);
confirmed disclosure ${n(r.disclosure.yes)} (${esc((r.disclosure.shareYes * 100).toFixed(1))}%); records affected ${n(t.recordsAffected)} over ${n(t.incidentsWithRecords)} incidents.</p>
${bars('Incidents by year', Object.entries(r.byYear).filter(([k]) => k !== 'missing'))}
${overall ? bars(`Incidents by month, ${r.trends.months[0] ?? ''} to ${r.trends.months.at(-1) ?? ''}`, overall.counts.map((c, i) => [r.trends.months[i]!, c] as const)) : ''}
${table('By action category', ['category', 'incidents'], Object.entries(r.byAction))}
${table('By actor type', ['actor', 'incidents'], [...Object.entries(r.byActor), ['unknown (apart)', t.actorUnknown]])}
${table('Top victim countries', ['country', 'incidents'], r.countries.top.map((c) => [c.country, c.incidents]))}
${table('By industry', ['NAICS sector', 'incidents'], r.byIndustry.map((e) => [`${e.key} ${e.label}`, e.incidents]))}
${table('By channel', ['channel', 'incidents'], Object.entries(r.byChannel).filter(([, v]) => v > 0))}
${table('By cause', ['cause', 'incidents'], Object.entries(r.byCause).filter(([, v]) => v > 0))}
${table('By Chinese region', ['region', 'incidents'], r.byRegion.map((e) => [`${e.key} ${e.label}`, e.incidents]))}
${table(
  'Flagged months',
  ['month', 'series', 'change', 'count', 'baseline', 'p'],
  r.trends.series.flatMap((s) => s.changes.map((c) => [c.month, s.dimension === 'all' ? 'all' : `${s.dimension}=${s.key}`, c.direction, c.count, c.baseline, fix(c.pValue)])),
)}
${table('Calendar windows', ['window', 'category', 'inside', 'outside', 'rate ratio', '95% CI low', '95% CI high', 'p (Holm for categories)'], windows.map((w) => w.map(fix)))}
<h2>Counting rules</h2><ul>${Object.values(r.countingRules)
    .map((rule) => `<li>${esc(rule)}</li>`)
    .join('')}</ul>
</body></html>
`;
}
