// `leakwatch scan [PATH...]`: finds personal data and secrets in files, folders,
// archives, documents and stdin; prints a table, JSON, JSON Lines or SARIF.
// Exit 0 when nothing was found, 1 with findings, 2 on error.
import { writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import {
  buildDetectors,
  formatJson,
  formatJsonl,
  formatSarif,
  formatTable,
  hasFindings,
  scan,
  type ScanReport,
} from '../../scan/index.js';
import { ExitError } from '../exit-error.js';
import { ProgressBar } from '../progress.js';
import { buildScanOptions, type CommonFlags } from '../scan-options.js';
import { VERSION } from '../../version.js';

export interface ScanFlags extends CommonFlags {
  format?: string;
  output?: string;
  progress?: boolean;
  color?: boolean;
}

const FORMATS = ['table', 'json', 'jsonl', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export async function scanCommand(paths: string[], flags: ScanFlags): Promise<void> {
  const format = (flags.format ?? (process.stdout.isTTY && !flags.output ? 'table' : 'json')) as Format;
  if (!FORMATS.includes(format)) throw new ExitError(2, `--format must be one of ${FORMATS.join(', ')}`);
  const options = await buildScanOptions(flags);
  const inputs = paths.length > 0 ? paths : ['.'];
  const bar = flags.progress !== false && process.stdout.isTTY && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  let report: ScanReport;
  try {
    report = await scan(inputs, options, {
      readStdin: async () => new Uint8Array(await buffer(process.stdin)),
      ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
    });
  } finally {
    bar?.done();
  }
  const text = render(report, format, flags, options);
  if (flags.output) await writeFile(flags.output, text, { mode: 0o600 });
  else process.stdout.write(text);
  if (hasFindings(report)) throw new ExitError(1);
}

function render(report: ScanReport, format: Format, flags: ScanFlags, options: Parameters<typeof buildDetectors>[0]): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'jsonl':
      return formatJsonl(report);
    case 'sarif':
      return formatSarif(report, { toolVersion: VERSION, detectors: buildDetectors(options) });
    case 'table':
      return formatTable(report, {
        color: flags.color !== false && !flags.output && process.stdout.isTTY === true && !process.env['NO_COLOR'],
        width: process.stdout.columns || 120,
      });
  }
}
