#!/usr/bin/env -S node --max-semi-space-size=32
// The `leakwatch` command line. Each command lives in its own module, loaded only
// when it runs. This is the one place that exits the process: ExitError and
// LeakwatchError become exit codes (0 clean, 1 findings, 2 error).
import { Command, CommanderError } from 'commander';
import { isLeakwatchError } from '../errors/index.js';
import { ExitError } from './exit-error.js';
import { VERSION } from '../version.js';
import { registerEvents } from './program/event-commands.js';
import { registerIncidents } from './program/incident-commands.js';
import { registerLedger } from './program/ledger-commands.js';
import { registerPlatform } from './program/platform-commands.js';
import { registerScan } from './program/scan-commands.js';

export function buildProgram(): Command {
  const program = new Command();
  program.name('leakwatch').description('Find personal data and secrets, and keep them from leaking.').version(VERSION).exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });

  registerScan(program);
  registerPlatform(program);
  registerEvents(program);
  registerLedger(program);
  registerIncidents(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof ExitError) {
      if (err.message) process.stderr.write(`leakwatch: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (isLeakwatchError(err)) {
      process.stderr.write(`leakwatch: ${err.code}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`leakwatch: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

// Exit only after stdout has drained, so piped reports are never cut short.
const code = await main(process.argv);
process.exitCode = code;
