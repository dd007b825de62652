// Workers start from a parent launched the way `leakwatch` is: with V8 heap
// flags on its command line, which a worker's execArgv refuses.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { workerExecArgv } from './start-worker.js';

describe('starting a worker thread', () => {
  it('keeps loaders and conditions but leaves out V8 heap flags and the parent entry flags', () => {
    expect(workerExecArgv(['--max-semi-space-size=32', '--import', 'tsx', '--conditions=dev', '--max-old-space-size=4096', '--input-type=module', '-e'])).toEqual(['--import', 'tsx', '--conditions=dev']);
  });

  it('runs a worker in a process started with --max-semi-space-size', () => {
    const tsx = import.meta.resolve('tsx/esm/api');
    const here = new URL('./start-worker.ts', import.meta.url).href;
    const script = `const { register } = await import(${JSON.stringify(tsx)}); register();
      const { startWorker } = await import(${JSON.stringify(here)});
      const w = startWorker(${JSON.stringify(new URL('./start-worker.test.ts', import.meta.url).href)}, './fixtures/echo-worker');
      w.on('message', (m) => { console.log(m); w.terminate(); });
      w.on('error', (e) => { console.log('error', e.code ?? e.message); process.exitCode = 1; });`;
    const r = spawnSync(process.execPath, ['--max-semi-space-size=32', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout.trim()).toBe('ready');
    expect(r.status).toBe(0);
  });
});
