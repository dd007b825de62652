// `leakwatch demo` (and `serve --demo`): fills a fresh data directory with a
// generated organisation's month of activity, then keeps its people working in
// real time with a planted leak every few minutes, and serves the dashboard. Every
// batch goes through POST /api/v1/events, the path log shippers use.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoHistory, historyDays, LiveFeed, ndjsonBySource, type VendorRecord } from '../../demo/index.js';
import { openPlatform, type Platform } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import { ensureDataDir } from '../data-dir.js';
import { ExitError } from '../exit-error.js';
import { resolveSalt } from '../salt.js';
import { listen, parsePort, untilStopped } from './serve.js';

export interface DemoFlags {
  data?: string;
  host?: string;
  port?: string;
  days?: string;
  speed?: string;
  quiet?: boolean;
}

const MARKER = 'demo.json';
/** Live pace at --speed 1: a batch every 1.5 s, the first leak after 10 s, then one every 3 minutes. */
const BATCH_MS = 1500;
const FIRST_LEAK_MS = 10_000;
const LEAK_EVERY_MS = 180_000;

function positive(flag: string | undefined, name: string, fallback: number, max: number): number {
  if (flag === undefined) return fallback;
  const n = Number(flag);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new ExitError(2, `${name} must be a number above 0 and at most ${max}, not ${JSON.stringify(flag)}`);
  return n;
}

export async function demoCommand(flags: DemoFlags): Promise<void> {
  const port = parsePort(flags.port);
  const host = flags.host ?? '127.0.0.1';
  const days = Math.round(positive(flags.days, '--days', 30, 365));
  const speed = positive(flags.speed, '--speed', 1, 1000);
  const dataDir = await ensureDataDir(flags.data);
  const isDemo = existsSync(join(dataDir, MARKER));

  // Someone's real data is never mixed with the demo organisation.
  const probe = await openStore(dataDir);
  const stored = await probe.countEvents().finally(() => probe.close());
  if (stored > 0 && !isDemo) {
    throw new ExitError(2, `${dataDir} already holds ${stored} events and is not a demo directory; the demo fills a fresh one: pass --data with a new or empty folder`);
  }
  const now = Date.now();
  const history = demoHistory({ now, days });
  if (!isDemo) {
    await writeFile(join(dataDir, MARKER), JSON.stringify({ createdAt: new Date(now).toISOString(), days }) + '\n', { mode: 0o600 });
    // The organisation's own domains, partners, approved apps and public buckets, as its admins would configure them.
    await mkdir(join(dataDir, 'rules'), { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, 'rules', 'demo-lists.json'), JSON.stringify({ version: 1, lists: history.org.lists }, null, 2) + '\n');
  }

  const salt = await resolveSalt(undefined, undefined, join(dataDir, 'salt'));
  const platform = await openPlatform({ config: { dataDir, host, port, scanRoots: [] }, salt, logger: flags.quiet ? false : { level: 'warn' } });
  const { token } = await platform.ctx.accounts.createToken({ name: 'demo feed', scopes: ['ingest'], expiresAt: now + 30 * 86_400_000 }, 'demo', now);
  const post = postRecords(platform, token);

  try {
    if (stored === 0) {
      let events = 0;
      let d = 0;
      for (const day of historyDays(history, now)) {
        events += await post(day);
        if (++d % 5 === 0 || d === days) process.stderr.write(`demo: history day ${d}/${days}, ${events} events\n`);
      }
      process.stdout.write(`Demo organisation: ${history.org.people.length} people, ${events} events over ${days} day${days === 1 ? '' : 's'}.\n`);
    } else {
      process.stdout.write(`Demo directory: ${stored} events already stored; continuing live.\n`);
    }
    await listen(platform, host, port, dataDir);
  } catch (err) {
    await platform.close();
    throw err;
  }

  const live = new LiveFeed(history.org);
  let nextLeak = Date.now() + FIRST_LEAK_MS / speed;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      const t = Date.now();
      const records = live.activity(t, 3 + Math.floor(Math.random() * 10));
      if (t >= nextLeak) {
        nextLeak = t + LEAK_EVERY_MS / speed;
        const leak = live.leak(t);
        records.push(...leak.records);
        process.stdout.write(`demo: planted ${leak.scenario.replace(/_/g, ' ')} by ${leak.actor}\n`);
      }
      await post(records);
    }).catch((err: unknown) => process.stderr.write(`demo: live batch failed: ${err instanceof Error ? err.message : String(err)}\n`));
  };
  const timer = setInterval(tick, BATCH_MS / speed);
  await untilStopped(platform, async () => {
    clearInterval(timer);
    await running;
  });
}

/** Posts records as one NDJSON batch per source through the events route; resolves with the events accepted. */
function postRecords(platform: Platform, token: string): (records: readonly VendorRecord[]) => Promise<number> {
  return async (records) => {
    let accepted = 0;
    for (const [source, body] of ndjsonBySource(records)) {
      const res = await platform.app.inject({
        method: 'POST',
        url: `/api/v1/events?format=${source}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        payload: body,
      });
      if (res.statusCode !== 200) throw new ExitError(2, `the demo batch was refused (${res.statusCode}): ${res.body}`);
      accepted += (res.json() as { accepted: number }).accepted;
    }
    return accepted;
  };
}
