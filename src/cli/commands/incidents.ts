// `leakwatch incidents import|list|show|export [--data DIR]`: the incident
// registry from the command line. Import reads VERIS JSON/JSONL (gzip too, or a
// folder), the HHS OCR breach CSV and the Dork-Admin chronicle; bad records are
// listed with file, line and reason, the rest imported (exit 1 when any was
// skipped). Export writes VERIS JSON Lines.
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_POLICIES,
  IMPORT_FORMATS,
  IncidentRegistry,
  INCIDENT_STATUSES,
  parsePolicies,
  readImport,
  toVeris,
  type ImportFormat,
  type ImportSummary,
  type Incident,
  type IncidentStatus,
  type NotificationPolicy,
} from '../../incidents/index.js';
import type { IncidentFilter } from '../../store/index.js';
import { ExitError } from '../exit-error.js';
import { openIncidentDb } from '../incident-db.js';

const n = (x: number) => x.toLocaleString('en-US');
const ACTOR = 'cli';

export interface ImportFlags {
  data?: string;
  format?: string;
  dataset?: string;
  status?: string;
  json?: boolean;
}

export async function incidentsImportCommand(paths: string[], flags: ImportFlags): Promise<void> {
  const format = (flags.format ?? 'auto') as ImportFormat | 'auto';
  if (format !== 'auto' && !IMPORT_FORMATS.includes(format)) throw new ExitError(2, `--format must be auto or one of ${IMPORT_FORMATS.join(', ')}`);
  const status = (flags.status ?? 'closed') as IncidentStatus;
  if (!INCIDENT_STATUSES.includes(status)) throw new ExitError(2, `--status must be one of ${INCIDENT_STATUSES.join(', ')}`);
  const db = await openIncidentDb(flags.data, { writes: true });
  const summaries: ImportSummary[] = [];
  try {
    const registry = new IncidentRegistry(db.incidents, db.audit);
    for (const path of paths) {
      const parsed = await readImport(path, format);
      summaries.push(await registry.importParsed(parsed, { dataset: flags.dataset ?? parsed.format, actor: ACTOR, status }));
    }
  } finally {
    await db.close();
  }
  if (flags.json) process.stdout.write(JSON.stringify({ imports: summaries }, null, 2) + '\n');
  else {
    for (const s of summaries) {
      for (const p of s.problems) process.stderr.write(`${p.file}:${p.line}: ${p.code}: ${p.reason}\n`);
      process.stdout.write(
        `${s.file} (${s.format} → dataset ${s.dataset}): ${n(s.records)} records, ${n(s.inserted)} new, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ${n(s.skipped)} skipped — ${n(s.durationMs)} ms\n`,
      );
    }
  }
  if (summaries.some((s) => s.skipped > 0)) throw new ExitError(1);
}

export interface ListFlags {
  data?: string;
  dataset?: string[];
  status?: string[];
  year?: string;
  channel?: string;
  cause?: string;
  country?: string;
  text?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

function whole(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new ExitError(2, `${name} must be a whole number ≥ ${min}; got "${text}"`);
  return v;
}

export async function incidentsListCommand(flags: ListFlags): Promise<void> {
  const year = whole('--year', flags.year, 1);
  const filter: IncidentFilter = {
    ...(flags.dataset ? { datasets: flags.dataset } : {}),
    ...(flags.status ? { statuses: flags.status } : {}),
    ...(year !== undefined ? { yearFrom: year, yearTo: year } : {}),
    ...(flags.channel ? { channels: [flags.channel] } : {}),
    ...(flags.cause ? { causes: [flags.cause] } : {}),
    ...(flags.country ? { country: flags.country } : {}),
    ...(flags.text ? { text: flags.text } : {}),
  };
  const db = await openIncidentDb(flags.data, { writes: false });
  try {
    const page = await new IncidentRegistry(db.incidents).list(filter, { limit: whole('--limit', flags.limit, 1) ?? 50, offset: whole('--offset', flags.offset, 0) ?? 0 });
    if (flags.json) {
      process.stdout.write(JSON.stringify({ total: page.total, incidents: page.items.map(summaryOf) }, null, 2) + '\n');
      return;
    }
    for (const i of page.items) {
      const when = [i.facts.year, i.facts.month, i.facts.day].filter((x) => x !== null).join('-') || '?';
      process.stdout.write(`${i.id}  ${i.status.padEnd(9)}  ${when.padEnd(10)}  ${i.dataset.padEnd(12)}  ${i.leak.channel.padEnd(18)}  ${i.title.slice(0, 90)}\n`);
    }
    process.stdout.write(`${n(page.items.length)} of ${n(page.total)} incidents\n`);
  } finally {
    await db.close();
  }
}

const summaryOf = (i: Incident) => ({
  id: i.id,
  title: i.title,
  status: i.status,
  owner: i.owner,
  dataset: i.dataset,
  source: i.source,
  sourceRef: i.sourceRef,
  year: i.facts.year,
  month: i.facts.month,
  day: i.facts.day,
  channel: i.leak.channel,
  cause: i.leak.cause,
  countries: i.facts.countries,
  updatedAt: new Date(i.updatedAt).toISOString(),
});

async function policiesFrom(file: string | undefined): Promise<readonly NotificationPolicy[]> {
  if (!file) return DEFAULT_POLICIES;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ExitError(2, `cannot read ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ExitError(2, `${file} is not JSON: ${(err as Error).message}`);
  }
  return parsePolicies(parsed);
}

export interface ShowFlags {
  data?: string;
  json?: boolean;
  policies?: string;
}

export async function incidentsShowCommand(id: string, flags: ShowFlags): Promise<void> {
  const policies = await policiesFrom(flags.policies);
  const db = await openIncidentDb(flags.data, { writes: false });
  try {
    const registry = new IncidentRegistry(db.incidents, db.audit, { policies });
    const incident = await registry.get(id);
    const [timeline, comments, evidence] = await Promise.all([registry.timeline(id), registry.comments(id), registry.evidence(id)]);
    const clocks = registry.clocks(incident);
    if (flags.json) {
      process.stdout.write(JSON.stringify({ incident, deadlines: clocks, timeline, comments, evidence }, null, 2) + '\n');
      return;
    }
    const f = incident.facts;
    const lines = [
      `${incident.title}`,
      `id ${incident.id}  status ${incident.status}  owner ${incident.owner ?? '-'}  dataset ${incident.dataset}  source ${incident.source}${incident.sourceRef ? ` (${incident.sourceRef})` : ''}`,
      `when ${[f.year, f.month, f.day].filter((x) => x !== null).join('-') || 'unknown'}  countries ${f.countries.join(', ') || '-'}${incident.leak.cnRegion ? ` (${incident.leak.cnRegion})` : ''}  industry ${f.sector}`,
      `actions ${f.actions.join(', ') || '-'}  actors ${f.actors.join(', ') || '-'}  disclosure ${f.disclosure ?? 'missing'}  records ${f.records === null ? 'unknown' : n(f.records)}`,
      `channel ${incident.leak.channel}  cause ${incident.leak.cause}  official channel ${incident.leak.officialChannel ?? 'unknown'}  data classes ${incident.leak.dataClasses.join(', ') || '-'}${incident.derived.length ? `  (derived: ${incident.derived.join(', ')})` : ''}`,
    ];
    if (incident.summary) lines.push('', incident.summary);
    lines.push('', 'Notification deadlines');
    if (!clocks.length) lines.push('  none apply');
    for (const c of clocks) {
      const due = c.dueAt === null ? 'starts when discoveredAt is set' : `due ${new Date(c.dueAt).toISOString()}`;
      const left = c.remainingMs === null ? '' : c.remainingMs >= 0 ? `, ${Math.floor(c.remainingMs / 3_600_000)} h left` : `, ${Math.ceil(-c.remainingMs / 3_600_000)} h overdue`;
      lines.push(`  ${c.regulation} ${c.provision ?? ''} (${c.hours} h, notify ${c.notify}): ${c.state}, ${due}${left}`);
    }
    lines.push('', 'Timeline');
    for (const t of timeline) lines.push(`  ${new Date(t.at).toISOString()}  ${t.actor}  ${t.kind}  ${JSON.stringify(t.data)}`);
    if (comments.length) lines.push('', 'Comments', ...comments.map((c) => `  ${new Date(c.at).toISOString()}  ${c.author}: ${c.body}`));
    if (evidence.length) lines.push('', 'Evidence', ...evidence.map((e) => `  ${e.kind} ${e.ref}${e.sha256 ? ` sha256:${e.sha256}` : ''}  ${e.description}`));
    if (incident.alertIds.length) lines.push('', `Alerts: ${incident.alertIds.join(', ')}`);
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await db.close();
  }
}

export interface ExportFlags {
  data?: string;
  dataset?: string[];
  output?: string;
}

export async function incidentsExportCommand(flags: ExportFlags): Promise<void> {
  const db = await openIncidentDb(flags.data, { writes: false });
  const lines: string[] = [];
  let skipped = 0;
  try {
    const registry = new IncidentRegistry(db.incidents);
    const filter: IncidentFilter = flags.dataset ? { datasets: flags.dataset } : {};
    for (let offset = 0; ; offset += 5000) {
      const page = await registry.list(filter, { limit: 5000, offset, order: 'created_asc' });
      for (const i of page.items) {
        const r = toVeris(i);
        if (r.ok) lines.push(JSON.stringify(r.doc));
        else {
          skipped++;
          process.stderr.write(`${i.id}: not exported: ${r.reason}\n`);
        }
      }
      if (page.items.length < 5000) break;
    }
  } finally {
    await db.close();
  }
  const text = lines.length ? lines.join('\n') + '\n' : '';
  if (flags.output) await writeFile(flags.output, flags.output.endsWith('.gz') ? gzipSync(text) : text, { mode: 0o600 });
  else process.stdout.write(text);
  process.stderr.write(`${n(lines.length)} incidents exported as VERIS JSON${skipped ? `, ${n(skipped)} skipped` : ''}\n`);
  if (skipped) throw new ExitError(1);
}
