// What the routes work with: the capabilities, the configuration and a clock.
// Built once per server by `openPlatform`; tests build their own.
import type { DpReleases, IncidentAnalytics } from '../analytics/index.js';
import type { Accounts, AuditSink } from '../auth/index.js';
import type { StoreDetection } from '../detect/index.js';
import type { IncidentRegistry } from '../incidents/index.js';
import type { CalendarWindowStore, Store } from '../store/index.js';
import type { LiveHub } from './live-hub.js';
import type { Metrics } from './metrics.js';
import type { ScanJobs } from './scan-jobs.js';
import type { LedgerStatus, ServerLedger } from './routes/ledger-routes.js';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Largest JSON body on ordinary routes. */
  readonly bodyLimit: number;
  /** Largest event batch on POST /api/v1/events (streamed, never held whole). */
  readonly ingestBodyLimit: number;
  /** Event batches parsed and stored at once. */
  readonly ingestConcurrency: number;
  /** Event batches waiting for a slot before new ones get 503. */
  readonly ingestQueue: number;
  /** Largest uploaded file for a scan. */
  readonly scanUploadLimit: number;
  /** Server-side folders an admin allowed to be scanned by path. */
  readonly scanRoots: readonly string[];
  /** Scan jobs waiting beyond the running one before new ones get 503. */
  readonly scanQueue: number;
  /** Set the Secure flag on cookies and send HSTS (behind TLS). */
  readonly secureCookies: boolean;
  /** Folder of the built dashboard (default: web/dist of the package). */
  readonly webDir?: string;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  bodyLimit: 1024 * 1024,
  ingestBodyLimit: 256 * 1024 * 1024,
  ingestConcurrency: 4,
  ingestQueue: 16,
  scanUploadLimit: 256 * 1024 * 1024,
  scanRoots: [],
  scanQueue: 8,
  secureCookies: false,
};

/** The event side of the platform: the store, detection and live updates. */
export interface EventServices {
  readonly store: Store;
  readonly detection: StoreDetection;
  readonly hub: LiveHub;
}

/** The incident side: the registry, reports and windows, and private releases (all on the platform's database and ledger). */
export interface IncidentServices {
  readonly registry: IncidentRegistry;
  readonly analytics: IncidentAnalytics;
  readonly windows: CalendarWindowStore;
  readonly dp: DpReleases;
}

export interface ServerContext {
  readonly config: ServerConfig;
  readonly accounts: Accounts;
  readonly audit: AuditSink;
  readonly metrics: Metrics;
  readonly scans: ScanJobs;
  readonly now: () => number;
  /** Present on the full platform; tests of the core routes go without. */
  readonly events?: EventServices;
  readonly ledger?: ServerLedger;
  readonly incidents?: IncidentServices;
  readonly ledgerStatus?: LedgerStatus;
  readonly saveLedgerStatus?: () => Promise<void>;
}
