// Starting a worker thread on a module of ours, the same from the compiled
// dist/ (its .js) and from the TypeScript sources (tests, `node --import tsx`),
// where the worker loads the .ts through tsx, which a worker does not inherit
// from its parent's --import.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/** V8 flags, such as the heap sizes `leakwatch` starts with: process-wide, a worker refuses them in its execArgv. */
const V8_ONLY = /^--(max-semi-space-size|max-old-space-size|max-young-generation-size|min-semi-space-size|semi-space-growth-factor|stack-size)(=|$)/;

/** The parent's flags a worker can take: its loaders and conditions, not its entry's `-e` nor V8 heap flags. */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  return execArgv.filter((a) => !a.startsWith('--input-type') && a !== '-e' && a !== '--eval' && !V8_ONLY.test(a));
}

/**
 * Starts a worker on `entry` (a path without extension, relative to `from`, the
 * caller's `import.meta.url`).
 * @example startWorker(import.meta.url, './scan-worker', { workerData })
 */
export function startWorker(from: string, entry: string, options: WorkerOptions = {}): Worker {
  const execArgv = workerExecArgv(process.execArgv);
  if (!from.endsWith('.ts')) return new Worker(fileURLToPath(new URL(`${entry}.js`, from)), { ...options, execArgv });
  const tsx = import.meta.resolve('tsx/esm/api');
  const url = new URL(`${entry}.ts`, from).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, { ...options, eval: true, execArgv });
}
