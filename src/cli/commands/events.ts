// `leakwatch events [--data DIR] [--since T] [--until T] [--source S] [--channel C]
// [--actor A] [--limit N] [--format jsonl|json|ocsf]`: exports stored events,
// oldest first. `ocsf` writes one OCSF event per line (the raw vendor record is
// left out: it may hold personal data). Exit 0, or 2 on error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toOcsf, type DataEvent } from '../../events/index.js';
import { DATABASE_FILE, openStore, type EventQuery } from '../../store/index.js';
import { dataDir } from '../data-dir.js';
import { ExitError } from '../exit-error.js';
import { parseSince } from './alerts.js';

export interface EventsFlags {
  data?: string;
  since?: string;
  until?: string;
  source?: string;
  channel?: string;
  actor?: string;
  limit?: string;
  format?: string;
  raw?: boolean;
}

const FORMATS = ['jsonl', 'json', 'ocsf'] as const;

export async function eventsCommand(flags: EventsFlags): Promise<void> {
  const format = (flags.format ?? 'jsonl') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new ExitError(2, `--format must be one of ${FORMATS.join(', ')}`);
  const limit = flags.limit === undefined ? Number.POSITIVE_INFINITY : Number(flags.limit);
  if (!(limit > 0)) throw new ExitError(2, `--limit must be a positive number; got "${flags.limit}"`);
  const dir = dataDir(flags.data);
  if (!existsSync(join(dir, DATABASE_FILE))) throw new ExitError(2, `no store in ${dir} (run leakwatch ingest first)`);
  const store = await openStore(dir);
  const base: EventQuery = {
    ...(flags.since ? { since: parseSince(flags.since) } : {}),
    ...(flags.until ? { until: parseSince(flags.until) } : {}),
    ...(flags.source ? { source: flags.source } : {}),
    ...(flags.channel ? { channel: flags.channel } : {}),
    ...(flags.actor ? { actor: flags.actor } : {}),
    withRaw: flags.raw === true && format !== 'ocsf',
  };
  const out: string[] = [];
  let written = 0;
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  try {
    if (format === 'json') process.stdout.write('{"events":[');
    let cursor: string | undefined;
    do {
      const page = await store.queryEvents({ ...base, limit: Math.min(5000, limit - written), ...(cursor ? { cursor } : {}) });
      for (const e of page.events) {
        const { raw, ...rest } = e;
        const record = format === 'ocsf' ? toOcsf(e as DataEvent) : flags.raw ? { ...rest, raw } : rest;
        out.push(format === 'json' ? `${written ? ',' : ''}${JSON.stringify(record)}` : `${JSON.stringify(record)}\n`);
        written++;
      }
      flush();
      cursor = page.cursor;
    } while (cursor && written < limit);
    if (format === 'json') process.stdout.write(']}\n');
  } finally {
    await store.close();
  }
}
