// Builds a server over a fresh SQLite file in a temp folder, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Accounts, type AuditRecord, DEFAULT_ACCOUNT_OPTIONS } from '../auth/index.js';
import { DEFAULT_SCAN_OPTIONS } from '../scan/index.js';
import { SqliteAccountStore } from '../store/index.js';
import { buildServer, type BuildOptions, type BuiltServer } from './app.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig, type ServerContext } from './context.js';
import { Metrics } from './metrics.js';
import { ScanJobs } from './scan-jobs.js';
import { openPlatform, type Platform } from './platform.js';

export interface TestServer extends BuiltServer {
  readonly ctx: ServerContext;
  readonly audit: AuditRecord[];
  readonly dir: string;
  /** Moves the server's clock. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function testServer(config: Partial<ServerConfig> = {}, options: BuildOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-server-'));
  const db = new Database(join(dir, 'test.db'));
  db.pragma('journal_mode = WAL');
  let clock = Date.UTC(2026, 10, 29, 8, 0, 0);
  const now = () => clock;
  const audit: AuditRecord[] = [];
  const sink = (r: AuditRecord) => void audit.push(r);
  // Fast password hashing keeps the suite quick; the parameters are stored in each hash.
  const accounts = new Accounts(new SqliteAccountStore(db), sink, { ...DEFAULT_ACCOUNT_OPTIONS });
  const scans = new ScanJobs(() => ({ ...DEFAULT_SCAN_OPTIONS, salt: 'test-salt-0001', workers: 0 }), { queue: 2, keep: 50, keepMs: 3600_000 }, () => {}, now);
  const ctx: ServerContext = { config: { ...DEFAULT_SERVER_CONFIG, dataDir: dir, ...config }, accounts, audit: sink, metrics: new Metrics(), scans, now };
  const built = await buildServer(ctx, options);
  return {
    ...built,
    ctx,
    audit,
    dir,
    advance: (ms) => void (clock += ms),
    close: async () => {
      await built.app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

/** Runs setup and logs in; returns the cookie header and CSRF token for requests. */
export async function signIn(s: Pick<TestServer, 'app' | 'ctx'>, who: { username: string; password: string } = ADMIN): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  if (await s.ctx.accounts.needsSetup()) {
    const token = (await s.ctx.accounts.createSetupToken(s.ctx.now()))!;
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, ...who } });
    if (res.statusCode !== 201) throw new Error(`setup failed: ${res.body}`);
  }
  const res = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: who });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** The whole platform (store, ledger, detection) over a fresh data folder. */
export async function testPlatform(config: Partial<ServerConfig> = {}): Promise<{ platform: Platform; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-platform-'));
  const platform = await openPlatform({ config: { dataDir: dir, ...config }, salt: 'test-salt-0001', silenceCheckMs: 0 });
  return {
    platform,
    dir,
    close: async () => {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { stopLoggingRecord } from '../../test/support/cloudtrail.js';
