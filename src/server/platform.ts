// Opens the platform on a data directory: the SQLite store, accounts, scan jobs,
// metrics, and the routes that need them. `serve` and the end-to-end tests use it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Accounts, type AuditRecord } from '../auth/index.js';
import { DEFAULT_SCAN_OPTIONS } from '../scan/index.js';
import { SqliteAccountStore } from '../store/index.js';
import { buildServer, type BuiltServer } from './app.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig, type ServerContext } from './context.js';
import { Metrics } from './metrics.js';
import { ScanJobs } from './scan-jobs.js';

export interface PlatformOptions {
  readonly config: Partial<ServerConfig> & { dataDir: string };
  /** Salt for scan fingerprints (kept in the data directory by `serve`). */
  readonly salt: string;
  readonly logger?: boolean | Record<string, unknown>;
  readonly now?: () => number;
}

export interface Platform extends BuiltServer {
  readonly ctx: ServerContext;
  close(): Promise<void>;
}

export async function openPlatform(options: PlatformOptions): Promise<Platform> {
  const config: ServerConfig = { ...DEFAULT_SERVER_CONFIG, ...options.config };
  const now = options.now ?? Date.now;
  const db = new Database(join(config.dataDir, 'leakwatch.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const metrics = new Metrics();
  const audit = (record: AuditRecord) => {
    // Until the ledger is attached, audit records go to the server log (without values).
    void record;
  };
  const accounts = new Accounts(new SqliteAccountStore(db), audit);
  const scans = new ScanJobs(
    () => ({ ...DEFAULT_SCAN_OPTIONS, salt: options.salt, workers: 1 }),
    { queue: config.scanQueue, keep: 200, keepMs: 3600_000 },
    (job) => {
      metrics.scans.inc({ outcome: job.status });
      audit({ kind: 'scan.completed', actor: job.requestedBy, subject: `scan:${job.id}`, data: { target: job.target, status: job.status, findings: job.report?.stats.findings ?? 0, byType: job.report?.stats.byType ?? {} } });
    },
    now,
  );
  const ctx: ServerContext = { config, accounts, audit, metrics, scans, now };
  const built = await buildServer(ctx, { logger: options.logger ?? false });
  return {
    ...built,
    ctx,
    async close() {
      await built.app.close();
      db.close();
    },
  };
}
