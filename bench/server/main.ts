// `npm run bench:server`: the built server (`node dist/cli/main.js serve`) over a
// data directory pre-loaded with 1M events and thousands of alerts, measured from
// outside: NDJSON ingest throughput over HTTP with autocannon in a second
// process, time from POST to the alert on the SSE stream, latency of the alerts
// list, and the server's peak RSS. Prints JSON lines, the last a summary with
// the goals. Options: --events=N (pre-loaded, default 1000000), --seconds=S
// (ingest run, default 20), --connections=C (default 4), --trials=T (default 100),
// --profile=DIR (write the server's CPU profile there).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore, type AlertRecord, type NewEvent } from '../../src/store/index.js';
import { binNodeFlags } from '../support/node-flags.js';
import { stopLogging } from './records.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const PRELOAD = Number(args.get('events') ?? 1_000_000);
const SECONDS = Number(args.get('seconds') ?? 20);
const CONNECTIONS = Number(args.get('connections') ?? 4);
const TRIALS = Number(args.get('trials') ?? 100);
const BATCH = 1000;
const PROFILE = args.get('profile');
const GOALS = { ingestEventsPerSecond: 50_000, sseAlertP99Ms: 250, alertsListP99Ms: 50 };

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');

const print = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN);
};
const round = (x: number) => Math.round(x * 10) / 10;

/** 1M stored events (S3 reads of 5,000 identities over 30 days) and 5,000 alerts, written straight to the store. */
async function preload(dir: string): Promise<{ seconds: number }> {
  const t0 = performance.now();
  const store = await openStore(dir);
  const now = Date.now();
  const span = 30 * 86_400_000;
  for (let i = 0; i < PRELOAD; ) {
    const batch: NewEvent[] = [];
    for (const end = Math.min(PRELOAD, i + 50_000); i < end; i++) {
      const user = `arn:aws:iam::483920174512:user/pre-${i % 5000}`;
      const raw = { eventID: `pre-${i}`, eventName: 'GetObject', user };
      batch.push({ id: `cloudtrail:pre-${i}`, time: now - span + Math.floor((i / PRELOAD) * span), ingestTime: now, source: 'cloudtrail', action: 'GetObject', channel: 'download', actor: { user, ip: `10.1.${(i >> 8) & 255}.${i & 255}` }, object: { container: `bucket-${i % 40}`, path: `data/${i}.csv` }, bytes: 1000 + (i % 5000), outcome: 'success', tenant: '483920174512', raw, rawText: JSON.stringify(raw) });
    }
    await store.insertEvents(batch);
  }
  const alerts: AlertRecord[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = now - span + Math.floor((i / 5000) * span);
    alerts.push({ id: `pre-alert-${i}`, actor: `arn:aws:iam::483920174512:user/pre-${i % 5000}`, start: t, end: t + 600_000, severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!, score: 40 + (i % 60), channel: 'download', detector: 'download.bulk', kind: 'rule', title: 'Bulk download', reasons: ['downloaded 250 files within an hour'], explanation: { rule: 'download.bulk', count: 250 }, evidence: [`cloudtrail:pre-${i * 200}`], status: 'open', createdAt: t, updatedAt: t });
  }
  await store.saveAlerts(alerts);
  await store.close();
  return { seconds: round((performance.now() - t0) / 1000) };
}

function startServer(dir: string): Promise<{ child: ChildProcess; base: string; setup: string }> {
  const child = spawn(process.execPath, [...binNodeFlags(cli), ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), cli, 'serve', '--data', dir, '--port', '0', '--quiet'], { env: { ...process.env, LEAKWATCH_SALT: 'bench-salt-0123456789' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([A-Za-z0-9_-]+)/);
      if (m) res({ child, base: m[1]!, setup: m[2]! });
    });
    child.on('exit', (code) => rej(new Error(`the server exited (${code}): ${out}`)));
  });
}

async function json(res: Response, status: number): Promise<Record<string, unknown>> {
  if (res.status !== status) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Setup, login, and an ingest and a read token. */
async function tokens(base: string, setup: string): Promise<{ ingest: string; read: string }> {
  const admin = { username: 'admin', password: 'correct horse battery staple' };
  const post = (path: string, body: object, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  await json(await post('/api/v1/setup', { token: setup, ...admin }), 201);
  const login = await post('/api/v1/auth/login', admin);
  const { csrfToken } = (await json(login, 200)) as { csrfToken: string };
  const session = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': csrfToken };
  const make = async (scope: string) => ((await json(await post('/api/v1/tokens', { name: `bench ${scope}`, scopes: [scope] }, session), 201)) as { token: string }).token;
  return { ingest: await make('ingest'), read: await make('read') };
}

async function storedEvents(base: string, read: string): Promise<number> {
  const body = (await json(await fetch(`${base}/api/v1/sources`, { headers: { authorization: `Bearer ${read}` } }), 200)) as { sources: { events: number }[] };
  return body.sources.reduce((n, s) => n + s.events, 0);
}

async function alertsList(base: string, read: string): Promise<object> {
  const times: number[] = [];
  for (let i = 0; i < 220; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/alerts`, { headers: { authorization: `Bearer ${read}` } });
    const body = (await json(res, 200)) as { alerts: unknown[] };
    if (i >= 20) times.push(performance.now() - t); // the first 20 warm up
    if (body.alerts.length === 0) throw new Error('the alerts list is empty');
  }
  const p99 = percentile(times, 99);
  return { metric: 'alerts_list', storedEvents: PRELOAD, storedAlerts: 5000, limit: 200, requests: times.length, p50Ms: percentile(times, 50), p99Ms: p99, goalP99Ms: GOALS.alertsListP99Ms, pass: p99 < GOALS.alertsListP99Ms };
}

/** POST a StopLogging call by a fresh actor, time until its alert arrives on the stream. */
async function sseLatency(base: string, tokens: { ingest: string; read: string }): Promise<object> {
  const abort = new AbortController();
  const stream = await fetch(`${base}/api/v1/alerts/stream`, { headers: { authorization: `Bearer ${tokens.read}`, accept: 'text/event-stream' }, signal: abort.signal });
  if (stream.status !== 200 || !stream.body) throw new Error(`alerts stream: ${stream.status}`);
  const waiting = new Map<string, (t: number) => void>();
  void (async () => {
    let buf = '';
    const decoder = new TextDecoder();
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      const at = performance.now();
      buf += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (!frame.includes('event: alert') || !data) continue;
        const actor = String((JSON.parse(data.slice(6)) as { actor: string }).actor);
        const user = actor.slice(actor.lastIndexOf('/') + 1);
        waiting.get(user)?.(at);
      }
    }
  })().catch(() => {});
  const times: number[] = [];
  let missed = 0;
  for (let i = 0; i < TRIALS; i++) {
    const user = `bench-stop-${i}`;
    const arrived = new Promise<number | null>((res) => {
      const timer = setTimeout(() => res(null), 5000);
      waiting.set(user, (t) => {
        clearTimeout(timer);
        res(t);
      });
    });
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/events?format=cloudtrail`, { method: 'POST', headers: { authorization: `Bearer ${tokens.ingest}`, 'content-type': 'application/x-ndjson' }, body: stopLogging(user, Date.now(), randomUUID()) });
    await json(res, 200);
    const t1 = await arrived;
    waiting.delete(user);
    if (t1 === null) missed++;
    else times.push(t1 - t0);
  }
  abort.abort();
  const p99 = percentile(times, 99);
  return { metric: 'sse_alert_latency', trials: TRIALS, received: times.length, missed, p50Ms: percentile(times, 50), p99Ms: p99, maxMs: round(Math.max(...times)), goalP99Ms: GOALS.sseAlertP99Ms, pass: missed === 0 && p99 < GOALS.sseAlertP99Ms };
}

/** autocannon in its own process, posting 1,000-event NDJSON batches. */
async function ingest(base: string, tokens: { ingest: string; read: string }): Promise<object> {
  const before = await storedEvents(base, tokens.read);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/server/load.ts'), JSON.stringify({ url: base, token: tokens.ingest, events: BATCH, connections: CONNECTIONS, seconds: SECONDS })], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`the load generator failed (${code}): ${out}`);
  const r = JSON.parse(out) as { requests: { total: number }; latency: { p50: number; p99: number }; duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number };
  const stored = (await storedEvents(base, tokens.read)) - before;
  // Stored events over autocannon's own run time (it starts after the load process is up).
  const eventsPerSecond = Math.round(stored / r.duration);
  return {
    metric: 'ingest_ndjson_http',
    loadGenerator: 'autocannon (separate process)',
    connections: CONNECTIONS,
    eventsPerRequest: BATCH,
    seconds: round(r.duration),
    requests2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    eventsStored: stored,
    eventsPerSecond,
    requestLatencyP50Ms: r.latency.p50,
    requestLatencyP99Ms: r.latency.p99,
    wallSecondsIncludingLoaderStart: round(seconds),
    goalEventsPerSecond: GOALS.ingestEventsPerSecond,
    pass: eventsPerSecond >= GOALS.ingestEventsPerSecond,
  };
}

/** User and system CPU seconds of a process so far, all threads (/proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const dir = await mkdtemp(join(tmpdir(), 'lw-bench-server-'));
let server: ChildProcess | undefined;
try {
  const loaded = await preload(dir);
  print({ metric: 'preload', events: PRELOAD, alerts: 5000, seconds: loaded.seconds });
  const started = await startServer(dir);
  server = started.child;
  const t = await tokens(started.base, started.setup);
  const list = (await alertsList(started.base, t.read)) as { pass: boolean; p99Ms: number };
  print(list);
  const sse = (await sseLatency(started.base, t)) as { pass: boolean; p99Ms: number };
  print(sse);
  const cpuBefore = cpuSeconds(server.pid!);
  const ing = (await ingest(started.base, t)) as { pass: boolean; eventsPerSecond: number; eventsStored: number };
  // The server's own CPU time (all its threads) over the ingest run: its cost per event, whatever the load generator takes.
  const serverCpu = cpuSeconds(server.pid!) - cpuBefore;
  print({ ...ing, serverCpuSeconds: round(serverCpu), eventsPerServerCpuSecond: Math.round(ing.eventsStored / serverCpu) });
  const rss = peakRssMb(server.pid!);
  print({ metric: 'server_memory', peakRssMb: rss });
  print({
    metric: 'summary',
    machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
    ingestEventsPerSecond: ing.eventsPerSecond,
    sseAlertP99Ms: sse.p99Ms,
    alertsListP99Ms: list.p99Ms,
    serverPeakRssMb: rss,
    goals: GOALS,
    pass: { ingest: ing.pass, sseAlert: sse.pass, alertsList: list.pass },
  });
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((res) => server!.on('exit', res));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
}
