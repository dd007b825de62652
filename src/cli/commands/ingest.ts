// `leakwatch ingest [--data DIR] [--format F] [--mapping FILE] [--json] [--follow] PATH...`:
// reads audit logs (files, folders, .gz, "-" for stdin) into the store,
// deduplicated, and prints a per-source summary. Exit 0 when the run completed
// (dead-lettered records are counted, stored and reported, not an error), 2 when
// it could not run (bad arguments, a missing path, a mapping or store error).
import { resolve } from 'node:path';
import { IngestPipeline, loadMapping, type IngestOptions, type IngestSummary, type JsonlMapping, type SourceFormat } from '../../events/index.js';
import { openStore } from '../../store/index.js';
import { StoreDetection, type DetectionRunSummary } from '../../detect/index.js';
import { ensureDataDir } from '../data-dir.js';
import { ExitError } from '../exit-error.js';
import { ProgressBar } from '../progress.js';

export interface IngestFlags {
  data?: string;
  format?: string;
  mapping?: string;
  json?: boolean;
  follow?: boolean;
  progress?: boolean;
  maxRecordBytes?: string;
  maxFutureSkew?: string;
  keepMissingTime?: boolean;
}

export const INGEST_FORMATS = ['auto', 'cloudtrail', 's3access', 'm365', 'gworkspace', 'okta', 'entra', 'auditd', 'windows', 'jsonl'] as const;

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new ExitError(2, `${name} must be a positive number; got "${text}"`);
  return n;
}

/** Human-readable duration of a lag. */
function span(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const a = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (a < 120_000) return `${sign}${Math.round(a / 1000)} s`;
  if (a < 7_200_000) return `${sign}${Math.round(a / 60_000)} min`;
  if (a < 172_800_000) return `${sign}${Math.round(a / 3_600_000)} h`;
  return `${sign}${Math.round(a / 86_400_000)} d`;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The summary as a terminal table: one row per source, then dead letters per file, then totals. */
export function formatSummary(s: IngestSummary, database: string): string {
  const lines: string[] = [];
  // The busiest sources first; the rest are counted (all of them are in --json).
  const shown = [...s.sources].sort((a, b) => b.events + b.duplicates - (a.events + a.duplicates)).slice(0, 25);
  const rows = shown.map((src) => [src.stream, n(src.events), n(src.duplicates), src.first_event?.replace('.000Z', 'Z') ?? '-', src.last_event?.replace('.000Z', 'Z') ?? '-', span(src.lag_ms?.median)]);
  const head = ['source', 'new events', 'duplicates', 'first event', 'last event', 'lag (median)'];
  if (rows.length) {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => (i >= 1 && i <= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(head), ...rows.map(fmt));
    if (s.sources.length > shown.length) lines.push(`… and ${s.sources.length - shown.length} more sources (--json lists them all)`);
    lines.push('');
  }
  for (const f of s.files) {
    if (f.skipped) lines.push(`${f.path}: skipped, ${f.skipped}`);
    if (f.dead_letter > 0) {
      const reasons = Object.entries(f.reasons)
        .map(([code, count]) => `${code} ×${count}`)
        .join(', ');
      lines.push(`${f.path}: ${n(f.dead_letter)} dead-lettered (${reasons})`);
    }
  }
  if (s.files.some((f) => f.dead_letter > 0 || f.skipped)) lines.push('');
  const t = s.total;
  lines.push(`${n(s.files.length)} file${s.files.length === 1 ? '' : 's'}, ${n(t.records)} records: ${n(t.events)} new events, ${n(t.duplicates)} duplicates, ${n(t.dead_letter)} dead-lettered → ${database}`);
  return lines.join('\n') + '\n';
}

export async function ingestCommand(paths: string[], flags: IngestFlags): Promise<void> {
  if (paths.length === 0) throw new ExitError(2, 'give the files or folders to ingest (or - for stdin)');
  const format = (flags.format ?? 'auto') as (typeof INGEST_FORMATS)[number];
  if (!INGEST_FORMATS.includes(format)) throw new ExitError(2, `--format must be one of ${INGEST_FORMATS.join(', ')}`);
  if (format === 'jsonl' && !flags.mapping) throw new ExitError(2, '--format jsonl needs --mapping FILE (which field holds the time, the action, the user...)');
  if (flags.follow && paths.includes('-')) throw new ExitError(2, '--follow reads files, not stdin');
  const mapping: JsonlMapping | undefined = flags.mapping ? await loadMapping(flags.mapping) : undefined;
  const maxRecordBytes = positive('--max-record-bytes', flags.maxRecordBytes);
  const skewHours = positive('--max-future-skew', flags.maxFutureSkew);

  const dir = await ensureDataDir(flags.data);
  const store = await openStore(dir, { warn: (m) => process.stderr.write(`leakwatch: ${m}\n`) });
  const tty = !flags.json && flags.progress !== false && process.stderr.isTTY === true;
  const bar = tty && !flags.follow ? new ProgressBar(process.stderr) : undefined;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  if (flags.follow) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const options: { -readonly [K in keyof IngestOptions]: IngestOptions[K] } = {
    ...(format !== 'auto' ? { format: format as SourceFormat } : {}),
    ...(mapping ? { mapping } : {}),
    ...(maxRecordBytes ? { maxRecordBytes } : {}),
    ...(skewHours ? { maxFutureSkewMs: skewHours * 3_600_000 } : {}),
    ...(flags.keepMissingTime ? { missingTime: 'ingest_time' as const } : {}),
    ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
    stdin: () => process.stdin,
    signal: stop.signal,
    exclude: [dir],
  };
  let summary: IngestSummary;
  let detected: DetectionRunSummary | undefined;
  try {
    // Detection sees each batch of new events as it is stored (rules, models, alerts saved to the store).
    const detection = await StoreDetection.open(store, { dataDir: dir, watchRules: flags.follow === true, warn: (m) => process.stderr.write(`leakwatch: ${m}\n`) });
    options.onEvents = detection.onEvents;
    const pipeline = new IngestPipeline(store, options);
    if (flags.follow) process.stderr.write(`following ${paths.join(', ')}; Ctrl-C to stop\n`);
    summary = flags.follow ? await pipeline.follow(paths) : await pipeline.run(paths);
    detected = await detection.close();
  } finally {
    bar?.done();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ files: summary.files, sources: summary.sources, total: summary.total, detection: detected })}\n`);
  else {
    process.stdout.write(formatSummary(summary, resolve(dir, 'leakwatch.db')));
    if (detected && detected.alerts > 0) process.stdout.write(`${n(detected.alerts)} alert${detected.alerts === 1 ? '' : 's'} raised or updated; \`leakwatch alerts\` lists them\n`);
  }
}
