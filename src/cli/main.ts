#!/usr/bin/env node
// The `leakwatch` command line. Each command lives in its own module, loaded only
// when it runs. This is the one place that exits the process: ExitError and
// LeakwatchError become exit codes (0 clean, 1 findings, 2 error).
import { Command, CommanderError, Option } from 'commander';
import { isLeakwatchError } from '../errors/index.js';
import { ExitError } from './exit-error.js';
import { VERSION } from '../version.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function commonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file (default: ./leakwatch.config.json when present)')
    .addOption(new Option('--min-confidence <level>', 'report only findings at or above this confidence').choices(['low', 'medium', 'high']))
    .option('--only <ids>', 'run only these detector ids (comma-separated)')
    .option('--disable <ids>', 'leave out these detector ids (comma-separated)')
    .option('--salt <salt>', 'salt for fingerprints (default: LEAKWATCH_SALT, the config, or a per-user salt)')
    .option('--limit <name=value>', 'override a limit, e.g. maxArchiveDepth=3 (repeatable)', collect);
}

export function buildProgram(): Command {
  const program = new Command();
  program.name('leakwatch').description('Find personal data and secrets, and keep them from leaking.').version(VERSION).exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });

  commonOptions(
    program
      .command('scan')
      .description('scan files, folders, archives, documents and e-mail (use - for stdin)')
      .argument('[paths...]', 'files or folders to scan (default: .)')
      .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json', 'jsonl', 'sarif']))
      .option('-o, --output <file>', 'write the report to a file (mode 0600)')
      .option('--exclude <pattern>', 'gitignore-style pattern of paths to skip (repeatable)', collect)
      .option('--no-gitignore', 'do not honour .gitignore files')
      .option('--reveal', 'include raw values in the report (they are redacted otherwise)')
      .option('-w, --workers <n>', 'worker threads (default: one per core; 0 scans on the main thread)')
      .option('--no-progress', 'no progress bar')
      .option('--no-color', 'no colours'),
  ).action(async (paths: string[], flags) => (await import('./commands/scan.js')).scanCommand(paths, flags));

  commonOptions(
    program
      .command('redact')
      .description('write a copy of a text, CSV or JSON file with every finding replaced')
      .argument('<in>', 'file to redact')
      .argument('<out>', 'where to write the redacted copy')
      .addOption(new Option('-m, --mode <mode>', 'replacement: mask keeps the shape, hash a salted hash, tag the type').choices(['mask', 'hash', 'tag']).default('mask'))
      .option('--json', 'print the summary as JSON'),
  ).action(async (input: string, output: string, flags) => (await import('./commands/redact.js')).redactCommand(input, output, flags));

  commonOptions(program.command('detectors').description('list the detectors a scan runs').option('--json', 'print as JSON')).action(
    async (flags) => (await import('./commands/detectors.js')).detectorsCommand(flags),
  );
  program
    .command('serve')
    .description('run the platform server with the web dashboard')
    .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default: PORT or 8080)')
    .option('--scan-root <dir>', 'a server folder that may be scanned by path (repeatable)', collect)
    .option('--quiet', 'no request log')
    .action(async (flags) => (await import('./commands/serve.js')).serveCommand(flags));
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
