// `leakwatch serve`: runs the platform server on the data directory. On a first
// start (no account yet) it prints a one-time setup link instead of a password.
import { join } from 'node:path';
import { openPlatform } from '../../server/index.js';
import { ExitError } from '../exit-error.js';
import { ensureDataDir } from '../data-dir.js';
import { resolveSalt } from '../salt.js';

export interface ServeFlags {
  data?: string;
  host?: string;
  port?: string;
  scanRoot?: string[];
  quiet?: boolean;
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port ?? process.env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ExitError(2, `--port must be a port number, not ${JSON.stringify(flags.port)}`);
  const host = flags.host ?? '127.0.0.1';
  const dataDir = await ensureDataDir(flags.data);
  const salt = await resolveSalt(undefined, undefined, join(dataDir, 'salt'));
  const platform = await openPlatform({
    config: { dataDir, host, port, scanRoots: flags.scanRoot ?? [] },
    salt,
    logger: flags.quiet ? false : { level: 'info' },
  });
  const address = await platform.app.listen({ host, port });
  const shown = address.replace('0.0.0.0', '127.0.0.1');
  process.stdout.write(`Leakwatch is running at ${shown} (data: ${dataDir})\n`);
  const token = await platform.ctx.accounts.createSetupToken(Date.now());
  if (token) {
    process.stdout.write(`\nNo account exists yet. Open this one-time link within 15 minutes to create the first admin:\n\n  ${shown}/setup?token=${token}\n\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void platform.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
