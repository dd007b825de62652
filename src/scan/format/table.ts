// The human report: a table of findings with redacted previews, then a summary
// per file (types, PIPL class, bulk), then errors and totals. Colour only on a
// terminal and never when NO_COLOR is set.
import type { ScanReport } from '../report/types.js';

export interface TableOptions {
  color: boolean;
  /** Widest the table may be. */
  width: number;
}

export function formatTable(report: ScanReport, options: TableOptions): string {
  const c = colors(options.color);
  const out: string[] = [];
  if (report.findings.length > 0) {
    const rows = report.findings.map((f) => [f.confidence.toUpperCase(), f.type, `${f.path}:${f.line}:${f.column}`, f.preview]);
    const head = ['CONF', 'TYPE', 'LOCATION', 'PREVIEW'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const max = Math.max(40, options.width - widths[0]! - widths[1]! - widths[3]! - 6);
    widths[2] = Math.min(widths[2]!, max);
    out.push(c.bold(head.map((h, i) => h.padEnd(widths[i]!)).join('  ')));
    for (const r of rows) {
      const conf = r[0] === 'HIGH' ? c.red : r[0] === 'MEDIUM' ? c.yellow : c.dim;
      out.push([conf(r[0]!.padEnd(widths[0]!)), r[1]!.padEnd(widths[1]!), fit(r[2]!, widths[2]!).padEnd(widths[2]!), r[3]!].join('  '));
    }
    out.push('');
  }
  if (report.files.length > 0) {
    out.push(c.bold('Files'));
    for (const f of report.files) {
      const types = Object.entries(f.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t}×${n}`).join(', ');
      const pipl = f.pipl === 'sensitive_personal' ? c.red('sensitive personal') : f.pipl === 'personal' ? c.yellow('personal') : 'no personal data';
      const bulk = f.bulk ? c.red(` BULK: ${f.distinctPersonal} distinct personal values`) : '';
      const trunc = f.truncated ? c.dim(' (listing truncated)') : '';
      out.push(`  ${f.path}  ${pipl}${bulk}  ${types}${trunc}`);
    }
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push(c.bold(`Errors (${report.errors.length})`));
    for (const e of report.errors) out.push(`  ${c.yellow(e.code)}  ${e.path}: ${e.message}`);
    out.push('');
  }
  const s = report.stats;
  const summary = s.findings === 0 ? c.green('No findings.') : c.bold(`${s.findings} finding(s)`) + ` in ${report.files.length} file(s)` + (s.bulkFiles ? `, ${c.red(`${s.bulkFiles} bulk`)}` : '');
  out.push(`${summary}${s.findings === 0 ? '' : '.'} Scanned ${s.filesScanned} file(s), ${formatBytes(s.bytes)} in ${(s.durationMs / 1000).toFixed(2)} s (${s.mbPerSecond} MB/s).`);
  out.push(s.revealed ? c.red('Raw values are included in this report (--reveal).') : c.dim('Values are redacted; run with --reveal to include them.'));
  return out.join('\n') + '\n';
}

function fit(s: string, width: number): string {
  return s.length <= width ? s : '…' + s.slice(s.length - width + 1);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function colors(on: boolean) {
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: wrap('1'), red: wrap('31'), yellow: wrap('33'), green: wrap('32'), dim: wrap('2') };
}
