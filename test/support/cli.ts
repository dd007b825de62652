// Runs the leakwatch command line as a user would, from the TypeScript sources
// (through tsx), and captures its exit code and output.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** The Node flags on the command's shebang (`#!/usr/bin/env -S node FLAGS`): the command runs with them, as from a shell. */
const NODE_FLAGS = (/^#!\/usr\/bin\/env -S node(.*)$/.exec(readFileSync(MAIN, 'utf8').split('\n', 1)[0] ?? '')?.[1] ?? '').trim().split(/\s+/).filter(Boolean);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; stdin?: string | Buffer; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', TSX, MAIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', LEAKWATCH_SALT: 'test-salt-0123456789', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A temporary folder removed after `fn`. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'lw-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A long-running command (e.g. `serve`), with its output so far and a way to stop it. */
export interface RunningCli {
  readonly output: () => string;
  /** Resolves with the first match of `pattern` in stdout, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number>;
}

export function startCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunningCli {
  const child = spawn(process.execPath, [...NODE_FLAGS, '--import', TSX, MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number>((res) => child.on('close', (code) => res(code ?? -1)));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    output: () => stdout + stderr,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((res, rej) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const m = stdout.match(pattern);
          if (m) {
            clearInterval(poll);
            res(m);
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            rej(new Error(`no ${pattern} in output: ${stdout}${stderr}`));
          }
        }, 50);
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
