// `leakwatch report [--data DIR] [--format table|json|csv|html] [--windows FILE]`:
// totals and counts by year, action, actor, country, industry, channel, cause and
// region, the confirmed-disclosure share, monthly trends with flagged months,
// and, with --windows (JSON or YAML) or windows saved in the store, incident
// rates inside vs outside each calendar window.
import { readFile, writeFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { IncidentAnalytics, formatReportCsv, formatReportHtml, formatReportTable, parseWindowsSpec, toJson, DIMENSION_NAMES, type DimensionName, type WindowsSpec } from '../../analytics/index.js';
import type { IncidentFilter } from '../../store/index.js';
import { ExitError } from '../exit-error.js';
import { openIncidentDb } from '../incident-db.js';

export interface ReportFlags {
  data?: string;
  format?: string;
  windows?: string;
  by?: string;
  dataset?: string[];
  from?: string;
  to?: string;
  output?: string;
}

const FORMATS = ['table', 'json', 'csv', 'html'] as const;

async function windowsFile(file: string): Promise<WindowsSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ExitError(2, `cannot read ${file}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ExitError(2, `${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
  return parseWindowsSpec(doc);
}

const year = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const y = Number(v);
  if (!Number.isInteger(y) || y < 1 || y > 4095) throw new ExitError(2, `${name} must be a year; got "${v}"`);
  return y;
};

export async function reportCommand(flags: ReportFlags): Promise<void> {
  const format = flags.format ?? (process.stdout.isTTY && !flags.output ? 'table' : 'json');
  if (!(FORMATS as readonly string[]).includes(format)) throw new ExitError(2, `--format must be one of ${FORMATS.join(', ')}`);
  const windowDimensions = flags.by?.split(',').map((s) => s.trim()) as DimensionName[] | undefined;
  if (windowDimensions?.some((d) => !DIMENSION_NAMES.includes(d))) throw new ExitError(2, `--by takes dimensions among ${DIMENSION_NAMES.join(', ')}`);
  const windows = flags.windows ? await windowsFile(flags.windows) : 'stored';
  const yearFrom = year('--from', flags.from);
  const yearTo = year('--to', flags.to);
  const filter: IncidentFilter = {
    ...(flags.dataset ? { datasets: flags.dataset } : {}),
    ...(yearFrom !== undefined ? { yearFrom } : {}),
    ...(yearTo !== undefined ? { yearTo } : {}),
  };
  const db = await openIncidentDb(flags.data, { writes: false });
  let text: string;
  try {
    const report = await new IncidentAnalytics(db.incidents, db.windows).report(filter, { windows, ...(windowDimensions ? { windowDimensions } : {}) });
    text = format === 'json' ? toJson(report) : format === 'csv' ? formatReportCsv(report) : format === 'html' ? formatReportHtml(report) : formatReportTable(report);
  } finally {
    await db.close();
  }
  if (flags.output) await writeFile(flags.output, text, { mode: 0o600 });
  else process.stdout.write(text);
}
