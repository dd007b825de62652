// Machine output: one JSON document, or JSON Lines (a line per finding, then per
// error, then the stats), for pipelines and for the server.
import type { ScanReport } from '../report/types.js';

/** `{"findings":[...],"errors":[...],"files":[...],"stats":{...}}`. */
export function formatJson(report: ScanReport): string {
  return JSON.stringify({ findings: report.findings, errors: report.errors, files: report.files, stats: report.stats }, null, 2) + '\n';
}

/** One object a line, each with `record`: `finding`, `error`, `file`, then one `stats`. */
export function formatJsonl(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of report.findings) lines.push(JSON.stringify({ record: 'finding', ...f }));
  for (const e of report.errors) lines.push(JSON.stringify({ record: 'error', ...e }));
  for (const f of report.files) lines.push(JSON.stringify({ record: 'file', ...f }));
  lines.push(JSON.stringify({ record: 'stats', ...report.stats }));
  return lines.join('\n') + '\n';
}
