// Opens the platform on a data directory: the SQLite store, the audit ledger
// (every sensitive action is appended to it), detection, accounts, scan jobs, live
// updates and metrics, and the routes that need them. `serve`, `demo` and the
// end-to-end tests use it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Accounts, type AuditRecord } from '../auth/index.js';
import { DpReleases, IncidentAnalytics } from '../analytics/index.js';
import { StoreDetection, silentSourceAlerts } from '../detect/index.js';
import { errorMessage } from '../errors/index.js';
import { silentSources } from '../events/index.js';
import { IncidentRegistry } from '../incidents/index.js';
import { formatVerifierKey, initLedger, openLedger, readConfig } from '../ledger/index.js';
import { DEFAULT_SCAN_OPTIONS } from '../scan/index.js';
import { SqliteAccountStore, SqliteCalendarWindowStore, SqliteDpStore, SqliteIncidentStore, openStore, type AlertRecord } from '../store/index.js';
import { buildServer, type BuiltServer } from './app.js';
import { DEFAULT_SERVER_CONFIG, type EventServices, type IncidentServices, type ServerConfig, type ServerContext } from './context.js';
import { LiveHub } from './live-hub.js';
import { Metrics } from './metrics.js';
import { alertsRoutes } from './routes/alerts-routes.js';
import { analyticsRoutes } from './routes/analytics-routes.js';
import { eventsRoutes } from './routes/events-routes.js';
import { incidentsRoutes } from './routes/incidents-routes.js';
import { ledgerRoutes, type LedgerStatus, type ServerLedger } from './routes/ledger-routes.js';
import { overviewRoutes } from './routes/overview-routes.js';
import { ScanJobs } from './scan-jobs.js';

export interface PlatformOptions {
  readonly config: Partial<ServerConfig> & { dataDir: string };
  /** Salt for scan fingerprints (kept in the data directory by `serve`). */
  readonly salt: string;
  readonly logger?: boolean | Record<string, unknown>;
  readonly now?: () => number;
  /** How often sources are checked for silence (default one minute; 0 = never). */
  readonly silenceCheckMs?: number;
}

export interface Platform extends BuiltServer {
  readonly ctx: ServerContext & { events: EventServices; ledger: ServerLedger; incidents: IncidentServices };
  close(): Promise<void>;
}

const LEDGER_STATUS_KEY = 'ledger.status';

export async function openPlatform(options: PlatformOptions): Promise<Platform> {
  const config: ServerConfig = { ...DEFAULT_SERVER_CONFIG, ...options.config };
  const now = options.now ?? Date.now;
  const store = await openStore(config.dataDir, { warn: (m) => logError(m) });
  const ledgerDir = join(config.dataDir, 'ledger');
  if (!existsSync(join(ledgerDir, 'ledger.json'))) await initLedger(ledgerDir);
  const ledgerConfig = await readConfig(ledgerDir);
  const log = await openLedger(ledgerDir);
  const ledger: ServerLedger = { dir: ledgerDir, log, origin: ledgerConfig.origin, verifier: ledgerConfig.verifier, verifierKey: formatVerifierKey(ledgerConfig.verifier) };
  const ledgerStatus: LedgerStatus = (await store.getState<LedgerStatus>(LEDGER_STATUS_KEY)) ?? { lastVerifiedAt: null, verified: null, problem: null, witnesses: [] };
  const metrics = new Metrics();
  const hub = new LiveHub();
  let logError: (message: string) => void = (m) => process.stderr.write(`leakwatch: ${m}\n`);

  // The audit trail: appended without waiting for a checkpoint (the ledger batches
  // and makes each entry durable); a failure is logged, never swallowed silently.
  const audit = (record: AuditRecord) => {
    log.append({ kind: record.kind, actor: record.actor, subject: record.subject, data: record.data as never, at: new Date(now()) }).catch((err: unknown) => logError(`ledger append failed for ${record.kind}: ${errorMessage(err)}`));
  };
  const publish = (alert: AlertRecord) => hub.publish('alert', alert);
  const detection = await StoreDetection.open(store, {
    dataDir: config.dataDir,
    watchRules: true,
    warn: (m) => logError(m),
    onAlert: (alert) => {
      // The engine calls this before the store has the alert; publish once it does.
      queueMicrotask(() => void store.getAlert(alert.id).then((saved) => saved && publish(saved)));
      audit({ kind: 'alert.raised', actor: 'detection', subject: `alert:${alert.id}`, data: { detector: alert.detector, actor: alert.actor, severity: alert.severity, score: alert.score, channel: alert.channel, evidence: alert.evidence.length } });
    },
  });
  const accounts = new Accounts(new SqliteAccountStore(store.database), audit);
  const scans = new ScanJobs(
    () => ({ ...DEFAULT_SCAN_OPTIONS, salt: options.salt, workers: 1 }),
    { queue: config.scanQueue, keep: 200, keepMs: 3600_000 },
    (job) => {
      metrics.scans.inc({ outcome: job.status });
      audit({ kind: 'scan.completed', actor: job.requestedBy, subject: `scan:${job.id}`, data: { target: job.target, status: job.status, findings: job.report?.stats.findings ?? 0, byType: job.report?.stats.byType ?? {} } });
    },
    now,
  );
  const events: EventServices = { store, detection, hub };
  // Incidents, reports and private releases share the store's database; every
  // incident change and every release goes to the ledger through `audit`.
  const incidentStore = new SqliteIncidentStore(store.database);
  const windowStore = new SqliteCalendarWindowStore(store.database);
  const existingAlerts = async (ids: readonly string[]) => (await Promise.all(ids.map((id) => store.getAlert(id)))).flatMap((a) => (a ? [a.id] : []));
  const incidents: IncidentServices = {
    registry: new IncidentRegistry(incidentStore, audit, { now, existingAlerts }),
    analytics: new IncidentAnalytics(incidentStore, windowStore, now),
    windows: windowStore,
    dp: new DpReleases(incidentStore, new SqliteDpStore(store.database), audit, { now }),
  };
  const ctx = {
    config,
    accounts,
    audit,
    metrics,
    scans,
    now,
    events,
    ledger,
    incidents,
    ledgerStatus,
    saveLedgerStatus: () => store.setState(LEDGER_STATUS_KEY, ledgerStatus),
  } satisfies ServerContext;
  const built = await buildServer(ctx, {
    logger: options.logger ?? false,
    plugins: [(app) => eventsRoutes(app, ctx), (app) => alertsRoutes(app, ctx), (app) => overviewRoutes(app, ctx), (app) => ledgerRoutes(app, ctx), (app) => incidentsRoutes(app, ctx), (app) => analyticsRoutes(app, ctx)],
  });
  logError = (m) => built.app.log.error(m);

  // Sources that stop sending raise `source_silent`, checked every minute.
  const silenceMs = options.silenceCheckMs ?? 60_000;
  const timer =
    silenceMs > 0
      ? setInterval(() => {
          void (async () => {
            const t = now();
            const alerts = silentSourceAlerts(await silentSources(store, t), t);
            if (alerts.length === 0) return;
            await store.saveAlerts(alerts);
            for (const a of alerts) {
              const saved = await store.getAlert(a.id);
              if (saved) publish(saved);
            }
          })().catch((err: unknown) => logError(`silent-source check failed: ${errorMessage(err)}`));
        }, silenceMs)
      : null;
  timer?.unref();

  return {
    ...built,
    ctx,
    async close() {
      if (timer) clearInterval(timer);
      hub.close();
      await built.app.close();
      await detection.close({ now: now() }).catch((err: unknown) => logError(`detection state not saved: ${errorMessage(err)}`));
      await log.close();
      await store.close();
    },
  };
}
