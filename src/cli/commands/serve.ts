// `leakwatch serve`: runs the platform server on the data directory. On a first
// start (no account yet) it prints a one-time setup link instead of a password.
import { join } from 'node:path';
import { openPlatform, type Platform } from '../../server/index.js';
import { ExitError } from '../exit-error.js';
import { ensureDataDir } from '../data-dir.js';
import { resolveSalt } from '../salt.js';

export interface ServeFlags {
  data?: string;
  host?: string;
  port?: string;
  scanRoot?: string[];
  quiet?: boolean;
  /** Run `leakwatch demo` instead (`npm start -- --demo`). */
  demo?: boolean;
  days?: string;
  speed?: string;
}

/** The --port flag (else PORT, else 8080) as a port number. */
export function parsePort(flag: string | undefined): number {
  const port = Number(flag ?? process.env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ExitError(2, `--port must be a port number, not ${JSON.stringify(flag)}`);
  return port;
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  if (flags.demo) return (await import('./demo.js')).demoCommand(flags);
  const port = parsePort(flags.port);
  const host = flags.host ?? '127.0.0.1';
  const dataDir = await ensureDataDir(flags.data);
  const salt = await resolveSalt(undefined, undefined, join(dataDir, 'salt'));
  const platform = await openPlatform({
    config: { dataDir, host, port, scanRoots: flags.scanRoot ?? [] },
    salt,
    logger: flags.quiet ? false : { level: 'info' },
  });
  await listen(platform, host, port, dataDir);
  await untilStopped(platform);
}

/** Listens and prints the address, and the one-time setup link while no account exists. */
export async function listen(platform: Platform, host: string, port: number, dataDir: string): Promise<string> {
  const address = await platform.app.listen({ host, port });
  const shown = address.replace('0.0.0.0', '127.0.0.1');
  process.stdout.write(`Leakwatch is running at ${shown} (data: ${dataDir})\n`);
  const token = await platform.ctx.accounts.createSetupToken(Date.now());
  if (token) {
    process.stdout.write(`\nNo account exists yet. Open this one-time link within 15 minutes to create the first admin:\n\n  ${shown}/setup?token=${token}\n\n`);
  }
  return shown;
}

/** Resolves once SIGINT or SIGTERM has closed the platform; `beforeClose` runs first. */
export function untilStopped(platform: Platform, beforeClose: () => Promise<void> = async () => {}): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void beforeClose()
        .then(() => platform.close())
        .then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
