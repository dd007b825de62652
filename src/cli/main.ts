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
    .option('--demo', 'run `leakwatch demo` instead: a demo organisation streaming live (also takes --days and --speed)')
    .option('--days <n>', 'with --demo: days of history (default 30)')
    .option('--speed <x>', 'with --demo: live pace, times real time (default 1)')
    .action(async (flags) => (await import('./commands/serve.js')).serveCommand(flags));
  program
    .command('alerts')
    .description('list the alerts detection raised, newest first')
    .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json', 'jsonl']))
    .option('--since <time>', 'alerts active since: a span back from now (24h, 7d), an ISO date or time, or epoch ms')
    .addOption(new Option('--min-severity <level>', 'at or above this severity').choices(['low', 'medium', 'high', 'critical']))
    .option('--limit <n>', 'at most this many alerts (default 1000)')
    .option('--no-color', 'no colours')
    .action(async (flags) => (await import('./commands/alerts.js')).alertsCommand(flags));
  {
    const ledger = program.command('ledger').description('the tamper-evident audit ledger: append, prove, verify, witness');
    const sub = (name: string, description: string) =>
      ledger
        .command(name)
        .description(description)
        .option('--dir <dir>', name === 'witness' ? "the witness's own folder (default: <data>/witness)" : 'a standalone log folder (default: <data>/ledger)')
        .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)');
    const run = (name: string) => async (flags: object) => (await import('./commands/ledger.js')).ledgerCommand(name, flags);
    sub('init', 'create a log and its Ed25519 signing key; prints the verifier key').option('--origin <name>', 'the log origin (default: a fresh unique name)').action(run('init'));
    sub('append', 'append JSON records from stdin, one a line; prints their indices once a signed checkpoint covers them').option('--hex', 'raw leaves in hex instead, one a line (an empty line is the empty leaf)').action(run('append'));
    sub('checkpoint', 'print the latest signed checkpoint').action(run('checkpoint'));
    sub('prove', 'print the inclusion proof of an entry').requiredOption('--index <i>', 'entry index').option('--size <n>', 'tree size (default: the checkpoint)').option('--vkey <key>', 'verifier key (default: ledger.json)').action(run('prove'));
    sub('consistency', 'print the consistency proof between two tree sizes').requiredOption('--from <m>', 'older size').option('--to <n>', 'newer size (default: the checkpoint)').option('--vkey <key>', 'verifier key (default: ledger.json)').action(run('consistency'));
    sub('verify', 'recompute the whole tree and check every tile and the checkpoint; exit 1 naming what is wrong').option('--vkey <key>', 'verifier key, or a file holding it (default: ledger.json)').option('--log <dir-or-url>', 'verify this log instead of --dir').action(run('verify'));
    sub('witness', 'check a log is consistent with the checkpoint last seen and cosign it; exit 1 on a rollback or fork').requiredOption('--log <dir-or-url>', 'the log to witness').requiredOption('--vkey <key>', "the log's verifier key").option('--name <name>', 'witness key name when it is created').action(run('witness'));
  }
  program
    .command('ingest')
    .description('read audit logs (CloudTrail, S3 access, M365, Workspace, Okta, Entra, auditd, Windows JSON, JSONL) into the store')
    .argument('<paths...>', 'files or folders (.gz read as such), - for stdin')
    .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)')
    .addOption(new Option('--format <format>', 'log format (default: recognised by content)').choices(['auto', 'cloudtrail', 's3access', 'm365', 'gworkspace', 'okta', 'entra', 'auditd', 'windows', 'jsonl']))
    .option('--mapping <file>', 'field mapping (JSON or YAML) for generic JSONL')
    .option('--json', 'print the summary as one JSON document')
    .option('--follow', 'keep reading files as they grow, across rotation, until interrupted')
    .option('--max-record-bytes <n>', 'largest record read (default 8388608); larger ones are dead-lettered')
    .option('--max-future-skew <hours>', 'events further in the future are dead-lettered (default 24)')
    .option('--keep-missing-time', 'store records without an event time at their ingest time, flagged, instead of dead-lettering them')
    .option('--no-progress', 'no progress bar')
    .action(async (paths: string[], flags) => (await import('./commands/ingest.js')).ingestCommand(paths, flags));
  program
    .command('events')
    .description('export stored events, oldest first (--format ocsf for OCSF)')
    .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'json', 'ocsf']).default('jsonl'))
    .option('--since <time>', 'events at or after: 24h, 7d, an ISO date or epoch ms')
    .option('--until <time>', 'events before: 24h, 7d, an ISO date or epoch ms')
    .option('--source <format>', 'only this source (cloudtrail, m365, ...)')
    .option('--channel <channel>', 'only this channel (download, share_link, ...)')
    .option('--actor <actor>', 'only this user or service')
    .option('--limit <n>', 'at most this many events')
    .option('--raw', 'include the raw vendor record (json and jsonl)')
    .action(async (flags) => (await import('./commands/events.js')).eventsCommand(flags));
  {
    const data = ['--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)'] as const;
    const incidents = program.command('incidents').description('the incident registry (VERIS): import, list, show, export');
    incidents
      .command('import')
      .description('import incidents: VERIS JSON/JSONL (gzip too, or a folder of .json), the HHS OCR breach CSV, the Dork-Admin chronicle; exit 1 when records were skipped')
      .argument('<paths...>', 'files or folders')
      .option(...data)
      .addOption(new Option('--format <format>', 'input format (default: recognised by content)').choices(['auto', 'veris', 'hhs-ocr', 'dork-admin-zh']))
      .option('--dataset <name>', 'dataset the incidents join; privacy budgets are per dataset (default: the format)')
      .addOption(new Option('--status <status>', 'status of new incidents (default closed: past, public incidents)').choices(['new', 'triage', 'contained', 'resolved', 'closed']))
      .option('--json', 'print the summaries as JSON')
      .action(async (paths: string[], flags) => (await import('./commands/incidents.js')).incidentsImportCommand(paths, flags));
    incidents
      .command('list')
      .description('list incidents, latest change first')
      .option(...data)
      .option('--dataset <name>', 'only this dataset (repeatable)', collect)
      .option('--status <status>', 'only this status (repeatable)', collect)
      .option('--year <year>', 'only incidents of this year')
      .option('--channel <channel>', 'only this leak channel')
      .option('--cause <cause>', 'only this cause class')
      .option('--country <code>', 'only incidents with this victim country')
      .option('--text <text>', 'title contains')
      .option('--limit <n>', 'at most this many (default 50)')
      .option('--offset <n>', 'skip this many')
      .option('--json', 'print as JSON')
      .action(async (flags) => (await import('./commands/incidents.js')).incidentsListCommand(flags));
    incidents
      .command('show')
      .description('one incident: coding, leak fields, notification deadlines, timeline, comments, evidence')
      .argument('<id>', 'incident id')
      .option(...data)
      .option('--policies <file>', 'notification policies (JSON list; default: GDPR Art. 33, 72 hours)')
      .option('--json', 'print as JSON')
      .action(async (id: string, flags) => (await import('./commands/incidents.js')).incidentsShowCommand(id, flags));
    incidents
      .command('export')
      .description('write incidents as VERIS JSON Lines (stdout, or --output; .gz is gzipped)')
      .option(...data)
      .option('--dataset <name>', 'only this dataset (repeatable)', collect)
      .option('-o, --output <file>', 'write to a file (mode 0600)')
      .action(async (flags) => (await import('./commands/incidents.js')).incidentsExportCommand(flags));
    program
      .command('report')
      .description('incident report: counts, shares, monthly trends with flagged months, calendar-window rate ratios')
      .option(...data)
      .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json', 'csv', 'html']))
      .option('--windows <file>', 'calendar windows (JSON or YAML; default: the windows saved in the store)')
      .option('--by <dims>', 'dimensions compared per window (default action,cause,channel,industry)')
      .option('--dataset <name>', 'only this dataset (repeatable)', collect)
      .option('--from <year>', 'only incidents from this year')
      .option('--to <year>', 'only incidents up to this year')
      .option('-o, --output <file>', 'write to a file (mode 0600)')
      .action(async (flags) => (await import('./commands/report.js')).reportCommand(flags));
    program
      .command('export')
      .description('differentially private release of incident counts (and sums) by dimensions, charged to each dataset’s privacy budget')
      .option(...data)
      .option('--dp', 'a differentially private release (the only kind)')
      .option('--epsilon <e>', 'privacy loss ε of this release')
      .option('--delta <d>', 'δ (default 0; needed for threshold key selection and the Gaussian mechanism)')
      .option('--by <dims>', 'dimensions: year, action, actor, disclosure, cause, channel, industry, region, country, official')
      .addOption(new Option('--mechanism <m>', 'noise (default laplace)').choices(['laplace', 'gaussian']))
      .addOption(new Option('--keys <mode>', 'release every public key, or only keys passing a threshold (default: public when δ = 0)').choices(['public', 'threshold']))
      .option('--max-keys <k>', 'contribution bound: cells per incident (default 1, or 2 with a multi-valued dimension)')
      .addOption(new Option('--sum <field>', 'also release noisy sums').choices(['records']))
      .option('--clamp <n>', 'largest records counted per incident in a sum')
      .option('--years <from-to>', 'public domain of year (default 1950 to this year)')
      .option('--dataset <name>', 'datasets to read and charge (repeatable; default all)', collect)
      .addOption(new Option('-f, --format <format>', 'output format (default json)').choices(['json', 'csv']))
      .option('-o, --output <file>', 'write to a file (mode 0600)')
      .option('--budget', 'print every dataset’s privacy budget instead')
      .option('--cap-epsilon <e>', 'set the ε cap of --dataset (any on a new budget, only lower afterwards)')
      .option('--cap-delta <d>', 'set the δ cap of --dataset (same rule)')
      .action(async (flags) => (await import('./commands/export.js')).exportCommand(flags));
  }
  program
    .command('demo')
    .description('fill a fresh data directory with a demo organisation (a month of activity, planted leaks), keep it streaming live, and serve the dashboard')
    .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data); refused when it holds real events')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default: PORT or 8080)')
    .option('--days <n>', 'days of history (default 30)')
    .option('--speed <x>', 'live pace, times real time: batches and planted leaks come this much faster (default 1)')
    .option('--quiet', 'no server log')
    .action(async (flags) => (await import('./commands/demo.js')).demoCommand(flags));
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
