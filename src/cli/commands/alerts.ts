// `leakwatch alerts [--data DIR] [--format table|json|jsonl] [--since T]`: lists
// the alerts detection stored, newest first. JSON is `{"alerts":[...]}`; JSON Lines
// is one alert per line. Exit 0 when there are none, 1 when there are, 2 on error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_SEVERITIES, DATABASE_FILE, openStore, type AlertFilter, type AlertRecord, type AlertSeverity } from '../../store/index.js';
import { ExitError } from '../exit-error.js';

export interface AlertsFlags {
  data?: string;
  format?: string;
  since?: string;
  minSeverity?: string;
  limit?: string;
  color?: boolean;
}

const FORMATS = ['table', 'json', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`: a span back from now (`90m`, `24h`, `7d`, `2w`), an ISO date or time,
 * or epoch milliseconds. Returns epoch ms.
 */
export function parseSince(text: string, now = Date.now()): number {
  const t = text.trim();
  const rel = /^(\d+(?:\.\d+)?)\s*([mhdw])$/i.exec(t);
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]!;
  if (/^\d{10,}$/.test(t)) return Number(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (Number.isFinite(ms)) return ms;
  }
  throw new ExitError(2, `--since must be a span back from now (24h, 7d), an ISO date or time, or epoch ms; got "${text}"`);
}

/** An alert as JSON: the stored record (times in epoch ms), fields in a stable order. */
export function alertJson(a: AlertRecord): Record<string, unknown> {
  return {
    id: a.id,
    actor: a.actor,
    start: a.start,
    end: a.end,
    severity: a.severity,
    score: a.score,
    channel: a.channel,
    detector: a.detector,
    kind: a.kind,
    title: a.title,
    reasons: a.reasons,
    evidence: a.evidence,
    status: a.status,
    ...(a.assignee ? { assignee: a.assignee } : {}),
    explanation: a.explanation,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

const SEVERITY_COLOUR: Record<AlertSeverity, string> = { low: '\x1b[2m', medium: '\x1b[33m', high: '\x1b[31m', critical: '\x1b[1;31m' };

function cut(s: string, n: number): string {
  return s.length <= n ? s.padEnd(n) : s.slice(0, n - 1) + '…';
}

export function formatAlertTable(alerts: readonly AlertRecord[], options: { color: boolean; width: number }): string {
  if (alerts.length === 0) return 'No alerts.\n';
  const rows = alerts.map((a) => ({
    sev: a.severity,
    score: String(a.score).padStart(3),
    when: new Date(a.start).toISOString().slice(0, 16).replace('T', ' '),
    actor: a.actor,
    channel: a.channel,
    // The actor has its own column; a reason that starts with it says the rest.
    what: (a.reasons[0] ?? a.title).startsWith(a.actor + ' ') ? (a.reasons[0] ?? a.title).slice(a.actor.length + 1) : (a.reasons[0] ?? a.title),
  }));
  const actorW = Math.min(32, Math.max(5, ...rows.map((r) => r.actor.length)));
  const chanW = Math.min(16, Math.max(7, ...rows.map((r) => r.channel.length)));
  const fixed = 8 + 1 + 3 + 2 + 16 + 2 + actorW + 2 + chanW + 2;
  const whatW = Math.max(20, options.width - fixed);
  const head = `${'SEVERITY'.padEnd(8)} ${'RSK'} ${'  '}${'START (UTC)'.padEnd(16)}  ${'ACTOR'.padEnd(actorW)}  ${'CHANNEL'.padEnd(chanW)}  WHAT\n`;
  const lines = rows.map((r) => {
    const sev = r.sev.toUpperCase().padEnd(8);
    const s = options.color ? `${SEVERITY_COLOUR[r.sev]}${sev}\x1b[0m` : sev;
    return `${s} ${r.score}  ${r.when}  ${cut(r.actor, actorW)}  ${cut(r.channel, chanW)}  ${cut(r.what, whatW).trimEnd()}\n`;
  });
  return head + lines.join('') + `${alerts.length} alert${alerts.length === 1 ? '' : 's'}\n`;
}

export async function alertsCommand(flags: AlertsFlags): Promise<void> {
  const format = (flags.format ?? (process.stdout.isTTY ? 'table' : 'json')) as Format;
  if (!FORMATS.includes(format)) throw new ExitError(2, `--format must be one of ${FORMATS.join(', ')}`);
  const dataDir = flags.data ?? process.env['LEAKWATCH_DATA'] ?? './data';
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new ExitError(2, `no Leakwatch store in ${dataDir} (ingest logs first with \`leakwatch ingest\`, or pass --data DIR)`);
  }
  const filter: { -readonly [K in keyof AlertFilter]: AlertFilter[K] } = {};
  if (flags.since !== undefined) filter.since = parseSince(flags.since);
  if (flags.minSeverity !== undefined) {
    if (!ALERT_SEVERITIES.includes(flags.minSeverity as AlertSeverity)) throw new ExitError(2, `--min-severity must be one of ${ALERT_SEVERITIES.join(', ')}`);
    filter.minSeverity = flags.minSeverity as AlertSeverity;
  }
  if (flags.limit !== undefined) {
    const n = Number(flags.limit);
    if (!Number.isInteger(n) || n < 1) throw new ExitError(2, '--limit must be a positive integer');
    filter.limit = n;
  }
  const store = await openStore(dataDir, { readonly: true });
  let alerts: AlertRecord[];
  try {
    alerts = await store.listAlerts(filter);
  } finally {
    await store.close();
  }
  let text: string;
  if (format === 'json') text = JSON.stringify({ alerts: alerts.map(alertJson) }, null, 2) + '\n';
  else if (format === 'jsonl') text = alerts.map((a) => JSON.stringify(alertJson(a)) + '\n').join('');
  else text = formatAlertTable(alerts, { color: flags.color !== false && process.stdout.isTTY === true && !process.env['NO_COLOR'], width: process.stdout.columns || 120 });
  process.stdout.write(text);
  if (alerts.length > 0) throw new ExitError(1);
}
