// scan, redact, detectors: the scanner's commands.
import { Option, type Command } from 'commander';
import { collect, commonOptions } from './options.js';

export function registerScan(program: Command): void {
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
  ).action(async (paths: string[], flags) => (await import('../commands/scan.js')).scanCommand(paths, flags));

  commonOptions(
    program
      .command('redact')
      .description('write a copy of a text, CSV or JSON file with every finding replaced')
      .argument('<in>', 'file to redact')
      .argument('<out>', 'where to write the redacted copy')
      .addOption(new Option('-m, --mode <mode>', 'replacement: mask keeps the shape, hash a salted hash, tag the type').choices(['mask', 'hash', 'tag']).default('mask'))
      .option('--json', 'print the summary as JSON'),
  ).action(async (input: string, output: string, flags) => (await import('../commands/redact.js')).redactCommand(input, output, flags));

  commonOptions(program.command('detectors').description('list the detectors a scan runs').option('--json', 'print as JSON')).action(
    async (flags) => (await import('../commands/detectors.js')).detectorsCommand(flags),
  );
}
