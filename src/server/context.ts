// What the routes work with: the capabilities, the configuration and a clock.
// Built once per server by `createContext`; tests build their own.
import type { Accounts, AuditSink } from '../auth/index.js';
import type { Metrics } from './metrics.js';
import type { ScanJobs } from './scan-jobs.js';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Largest JSON body on ordinary routes. */
  readonly bodyLimit: number;
  /** Largest event batch on POST /api/v1/events. */
  readonly ingestBodyLimit: number;
  /** Largest uploaded file for a scan. */
  readonly scanUploadLimit: number;
  /** Server-side folders an admin allowed to be scanned by path. */
  readonly scanRoots: readonly string[];
  /** Scan jobs waiting beyond the running one before new ones get 503. */
  readonly scanQueue: number;
  /** Set the Secure flag on cookies and send HSTS (behind TLS). */
  readonly secureCookies: boolean;
  /** The built dashboard to serve; defaults to web/dist beside the package. */
  readonly webDir?: string;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  bodyLimit: 1024 * 1024,
  ingestBodyLimit: 256 * 1024 * 1024,
  scanUploadLimit: 256 * 1024 * 1024,
  scanRoots: [],
  scanQueue: 8,
  secureCookies: false,
};

export interface ServerContext {
  readonly config: ServerConfig;
  readonly accounts: Accounts;
  readonly audit: AuditSink;
  readonly metrics: Metrics;
  readonly scans: ScanJobs;
  readonly now: () => number;
}
