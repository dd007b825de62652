import { describe, expect, it } from 'vitest';
import { buildReport } from '../incident-report.js';
import { parseCsv } from '../../incidents/index.js';
import { storeWith } from '../test-support.js';
import { parseWindowsSpec } from '../windows/calendar-windows.js';
import { csvField } from './csv.js';
import { formatReportCsv } from './report-csv.js';
import { formatReportHtml } from './report-html.js';
import { toJson } from './report-json.js';
import { formatReportTable } from './report-table.js';

async function report() {
  const { store } = await storeWith([
    { date: '2019-03-02', country: 'CN', region: 'CN-GD' },
    { date: '2019-03-03', action: 'error', actor: 'internal' },
    { date: '2019-07-01' },
  ]);
  const windows = parseWindowsSpec({ period: { from: '2019-01-01', to: '2019-12-31' }, windows: [{ name: 'w', label: '<script>alert(1)</script> 两会', ranges: [['2019-03-01', '2019-03-10']] }] });
  return buildReport(await store.factColumns({}), { windows, now: Date.UTC(2026, 0, 1) });
}

describe('report formats', () => {
  it('writes JSON with infinite rate ratios as "Infinity"', async () => {
    const r = await report();
    const json = JSON.parse(toJson(r)) as { windows: { windows: Array<{ byCategory: Array<{ key: string; rateRatio: unknown }> }> } };
    const accidental = json.windows.windows[0]!.byCategory.find((c) => c.key === 'accidental');
    expect(accidental?.rateRatio).toBe('Infinity');
  });

  it('writes one long CSV table that a CSV reader gives back row for row', async () => {
    const csv = formatReportCsv(await report());
    const rows = parseCsv(csv);
    expect(rows[0]!.fields).toEqual(['section', 'series', 'key', 'metric', 'value']);
    expect(rows.every((r) => r.fields.length === 5 && !r.error)).toBe(true);
    expect(rows.map((r) => r.fields)).toContainEqual(['by_year', 'all', '2019', 'incidents', '3']);
    expect(rows.map((r) => r.fields)).toContainEqual(['trend', 'all', '2019-03', 'incidents', '2']);
    expect(rows.map((r) => r.fields)).toContainEqual(['window', 'w', 'all', 'inside', '2']);
  });

  it('escapes incident and window text in HTML and runs no script', async () => {
    const html = formatReportHtml(await report());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 两会');
    expect(html).toContain("default-src 'none'");
  });

  it('prints a table with the headline figures', async () => {
    const table = formatReportTable(await report());
    expect(table).toContain('Incidents: 3 (0 distinct source ids)');
    expect(table).toMatch(/CN-GD 广东 Guangdong\s+1/);
  });

  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(Infinity)).toBe('Infinity');
  });
});
